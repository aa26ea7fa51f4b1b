//! Today's enrolled participants already rolled up to a table's level: a national table by
//! province reads a few thousand rows of `coverage_rollup` (migration 0250, kept by triggers on
//! `coverage_current`) instead of every village row of `coverage_current` (about 1.35 million
//! for 10 million memberships).
//!
//! Equivalence with [`AnalyticsDb::enrolled_current`] followed by the core's roll-up: the core
//! puts a record in the row of its code cut to the level (a shorter code goes to "not
//! allocated"); `coverage_rollup` holds the stored dotted code cut to the level's length, and a
//! shorter code stays as it is, so it is the same code. Selection by `within` is unchanged as
//! long as the level is at or below `within`'s own level (the caller falls back otherwise).
//! `crates/store/tests/campaigns.rs` checks the roll-up against `coverage_current` after every
//! write of a script, on both engines, and the analytics tests compare both reads.

use crate::db::{AnalyticsDb, Result, bounds};
use crate::model::EnrolledRecord;
use crate::period::Month;
use crate::region::{Level, RegionKey};
use crate::sql;

/// `coverage_rollup` at cut length `$3`, inside `$1`..`$2`.
pub const COVERAGE_ROLLUP: &str = "SELECT region_code, sector, segment, vulnerable, programs, active \
     FROM coverage_rollup \
     WHERE level_len = $3 AND region_code >= $1 AND region_code < $2 AND active <> 0";

/// `coverage_current` inside `$1`..`$2`, region codes cut to `$3` characters, summed: what
/// [`COVERAGE_ROLLUP`] holds, counted from the village rows (the tests compare the two).
pub const COVERAGE_CURRENT_ROLLED_UP: &str = "SELECT substr(region_code, 1, $3), sector, segment, \
       vulnerable, programs, CAST(sum(active) AS BIGINT) \
     FROM coverage_current \
     WHERE region_code >= $1 AND region_code < $2 AND active <> 0 \
     GROUP BY 1, 2, 3, 4, 5";

/// Length of a dotted Kemendagri code at a level (`31`, `31.73`, `31.73.04`, `31.73.04.1002`).
pub fn dotted_len(level: Level) -> usize {
    match level {
        Level::Province => 2,
        Level::Regency => 5,
        Level::District => 8,
        Level::Village => 13,
    }
}

impl AnalyticsDb {
    /// Today's active participants inside `within`, rolled up to `level` (see the module
    /// documentation), as `month`. Falls back to the village rows when `level` is coarser than
    /// `within`.
    pub async fn enrolled_current_at(
        &self,
        within: Option<&RegionKey>,
        month: Month,
        level: Level,
    ) -> Result<Vec<EnrolledRecord>> {
        let len = dotted_len(level);
        if level == Level::Village || within.is_some_and(|w| dotted_len(w.level()) > len) {
            return self.enrolled_current(within, month).await;
        }
        let (lo, hi) = bounds(within);
        type Row = (String, String, String, bool, String, i64);
        let rows: Vec<Row> = self
            .fetch_bounds_len(COVERAGE_ROLLUP, &lo, &hi, len as i32)
            .await?;
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
}
