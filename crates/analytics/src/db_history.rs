//! Month-end coverage snapshots reconstructed from membership history (the trend's closed
//! months): the backfill (`jamsos coverage snapshot --from …`) and the month-close job
//! (`jamsos serve` runs it at start and hourly). Each month is written in ONE transaction —
//! its run row in `coverage_snapshot_runs` (0220), its old rows deleted, one grouped
//! `INSERT … SELECT` ([`history::SNAPSHOT_FROM_HISTORY`]) — so a reader sees a month whole or
//! not at all. The month-close job claims a month with an insert that does nothing when the
//! run row exists, so two servers never write the same month twice.
//!
//! Clock-free: "today" and the run's timestamp are the caller's (the edge reads the clock).

use crate::db::{AnalyticsDb, DbError, Result};
use crate::history::{self, month_end};
use crate::period::Month;
use jamsos_store::Actor;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeSet;

/// Who writes a snapshot and when (recorded in its run row).
#[derive(Clone, Debug)]
pub struct Stamp {
    pub actor: Actor,
    pub at: jiff::Timestamp,
}

/// One month written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MonthSnapshot {
    pub month: Month,
    /// `coverage_monthly` rows (region × sector × segment × vulnerable × programs cells).
    pub cells: u64,
    /// Active participants at the month's end.
    pub active: u64,
}

/// A row of `coverage_snapshot_runs`.
#[derive(Clone, Debug, Serialize)]
pub struct SnapshotRun {
    pub month: Month,
    /// `history` (reconstructed from start/end dates) or `legacy` (written before 0220).
    pub source: String,
    pub cells: u64,
    pub active: u64,
    pub actor: String,
    pub at: String,
}

/// What one pass of the month-close job did.
#[derive(Clone, Debug, Default, Serialize)]
pub struct CloseReport {
    /// Months snapshotted by this pass, oldest first.
    pub written: Vec<MonthSnapshot>,
    /// Months found missing but written by someone else meanwhile (another server).
    pub taken: Vec<Month>,
}

/// Whether a snapshot replaces a month already written (backfill) or leaves it (month close).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Claim {
    Replace,
    IfMissing,
}

fn stored(key: &str, why: impl ToString) -> DbError {
    DbError::Stored {
        table: "coverage_snapshot_runs",
        key: key.to_owned(),
        why: why.to_string(),
    }
}

/// Runs `$body` with `$tx` a write transaction on whichever engine the store holds
/// (`BEGIN IMMEDIATE` on SQLite, so the month is written under the writer lock from the start).
macro_rules! in_tx {
    ($db:expr, $tx:ident => $body:block) => {{
        let store = $db.store();
        match (store.sqlite_pool(), store.postgres_pool()) {
            (Some(p), _) => {
                let mut $tx = p.begin_with("BEGIN IMMEDIATE").await?;
                $body
            }
            (None, Some(p)) => {
                let mut $tx = p.begin().await?;
                $body
            }
            (None, None) => return Err(stored("-", "the store has no database pool")),
        }
    }};
}

/// `fetch_all` of a query on whichever engine the store holds.
macro_rules! fetch {
    ($db:expr, $ty:ty, $sql:expr $(, $b:expr)*) => {{
        let store = $db.store();
        match (store.sqlite_pool(), store.postgres_pool()) {
            (Some(p), _) => sqlx::query_as::<_, $ty>($sql)$(.bind($b))*.fetch_all(p).await?,
            (None, Some(p)) => sqlx::query_as::<_, $ty>($sql)$(.bind($b))*.fetch_all(p).await?,
            (None, None) => return Err(stored("-", "the store has no database pool")),
        }
    }};
}

impl AnalyticsDb {
    /// The month of the earliest membership start (`None`: no membership yet).
    pub async fn first_membership_month(&self) -> Result<Option<Month>> {
        let rows = fetch!(self, (Option<String>,), history::FIRST_START);
        match rows.into_iter().next().and_then(|r| r.0) {
            None => Ok(None),
            Some(d) => {
                let m = d
                    .get(..7)
                    .and_then(|t| Month::parse(t).ok())
                    .ok_or_else(|| DbError::Stored {
                        table: "memberships",
                        key: d.clone(),
                        why: "start_date is not YYYY-MM-DD".to_owned(),
                    })?;
                Ok(Some(m))
            }
        }
    }

