//! Compliance: company data (e.g. the manpower office's mandatory reports) against the
//! registry.
//!
//! * **PWBD** (*perusahaan wajib belum daftar*): the company matches no registered employer.
//! * **PDS TK**: fewer active workers registered than the company reports.
//! * **PDS upah**: registered wages below the minimum wage in force (`upah_minimum`), or an
//!   average registered wage below the average the company reports (`upah_rata_rata`).
//! * **PDS program**: programs the employer's size class must join (Perpres 109/2013,
//!   regulations.md §1.10) that it has not. The table, the size thresholds and the risk class
//!   assumed for unregistered companies are the rules engine's parameters
//!   (`employer_size.toml`), read through [`Rules::size_rules`] for the month analysed.
//!
//! Each finding carries an estimated monthly shortfall: the employer + worker contribution
//! lines the rules engine computes for the date (the government's JKP line is not owed by the
//! employer). Estimates use averages — `n × contribution(average wage)` — which equals the
//! per-worker sum except for per-line rounding and the JP wage cap above it.
//!
//! The decomposition avoids counting anything twice: with `target` = the wage the workers
//! should be registered at (the company's average, at least the minimum wage), PDS upah is
//! `contribution(target) − contribution(registered)` on the programs joined, PDS program is
//! `contribution(target)` on the missing programs, PDS TK is the missing workers at `target`
//! on every program due.
//!
//! Rows matched only by name are listed for review and get no finding until a person confirms.

use crate::matching::{EmployerKey, Match, Matcher};
use crate::model::ProgramSet;
use crate::region::RegionKey;
use crate::rules_port::{self, PuCost, Rules};
use crate::sector::Sector;
use jamsos_rules::employer_size::SizeRules;
use jamsos_rules::{CalcError, Rupiah, rounding};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;

/// One row of company data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CompanyReport {
    /// The data row (1-based, header excluded) it came from.
    pub row: usize,
    pub nib: Option<String>,
    pub name: String,
    pub region: RegionKey,
    /// The KBLI code as written (2 to 5 digits).
    pub kbli: String,
    pub sector: Sector,
    pub reported_workers: u64,
    pub average_wage: Rupiah,
    pub npp: Option<String>,
}

/// What the registry knows of an employer's active workers, against a minimum wage.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct WageStats {
    pub active: u64,
    /// Sum of the active workers' registered wages.
    pub wage_sum: Rupiah,
    /// Active workers registered below the minimum wage, and the sum of their wages.
    pub below_min: u64,
    pub below_min_sum: Rupiah,
}

impl WageStats {
    /// From individual wages (tests, small registries); the store computes the same in SQL.
    pub fn from_wages(wages: &[Rupiah], minimum: Option<Rupiah>) -> WageStats {
        let mut s = WageStats::default();
        for w in wages {
            s.active += 1;
            s.wage_sum += *w;
            if minimum.is_some_and(|m| *w < m) {
                s.below_min += 1;
                s.below_min_sum += *w;
            }
        }
        s
    }
}

/// A registered employer as compliance sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmployerFacts {
    pub npp: String,
    pub nib: Option<String>,
    pub name: String,
    pub region: RegionKey,
    pub risk_class: u8,
    pub programs: ProgramSet,
    pub wages: WageStats,
}

/// Enterprise size class (the rules crate's: Perpres 109/2013 Pasal 6(1)).
pub use jamsos_rules::employer_size::SizeClass;

