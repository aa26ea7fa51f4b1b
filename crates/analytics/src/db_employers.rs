//! Registered employers with their joined programs and wage statistics, read from the
//! trigger-kept summaries of migration 0240 (`employer_wage_summary`, `employer_wage_hist`)
//! instead of counting memberships and wage history: a national compliance run reads about
//! one summary row per employer and program list, plus an index range per province that has a
//! minimum wage.
//!
//! Exactness: the summaries hold each open membership's LATEST wage; the statistics want the
//! wage in force on a date. The memberships whose latest wage starts after that date are found
//! through the `wage_history_pending` index and corrected here, so the result equals
//! [`AnalyticsDb::employers_recount`] (the plain count) for every date and minimum wage —
//! `crates/analytics/tests/employer_wages.rs` checks it on both engines after a script of
//! writes.

use crate::compliance::{EmployerFacts, WageStats};
use crate::db::{AnalyticsDb, Result, bounds, count, stored};
use crate::model::ProgramSet;
use crate::region::RegionKey;
use jamsos_rules::Rupiah;
use jiff::civil::Date;
use std::collections::{BTreeMap, HashMap};

/// Employers inside a region (`$1`, `$2` bounds), in id order.
pub const EMPLOYERS_BASIC_WITHIN: &str = "SELECT id, npp, legal_name, nib, region_code, risk_class \
     FROM employers WHERE region_code >= $1 AND region_code < $2 ORDER BY id";

/// [`EMPLOYERS_BASIC_WITHIN`] as one JSON array (SQLite).
pub const EMPLOYERS_BASIC_WITHIN_JSON_SQLITE: &str = "SELECT json_group_array(json_array(id, npp, \
       legal_name, nib, region_code, risk_class)) \
     FROM (SELECT id, npp, legal_name, nib, region_code, risk_class FROM employers \
           WHERE region_code >= $1 AND region_code < $2 ORDER BY id)";

/// [`WAGE_SUMMARY_WITHIN`] as one JSON array (SQLite).
pub const WAGE_SUMMARY_WITHIN_JSON_SQLITE: &str = "SELECT json_group_array(json_array(s.employer_id, \
       s.programs, s.active, s.wage_sum)) \
     FROM employer_wage_summary s JOIN employers e ON e.id = s.employer_id \
     WHERE e.region_code >= $1 AND e.region_code < $2 AND s.active <> 0";

/// Every employer's summary rows as one JSON array (SQLite; `$1 <= $2` only takes the
/// bounds [`AnalyticsDb::fetch_bounds_many`] binds: everything is inside them).
pub const WAGE_SUMMARY_ALL_JSON_SQLITE: &str = "SELECT json_group_array(json_array(employer_id, \
       programs, active, wage_sum)) \
     FROM employer_wage_summary WHERE active <> 0 AND $1 <= $2";

/// Every employer, in id order.
pub const EMPLOYERS_BASIC_ALL: &str =
    "SELECT id, npp, legal_name, nib, region_code, risk_class FROM employers ORDER BY id";

/// Summary rows (employer, program list, open memberships, wage sum) inside a region.
pub const WAGE_SUMMARY_WITHIN: &str = "SELECT s.employer_id, s.programs, s.active, s.wage_sum \
     FROM employer_wage_summary s JOIN employers e ON e.id = s.employer_id \
     WHERE e.region_code >= $1 AND e.region_code < $2 AND s.active <> 0";

/// The same for every employer (no join needed).
pub const WAGE_SUMMARY_ALL: &str = "SELECT employer_id, programs, active, wage_sum \
     FROM employer_wage_summary WHERE active <> 0";

/// Open memberships with a (latest) wage below `$3`, per employer inside a region: count and
/// wage sum. `wage >= 0` leaves out memberships without a wage (stored as -1).
pub const BELOW_MINIMUM_WITHIN: &str = "SELECT h.employer_id, CAST(sum(h.active) AS BIGINT), \
       CAST(sum(h.wage * h.active) AS BIGINT) \
     FROM employers e JOIN employer_wage_hist h ON h.employer_id = e.id \
     WHERE e.region_code >= $1 AND e.region_code < $2 \
       AND h.wage >= 0 AND h.wage < $3 AND h.active <> 0 \
     GROUP BY h.employer_id";

