//! `/api/v1/analytics/*`: coverage by region level and sector, the compliance/outreach list,
//! and the budget simulation. Role-checked by the route table (`Action::AnalyticsView`); the
//! region by the caller's scope (a city analyst sees its own region only); small counts hidden
//! for city analysts (k = the server's `analytics_min_cell`, default [`super::MIN_COUNT`]).

use super::{Ctx, invalid, region_for};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorObject};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use jamsos_analytics::budget::{self, Assumptions, BudgetRequest, Package, Target};
use jamsos_analytics::budget_privacy;
use jamsos_analytics::compliance::{self, ComplianceConfig, ComplianceReport};
use jamsos_analytics::coverage::{self, CoverageQuery, CoverageTable};
use jamsos_analytics::region::Kemendagri;
use jamsos_analytics::rules_port::FundedBy;
use jamsos_analytics::sector::{Sector, SectorLevel};
use jamsos_analytics::{Level, Month, ProgramSet, RegionKey};
use jamsos_rules::{Rate, Rupiah};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct CoverageParams {
    /// Kemendagri region code (e.g. `31.73`); default: a city analyst's own region.
    pub region: Option<String>,
    /// Row level: province, regency, district (kecamatan) or village (kelurahan); default one
    /// level below the region.
    pub level: Option<String>,
    /// Only these sectors, comma-separated (KBLI section letters or 2-digit divisions).
    pub sector: Option<String>,
    /// Also break each region down by sector.
    pub by_sector: Option<bool>,
    /// Sectors by 2-digit division instead of section.
    pub divisions: Option<bool>,
}

pub fn sectors(text: Option<&str>) -> Result<Vec<Sector>, ApiError> {
    text.unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| Sector::parse(s).map_err(|e| invalid("sector", &e.to_string())))
        .collect()
}

/// The coverage table the parameters ask for, on already loaded data.
pub fn coverage_table(
    ctx: &Ctx,
    d: &jamsos_analytics::demo::Dataset,
    q: &CoverageParams,
) -> Result<CoverageTable, ApiError> {
    let level = match q.level.as_deref() {
        Some(l) => Level::parse(l)
            .ok_or_else(|| invalid("level", "province, regency, district or village"))?,
        None => ctx.region.level().finer().unwrap_or(Level::Village),
    };
    let mut cq = CoverageQuery::new(ctx.month, level);
    cq.within = Some(ctx.region.clone());
    cq.sectors = sectors(q.sector.as_deref())?;
    cq.by_sector = q.by_sector.unwrap_or(false);
    cq.sector_level = if q.divisions.unwrap_or(false) {
        SectorLevel::Division
    } else {
        SectorLevel::Section
    };
    cq.policy = ctx.policy;
    Ok(coverage::coverage(
        &cq,
        &d.potential,
        &d.enrolled,
        &Kemendagri::embedded(),
    ))
}

/// Coverage answer: the table and the suppression applied.
#[derive(Serialize, ToSchema)]
pub struct CoverageAnswer {
    /// The coverage table (rows, sector rows, total; hidden counts are `null`).
    #[schema(value_type = Object)]
    pub coverage: CoverageTable,
    /// Counts under this many people are hidden (`null`: nothing hidden).
    pub min_count: Option<u64>,
}