/// Assumptions, stated in every report. The size thresholds, the programs each class must join
/// and the assumed risk class are parameters of the rules engine (`employer_size.toml`), read
/// for the month analysed; only the risk class may be changed by the caller.
#[derive(Clone, Debug, Serialize)]
pub struct ComplianceConfig {
    /// The month analysed (its first day selects the rules in force).
    pub date: Date,
    /// JKK risk class assumed for unregistered companies (PP 44/2015 Lampiran I maps business
    /// types to classes; that table is not in the parameter set). The parameter
    /// `compliance.unregistered.jkk_risk_class` (1, the lowest estimate) unless the caller
    /// sets another.
    pub assumed_risk_class: u8,
    /// Size classes by reported workers: the BPS convention (micro 1–4, small 5–19, medium
    /// 20–99, large 100+), parameters `employer_size.*.min_workers`. Perpres 109/2013 classes
    /// by business scale (UU 20/2008: assets and turnover), which company reports do not carry.
    pub small_from: u64,
    pub medium_from: u64,
    pub large_from: u64,
    /// Programs per size class (Perpres 109/2013 Pasal 6(3)), in [`SizeClass::ALL`] order.
    #[serde(skip)]
    mandatory: [ProgramSet; 4],
    /// Why the rules could not be read for `date` ([`ComplianceConfig::new`] only);
    /// [`assess`] refuses such a config with this error.
    #[serde(skip)]
    pub(crate) unresolved: Option<CalcError>,
}

impl ComplianceConfig {
    /// The rules in force on `date`, from the rules engine (honours a `--params` directory).
    pub fn from_rules(rules: &dyn Rules, date: Date) -> Result<ComplianceConfig, CalcError> {
        Ok(ComplianceConfig::of(&rules.size_rules(date)?))
    }

    /// The rules in force on `date`, from the embedded parameter set. A date they do not cover
    /// (before 1 Jul 2015) gives a config [`assess`] refuses with the lookup's error.
    pub fn new(date: Date) -> ComplianceConfig {
        match rules_port::embedded_size_rules(date) {
            Ok(r) => ComplianceConfig::of(&r),
            Err(e) => ComplianceConfig {
                date,
                assumed_risk_class: 1,
                small_from: 0,
                medium_from: 0,
                large_from: 0,
                mandatory: [ProgramSet::EMPTY; 4],
                unresolved: Some(e),
            },
        }
    }

    fn of(r: &SizeRules) -> ComplianceConfig {
        let mut mandatory = [ProgramSet::EMPTY; 4];
        for (slot, size) in mandatory.iter_mut().zip(SizeClass::ALL) {
            *slot = ProgramSet::of(r.mandatory(size));
        }
        ComplianceConfig {
            date: r.date,
            assumed_risk_class: r.unregistered_risk_class,
            small_from: r.small_from,
            medium_from: r.medium_from,
            large_from: r.large_from,
            mandatory,
            unresolved: None,
        }
    }

    pub fn size_class(&self, workers: u64) -> SizeClass {
        if workers >= self.large_from {
            SizeClass::Large
        } else if workers >= self.medium_from {
            SizeClass::Medium
        } else if workers >= self.small_from {
            SizeClass::Small
        } else {
            SizeClass::Micro
        }
    }

    /// Programs a size class must join on this config's date. JKP follows automatically and
    /// is government-funded, so it is not listed.
    pub fn required_programs(&self, size: SizeClass) -> ProgramSet {
        SizeClass::ALL
            .iter()
            .position(|s| *s == size)
            .and_then(|i| self.mandatory.get(i).copied())
            .unwrap_or_default()
    }
}

/// Programs a size class must join under the rule as last published in the embedded
/// parameters (Perpres 109/2013 Pasal 6(3) since 1 Jul 2015). For a given month use
/// [`ComplianceConfig::required_programs`]. Empty only if the embedded parameters lack the
/// table, which the rules crate's tests rule out.
pub fn required_programs(size: SizeClass) -> ProgramSet {
    rules_port::latest_size_rules()
        .map(|r| ProgramSet::of(r.mandatory(size)))
        .unwrap_or_default()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    Pwbd,
    PdsTk,
    PdsUpahMinimum,
    PdsUpahRataRata,
    PdsProgram,
}