/// Open memberships of employers inside a region whose latest wage starts after `$3`
/// (YYYY-MM-DD): employer, latest wage, wage in force on `$3` (either may be NULL).
pub const PENDING_WAGES_WITHIN: &str = "SELECT DISTINCT m.id, m.employer_id, \
       (SELECT w.amount FROM wage_history w WHERE w.membership_id = m.id \
          AND w.superseded_at IS NULL ORDER BY w.valid_from DESC LIMIT 1), \
       (SELECT w.amount FROM wage_history w WHERE w.membership_id = m.id \
          AND w.superseded_at IS NULL AND w.valid_from <= $3 ORDER BY w.valid_from DESC LIMIT 1) \
     FROM wage_history p \
     JOIN memberships m ON m.id = p.membership_id \
     JOIN employers e ON e.id = m.employer_id \
     WHERE p.superseded_at IS NULL AND p.valid_from > $3 AND m.end_date IS NULL \
       AND e.region_code >= $1 AND e.region_code < $2";

impl AnalyticsDb {
    /// Registered employers inside a region, with the programs their open memberships carry
    /// and their active workers' wage statistics (as of `date`) against `minimum`.
    pub async fn employers(
        &self,
        within: Option<&RegionKey>,
        minimum: Option<Rupiah>,
        date: Date,
    ) -> Result<Vec<EmployerFacts>> {
        self.employers_with(within, &|_| minimum, date).await
    }