#[utoipa::path(get, path = "/api/v1/analytics/coverage", tag = "analytics", params(CoverageParams),
    description = "Potential workers, enrolled active participants (by residence), coverage rate and uncovered, for all and for vulnerable workers, by region level and sector, for the current month. City analysts: own region only, counts under the server's minimum cell count (default 5; `min_count` in the answer) hidden, with complementary suppression.",
    responses((status = 200, body = CoverageAnswer), (status = 401, body = ErrorObject),
        (status = 403, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn coverage(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<CoverageParams>,
) -> Result<Json<CoverageAnswer>, ApiError> {
    let ctx = Ctx::new(&state, &p, region_for(&p, q.region.as_deref(), None)?);
    let d = ctx.load(&state).await?;
    Ok(Json(CoverageAnswer {
        coverage: coverage_table(&ctx, &d, &q)?,
        min_count: ctx.policy.min_count,
    }))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct ComplianceParams {
    /// Kemendagri region code; default: a city analyst's own region.
    pub region: Option<String>,
    /// Companies listed (ordered by shortfall, then unregistered workers); default 100.
    pub top: Option<usize>,
}

/// The compliance report of the region's companies for the current month's rules.
pub fn compliance_report(
    state: &AppState,
    ctx: &Ctx,
    d: &jamsos_analytics::demo::Dataset,
) -> Result<ComplianceReport, ApiError> {
    let cfg = ComplianceConfig::from_rules(state.engine.as_ref(), ctx.month.first_day())?;
    let employers = d.employer_facts(ctx.minimum_wage);
    Ok(compliance::assess(
        state.engine.as_ref(),
        &cfg,
        &d.companies,
        &employers,
    )?)
}

#[utoipa::path(get, path = "/api/v1/analytics/compliance", tag = "analytics", params(ComplianceParams),
    description = "Unregistered (PWBD) and partly registered (PDS TK, upah, program) companies of a region with the estimated monthly contribution shortfall from the rules engine; the outreach list ordered by shortfall and uncovered workers. Company data, not personal data.",
    responses((status = 200, description = "The compliance report: config (assumptions), outreach, review, totals"),
        (status = 401, body = ErrorObject), (status = 403, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn compliance(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<ComplianceParams>,
) -> Result<Json<ComplianceReport>, ApiError> {
    let ctx = Ctx::new(&state, &p, region_for(&p, q.region.as_deref(), None)?);
    let d = ctx.load(&state).await?;
    let mut rep = compliance_report(&state, &ctx, &d)?;
    rep.outreach.truncate(q.top.unwrap_or(100));
    Ok(Json(rep))
}

/// A budget simulation request (every field optional).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulateBody {
    /// Regions covered; default: a city analyst's own region.
    pub regions: Option<Vec<String>>,
    /// Sectors (KBLI section letters or divisions); default all.
    pub sectors: Option<Vec<String>>,
    /// How many workers; default every uncovered vulnerable worker of the selection.
    pub count: Option<u64>,
    /// Months paid; default 12.
    pub months: Option<u32>,
    /// First month paid (YYYY-MM); default next month.
    pub start: Option<String>,
    /// Programs, e.g. `JKK;JKM` (the default, the BPU minimum package).
    pub programs: Option<String>,
    /// Declared income (rupiah); default the lowest BPU bracket in force.
    pub income: Option<i64>,
    /// apbd (default), apbn, other_sponsor or self.
    pub funded_by: Option<String>,
    /// Annual death rate, e.g. `0.3%`: adds expected benefits.
    pub death_rate: Option<String>,
    /// Annual work-accident death rate, e.g. `0.01%`.
    pub accident_death_rate: Option<String>,
}

/// The budget request a body asks for, with each region checked against the caller's scope.
pub fn budget_request(
    p: &Principal,
    ctx: &Ctx,
    b: &SimulateBody,
) -> Result<BudgetRequest, ApiError> {
    let regions: Vec<RegionKey> = match &b.regions {
        Some(list) if !list.is_empty() => list
            .iter()
            .map(|r| region_for(p, Some(r), None))
            .collect::<Result<_, _>>()?,
        _ => vec![ctx.region.clone()],
    };
    let start = match &b.start {
        Some(t) => Month::parse(t).map_err(|e| invalid("start", &e.to_string()))?,
        None => ctx.month.next(),
    };
    let months = b.months.unwrap_or(12);
    if !(1..=120).contains(&months) {
        return Err(invalid("months", "between 1 and 120"));
    }
    let programs = ProgramSet::parse(b.programs.as_deref().unwrap_or("JKK;JKM"))
        .map_err(|e| invalid("programs", &e))?;
    if programs.is_empty() {
        return Err(invalid("programs", "at least one program"));
    }
    let funded_by = FundedBy::parse(b.funded_by.as_deref().unwrap_or("apbd"))
        .ok_or_else(|| invalid("funded_by", "apbd, apbn, other_sponsor or self"))?;
    let rate = |t: &str, f: &str| Rate::parse(t).map_err(|e| invalid(f, &e.to_string()));
    let assumptions = match &b.death_rate {
        Some(dr) => Some(Assumptions {
            annual_death_rate: rate(dr, "death_rate")?,
            annual_work_accident_death_rate: rate(
                b.accident_death_rate.as_deref().unwrap_or("0%"),
                "accident_death_rate",
            )?,
            children: Assumptions::default_children(start),
        }),
        None => None,
    };
    Ok(BudgetRequest {
        start,
        months,
        regions,
        sectors: b
            .sectors
            .iter()
            .flatten()
            .map(|s| Sector::parse(s).map_err(|e| invalid("sectors", &e.to_string())))
            .collect::<Result<_, _>>()?,
        target: b
            .count
            .map_or(Target::AllUncoveredVulnerable, Target::Count),
        package: Package {
            programs,
            income: b.income.map(Rupiah),
        },
        funded_by,
        assumptions,
    })
}

#[utoipa::path(post, path = "/api/v1/analytics/simulate", tag = "analytics", request_body = SimulateBody,
    description = "What it costs a sponsor (default the city, APBD) to cover uncovered vulnerable workers: cost per month and per year priced by the rules engine month by month, the coverage reached, and optionally the expected benefits under stated death rates.",
    responses((status = 200, description = "The budget result (cohort, monthly costs, cost per year, coverage before/after, warnings). For city analysts, counts of people under `min_count` are `null` with what gives them back (listed in `hidden`)"),
        (status = 401, body = ErrorObject), (status = 403, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn simulate(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    body: axum::body::Bytes,
) -> Result<Json<serde_json::Value>, ApiError> {
    let b: SimulateBody = if body.is_empty() {
        SimulateBody::default()
    } else {
        serde_json::from_slice(&body).map_err(|e| invalid("body", &e.to_string()))?
    };
    // Data for the smallest region holding every requested one.
    let asked: Vec<RegionKey> = match &b.regions {
        Some(list) if !list.is_empty() => list
            .iter()
            .map(|r| region_for(&p, Some(r), None))
            .collect::<Result<_, _>>()?,
        _ => vec![region_for(&p, None, None)?],
    };
    let common = common_ancestor(&asked)
        .ok_or_else(|| invalid("regions", "regions of one province at a time"))?;
    let ctx = Ctx::new(&state, &p, common);
    let req = budget_request(&p, &ctx, &b)?;
    let d = ctx.load(&state).await?;
    let res = budget::simulate(state.engine.as_ref(), &req, &d.potential, &d.enrolled)?;
    let hidden = budget_privacy::disclosure(&res, req.target, ctx.policy);
    Ok(Json(budget_privacy::publish(&res, &hidden)))
}

/// The finest region containing all of `regions`.
fn common_ancestor(regions: &[RegionKey]) -> Option<RegionKey> {
    let first = regions.first()?;
    [
        Level::Village,
        Level::District,
        Level::Regency,
        Level::Province,
    ]
    .into_iter()
    .filter_map(|l| first.at(l))
    .find(|a| regions.iter().all(|r| r.within(a)))
}