impl Category {
    pub const ALL: [Category; 5] = [
        Category::Pwbd,
        Category::PdsTk,
        Category::PdsUpahMinimum,
        Category::PdsUpahRataRata,
        Category::PdsProgram,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::Pwbd => "PWBD",
            Category::PdsTk => "PDS TK",
            Category::PdsUpahMinimum => "PDS upah (minimum)",
            Category::PdsUpahRataRata => "PDS upah (rata-rata)",
            Category::PdsProgram => "PDS program",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub category: Category,
    /// Workers concerned.
    pub workers: u64,
    pub monthly_shortfall: Rupiah,
    /// The wage the estimate used, per worker.
    pub wage: Rupiah,
    #[serde(skip_serializing_if = "ProgramSet::is_empty")]
    pub programs: ProgramSet,
}

/// The match, with employer numbers instead of indexes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum MatchOut {
    Npp {
        npp: String,
    },
    Nib {
        npp: String,
    },
    Review {
        candidates: Vec<String>,
        reason: &'static str,
    },
    None,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub company: CompanyReport,
    #[serde(rename = "match")]
    pub matched: MatchOut,
    pub size_class: SizeClass,
    pub required_programs: ProgramSet,
    pub findings: Vec<Finding>,
    pub monthly_shortfall: Rupiah,
    /// Workers the company reports that are not registered.
    pub uncovered_workers: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct CategoryTotal {
    pub companies: u64,
    pub workers: u64,
    pub monthly_shortfall: Rupiah,
}

#[derive(Clone, Debug, Serialize)]
pub struct ComplianceReport {
    pub config: ComplianceConfig,
    /// The minimum wage used per province code, where known.
    pub minimum_wages: Vec<(String, Option<Rupiah>)>,
    /// Companies with at least one finding, ordered for outreach: shortfall, then uncovered
    /// workers, then name.
    pub outreach: Vec<Assessment>,
    /// Rows whose match a person must decide.
    pub review: Vec<Assessment>,
    /// Matched rows without findings.
    pub compliant: u64,
    pub totals: Vec<(Category, CategoryTotal)>,
    pub monthly_shortfall: Rupiah,
    /// Companies with at least one finding: the length of `outreach`, unless the report keeps
    /// only the first rows of its lists ([`assess_first`]).
    pub outreach_count: u64,
    /// Rows to review: the length of `review`, unless the report keeps only the first rows.
    pub review_count: u64,
}

/// Assesses every company row against the registered employers. Rows are assessed in
/// parallel (each thread with its own memo of engine answers); the result does not depend on
/// the number of threads.
pub fn assess(
    rules: &(dyn Rules + Sync),
    cfg: &ComplianceConfig,
    companies: &[CompanyReport],
    employers: &[EmployerFacts],
) -> Result<ComplianceReport, CalcError> {
    assess_owned(rules, cfg, companies.to_vec(), employers)
}

/// [`assess`] taking the company rows by value (each assessment keeps its row: a national run
/// then copies no strings).
pub fn assess_owned(
    rules: &(dyn Rules + Sync),
    cfg: &ComplianceConfig,
    companies: Vec<CompanyReport>,
    employers: &[EmployerFacts],
) -> Result<ComplianceReport, CalcError> {
    if let Some(e) = &cfg.unresolved {
        return Err(e.clone());
    }
    let matcher = matcher_of(employers);
    // The minimum wage of each province present, looked up once, in first-seen order (the
    // map answers the per-company lookups of a national run).
    let mut minimum_wages: Vec<(String, Option<Rupiah>)> = Vec::new();
    let mut minimum_of: HashMap<&str, Option<Rupiah>> = HashMap::new();
    for c in &companies {
        let p = c.region.province();
        if !minimum_of.contains_key(p) {
            let m = rules_port::minimum_wage(rules, &c.region, cfg.date)?;
            minimum_wages.push((p.to_owned(), m));
            minimum_of.insert(p, m);
        }
    }
    let chunks = assess_rows(rules, cfg, &matcher, employers, &minimum_of, &companies)?;
    drop(matcher);
    // Counts and totals over every company, in one pass.
    let mut tally = Tally::default();
    for p in chunks.iter().flatten() {
        tally.add(p);
    }
    let (outreach, review, compliant) =
        every_row(chunks, companies, (tally.outreach, tally.review));
    Ok(ComplianceReport {
        config: cfg.clone(),
        minimum_wages,
        outreach,
        review,
        compliant,
        totals: tally.totals_list(),
        monthly_shortfall: tally.monthly_shortfall,
        outreach_count: tally.outreach as u64,
        review_count: tally.review as u64,
    })
}

/// [`assess_owned`] keeping only the first `keep` rows of the outreach list (in outreach order)
/// and of the review list (in input order): a national run shown on screen prints 20 of a
/// million. Counts, totals and the monthly shortfall still cover every company, and the kept
/// rows are exactly the first rows of the full report (`usize::MAX`: every row, as
/// [`assess_owned`]). The rows go through [`FirstRows`] as one batch.
///
/// [`FirstRows`]: crate::compliance_batches::FirstRows
pub fn assess_first(
    rules: &(dyn Rules + Sync),
    cfg: &ComplianceConfig,
    companies: Vec<CompanyReport>,
    employers: &[EmployerFacts],
    keep: usize,
) -> Result<ComplianceReport, CalcError> {
    if keep == usize::MAX {
        return assess_owned(rules, cfg, companies, employers);
    }
    let mut run = crate::compliance_batches::FirstRows::new(rules, cfg, employers, keep)?;
    run.add(0, companies)?;
    Ok(run.finish())
}

/// Companies assessed per parallel task.
const CHUNK: usize = 4096;

/// The matcher over the registered employers (indexes into `employers`).
pub(crate) fn matcher_of(employers: &[EmployerFacts]) -> Matcher<'_> {
    Matcher::new(
        employers
            .iter()
            .map(|e| EmployerKey {
                npp: &e.npp,
                nib: e.nib.as_deref(),
                name: &e.name,
                region: &e.region,
            })
            .collect(),
    )
}

