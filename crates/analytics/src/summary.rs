//! A region's summary: everything the printable report shows, computed once from a
//! [`Dataset`] so that the CLI and the web door print the same figures. Pure: the month, the
//! suppression policy and the rules engine are arguments; no clock, no I/O.
//!
//! Sections: coverage by the region's children (a city by kecamatan), coverage by sector, the
//! gap of one sector (default KBLI division 14, garments) in the child where that sector has
//! the most vulnerable workers (Tambora on the demo data) by its own children, compliance and
//! the outreach list, the budget to cover every uncovered vulnerable worker, and campaigns.

use crate::budget::{self, BudgetRequest, BudgetResult, Package, Target};
use crate::campaign::{self, CampaignReport};
use crate::compliance::{self, ComplianceConfig, ComplianceReport};
use crate::coverage::{self, CoverageQuery, CoverageTable, RowRegion};
use crate::demo::Dataset;
use crate::period::Month;
use crate::region::{Level, RegionDirectory, RegionKey};
use crate::rules_port::{self, FundedBy, Rules};
use crate::sector::Sector;
use crate::suppress::Policy;
use jamsos_rules::CalcError;

/// What to summarise.
#[derive(Clone, Debug)]
pub struct SummaryRequest {
    pub region: RegionKey,
    /// The month the coverage stands for; the budget starts the month after.
    pub month: Month,
    pub policy: Policy,
    /// The sector whose gap is shown (default division 14, apparel).
    pub gap_sector: Sector,
    /// Months the budget pays (default 12: "for a year").
    pub budget_months: u32,
}

impl SummaryRequest {
    pub fn new(region: RegionKey, month: Month, policy: Policy) -> SummaryRequest {
        SummaryRequest {
            region,
            month,
            policy,
            gap_sector: Sector::Division(14),
            budget_months: 12,
        }
    }
}

/// One sector in one sub-region, by the sub-region's children.
#[derive(Clone, Debug)]
pub struct SectorGap {
    pub sector: Sector,
    pub area: RegionKey,
    pub area_name: String,
    pub table: CoverageTable,
}

/// The computed summary.
#[derive(Clone, Debug)]
pub struct RegionSummary {
    pub region: RegionKey,
    pub name: String,
    pub month: Month,
    pub policy: Policy,
    /// Coverage by the region's children (one level finer).
    pub children: CoverageTable,
    /// Coverage of the whole region by sector (`sector_rows`).
    pub by_sector: CoverageTable,
    /// `None` when the region has no potential workers in the gap sector.
    pub gap: Option<SectorGap>,
    /// `None` when there is no company data for the region.
    pub compliance: Option<ComplianceReport>,
    /// The budget for every uncovered vulnerable worker, or why it could not be priced.
    pub budget: Result<BudgetResult, String>,
    pub campaigns: Vec<CampaignReport>,
}

/// Computes the summary. Errors only when the rules engine cannot assess the companies.
pub fn build(
    rules: &(dyn Rules + Sync),
    d: &Dataset,
    req: &SummaryRequest,
    dir: &dyn RegionDirectory,
) -> Result<RegionSummary, CalcError> {
    let region = &req.region;
    let name = dir.name(region).unwrap_or_else(|| region.to_string());
    let child_level = region.level().finer().unwrap_or(Level::Village);
    let table = |within: &RegionKey, level: Level, sectors: Vec<Sector>, by_sector: bool| {
        let mut q = CoverageQuery::new(req.month, level);
        q.within = Some(within.clone());
        q.policy = req.policy;
        q.sectors = sectors;
        q.by_sector = by_sector;
        coverage::coverage(&q, &d.potential, &d.enrolled, dir)
    };
    let children = table(region, child_level, Vec::new(), false);
    let by_sector = table(region, region.level(), Vec::new(), true);
    let gap = sector_gap(req, child_level, &table, dir);

    let first_day = req.month.first_day();
    let minimum = rules_port::minimum_wage(rules, region, first_day)
        .ok()
        .flatten();
    let companies: Vec<_> = d
        .companies
        .iter()
        .filter(|c| c.region.within(region))
        .cloned()
        .collect();
    let compliance = if companies.is_empty() {
        None
    } else {
        let cfg = ComplianceConfig::new(first_day);
        Some(compliance::assess(
            rules,
            &cfg,
            &companies,
            &d.employer_facts(minimum),
        )?)
    };
    let budget_req = BudgetRequest {
        start: req.month.next(),
        months: req.budget_months,
        regions: vec![region.clone()],
        sectors: Vec::new(),
        target: Target::AllUncoveredVulnerable,
        package: Package::default(),
        funded_by: FundedBy::Apbd,
        assumptions: None,
    };
    let budget =
        budget::simulate(rules, &budget_req, &d.potential, &d.enrolled).map_err(|e| e.to_string());
    let campaigns = d
        .campaigns
        .iter()
        .filter(|c| c.region.within(region))
        .map(|c| {
            campaign::report(
                c,
                &d.tagged,
                &d.potential,
                &d.enrolled,
                req.month,
                req.policy,
            )
        })
        .collect();
    Ok(RegionSummary {
        region: region.clone(),
        name,
        month: req.month,
        policy: req.policy,
        children,
        by_sector,
        gap,
        compliance,
        budget,
        campaigns,
    })
}

/// A coverage table for (within, level, sectors, by_sector) on the summary's data.
type TableFn<'a> = dyn Fn(&RegionKey, Level, Vec<Sector>, bool) -> CoverageTable + 'a;

/// The gap sector in the child region where it has the most vulnerable workers (potential
/// counts are statistics, never suppressed), by that child's own children. A district or
/// village region is its own area.
fn sector_gap(
    req: &SummaryRequest,
    child_level: Level,
    table: &TableFn<'_>,
    dir: &dyn RegionDirectory,
) -> Option<SectorGap> {
    let sector = req.gap_sector;
    let area = if matches!(req.region.level(), Level::District | Level::Village) {
        req.region.clone()
    } else {
        let per_child = table(&req.region, child_level, vec![sector], false);
        per_child
            .rows
            .iter()
            .filter_map(|r| match &r.region {
                RowRegion::Region(k) if r.potential_vulnerable > 0 => {
                    Some((r.potential_vulnerable, k))
                }
                _ => None,
            })
            // ties: the first code wins (max_by_key keeps the last, so compare reversed codes)
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
            .map(|(_, k)| k.clone())?
    };
    let level = area.level().finer().unwrap_or(Level::Village);
    let gap = table(&area, level, vec![sector], false);
    if gap.total.potential == 0 {
        return None;
    }
    Some(SectorGap {
        sector,
        area_name: dir.name(&area).unwrap_or_else(|| area.to_string()),
        area,
        table: gap,
    })
}
