//! Small aggregates for the dashboard: active participants (open memberships) by segment and by
//! program, for the whole registry, one region (from the trigger-maintained `coverage_current`
//! table of migration 0200 and its roll-up `coverage_rollup` of 0250, so the answer costs one
//! index scan of a few rows whatever the registry's size)
//! or one employer (from `memberships`, which `coverage_current` does not break down).

use crate::Store;
use crate::backend::{Rec, Val, bind_vals, fetch_all_pool, vals, with_pool};
use crate::error::Result;
use jamsos_domain::{Npp, RegionCode};
use serde::Serialize;
use std::collections::BTreeMap;

/// Which participants to count.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActiveFilter {
    All,
    /// Residents of this region (a Kemendagri code at any level, nested codes included).
    Region(RegionCode),
    /// Workers of this employer.
    Employer(Npp),
}

/// Open memberships, counted by segment (`PU`, `BPU`, `PMI`, `JAKON`) and by program (`JKK`,
/// …; a membership counts once under each program it holds).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ActiveCounts {
    pub total: i64,
    pub by_segment: BTreeMap<String, i64>,
    pub by_program: BTreeMap<String, i64>,
}

impl ActiveCounts {
    fn add(&mut self, segment: String, programs: &str, n: i64) {
        if n == 0 {
            return;
        }
        self.total += n;
        *self.by_segment.entry(segment).or_default() += n;
        for p in programs.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            *self.by_program.entry(p.to_owned()).or_default() += n;
        }
    }
}

impl Store {
    /// Active participants (memberships without an end date) by segment and program.
    pub async fn active_participants(&self, filter: &ActiveFilter) -> Result<ActiveCounts> {
        let row = |r: &dyn Rec| Ok((r.text("segment")?, r.text("programs")?, r.int("n")?));
        let rows: Vec<(String, String, i64)> = match filter {
            ActiveFilter::All => fetch_all_pool!(
                &self.pool,
                "SELECT segment, programs, CAST(SUM(active) AS BIGINT) AS n FROM coverage_rollup \
                 WHERE level_len = 2 AND active <> 0 GROUP BY segment, programs",
                Vec::<Val>::new(),
                row
            )?,
            // A province, regency or district: its rows of the roll-up (migration 0250).
            ActiveFilter::Region(code) if matches!(code.to_string().len(), 2 | 5 | 8) => {
                let code = code.to_string();
                fetch_all_pool!(
                    &self.pool,
                    "SELECT segment, programs, CAST(SUM(active) AS BIGINT) AS n FROM coverage_rollup \
                     WHERE level_len = $1 AND region_code = $2 AND active <> 0 \
                     GROUP BY segment, programs",
                    vals![code.len() as i64, code],
                    row
                )?
            }
            ActiveFilter::Region(code) => {
                let code = code.to_string();
                fetch_all_pool!(
                    &self.pool,
                    "SELECT segment, programs, CAST(SUM(active) AS BIGINT) AS n FROM coverage_current \
                     WHERE active <> 0 AND (region_code = $1 OR region_code LIKE $2) \
                     GROUP BY segment, programs",
                    vals![code.clone(), format!("{code}.%")],
                    row
                )?
            }
            ActiveFilter::Employer(npp) => fetch_all_pool!(
                &self.pool,
                "SELECT m.segment AS segment, m.programs AS programs, COUNT(*) AS n \
                 FROM memberships m JOIN employers e ON e.id = m.employer_id \
                 WHERE e.npp = $1 AND m.end_date IS NULL GROUP BY m.segment, m.programs",
                vals![npp.to_string()],
                row
            )?,
        };
        let mut out = ActiveCounts::default();
        for (segment, programs, n) in rows {
            out.add(segment, &programs, n);
        }
        Ok(out)
    }
}