/// Assesses `rows` in parallel chunks (each with its own memo of engine answers), in order.
pub(crate) fn assess_rows(
    rules: &(dyn Rules + Sync),
    cfg: &ComplianceConfig,
    matcher: &Matcher<'_>,
    employers: &[EmployerFacts],
    minimum_of: &HashMap<&str, Option<Rupiah>>,
    rows: &[CompanyReport],
) -> Result<Vec<Vec<Partial>>, CalcError> {
    use rayon::prelude::*;
    rows.par_chunks(CHUNK)
        .map(|chunk| {
            let cost = PuCost::new(rules);
            chunk
                .iter()
                .map(|c| assess_one(&cost, cfg, matcher, employers, minimum_of, c))
                .collect::<Result<Vec<_>, CalcError>>()
        })
        .collect()
}

pub(crate) fn is_review(m: &MatchOut) -> bool {
    matches!(m, MatchOut::Review { .. })
}

/// Counts and per-category totals of the outreach list, summed over every assessment.
#[derive(Default)]
pub(crate) struct Tally {
    pub(crate) outreach: usize,
    pub(crate) review: usize,
    pub(crate) totals: [CategoryTotal; Category::ALL.len()],
    pub(crate) monthly_shortfall: Rupiah,
}

impl Tally {
    /// The per-category totals, in [`Category::ALL`] order.
    pub(crate) fn totals_list(&self) -> Vec<(Category, CategoryTotal)> {
        Category::ALL.iter().copied().zip(self.totals).collect()
    }

    pub(crate) fn add(&mut self, p: &Partial) {
        if is_review(&p.matched) {
            self.review += 1;
        } else if !p.findings.is_empty() {
            self.outreach += 1;
            self.monthly_shortfall += p.monthly_shortfall;
            for f in &p.findings {
                let at = Category::ALL.iter().position(|c| *c == f.category);
                if let Some(t) = at.and_then(|i| self.totals.get_mut(i)) {
                    t.companies += 1;
                    t.workers += f.workers;
                    t.monthly_shortfall += f.monthly_shortfall;
                }
            }
        }
    }
}

pub(crate) fn assessment(p: Partial, company: CompanyReport) -> Assessment {
    Assessment {
        company,
        matched: p.matched,
        size_class: p.size_class,
        required_programs: p.required_programs,
        findings: p.findings,
        monthly_shortfall: p.monthly_shortfall,
        uncovered_workers: p.uncovered_workers,
    }
}