    /// Every month-end snapshot written, oldest first.
    pub async fn snapshot_runs(&self) -> Result<Vec<SnapshotRun>> {
        type R = (String, String, i64, i64, String, String);
        let rows = fetch!(self, R, history::RUNS);
        rows.into_iter()
            .map(|(month, source, cells, active, actor, at)| {
                Ok(SnapshotRun {
                    month: Month::parse(&month).map_err(|e| stored(&month, e))?,
                    cells: u64::try_from(cells).map_err(|e| stored(&month, e))?,
                    active: u64::try_from(active).map_err(|e| stored(&month, e))?,
                    source,
                    actor,
                    at,
                })
            })
            .collect()
    }

    /// Writes month `month` from membership history; `None` when `claim` is `IfMissing` and
    /// the month already has a run.
    async fn snapshot_from_history(
        &self,
        month: Month,
        claim: Claim,
        stamp: &Stamp,
    ) -> Result<Option<MonthSnapshot>> {
        let m = month.to_string();
        let end = month_end(month).to_string();
        let at = stamp.at.to_string();
        let claim_sql = match claim {
            Claim::Replace => history::REPLACE_RUN,
            Claim::IfMissing => history::CLAIM_RUN,
        };
        let totals: Option<(i64, i64)> = in_tx!(self, tx => {
            let claimed = sqlx::query(claim_sql)
                .bind(&m)
                .bind(stamp.actor.as_str())
                .bind(&at)
                .execute(&mut *tx)
                .await?
                .rows_affected();
            if claimed == 0 {
                tx.rollback().await?;
                None
            } else {
                sqlx::query(history::DELETE_MONTH).bind(&m).execute(&mut *tx).await?;
                sqlx::query(history::SNAPSHOT_FROM_HISTORY)
                    .bind(&m)
                    .bind(&end)
                    .execute(&mut *tx)
                    .await?;
                let (cells, active): (i64, i64) = sqlx::query_as(history::MONTH_TOTALS)
                    .bind(&m)
                    .fetch_one(&mut *tx)
                    .await?;
                sqlx::query(history::FINISH_RUN)
                    .bind(&m)
                    .bind(cells)
                    .bind(active)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                Some((cells, active))
            }
        });
        totals
            .map(|(cells, active)| {
                Ok(MonthSnapshot {
                    month,
                    cells: u64::try_from(cells).map_err(|e| stored(&m, e))?,
                    active: u64::try_from(active).map_err(|e| stored(&m, e))?,
                })
            })
            .transpose()
    }

    /// Reconstructs `months` from membership history, replacing what was written for them
    /// (idempotent: running it again writes the same rows). One transaction per month; the
    /// caller checks the months are closed ([`history::backfill_months`]).
    pub async fn backfill_snapshots(
        &self,
        months: &[Month],
        stamp: &Stamp,
    ) -> Result<Vec<MonthSnapshot>> {
        let mut out = Vec::with_capacity(months.len());
        for &month in months {
            if let Some(s) = self
                .snapshot_from_history(month, Claim::Replace, stamp)
                .await?
            {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// The month-close job, one pass: snapshots every closed month (before `today`'s) since
    /// the first membership that has no snapshot yet. Months written by another server in
    /// the meantime are skipped, not written twice.
    pub async fn close_months(&self, today: Date, stamp: &Stamp) -> Result<CloseReport> {
        let mut report = CloseReport::default();
        let Some(first) = self.first_membership_month().await? else {
            return Ok(report);
        };
        let done: BTreeSet<Month> = self
            .snapshot_runs()
            .await?
            .into_iter()
            .map(|r| r.month)
            .collect();
        for month in history::missing_months(first, today, &done) {
            match self
                .snapshot_from_history(month, Claim::IfMissing, stamp)
                .await?
            {
                Some(s) => report.written.push(s),
                None => report.taken.push(month),
            }
        }
        Ok(report)
    }
}