    /// The same with each employer's statistics counted against the minimum wage of its
    /// province (`minimum_of("31")`), as a national compliance run needs.
    pub async fn employers_with(
        &self,
        within: Option<&RegionKey>,
        minimum_of: &(dyn Fn(&str) -> Option<Rupiah> + Sync),
        date: Date,
    ) -> Result<Vec<EmployerFacts>> {
        let (lo, hi) = bounds(within);
        type E = (i64, String, String, Option<String>, String, i64);
        // About 125,000 employers and as many summary rows nationally: one JSON text each
        // on SQLite instead of a quarter of a million rows handed over one by one.
        let rows: Vec<E> = self
            .fetch_bounds_many(
                "employers",
                EMPLOYERS_BASIC_WITHIN,
                EMPLOYERS_BASIC_WITHIN_JSON_SQLITE,
                &lo,
                &hi,
            )
            .await?;
        let mut facts = Vec::with_capacity(rows.len());
        let mut index: HashMap<i64, usize> = HashMap::with_capacity(rows.len());
        for (id, npp, name, nib, region, risk) in rows {
            let t = "employers";
            index.insert(id, facts.len());
            facts.push(EmployerFacts {
                region: RegionKey::parse(&region).map_err(|e| stored(t, &npp, e))?,
                risk_class: u8::try_from(risk).map_err(|e| stored(t, &npp, e))?,
                npp,
                nib,
                name,
                programs: ProgramSet::EMPTY,
                wages: WageStats::default(),
            });
        }
        // Totals and joined programs.
        type S = (i64, String, i64, i64);
        let t = "employer_wage_summary";
        let summary: Vec<S> = match (within, self.is_sqlite()) {
            (Some(_), _) => {
                self.fetch_bounds_many(
                    t,
                    WAGE_SUMMARY_WITHIN,
                    WAGE_SUMMARY_WITHIN_JSON_SQLITE,
                    &lo,
                    &hi,
                )
                .await?
            }
            (None, true) => {
                self.fetch_bounds_many(t, WAGE_SUMMARY_ALL, WAGE_SUMMARY_ALL_JSON_SQLITE, &lo, &hi)
                    .await?
            }
            (None, _) => self.fetch_all(WAGE_SUMMARY_ALL).await?,
        };
        let mut programs_seen: HashMap<String, ProgramSet> = HashMap::new();
        for (id, programs, active, wage_sum) in summary {
            let Some(e) = index.get(&id).and_then(|&i| facts.get_mut(i)) else {
                continue;
            };
            let set = match programs_seen.get(&programs) {
                Some(set) => *set,
                None => {
                    let set = ProgramSet::parse(&programs)
                        .map_err(|why| stored("employer_wage_summary", &e.npp, why))?;
                    programs_seen.insert(programs, set);
                    set
                }
            };
            e.programs = e.programs.union(set);
            e.wages.active += count("employer_wage_summary", &e.npp, active)?;
            e.wages.wage_sum += Rupiah(wage_sum);
        }
        // Below the minimum wage: one index range per province that has one.
        let mut minimums: BTreeMap<String, Option<Rupiah>> = BTreeMap::new();
        for e in &facts {
            let p = e.region.province();
            if !minimums.contains_key(p) {
                minimums.insert(p.to_owned(), minimum_of(p));
            }
        }
        for (province, minimum) in &minimums {
            let Some(min) = minimum else { continue };
            let (plo, phi) = match within {
                Some(_) => (lo.clone(), hi.clone()),
                None => (province.clone(), format!("{province}/")),
            };
            let rows: Vec<(i64, i64, i64)> = self
                .fetch_bounds_min(BELOW_MINIMUM_WITHIN, &plo, &phi, min.get())
                .await?;
            for (id, n, sum) in rows {
                if let Some(e) = index.get(&id).and_then(|&i| facts.get_mut(i)) {
                    e.wages.below_min += count("employer_wage_hist", &e.npp, n)?;
                    e.wages.below_min_sum += Rupiah(sum);
                }
            }
        }
        // Wages recorded to start after `date`: take the one in force on `date` instead.
        let pending: Vec<(i64, i64, Option<i64>, Option<i64>)> = self
            .fetch_bounds_date(PENDING_WAGES_WITHIN, &lo, &hi, &date.to_string())
            .await?;
        for (_membership, id, latest, in_force) in pending {
            let Some(e) = index.get(&id).and_then(|&i| facts.get_mut(i)) else {
                continue;
            };
            let min = minimums.get(e.region.province()).copied().flatten();
            let w = &mut e.wages;
            w.wage_sum = w.wage_sum - Rupiah(latest.unwrap_or(0)) + Rupiah(in_force.unwrap_or(0));
            if let (Some(m), Some(l)) = (min, latest)
                && Rupiah(l) < m
            {
                w.below_min = w.below_min.saturating_sub(1);
                w.below_min_sum = w.below_min_sum - Rupiah(l);
            }
            if let (Some(m), Some(f)) = (min, in_force)
                && Rupiah(f) < m
            {
                w.below_min += 1;
                w.below_min_sum += Rupiah(f);
            }
        }
        Ok(facts)
    }
}

impl AnalyticsDb {
    /// [`AnalyticsDb::employers_with`] counted the slow way ([`AnalyticsDb::employers_recount`]
    /// per province with a minimum wage): the reference `jamsos compliance --reference` uses to
    /// check the fast path on real data.
    pub async fn employers_recount_with(
        &self,
        within: Option<&RegionKey>,
        minimum_of: &(dyn Fn(&str) -> Option<Rupiah> + Sync),
        date: Date,
    ) -> Result<Vec<EmployerFacts>> {
        let mut facts = self.employers_recount(within, None, date).await?;
        let mut provinces: Vec<String> = facts
            .iter()
            .map(|e| e.region.province().to_owned())
            .collect();
        provinces.sort();
        provinces.dedup();
        for p in provinces {
            let Some(min) = minimum_of(&p) else { continue };
            let scope = match within {
                Some(w) => w.clone(),
                None => RegionKey::parse(&p).map_err(|e| stored("employers", &p, e))?,
            };
            let counted = self
                .employers_recount(Some(&scope), Some(min), date)
                .await?;
            let by_npp: HashMap<&str, &EmployerFacts> =
                counted.iter().map(|e| (e.npp.as_str(), e)).collect();
            for e in facts.iter_mut().filter(|e| e.region.province() == p) {
                if let Some(c) = by_npp.get(e.npp.as_str()) {
                    e.wages = c.wages;
                }
            }
        }
        Ok(facts)
    }
}