/// Every outreach and review row, and the number of compliant rows.
fn every_row(
    chunks: Vec<Vec<Partial>>,
    companies: Vec<CompanyReport>,
    (n_outreach, n_review): (usize, usize),
) -> (Vec<Assessment>, Vec<Assessment>, u64) {
    use rayon::prelude::*;
    // Each assessment takes its company row (moved, not copied) straight into a list reserved
    // at its final length: a million assessments of ~300 bytes copied through growing and
    // intermediate vectors cost more (memory copies and page faults) than assessing them.
    let mut outreach = Vec::with_capacity(n_outreach);
    let mut review = Vec::with_capacity(n_review);
    let mut compliant = 0u64;
    for (p, company) in chunks.into_iter().flatten().zip(companies) {
        if is_review(&p.matched) {
            review.push(assessment(p, company));
        } else if p.findings.is_empty() {
            compliant += 1;
        } else {
            outreach.push(assessment(p, company));
        }
    }
    // Sorting small keys and permuting in place moves each assessment about once, into memory
    // already touched.
    // The outreach order: shortfall, then uncovered workers (both descending), then name and
    // row, then input order (the stable order).
    let mut keys: Vec<(i64, u64, &str, usize, usize)> = outreach
        .iter()
        .enumerate()
        .map(|(i, a)| {
            (
                -a.monthly_shortfall.get(),
                u64::MAX - a.uncovered_workers,
                a.company.name.as_str(),
                a.company.row,
                i,
            )
        })
        .collect();
    keys.par_sort_unstable();
    let mut order: Vec<usize> = keys.iter().map(|k| k.4).collect();
    drop(keys);
    permute_in_place(&mut outreach, &mut order);
    (outreach, review, compliant)
}

/// Reorders `items` so that position `k` holds the item that was at `order[k]` (`order` a
/// permutation of the indexes), following each cycle with swaps: no second vector of items.
/// `order` is used up (each visited slot is set to its own index).
fn permute_in_place<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut k = start;
        while let Some(&from) = order.get(k) {
            if from == start {
                if let Some(slot) = order.get_mut(k) {
                    *slot = k;
                }
                break;
            }
            items.swap(k, from);
            if let Some(slot) = order.get_mut(k) {
                *slot = k;
            }
            k = from;
        }
    }
}

/// An assessment without its company row (added back after the parallel pass).
pub(crate) struct Partial {
    pub(crate) matched: MatchOut,
    size_class: SizeClass,
    required_programs: ProgramSet,
    pub(crate) findings: Vec<Finding>,
    pub(crate) monthly_shortfall: Rupiah,
    pub(crate) uncovered_workers: u64,
}

pub(crate) fn assess_one(
    cost: &PuCost<'_>,
    cfg: &ComplianceConfig,
    matcher: &Matcher<'_>,
    employers: &[EmployerFacts],
    minimum_of: &HashMap<&str, Option<Rupiah>>,
    c: &CompanyReport,
) -> Result<Partial, CalcError> {
    let ump = minimum_of.get(c.region.province()).copied().flatten();
    let size = cfg.size_class(c.reported_workers);
    let required = cfg.required_programs(size);
    let m = matcher.find(c.npp.as_deref(), c.nib.as_deref(), &c.name, &c.region);
    let npp_of = |i: usize| employers.get(i).map(|e| e.npp.clone()).unwrap_or_default();
    let (matched, employer) = match &m {
        Match::Npp { employer } => (
            MatchOut::Npp {
                npp: npp_of(*employer),
            },
            employers.get(*employer),
        ),
        Match::Nib { employer } => (
            MatchOut::Nib {
                npp: npp_of(*employer),
            },
            employers.get(*employer),
        ),
        Match::Review { candidates, reason } => (
            MatchOut::Review {
                candidates: candidates.iter().map(|i| npp_of(*i)).collect(),
                reason,
            },
            None,
        ),
        Match::None => (MatchOut::None, None),
    };
    let target = ump.map_or(c.average_wage, |u| c.average_wage.max(u));
    let mut findings = Vec::new();
    let mut uncovered = 0;
    match (&matched, employer) {
        (MatchOut::Review { .. }, _) => {}
        (_, None) => {
            let per = cost.per_worker(cfg.date, target, cfg.assumed_risk_class, required)?;
            uncovered = c.reported_workers;
            findings.push(Finding {
                category: Category::Pwbd,
                workers: c.reported_workers,
                monthly_shortfall: per.times(c.reported_workers as i64),
                wage: target,
                programs: required,
            });
        }
        (_, Some(e)) => {
            findings = employer_findings(cost, cfg, c, e, ump, target, required)?;
            uncovered = c.reported_workers.saturating_sub(e.wages.active);
        }
    }
    Ok(Partial {
        matched,
        size_class: size,
        required_programs: required,
        monthly_shortfall: findings.iter().map(|f| f.monthly_shortfall).sum(),
        findings,
        uncovered_workers: uncovered,
    })
}

