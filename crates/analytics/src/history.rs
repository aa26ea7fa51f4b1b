//! The month-by-month trend's history: which months a month-close job must snapshot, and the
//! SQL that reconstructs a past month's `coverage_monthly` rows from membership start and end
//! dates. Pure and clock-free: callers pass "today" (the server's clock is read at the edge).
//!
//! A month is *closed* once today is in a later month; the current (open) month is never
//! snapshotted — its figures come from `coverage_current`, appended to the closed months, so
//! a trend ends today. A membership is active at a month's end when `start_date <= end of
//! month` and it had not ended before that day (`end_date` is the last day, inclusive).
//!
//! Limitation: the registry does not historise a person's residence nor an employer's KBLI,
//! so a reconstructed month counts each membership under today's residence region and
//! today's sector (segment, sponsor and program set are the membership's own).

use crate::period::Month;
use jiff::civil::Date;
use std::collections::BTreeSet;

/// The last day of a month (the date a month-end snapshot stands for).
pub fn month_end(m: Month) -> Date {
    m.first_day().last_of_month()
}

/// Every closed month from `first` (the month of the earliest membership start) to the month
/// before `today`'s. Empty when `first` is not yet closed.
pub fn closed_months(first: Month, today: Date) -> Vec<Month> {
    first.through(Month::of(today).prev())
}

/// The closed months that have no snapshot yet, oldest first.
pub fn missing_months(first: Month, today: Date, done: &BTreeSet<Month>) -> Vec<Month> {
    closed_months(first, today)
        .into_iter()
        .filter(|m| !done.contains(m))
        .collect()
}

/// Why a backfill range was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RangeError {
    #[error(
        "{0} is not closed yet: the current month's figures come from today's registry (coverage_current); backfill up to {1}"
    )]
    NotClosed(Month, Month),
    #[error("--from {0} is after --to {1}")]
    Reversed(Month, Month),
}

/// The months a backfill writes: `from` (default: the first membership's month) through `to`
/// (default: the last closed month), refusing any month not yet closed. Empty when the
/// registry has no membership and no `from` is given.
pub fn backfill_months(
    from: Option<Month>,
    to: Option<Month>,
    first: Option<Month>,
    today: Date,
) -> Result<Vec<Month>, RangeError> {
    let last_closed = Month::of(today).prev();
    let to = to.unwrap_or(last_closed);
    if to > last_closed {
        return Err(RangeError::NotClosed(to, last_closed));
    }
    let Some(from) = from.or(first) else {
        return Ok(Vec::new());
    };
    if from > to {
        return Err(RangeError::Reversed(from, to));
    }
    Ok(from.through(to))
}

/// Reconstructs month `$1` (YYYY-MM) as of its last day `$2` (YYYY-MM-DD) from membership
/// history, with the same dimensions and expressions as `coverage_current` (0200_analytics.sql):
/// one grouped `INSERT … SELECT` per month, whatever the registry's size.
pub const SNAPSHOT_FROM_HISTORY: &str = "INSERT INTO coverage_monthly \
       (month, region_code, sector, segment, vulnerable, programs, active) \
     SELECT $1, COALESCE(p.region_code, ''), COALESCE(substr(e.kbli, 1, 2), ''), m.segment, \
       (m.segment = 'BPU' AND m.sponsor_id IS NOT NULL), m.programs, count(*) \
     FROM memberships m \
     JOIN persons p ON p.id = m.person_id \
     LEFT JOIN employers e ON e.id = m.employer_id \
     WHERE m.start_date <= $2 AND (m.end_date IS NULL OR m.end_date >= $2) \
     GROUP BY 2, 3, 4, 5, 6";

/// The month-close job's claim on month `$1` (`$2` actor, `$3` timestamp): inserts nothing
/// when the month already has a run (written before, or by another server right now).
pub const CLAIM_RUN: &str = "INSERT INTO coverage_snapshot_runs (month, source, cells, active, actor, at) \
     VALUES ($1, 'history', 0, 0, $2, $3) ON CONFLICT (month) DO NOTHING";

/// A backfill's claim: takes the month over whatever wrote it before.
pub const REPLACE_RUN: &str = "INSERT INTO coverage_snapshot_runs (month, source, cells, active, actor, at) \
     VALUES ($1, 'history', 0, 0, $2, $3) ON CONFLICT (month) DO UPDATE \
     SET source = 'history', cells = 0, active = 0, actor = excluded.actor, at = excluded.at";

pub const DELETE_MONTH: &str = "DELETE FROM coverage_monthly WHERE month = $1";

/// Cells and active participants written for month `$1`.
pub const MONTH_TOTALS: &str = "SELECT CAST(count(*) AS BIGINT), CAST(COALESCE(sum(active), 0) AS BIGINT) \
     FROM coverage_monthly WHERE month = $1";

pub const FINISH_RUN: &str =
    "UPDATE coverage_snapshot_runs SET cells = $2, active = $3 WHERE month = $1";

/// Columns: month, source, cells, active, actor, at.
pub const RUNS: &str =
    "SELECT month, source, cells, active, actor, at FROM coverage_snapshot_runs ORDER BY month";

/// The earliest membership start (YYYY-MM-DD), NULL when there is none.
pub const FIRST_START: &str = "SELECT min(start_date) FROM memberships";

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn m(t: &str) -> Month {
        Month::parse(t).unwrap()
    }

    #[test]
    fn month_ends() {
        assert_eq!(month_end(m("2024-02")), date(2024, 2, 29));
        assert_eq!(month_end(m("2025-02")), date(2025, 2, 28));
        assert_eq!(month_end(m("2026-12")), date(2026, 12, 31));
    }

    #[test]
    fn closed_and_missing() {
        let today = date(2026, 3, 1);
        assert_eq!(
            closed_months(m("2025-11"), today),
            vec![m("2025-11"), m("2025-12"), m("2026-01"), m("2026-02")]
        );
        // The first day of a month already closes the one before; the current never is.
        assert_eq!(closed_months(m("2026-02"), date(2026, 2, 28)), vec![]);
        assert_eq!(closed_months(m("2026-03"), today), vec![]);
        let done: BTreeSet<Month> = [m("2025-12"), m("2026-02")].into();
        assert_eq!(
            missing_months(m("2025-11"), today, &done),
            vec![m("2025-11"), m("2026-01")]
        );
    }

    #[test]
    fn backfill_ranges() {
        let today = date(2026, 11, 24);
        let first = Some(m("2026-08"));
        assert_eq!(
            backfill_months(None, None, first, today).unwrap(),
            vec![m("2026-08"), m("2026-09"), m("2026-10")]
        );
        assert_eq!(
            backfill_months(Some(m("2026-10")), None, first, today).unwrap(),
            vec![m("2026-10")]
        );
        assert_eq!(
            backfill_months(None, Some(m("2026-11")), first, today),
            Err(RangeError::NotClosed(m("2026-11"), m("2026-10")))
        );
        assert_eq!(
            backfill_months(Some(m("2026-10")), Some(m("2026-09")), first, today),
            Err(RangeError::Reversed(m("2026-10"), m("2026-09")))
        );
        assert_eq!(backfill_months(None, None, None, today).unwrap(), vec![]);
    }
}
