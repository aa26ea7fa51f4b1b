//! The database door: runs [`crate::sql`]'s queries on the registry's own database (SQLite or
//! PostgreSQL, through the store's pool — the analytics tables are created by the store's
//! migrations `0200_analytics.sql`, so one migrator owns the schema) and turns the rows into
//! the pure core's aggregates ([`Dataset`]). Also the two analytics imports (workforce potential,
//! company data): validated first, then written in ONE transaction, nothing written unless the
//! whole file is valid. This module is an edge: it reads the clock (the import's date).
//!
//! Layering: analytics depends on the store (never the reverse), as jamsos-web does for its
//! account tables.

use crate::campaign::{Campaign, PentahelixRole, TaggedEnrolment};
use crate::compliance::{CompanyReport, EmployerFacts, WageStats};
use crate::demo::Dataset;
use crate::import::{self, ImportReport};
use crate::matching::{EmployerKey, Match, Matcher, normalise_name};
use crate::model::{EnrolledRecord, PotentialRecord, ProgramSet};
use crate::period::{Month, StatPeriod};
use crate::region::{Kemendagri, RegionKey};
use crate::sector::Sector;
use crate::sql;
use jamsos_rules::Rupiah;
use jamsos_store::{Actor, Store};
use jiff::civil::Date;
use serde::Serialize;
use sqlx::{PgPool, SqlitePool};
use std::collections::BTreeMap;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("database: {0}")]
    Sql(#[from] sqlx::Error),
    #[error("store: {0}")]
    Store(#[from] jamsos_store::StoreError),
    #[error(transparent)]
    Row(#[from] sql::RowError),
    /// A stored row the core cannot read (the migrations' CHECKs should have refused it).
    #[error("stored {table} row {key:?}: {why}")]
    Stored {
        table: &'static str,
        key: String,
        why: String,
    },
    #[error("the file is not valid; nothing was written:\n  {}", .0.lines().join("\n  "))]
    Invalid(ImportReport),
    #[error("this file was already imported (analytics import {0}); nothing was written")]
    AlreadyImported(i64),
}

pub type Result<T> = std::result::Result<T, DbError>;

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Analytics over the registry database. Cheap to clone.
#[derive(Clone, Debug)]
pub struct AnalyticsDb {
    pool: Pool,
    store: Store,
}

/// `fetch!(pool, (T1, T2), SQL, bind…)`: the same query text and row type on either engine.
macro_rules! fetch {
    ($pool:expr, $ty:ty, $sql:expr $(, $b:expr)*) => {
        match $pool {
            Pool::Sqlite(p) => sqlx::query_as::<_, $ty>($sql)$(.bind($b))*.fetch_all(p).await?,
            Pool::Postgres(p) => sqlx::query_as::<_, $ty>($sql)$(.bind($b))*.fetch_all(p).await?,
        }
    };
}

/// What [`AnalyticsDb::dataset`] loads.
#[derive(Clone, Debug)]
pub struct DatasetQuery {
    /// Only inside this region (`None`: everywhere).
    pub within: Option<RegionKey>,
    /// The month `coverage_current` (today's open memberships) stands for.
    pub current: Month,
    /// Month-end snapshots from this month up to the one before `current` (trends, past months).
    pub history_from: Option<Month>,
    /// Minimum wage the employers' wage statistics are counted against, and the date wages are
    /// taken at.
    pub minimum_wage: Option<Rupiah>,
    pub wage_date: Date,
}

/// What an analytics import wrote.
#[derive(Clone, Debug, Default, Serialize)]
pub struct ImportOutcome {
    pub import_id: i64,
    pub rows: usize,
    /// Company data only: how rows were matched to registered employers.
    pub matched_npp: usize,
    pub matched_nib: usize,
    pub for_review: usize,
    pub unmatched: usize,
}

pub(crate) fn bounds(within: Option<&RegionKey>) -> (String, String) {
    match within {
        Some(r) => sql::within_bounds(r),
        // every code starts with a digit, and '~' sorts after all of them
        None => (String::new(), "~".to_owned()),
    }
}

/// `INSERT INTO {table_and_columns} VALUES (…), (…)` for `rows` rows of `cols` parameters:
/// `?` on SQLite, `$n` on PostgreSQL.
fn multi_row_insert(sqlite: bool, table_and_columns: &str, cols: usize, rows: usize) -> String {
    use std::fmt::Write as _;
    let mut s = format!("INSERT INTO {table_and_columns} VALUES ");
    let mut n = 0;
    for r in 0..rows {
        s.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..cols {
            n += 1;
            if c > 0 {
                s.push_str(", ");
            }
            if sqlite {
                s.push('?');
            } else {
                let _ = write!(s, "${n}");
            }
        }
        s.push(')');
    }
    s
}

pub(crate) fn stored(table: &'static str, key: impl Into<String>, why: impl ToString) -> DbError {
    DbError::Stored {
        table,
        key: key.into(),
        why: why.to_string(),
    }
}

pub(crate) fn count(table: &'static str, key: &str, n: i64) -> Result<u64> {
    u64::try_from(n).map_err(|_| stored(table, key, "negative count"))
}

type CoverageRow = (String, String, String, bool, String, i64);

impl AnalyticsDb {
    /// The door on a store's database (`None` only if the store had neither pool, which
    /// `Store::connect` never builds).
    pub fn of_store(store: &Store) -> Option<AnalyticsDb> {
        let pool = match (store.sqlite_pool(), store.postgres_pool()) {
            (Some(p), _) => Pool::Sqlite(p.clone()),
            (None, Some(p)) => Pool::Postgres(p.clone()),
            (None, None) => return None,
        };
        Some(AnalyticsDb {
            pool,
            store: store.clone(),
        })
    }

    /// Whether the database is SQLite (some reads take another shape there).
    pub(crate) fn is_sqlite(&self) -> bool {
        matches!(self.pool, Pool::Sqlite(_))
    }

    /// The registry store this door reads (db_history.rs opens its own transactions on it).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Runs `sql` with the `$1`/`$2` region bounds.
    pub(crate) async fn fetch_bounds<T>(
        &self,
        sql: &'static str,
        lo: &str,
        hi: &str,
    ) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        Ok(fetch!(&self.pool, T, sql, lo, hi))
    }

    /// [`AnalyticsDb::fetch_bounds`] for a query of many rows: on SQLite `json_sql` (the same
    /// rows wrapped as one JSON array of arrays; see [`AnalyticsDb::fetch_ids`] for why),
    /// on PostgreSQL `sql` as it is. `table` names the rows in a decoding error.
    pub(crate) async fn fetch_bounds_many<T>(
        &self,
        table: &'static str,
        sql: &'static str,
        json_sql: &'static str,
        lo: &str,
        hi: &str,
    ) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + serde::de::DeserializeOwned
            + Send
            + Unpin,
    {
        let Pool::Sqlite(pool) = &self.pool else {
            return self.fetch_bounds(sql, lo, hi).await;
        };
        let (text,): (String,) = sqlx::query_as(json_sql)
            .bind(lo)
            .bind(hi)
            .fetch_one(pool)
            .await?;
        serde_json::from_str(&text).map_err(|e| stored(table, format!("{lo}..{hi}"), e))
    }

    /// Runs `sql` with the region bounds and a rupiah amount as `$3`.
    pub(crate) async fn fetch_bounds_min<T>(
        &self,
        sql: &'static str,
        lo: &str,
        hi: &str,
        amount: i64,
    ) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        Ok(fetch!(&self.pool, T, sql, lo, hi, amount))
    }

    /// Runs `sql` with the region bounds and a date (YYYY-MM-DD) as `$3`.
    pub(crate) async fn fetch_bounds_date<T>(
        &self,
        sql: &'static str,
        lo: &str,
        hi: &str,
        date: &str,
    ) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        Ok(fetch!(&self.pool, T, sql, lo, hi, date))
    }

    /// Runs `sql` with the region bounds and a length as `$3`.
    pub(crate) async fn fetch_bounds_len<T>(
        &self,
        sql: &'static str,
        lo: &str,
        hi: &str,
        len: i32,
    ) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        Ok(fetch!(&self.pool, T, sql, lo, hi, len))
    }

    /// Company data rows with `lo <= id < hi`, in id order. On SQLite the rows come as JSON
    /// arrays of 20,000 rows each: sqlx hands SQLite rows over one by one, copying every
    /// value across a channel, which took three quarters of a national compliance run; one
    /// JSON text per 20,000 rows (escaped by SQLite, parsed by serde_json) costs a fifth.
    ///
    /// Each batch is converted by `conv` as it arrives, into a vector reserved for `capacity`
    /// rows: a million rows grown by doubling, then copied into another type, moved half a
    /// gigabyte through fresh (page-faulting) memory.
    async fn fetch_ids<T, U>(
        &self,
        lo: i64,
        hi: i64,
        capacity: usize,
        conv: impl Fn(T) -> Result<U>,
    ) -> Result<Vec<U>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + serde::de::DeserializeOwned
            + Send
            + Unpin,
    {
        let mut out = Vec::with_capacity(capacity);
        if let Pool::Postgres(_) = &self.pool {
            for r in fetch!(&self.pool, T, sql::COMPANIES_ID_RANGE, lo, hi) {
                out.push(conv(r)?);
            }
            return Ok(out);
        }
        let mut from = lo;
        while from < hi {
            let to = from.saturating_add(COMPANY_BATCH).min(hi);
            self.fetch_id_batch(from, to, &conv, &mut out).await?;
            from = to;
        }
        Ok(out)
    }

    /// Company data rows with `from <= id < to` converted by `conv` onto `out`, in id order
    /// (on SQLite as one JSON array: see [`AnalyticsDb::fetch_ids`]).
    async fn fetch_id_batch<T, U>(
        &self,
        from: i64,
        to: i64,
        conv: &impl Fn(T) -> Result<U>,
        out: &mut Vec<U>,
    ) -> Result<()>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + serde::de::DeserializeOwned
            + Send
            + Unpin,
    {
        let Pool::Sqlite(pool) = &self.pool else {
            for r in fetch!(&self.pool, T, sql::COMPANIES_ID_RANGE, from, to) {
                out.push(conv(r)?);
            }
            return Ok(());
        };
        let (text,): (String,) = sqlx::query_as(sql::COMPANIES_ID_RANGE_JSON_SQLITE)
            .bind(from)
            .bind(to)
            .fetch_one(pool)
            .await?;
        let rows: Vec<T> = serde_json::from_str(&text)
            .map_err(|e| stored("company_reports", format!("ids {from}..{to}"), e))?;
        for r in rows {
            out.push(conv(r)?);
        }
        Ok(())
    }

    /// The id range of the company data rows cut into [`COMPANY_READ_PARTS`] contiguous parts
    /// `[a, b)`, in order (a national read reads them at once).
    async fn company_parts(&self) -> Result<Vec<(i64, i64)>> {
        let (lo_id, hi_id): (Option<i64>, Option<i64>) = match &self.pool {
            Pool::Sqlite(p) => sqlx::query_as(sql::COMPANY_ID_RANGE).fetch_one(p).await?,
            Pool::Postgres(p) => sqlx::query_as(sql::COMPANY_ID_RANGE).fetch_one(p).await?,
        };
        let (lo_id, hi_id) = (lo_id.unwrap_or(0), hi_id.unwrap_or(0).saturating_add(1));
        let span = hi_id.saturating_sub(lo_id).max(0);
        let cut = |k: i64| lo_id + span * k / COMPANY_READ_PARTS;
        Ok((0..COMPANY_READ_PARTS)
            .map(|k| (cut(k), cut(k + 1)))
            .collect())
    }

    /// Company data rows inside a region, in batches as they are read: `(position, rows)`,
    /// where the positions order the batches as the rows' ids do (a national read in parts
    /// comes in any order; a regional read is one batch). Nothing is kept once a batch is
    /// handed over, and at most a few batches wait unread, so a national run need not hold a
    /// million rows at once ([`crate::compliance_batches`]). A read error ends the batches
    /// with that error.
    pub async fn company_batches(
        &self,
        within: Option<&RegionKey>,
    ) -> Result<tokio::sync::mpsc::Receiver<Result<(i64, Vec<CompanyReport>)>>> {
        let (tx, rx) = tokio::sync::mpsc::channel(COMPANY_BATCHES_WAITING);
        if within.is_some() {
            let rows = self.companies(within).await;
            // The receiver is still here: the send cannot fail.
            let _ = tx.send(rows.map(|r| (0, r))).await;
            return Ok(rx);
        }
        for (a, b) in self.company_parts().await? {
            let (db, tx) = (self.clone(), tx.clone());
            tokio::spawn(async move {
                let mut from = a;
                while from < b {
                    let to = from.saturating_add(COMPANY_BATCH).min(b);
                    let mut rows = Vec::new();
                    let got = db.fetch_id_batch::<CompanyRow, _>(from, to, &company_of, &mut rows);
                    let failed = match got.await {
                        Ok(()) => tx.send(Ok((from, rows))).await.is_err(),
                        Err(e) => {
                            // The error ends this part; the consumer stops at it.
                            let _ = tx.send(Err(e)).await;
                            true
                        }
                    };
                    if failed {
                        break;
                    }
                    from = to;
                }
            });
        }
        Ok(rx)
    }

    /// Runs `sql` without parameters.
    pub(crate) async fn fetch_all<T>(&self, sql: &'static str) -> Result<Vec<T>>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + Send
            + Unpin,
    {
        Ok(fetch!(&self.pool, T, sql))
    }

    /// Workforce potential inside a region.
    pub async fn potential(&self, within: Option<&RegionKey>) -> Result<Vec<PotentialRecord>> {
        let (lo, hi) = bounds(within);
        let rows = fetch!(
            &self.pool,
            (String, String, String, i64, i64, String),
            sql::POTENTIAL_WITHIN,
            lo.as_str(),
            hi.as_str()
        );
        rows.into_iter()
            .map(|(region, sector, period, workers, vulnerable, source)| {
                let key = format!("{region}/{sector}/{period}");
                let t = "workforce_potential";
                Ok(PotentialRecord {
                    region: RegionKey::parse(&region).map_err(|e| stored(t, &key, e))?,
                    sector: Sector::parse(&sector).map_err(|e| stored(t, &key, e))?,
                    period: StatPeriod::parse(&period).map_err(|e| stored(t, &key, e))?,
                    workers: count(t, &key, workers)?,
                    vulnerable_workers: count(t, &key, vulnerable)?,
                    source,
                })
            })
            .collect()
    }

    /// Today's active participants inside a region (the trigger-kept summary), as `month`.
    pub async fn enrolled_current(
        &self,
        within: Option<&RegionKey>,
        month: Month,
    ) -> Result<Vec<EnrolledRecord>> {
        let (lo, hi) = bounds(within);
        let rows: Vec<CoverageRow> = match within {
            Some(_) => fetch!(
                &self.pool,
                CoverageRow,
                sql::COVERAGE_CURRENT_WITHIN,
                lo.as_str(),
                hi.as_str()
            ),
            None => fetch!(&self.pool, CoverageRow, sql::COVERAGE_CURRENT_ALL),
        };
        let mut out = Vec::with_capacity(rows.len());
        for (region, sector, segment, vulnerable, programs, active) in rows {
            if let Some(r) = sql::enrolled_from_row(
                month, &region, &sector, &segment, vulnerable, &programs, active,
            )? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Month-end snapshots `from..=to` inside a region.
    pub async fn enrolled_monthly(
        &self,
        within: Option<&RegionKey>,
        from: Month,
        to: Month,
    ) -> Result<Vec<EnrolledRecord>> {
        let (lo, hi) = bounds(within);
        let rows = fetch!(
            &self.pool,
            (String, String, String, String, bool, String, i64),
            sql::COVERAGE_MONTHLY_WITHIN,
            lo.as_str(),
            hi.as_str(),
            from.to_string(),
            to.to_string()
        );
        let mut out = Vec::with_capacity(rows.len());
        for (month, region, sector, segment, vulnerable, programs, active) in rows {
            let m = Month::parse(&month).map_err(|e| stored("coverage_monthly", &month, e))?;
            if let Some(r) = sql::enrolled_from_row(
                m, &region, &sector, &segment, vulnerable, &programs, active,
            )? {
                out.push(r);
            }
        }
        Ok(out)
    }

    /// Replaces month `month`'s snapshot with a copy of today's summary, in one transaction.
    /// Returns the rows written. The trend's closed months are rebuilt from membership history
    /// instead (`db_history`: the backfill and the month-close job `jamsos serve` runs).
    pub async fn snapshot_month(&self, month: Month) -> Result<u64> {
        let m = month.to_string();
        const DELETE: &str = "DELETE FROM coverage_monthly WHERE month = $1";
        Ok(match &self.pool {
            Pool::Sqlite(p) => {
                let mut tx = p.begin_with("BEGIN IMMEDIATE").await?;
                sqlx::query(DELETE).bind(&m).execute(&mut *tx).await?;
                let n = sqlx::query(sql::SNAPSHOT_MONTH)
                    .bind(&m)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                n.rows_affected()
            }
            Pool::Postgres(p) => {
                let mut tx = p.begin().await?;
                sqlx::query(DELETE).bind(&m).execute(&mut *tx).await?;
                let n = sqlx::query(sql::SNAPSHOT_MONTH)
                    .bind(&m)
                    .execute(&mut *tx)
                    .await?;
                tx.commit().await?;
                n.rows_affected()
            }
        })
    }

    /// Company data rows inside a region.
    pub async fn companies(&self, within: Option<&RegionKey>) -> Result<Vec<CompanyReport>> {
        let (lo, hi) = bounds(within);
        // Everywhere: no region range, so the rows come in id order without a sort.
        match within {
            Some(_) => {
                let rows = fetch!(
                    &self.pool,
                    CompanyRow,
                    sql::COMPANIES_WITHIN,
                    lo.as_str(),
                    hi.as_str()
                );
                let mut out = Vec::with_capacity(rows.len());
                for r in rows {
                    out.push(company_of(r)?);
                }
                Ok(out)
            }
            // Parts of the id range on connections of their own at once, each in a task of
            // its own: decoding a million rows is the slow part, and the runtime's worker
            // threads then decode the parts in parallel (and in parallel with whatever the
            // caller reads meanwhile). The first part is reserved for every row, so the others
            // are appended without a copy of it.
            None => {
                let parts = self.company_parts().await?;
                let end = parts.last().map_or(0, |p| p.1);
                let size = |a: i64, b: i64| usize::try_from(b.saturating_sub(a)).unwrap_or(0);
                let tasks: Vec<_> = parts
                    .into_iter()
                    .enumerate()
                    .map(|(k, (a, b))| {
                        let capacity = if k == 0 { size(a, end) } else { size(a, b) };
                        let db = self.clone();
                        tokio::spawn(async move {
                            db.fetch_ids::<CompanyRow, _>(a, b, capacity, company_of)
                                .await
                        })
                    })
                    .collect();
                let mut rows = Vec::new();
                for task in tasks {
                    let part = task
                        .await
                        .map_err(|e| stored("company_reports", "read task", e))??;
                    if rows.is_empty() {
                        rows = part;
                    } else {
                        rows.extend(part);
                    }
                }
                Ok(rows)
            }
        }
    }

    /// [`AnalyticsDb::employers`] counted the slow way, from memberships and wage history
    /// (no summary table): the reference the summaries are tested against.
    pub async fn employers_recount(
        &self,
        within: Option<&RegionKey>,
        minimum: Option<Rupiah>,
        date: Date,
    ) -> Result<Vec<EmployerFacts>> {
        let (lo, hi) = bounds(within);
        type E = (
            i64,
            String,
            String,
            Option<String>,
            String,
            i64,
            Option<String>,
        );
        let rows = fetch!(
            &self.pool,
            E,
            sql::EMPLOYERS_WITHIN,
            lo.as_str(),
            hi.as_str()
        );
        let mut by_id: BTreeMap<i64, EmployerFacts> = BTreeMap::new();
        for (id, npp, name, nib, region, risk, programs) in rows {
            let t = "employers";
            let progs = match programs {
                Some(p) => ProgramSet::parse(&p).map_err(|e| stored(t, &npp, e))?,
                None => ProgramSet::EMPTY,
            };
            if let Some(e) = by_id.get_mut(&id) {
                e.programs = e.programs.union(progs);
                continue;
            }
            by_id.insert(
                id,
                EmployerFacts {
                    region: RegionKey::parse(&region).map_err(|e| stored(t, &npp, e))?,
                    risk_class: u8::try_from(risk).map_err(|e| stored(t, &npp, e))?,
                    npp,
                    nib,
                    name,
                    programs: progs,
                    wages: WageStats::default(),
                },
            );
        }
        let min = minimum.map_or(0, |m| m.0);
        let stats = fetch!(
            &self.pool,
            (i64, i64, i64, i64, i64),
            sql::EMPLOYER_WAGE_STATS_WITHIN,
            lo.as_str(),
            hi.as_str(),
            min,
            date.to_string()
        );
        for (id, active, sum, below, below_sum) in stats {
            if let Some(e) = by_id.get_mut(&id) {
                let key = e.npp.clone();
                e.wages = WageStats {
                    active: count("memberships", &key, active)?,
                    wage_sum: Rupiah(sum),
                    below_min: count("memberships", &key, below)?,
                    below_min_sum: Rupiah(below_sum),
                };
            }
        }
        Ok(by_id.into_values().collect())
    }

    /// Campaigns inside a region and the enrolments tagged with them.
    pub async fn campaigns(
        &self,
        within: Option<&RegionKey>,
    ) -> Result<(Vec<Campaign>, Vec<TaggedEnrolment>)> {
        let (lo, hi) = bounds(within);
        type C = (
            String,
            String,
            String,
            Option<String>,
            String,
            String,
            String,
            Option<String>,
        );
        let rows = fetch!(
            &self.pool,
            C,
            sql::CAMPAIGNS_WITHIN,
            lo.as_str(),
            hi.as_str()
        );
        let t = "campaigns";
        let campaigns = rows
            .into_iter()
            .map(|(code, name, region, sector, partner, role, start, end)| {
                Ok(Campaign {
                    region: RegionKey::parse(&region).map_err(|e| stored(t, &code, e))?,
                    sector: sector
                        .filter(|s| !s.is_empty())
                        .map(|s| Sector::parse(&s).map_err(|e| stored(t, &code, e)))
                        .transpose()?,
                    partner,
                    role: PentahelixRole::parse(&role)
                        .ok_or_else(|| stored(t, &code, "unknown pentahelix role"))?,
                    start: Month::parse(&start).map_err(|e| stored(t, &code, e))?,
                    end: end
                        .map(|m| Month::parse(&m).map_err(|e| stored(t, &code, e)))
                        .transpose()?,
                    name,
                    id: code,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let rows = fetch!(
            &self.pool,
            (String, String, i64),
            sql::TAGGED_WITHIN,
            lo.as_str(),
            hi.as_str()
        );
        let tagged = rows
            .into_iter()
            .map(|(code, start, vulnerable)| {
                let month = start
                    .get(..7)
                    .and_then(|m| Month::parse(m).ok())
                    .ok_or_else(|| stored("campaign_enrolments", &code, "bad start date"))?;
                Ok(TaggedEnrolment {
                    campaign_id: code,
                    month,
                    vulnerable: vulnerable != 0,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((campaigns, tagged))
    }

    /// Everything analytics reads for one region, from the database. Employers come with their
    /// wage statistics already counted against `q.minimum_wage` (their wage lists are empty:
    /// [`Dataset::employer_facts`] keeps precomputed statistics).
    pub async fn dataset(&self, q: &DatasetQuery) -> Result<Dataset> {
        let within = q.within.as_ref();
        let mut enrolled = match q.history_from {
            Some(from) if from < q.current => {
                self.enrolled_monthly(within, from, q.current.prev())
                    .await?
            }
            _ => Vec::new(),
        };
        enrolled.extend(self.enrolled_current(within, q.current).await?);
        let (campaigns, tagged) = self.campaigns(within).await?;
        Ok(Dataset {
            potential: self.potential(within).await?,
            enrolled,
            companies: self.companies(within).await?,
            employers: self
                .employers(within, q.minimum_wage, q.wage_date)
                .await?
                .into_iter()
                .map(|e| (e, Vec::new()))
                .collect(),
            campaigns,
            tagged,
        })
    }

    /// The KBLI code of each registered employer inside a region, by NPP.
    pub async fn employer_kbli(
        &self,
        within: &RegionKey,
    ) -> Result<std::collections::HashMap<String, String>> {
        let (lo, hi) = bounds(Some(within));
        const Q: &str = "SELECT npp, kbli FROM employers \
             WHERE region_code >= $1 AND region_code < $2 AND kbli IS NOT NULL";
        let rows = fetch!(&self.pool, (String, String), Q, lo.as_str(), hi.as_str());
        Ok(rows.into_iter().collect())
    }

    async fn find_import(&self, sha: &str) -> Result<Option<i64>> {
        const Q: &str = "SELECT id FROM analytics_imports WHERE file_sha256 = $1";
        let rows = fetch!(&self.pool, (i64,), Q, sha);
        Ok(rows.first().map(|r| r.0))
    }

    /// Imports a workforce potential file (CSV or XLSX). Refused as a whole when any row is
    /// invalid, repeats or overlaps a row already stored for the same period (a region inside
    /// or around it, a division of the same section), or the file was imported before.
    pub async fn import_potential(
        &self,
        bytes: &[u8],
        file_name: &str,
        actor: &Actor,
    ) -> Result<ImportOutcome> {
        let dir = Kemendagri::embedded();
        let (records, _) = import::workforce::import(bytes, &dir).map_err(DbError::Invalid)?;
        let sha = jamsos_store::import::file_sha256(bytes);
        self.store_potential(&records, file_name, &sha, actor).await
    }

    /// Stores validated workforce potential rows as one analytics import (`sha` identifies
    /// the source): refused when `sha` was imported before or a row overlaps a stored one.
    pub async fn store_potential(
        &self,
        records: &[PotentialRecord],
        file_name: &str,
        sha: &str,
        actor: &Actor,
    ) -> Result<ImportOutcome> {
        if let Some(id) = self.find_import(sha).await? {
            return Err(DbError::AlreadyImported(id));
        }
        // Overlaps with what is stored: stored rows take row number 0.
        let existing = self.potential(None).await?;
        let mut all: Vec<(usize, PotentialRecord)> = existing.into_iter().map(|r| (0, r)).collect();
        all.extend(records.iter().cloned().enumerate().map(|(i, r)| (i + 2, r)));
        let mut report = ImportReport {
            rows: records.len(),
            ..ImportReport::default()
        };
        import::workforce::check_overlaps(&all, &mut report);
        if !report.is_ok() {
            for e in &mut report.errors {
                if e.row == 0 {
                    e.column = "(database)".to_owned();
                    e.message = format!("a stored row ({}) {}", e.value, e.message);
                } else if !e.message.contains("row 0") {
                    continue;
                } else {
                    e.message = e.message.replace("row 0", "a row already stored");
                }
            }
            return Err(DbError::Invalid(report));
        }
        let at = jiff::Timestamp::now().to_string();
        const HEAD: &str = "INSERT INTO analytics_imports (kind, file_name, file_sha256, actor, at, rows_total) \
             VALUES ('workforce_potential', $1, $2, $3, $4, $5) RETURNING id";
        const ROW: &str = "INSERT INTO workforce_potential \
             (region_code, sector, period, workers, vulnerable_workers, source, import_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)";
        let n = records.len() as i64;
        macro_rules! write {
            ($tx:ident) => {{
                let (id,): (i64,) = sqlx::query_as(HEAD)
                    .bind(file_name)
                    .bind(sha)
                    .bind(actor.as_str())
                    .bind(&at)
                    .bind(n)
                    .fetch_one(&mut *$tx)
                    .await?;
                for r in records {
                    sqlx::query(ROW)
                        .bind(r.region.to_string())
                        .bind(r.sector.to_string())
                        .bind(r.period.to_string())
                        .bind(r.workers as i64)
                        .bind(r.vulnerable_workers as i64)
                        .bind(&r.source)
                        .bind(id)
                        .execute(&mut *$tx)
                        .await?;
                }
                $tx.commit().await?;
                id
            }};
        }
        let import_id = match &self.pool {
            Pool::Sqlite(p) => {
                let mut tx = p.begin_with("BEGIN IMMEDIATE").await?;
                write!(tx)
            }
            Pool::Postgres(p) => {
                let mut tx = p.begin().await?;
                write!(tx)
            }
        };
        self.note(
            actor,
            "workforce_potential",
            import_id,
            file_name,
            records.len(),
        )
        .await?;
        Ok(ImportOutcome {
            import_id,
            rows: records.len(),
            ..ImportOutcome::default()
        })
    }

    /// Imports company data (CSV or XLSX) and matches each row to a registered employer: by
    /// NPP, else NIB, else normalised name in the same area — a name match is only a candidate,
    /// stored with `match_kind = 'review'` and an open review, never merged.
    pub async fn import_companies(
        &self,
        bytes: &[u8],
        file_name: &str,
        actor: &Actor,
    ) -> Result<ImportOutcome> {
        let dir = Kemendagri::embedded();
        let (rows, _) = import::company::import(bytes, &dir).map_err(DbError::Invalid)?;
        let sha = jamsos_store::import::file_sha256(bytes);
        self.store_companies(&rows, file_name, &sha, actor).await
    }

    /// Stores validated company data rows as one analytics import (`sha` identifies the
    /// source), matching each to a registered employer as [`AnalyticsDb::import_companies`]
    /// describes. Refused when `sha` was imported before.
    pub async fn store_companies(
        &self,
        rows: &[CompanyReport],
        file_name: &str,
        sha: &str,
        actor: &Actor,
    ) -> Result<ImportOutcome> {
        if let Some(id) = self.find_import(sha).await? {
            return Err(DbError::AlreadyImported(id));
        }
        const EMPLOYERS: &str = "SELECT id, npp, nib, legal_name, region_code FROM employers";
        let regs = fetch!(
            &self.pool,
            (i64, String, Option<String>, String, String),
            EMPLOYERS
        );
        let regions: Vec<Option<RegionKey>> =
            regs.iter().map(|r| RegionKey::parse(&r.4).ok()).collect();
        let keyed: Vec<(usize, &RegionKey)> = regions
            .iter()
            .enumerate()
            .filter_map(|(i, r)| r.as_ref().map(|r| (i, r)))
            .collect();
        let matcher = Matcher::new(
            keyed
                .iter()
                .filter_map(|(i, region)| {
                    let r = regs.get(*i)?;
                    Some(EmployerKey {
                        npp: &r.1,
                        nib: r.2.as_deref(),
                        name: &r.3,
                        region,
                    })
                })
                .collect(),
        );
        let employer_id = |k: usize| keyed.get(k).and_then(|(i, _)| regs.get(*i)).map(|r| r.0);
        let mut out = ImportOutcome {
            rows: rows.len(),
            ..ImportOutcome::default()
        };
        // (employer_id, match_kind, review_status) per row
        let matched: Vec<(Option<i64>, &str, Option<&str>)> = rows
            .iter()
            .map(
                |c| match matcher.find(c.npp.as_deref(), c.nib.as_deref(), &c.name, &c.region) {
                    Match::Npp { employer } => {
                        out.matched_npp += 1;
                        (employer_id(employer), "npp", None)
                    }
                    Match::Nib { employer } => {
                        out.matched_nib += 1;
                        (employer_id(employer), "nib", None)
                    }
                    Match::Review { candidates, .. } => {
                        out.for_review += 1;
                        let one = match candidates.as_slice() {
                            [k] => employer_id(*k),
                            _ => None,
                        };
                        (one, "review", Some("open"))
                    }
                    Match::None => {
                        out.unmatched += 1;
                        (None, "none", None)
                    }
                },
            )
            .collect();
        let at = jiff::Timestamp::now().to_string();
        const HEAD: &str = "INSERT INTO analytics_imports (kind, file_name, file_sha256, actor, at, rows_total) \
             VALUES ('company_reports', $1, $2, $3, $4, $5) RETURNING id";
        let sqlite = matches!(self.pool, Pool::Sqlite(_));
        let n = rows.len() as i64;
        macro_rules! write {
            ($tx:ident) => {{
                let (id,): (i64,) = sqlx::query_as(HEAD)
                    .bind(file_name)
                    .bind(sha)
                    .bind(actor.as_str())
                    .bind(&at)
                    .bind(n)
                    .fetch_one(&mut *$tx)
                    .await?;
                // Multi-row INSERTs of 500 rows (13 parameters each), one statement text per
                // batch size; positional `?` on SQLite (its `$n` lookup is linear per bind).
                for (batch, flags) in rows.chunks(500).zip(matched.chunks(500)) {
                    let text = multi_row_insert(
                        sqlite,
                        "company_reports (import_id, row_number, nib, name, name_key, region_code, \
                         kbli, reported_workers, average_wage, npp, employer_id, match_kind, review_status)",
                        13,
                        batch.len(),
                    );
                    let mut q = sqlx::query(sqlx::AssertSqlSafe(text));
                    for (c, (emp, kind, review)) in batch.iter().zip(flags) {
                        q = q
                            .bind(id)
                            .bind(c.row as i64)
                            .bind(c.nib.as_deref())
                            .bind(&c.name)
                            .bind(normalise_name(&c.name))
                            .bind(c.region.to_string())
                            .bind(&c.kbli)
                            .bind(c.reported_workers as i64)
                            .bind(c.average_wage.0)
                            .bind(c.npp.as_deref())
                            .bind(*emp)
                            .bind(*kind)
                            .bind(*review);
                    }
                    q.execute(&mut *$tx).await?;
                }
                $tx.commit().await?;
                id
            }};
        }
        out.import_id = match &self.pool {
            Pool::Sqlite(p) => {
                let mut tx = p.begin_with("BEGIN IMMEDIATE").await?;
                write!(tx)
            }
            Pool::Postgres(p) => {
                let mut tx = p.begin().await?;
                write!(tx)
            }
        };
        self.note(
            actor,
            "company_reports",
            out.import_id,
            file_name,
            rows.len(),
        )
        .await?;
        Ok(out)
    }

    /// The audit log records each analytics import (it changes no money or membership, so the
    /// entry follows the import's own transaction).
    async fn note(
        &self,
        actor: &Actor,
        kind: &str,
        id: i64,
        file_name: &str,
        rows: usize,
    ) -> Result<()> {
        let detail = serde_json::json!({"kind": kind, "file_name": file_name, "rows": rows});
        self.store
            .audit_note(
                actor,
                "analytics_import",
                "analytics_import",
                &id.to_string(),
                &detail,
            )
            .await?;
        Ok(())
    }
}

/// A company data row as read: row number, nib, name, region code, kbli, reported workers,
/// average wage, npp.
/// Company data rows per read (one JSON text of about 3 MB on SQLite).
const COMPANY_BATCH: i64 = 20_000;

/// Batches read ahead of their consumer ([`AnalyticsDb::company_batches`]).
const COMPANY_BATCHES_WAITING: usize = 8;

/// Parts of a national company read, read at once (the SQLite pool has 4 connections; one
/// stays free for the employer reads that run meanwhile).
const COMPANY_READ_PARTS: i64 = 3;

type CompanyRow = (
    i64,
    Option<String>,
    String,
    String,
    String,
    i64,
    i64,
    Option<String>,
);

fn company_of(r: CompanyRow) -> Result<CompanyReport> {
    let (row, nib, name, region, kbli, workers, wage, npp) = r;
    let t = "company_reports";
    // The key names the row in an error only: built then, not for each of a million rows.
    let key = || format!("{name} ({region})");
    Ok(CompanyReport {
        row: usize::try_from(row).unwrap_or(0),
        nib,
        region: RegionKey::parse(&region).map_err(|e| stored(t, key(), e))?,
        sector: Sector::parse(&kbli).map_err(|e| stored(t, key(), e))?,
        kbli,
        reported_workers: u64::try_from(workers).map_err(|_| stored(t, key(), "negative count"))?,
        average_wage: Rupiah(wage),
        npp,
        name,
    })
}