fn employer_findings(
    cost: &PuCost<'_>,
    cfg: &ComplianceConfig,
    c: &CompanyReport,
    e: &EmployerFacts,
    ump: Option<Rupiah>,
    target: Rupiah,
    required: ProgramSet,
) -> Result<Vec<Finding>, CalcError> {
    let mut out = Vec::new();
    let w = &e.wages;
    let joined = e.programs;
    let due = required.union(joined);
    let per = |wage: Rupiah, set: ProgramSet| cost.per_worker(cfg.date, wage, e.risk_class, set);
    let gap = |n: u64, to: Rupiah, from: Rupiah| -> Result<Rupiah, CalcError> {
        let d = per(to, joined)?.get() - per(from, joined)?.get();
        Ok(Rupiah(d.max(0)).times(n as i64))
    };
    if c.reported_workers > w.active {
        let missing = c.reported_workers - w.active;
        out.push(Finding {
            category: Category::PdsTk,
            workers: missing,
            monthly_shortfall: per(target, due)?.times(missing as i64),
            wage: target,
            programs: due,
        });
    }
    if w.active == 0 {
        return Ok(out);
    }
    // Registered wages, with those below the minimum raised to it.
    let mut adjusted_sum = w.wage_sum;
    if let Some(min) = ump
        && w.below_min > 0
    {
        let avg_below =
            rounding::half_up(i128::from(w.below_min_sum.get()), i128::from(w.below_min));
        out.push(Finding {
            category: Category::PdsUpahMinimum,
            workers: w.below_min,
            monthly_shortfall: gap(w.below_min, min, avg_below)?,
            wage: min,
            programs: joined,
        });
        adjusted_sum = adjusted_sum - w.below_min_sum + min.times(w.below_min as i64);
    }
    let registered_avg = rounding::half_up(i128::from(adjusted_sum.get()), i128::from(w.active));
    if target > registered_avg {
        out.push(Finding {
            category: Category::PdsUpahRataRata,
            workers: w.active,
            monthly_shortfall: gap(w.active, target, registered_avg)?,
            wage: target,
            programs: joined,
        });
    }
    let missing_programs = required.minus(joined);
    if !missing_programs.is_empty() {
        let wage = target.max(registered_avg);
        out.push(Finding {
            category: Category::PdsProgram,
            workers: w.active,
            monthly_shortfall: per(wage, missing_programs)?.times(w.active as i64),
            wage,
            programs: missing_programs,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::permute_in_place;
    use proptest::prelude::*;

    #[test]
    fn permutes_by_order() {
        let mut items = vec!['a', 'b', 'c', 'd', 'e'];
        let mut order = vec![3, 0, 4, 1, 2];
        permute_in_place(&mut items, &mut order);
        assert_eq!(items, vec!['d', 'a', 'e', 'b', 'c']);
    }

    proptest! {
        #[test]
        fn equals_building_a_new_vector(order in Just((0..40usize).collect::<Vec<_>>()).prop_shuffle()) {
            let items: Vec<String> = (0..order.len()).map(|i| format!("item {i}")).collect();
            let expected: Vec<String> = order.iter().map(|&i| items[i].clone()).collect();
            let mut got = items;
            let mut o = order.clone();
            permute_in_place(&mut got, &mut o);
            prop_assert_eq!(got, expected);
        }
    }
}
