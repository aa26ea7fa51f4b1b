//! Working days and due dates: weekends and public holidays (holidays are data:
//! `params/calendar.toml`, national public holidays without cuti bersama).
//!
//! A contribution month's due date is `payment_due.day` of the month `payment_due.months_after`
//! the contribution month (clamped to that month's last day: February has no 30th), moved by
//! `calendar.due_date.holiday_shift` (+1: next working day; -1: the working day before) while it
//! is not a working day. The day, offset and shift are chosen by the contribution month's rule
//! date, like every contribution rule.

use crate::error::CalcError;
use crate::results::Segment;
use crate::trace::{Ctx, Label};
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

const HOLIDAYS: &str = "calendar.public_holidays";
const SHIFT: &str = "calendar.due_date.holiday_shift";

/// Saturday or Sunday.
pub fn is_weekend(date: Date) -> bool {
    matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
}

/// Not a weekend and not in `holidays`.
pub fn is_working_day(date: Date, holidays: &[Date]) -> bool {
    !is_weekend(date) && holidays.binary_search(&date).is_err()
}

/// `day` of the month `months_after` months after `month`, clamped to that month's last day.
pub fn nominal_due(month: Date, months_after: i64, day: i64) -> Result<Date, CalcError> {
    let first = month
        .first_of_month()
        .checked_add(months_after.months())
        .map_err(|e| CalcError::invalid("contribution_month", e.to_string()))?;
    let last = i64::from(first.last_of_month().day());
    let day = i8::try_from(day.clamp(1, last)).unwrap_or(1);
    Date::new(first.year(), first.month(), day)
        .map_err(|e| CalcError::invalid("contribution_month", e.to_string()))
}

/// The payment due date of `segment`'s contributions for the contribution month containing
/// `month`, with the trace of how it was found.
pub fn due_date(ctx: &mut Ctx<'_>, segment: Segment, month: Date) -> Result<Date, CalcError> {
    let rule_date = crate::dates::contribution_rule_date(month);
    let (day_param, offset_param, cite) = match segment {
        Segment::Pu => (
            "pu.payment_due.day",
            "pu.payment_due.months_after",
            "PP 44/2015, PP 46/2015 (pasal pembayaran iuran); PP 49/2020 Pasal 4",
        ),
        Segment::Bpu => (
            "bpu.payment_due.day",
            "bpu.payment_due.months_after",
            "PP 44/2015, PP 46/2015 (pasal pembayaran iuran BPU); PP 49/2020 Pasal 4",
        ),
        Segment::Jakon | Segment::Pmi => {
            return Err(CalcError::invalid(
                "segment",
                format!(
                    "{} contributions are paid per project or package, not monthly: no monthly due date",
                    segment.code()
                ),
            ));
        }
    };
    let day = ctx.count(day_param, rule_date)?;
    let months_after = ctx.count(offset_param, rule_date)?;
    let shift = ctx.count(SHIFT, rule_date)?;
    let step = match shift {
        1 => 1,
        -1 => -1,
        other => {
            return Err(CalcError::MissingParameter {
                parameter: SHIFT.to_owned(),
                date: rule_date,
                message: format!(
                    "{other} is not a shift: +1 (next working day) or -1 (the working day before)"
                ),
            });
        }
    };
    let nominal = nominal_due(month, months_after, day)?;
    let mut due = nominal;
    // A run of non-working days is never longer than a couple of weeks; the bound only
    // guarantees termination with absurd holiday overrides.
    for _ in 0..40 {
        let holidays = ctx.dates(HOLIDAYS, due)?;
        if is_working_day(due, &holidays) {
            if ctx.tracing() {
                let (moved_id, moved_en) = match (due == nominal, step > 0) {
                    (true, _) => ("hari kerja", "a working day"),
                    (false, true) => (
                        "bukan hari kerja, maju ke hari kerja berikutnya",
                        "not a working day, moved to the next working day",
                    ),
                    (false, false) => (
                        "bukan hari kerja, mundur ke hari kerja sebelumnya",
                        "not a working day, moved to the working day before",
                    ),
                };
                ctx.rule(
                    Label::owned(
                        format!("batas waktu: tanggal {day}, {months_after} bulan setelah bulan iuran = {nominal} ({moved_id}) → jatuh tempo {due}"),
                        format!("due date: day {day}, {months_after} month(s) after the contribution month = {nominal} ({moved_en}) → due {due}"),
                    ),
                    true,
                    Some(cite),
                );
            }
            return Ok(due);
        }
        due = due
            .checked_add(step.days())
            .map_err(|e| CalcError::invalid("contribution_month", e.to_string()))?;
    }
    Err(CalcError::invalid(
        "contribution_month",
        "no working day found near the due date (check the holiday list)",
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::ParamSet;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn due(segment: Segment, month: &str) -> Date {
        let params = ParamSet::embedded().unwrap();
        let mut ctx = Ctx::new(&params, None, true);
        due_date(&mut ctx, segment, d(month)).unwrap()
    }

    #[test]
    fn pu_is_the_15th_of_the_next_month_moved_past_weekends_and_holidays() {
        // 15 Apr 2026 is a Wednesday.
        assert_eq!(due(Segment::Pu, "2026-03-01"), d("2026-04-15"));
        // 15 Feb 2026 is a Sunday: Monday 16 Feb (17 Feb, Imlek, is not reached).
        assert_eq!(due(Segment::Pu, "2026-01-01"), d("2026-02-16"));
        // 15 Aug 2026 is a Saturday; 17 Aug (Monday) is Independence Day: Tuesday 18 Aug.
        assert_eq!(due(Segment::Pu, "2026-07-01"), d("2026-08-18"));
    }

    #[test]
    fn bpu_is_the_15th_of_the_same_month() {
        assert_eq!(due(Segment::Bpu, "2026-04-01"), d("2026-04-15"));
        // 15 Mar 2026 is a Sunday: Monday 16 Mar.
        assert_eq!(due(Segment::Bpu, "2026-03-01"), d("2026-03-16"));
    }

    #[test]
    fn pp49_2020_moves_to_the_30th_and_back_to_the_working_day_before() {
        // Aug 2020 → 30 Sep 2020, a Wednesday.
        assert_eq!(due(Segment::Pu, "2020-08-01"), d("2020-09-30"));
        // Sep 2020 → 30 Oct 2020 is a Friday, but a cuti bersama only: still due that day.
        assert_eq!(due(Segment::Pu, "2020-09-01"), d("2020-10-30"));
        // Jan 2021 → February has no 30th: 28 Feb 2021, a Sunday → Friday 26 Feb.
        assert_eq!(due(Segment::Pu, "2021-01-01"), d("2021-02-26"));
        // Oct 2020 → 30 Nov 2020, a Monday.
        assert_eq!(due(Segment::Pu, "2020-10-01"), d("2020-11-30"));
        // Jul 2020 (before the relief) → 15 Aug 2020 is a Saturday; 17 Aug a holiday: 18 Aug.
        assert_eq!(due(Segment::Pu, "2020-07-01"), d("2020-08-18"));
    }

    #[test]
    fn weekends_and_holidays() {
        assert!(is_weekend(d("2026-11-28")));
        assert!(!is_working_day(d("2026-12-25"), &[d("2026-12-25")]));
        assert!(is_working_day(d("2026-12-24"), &[d("2026-12-25")]));
    }
}
