//! The city analyst's dashboard (`/analytics`): coverage by kecamatan and kelurahan with SVG
//! bar charts, the gap of one sector in one kecamatan (the Tambora garment workshops on the
//! demo data), the companies to visit first, a budget simulation form (GET, so it needs no
//! CSRF token and the result can be bookmarked), and the exports: CSV, XLSX and a printable
//! HTML summary (print to PDF from the browser). View models carry formatted strings; the
//! template only lays them out.

use super::api::{CoverageParams, SimulateBody, budget_request, compliance_report, coverage_table};
use super::text::l;
use super::{Ctx, region_for};
use crate::auth::Principal;
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::pages::denied::page_error;
use crate::pages::{Nav, lang_of};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{IntoResponse, Response};
use jamsos_analytics::budget::{self, BudgetResult};
use jamsos_analytics::budget_privacy::{self, Disclosure};
use jamsos_analytics::compliance::ComplianceReport;
use jamsos_analytics::coverage::{CoverageRow, CoverageTable, RowRegion};
use jamsos_analytics::demo::Dataset;
use jamsos_analytics::export::{Sheet, html, sheets, svg, xlsx};
use jamsos_analytics::{Level, Ratio, RegionDirectory, RegionKey};
use jamsos_rules::Lang;
use serde::Deserialize;

/// The dashboard's parameters (all optional).
#[derive(Debug, Default, Deserialize)]
pub struct DashParams {
    pub region: Option<String>,
    /// The kecamatan shown by kelurahan; default the one with most uncovered vulnerable workers.
    pub district: Option<String>,
    /// The sector whose gap is shown; default `14` (garments, KBLI 2020 division 14).
    pub sector: Option<String>,
    /// Budget form: workers (empty: all uncovered vulnerable) and months.
    pub count: Option<String>,
    pub months: Option<String>,
    pub lang: Option<String>,
}

/// One formatted table row.
pub struct Row {
    pub code: String,
    pub name: String,
    pub cells: Vec<String>,
    pub total: bool,
}

pub struct Outreach {
    pub name: String,
    pub region: String,
    pub findings: String,
    pub reported: String,
    pub unregistered: String,
    pub shortfall: String,
}

pub struct Budget {
    pub cohort: String,
    pub per_person: String,
    pub per_month: String,
    pub per_year: String,
    pub total: String,
    pub vulnerable: String,
    pub warnings: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "analytics_dashboard.html")]
pub struct Dashboard {
    pub t: Tr,
    pub nav: Nav,
    pub region: String,
    pub region_name: String,
    pub month: String,
    pub suppressed: bool,
    /// What is hidden and under which count (the server's setting).
    pub suppressed_note: String,
    pub columns: Vec<&'static str>,
    pub districts: Vec<Row>,
    pub districts_svg: String,
    pub trend_svg: String,
    pub district: String,
    pub district_name: String,
    pub district_options: Vec<(String, String, bool)>,
    pub villages: Vec<Row>,
    pub villages_svg: String,
    pub sector: String,
    pub gap: Vec<Row>,
    pub gap_total: Option<Row>,
    pub outreach: Vec<Outreach>,
    pub budget: Option<Budget>,
    pub budget_error: Option<String>,
    pub count: String,
    pub months: String,
    pub has_potential: bool,
    pub synthetic: bool,
    pub query: String,
    /// The money-flows section, rendered and escaped by `super::flows::section`.
    pub flows: String,
}

impl Dashboard {
    /// The page's own words (see `text.rs`).
    pub fn l(&self, key: &str) -> &'static str {
        l(self.t.lang, key)
    }
}

const COLUMNS: [&str; 8] = [
    "potential",
    "enrolled",
    "uncovered",
    "rate",
    "vuln_potential",
    "vuln_enrolled",
    "vuln_uncovered",
    "vuln_rate",
];

fn num(lang: Lang, v: Option<u64>) -> String {
    match v {
        Some(n) => crate::fmt::number(i64::try_from(n).unwrap_or(i64::MAX), lang),
        None => "*".to_owned(),
    }
}

fn pct(v: Option<Ratio>) -> String {
    v.map_or_else(|| "*".to_owned(), Ratio::percent_text_id)
}

fn row(lang: Lang, r: &CoverageRow) -> Row {
    let (code, name, total) = match &r.region {
        RowRegion::Region(k) => (k.to_string(), r.name.clone().unwrap_or_default(), false),
        RowRegion::NotAllocated => (String::new(), l(lang, "not_allocated").to_owned(), false),
        RowRegion::Total => (String::new(), l(lang, "total").to_owned(), true),
    };
    Row {
        code,
        name,
        cells: vec![
            num(lang, Some(r.potential)),
            num(lang, r.enrolled),
            num(lang, r.uncovered),
            pct(r.rate),
            num(lang, Some(r.potential_vulnerable)),
            num(lang, r.enrolled_vulnerable),
            num(lang, r.uncovered_vulnerable),
            pct(r.rate_vulnerable),
        ],
        total,
    }
}

fn rows(lang: Lang, t: &CoverageTable) -> Vec<Row> {
    t.rows
        .iter()
        .chain(std::iter::once(&t.total))
        .map(|r| row(lang, r))
        .collect()
}

fn rp(lang: Lang, v: jamsos_rules::Rupiah) -> String {
    crate::fmt::rupiah(v.0, lang)
}

/// Everything the page and its exports compute for one region.
struct Computed {
    districts: CoverageTable,
    district: RegionKey,
    villages: CoverageTable,
    gap: CoverageTable,
    compliance: Option<ComplianceReport>,
    /// The simulation and what of it the caller's policy hides.
    budget: Result<(BudgetResult, Disclosure), String>,
}

fn compute(
    state: &AppState,
    p: &Principal,
    ctx: &Ctx,
    d: &Dataset,
    q: &DashParams,
) -> Result<Computed, ApiError> {
    let level = |l: Level| CoverageParams {
        level: Some(l.code().to_owned()),
        ..CoverageParams::default()
    };
    let district_level = ctx.region.level().finer().unwrap_or(Level::Village);
    let districts = coverage_table(ctx, d, &level(district_level))?;
    // The kecamatan shown by kelurahan: asked, else the most uncovered vulnerable workers.
    let district = match q.district.as_deref().filter(|s| !s.is_empty()) {
        Some(code) => region_for(p, Some(code), None)?,
        None => districts
            .rows
            .iter()
            .filter_map(|r| match &r.region {
                RowRegion::Region(k) => Some((r.uncovered_vulnerable.unwrap_or(0), k)),
                _ => None,
            })
            .max_by_key(|(n, _)| *n)
            .map_or_else(|| ctx.region.clone(), |(_, k)| k.clone()),
    };
    let dctx = Ctx {
        region: district.clone(),
        ..ctx.clone()
    };
    let village_level = district.level().finer().unwrap_or(Level::Village);
    let villages = coverage_table(&dctx, d, &level(village_level))?;
    let gap = coverage_table(
        &dctx,
        d,
        &CoverageParams {
            level: Some(village_level.code().to_owned()),
            sector: Some(q.sector.clone().unwrap_or_else(|| "14".to_owned())),
            ..CoverageParams::default()
        },
    )?;
    let compliance = if d.companies.is_empty() {
        None
    } else {
        Some(compliance_report(state, ctx, d)?)
    };
    let count = q
        .count
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<u64>()
                .map_err(|_| super::invalid("count", "a whole number"))
        })
        .transpose()?;
    let months = q
        .months
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<u32>()
                .map_err(|_| super::invalid("months", "a whole number"))
        })
        .transpose()?;
    let body = SimulateBody {
        count,
        months,
        ..SimulateBody::default()
    };
    let budget = budget_request(p, ctx, &body)
        .map_err(|e| e.to_string())
        .and_then(|req| {
            budget::simulate(state.engine.as_ref(), &req, &d.potential, &d.enrolled)
                .map(|b| {
                    let hidden = budget_privacy::disclosure(&b, req.target, ctx.policy);
                    (b, hidden)
                })
                .map_err(|e| e.to_string())
        });
    Ok(Computed {
        districts,
        district,
        villages,
        gap,
        compliance,
        budget,
    })
}

async fn prepare(
    state: &AppState,
    p: &Principal,
    q: &DashParams,
) -> Result<(Ctx, Dataset, Computed), ApiError> {
    let ctx = Ctx::new(state, p, region_for(p, q.region.as_deref(), Some("31.73"))?);
    let d = ctx.load(state).await?;
    let c = compute(state, p, &ctx, &d, q)?;
    Ok((ctx, d, c))
}

fn name_of(k: &RegionKey) -> String {
    jamsos_analytics::region::Kemendagri::embedded()
        .name(k)
        .unwrap_or_else(|| k.to_string())
}

pub async fn dashboard(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    Query(q): Query<DashParams>,
) -> Response {
    let t = Tr::new(lang_of(&headers, &uri));
    let lang = t.lang;
    let (ctx, d, c) = match prepare(&state, &p, &q).await {
        Ok(x) => x,
        Err(e) => return page_error(&headers, &uri, Some(&p), e),
    };
    let region_name = name_of(&ctx.region);
    let sector = q.sector.clone().unwrap_or_else(|| "14".to_owned());
    let gap_rows = rows(lang, &c.gap);
    let outreach = c
        .compliance
        .as_ref()
        .map(|rep| {
            rep.outreach
                .iter()
                .take(15)
                .map(|a| Outreach {
                    name: a.company.name.clone(),
                    region: format!("{} ({})", name_of(&a.company.region), a.company.region),
                    findings: a
                        .findings
                        .iter()
                        .map(|f| f.category.code())
                        .collect::<Vec<_>>()
                        .join(", "),
                    reported: num(lang, Some(a.company.reported_workers)),
                    unregistered: num(lang, Some(a.uncovered_workers)),
                    shortfall: rp(lang, a.monthly_shortfall),
                })
                .collect()
        })
        .unwrap_or_default();
    let (budget, budget_error) = match &c.budget {
        Ok((b, h)) => {
            // Counts of people under k (and what gives them back) are `*` for city analysts.
            let cost = |v| {
                if h.cohort {
                    "*".to_owned()
                } else {
                    rp(lang, v)
                }
            };
            let ratio = |r: Ratio, hidden: bool| {
                if hidden {
                    "*".to_owned()
                } else {
                    r.percent_text_id()
                }
            };
            (
                Some(Budget {
                    cohort: num(lang, (!h.cohort).then_some(b.cohort)),
                    per_person: rp(lang, b.per_person_first_month),
                    per_month: cost(b.cost_first_month),
                    per_year: cost(b.cost_per_year),
                    total: cost(b.cost_total),
                    vulnerable: format!(
                        "{} → {}",
                        ratio(b.coverage.vulnerable_before, h.enrolled_vulnerable),
                        ratio(
                            b.coverage.vulnerable_after,
                            h.enrolled_vulnerable || h.cohort
                        )
                    ),
                    warnings: budget_privacy::warnings(b, h),
                }),
                None,
            )
        }
        Err(e) => (None, Some(e.clone())),
    };
    let district_options = c
        .districts
        .rows
        .iter()
        .filter_map(|r| match &r.region {
            RowRegion::Region(k) => Some((
                k.to_string(),
                r.name.clone().unwrap_or_default(),
                *k == c.district,
            )),
            _ => None,
        })
        .collect();
    let mut query = format!("region={}", ctx.region);
    query.push_str(&format!("&district={}&sector={}", c.district, sector));
    let title = |k: &str, name: &str| format!("{} {name}, {}", l(lang, k), ctx.month);
    let flows = super::flows::section(&state, &ctx, lang).await;
    Dashboard {
        t,
        nav: Nav::new(t, &uri, Some(&p), "/analytics"),
        region: ctx.region.to_string(),
        month: ctx.month.to_string(),
        suppressed: ctx.policy.min_count.is_some(),
        suppressed_note: l(lang, "suppressed")
            .replace("{k}", &ctx.policy.min_count.unwrap_or_default().to_string()),
        columns: COLUMNS.iter().map(|k| l(lang, k)).collect(),
        districts: rows(lang, &c.districts),
        districts_svg: svg::coverage_bars(&c.districts, &title("by_district", &region_name)),
        trend_svg: super::trend::chart(&ctx, &d, &format!("{}: {region_name}", l(lang, "trend"))),
        district: c.district.to_string(),
        district_name: name_of(&c.district),
        district_options,
        villages: rows(lang, &c.villages),
        villages_svg: svg::coverage_bars(&c.villages, &title("by_village", &name_of(&c.district))),
        sector,
        gap_total: gap_rows.last().map(|r| Row {
            code: r.code.clone(),
            name: r.name.clone(),
            cells: r.cells.clone(),
            total: true,
        }),
        gap: gap_rows,
        outreach,
        budget,
        budget_error,
        count: q.count.clone().unwrap_or_default(),
        months: q.months.clone().unwrap_or_else(|| "12".to_owned()),
        has_potential: !d.potential.is_empty(),
        synthetic: d.potential.iter().any(|r| r.source.contains("synthetic")),
        query,
        region_name,
        flows,
    }
    .into_response()
}

/// Every table of the page, for the XLSX workbook and the printable summary.
fn all_sheets(c: &Computed) -> Vec<Sheet> {
    let mut out = sheets::coverage(&c.districts);
    out.extend(sheets::coverage(&c.villages));
    out.extend(sheets::coverage(&c.gap));
    if let Some(rep) = &c.compliance {
        out.extend(sheets::compliance(rep));
    }
    if let Ok((b, hidden)) = &c.budget {
        out.extend(budget_privacy::sheets(b, hidden));
    }
    // XLSX sheet names must be unique.
    for (i, s) in out.iter_mut().enumerate() {
        s.name = format!("{} {}", i + 1, s.name).chars().take(31).collect();
    }
    out
}

fn download(content_type: &'static str, name: String, body: Vec<u8>) -> Response {
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response()
}

/// `/analytics/export/{file}`: `coverage.csv` (by kelurahan), `outreach.csv`, `report.xlsx`.
pub async fn export(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    Path(file): Path<String>,
    Query(q): Query<DashParams>,
) -> Response {
    let (ctx, _, c) = match prepare(&state, &p, &q).await {
        Ok(x) => x,
        Err(e) => return page_error(&headers, &uri, Some(&p), e),
    };
    let stem = format!("jamsos-{}-{}", ctx.region, ctx.month);
    match file.as_str() {
        "coverage.csv" => {
            let csv = sheets::coverage(&c.villages)
                .first()
                .map(Sheet::to_csv)
                .unwrap_or_default();
            download(
                "text/csv; charset=utf-8",
                format!("{stem}-kelurahan.csv"),
                csv.into_bytes(),
            )
        }
        "outreach.csv" => {
            let csv = c
                .compliance
                .as_ref()
                .and_then(|r| sheets::compliance(r).into_iter().nth(1))
                .map(|s| s.to_csv())
                .unwrap_or_default();
            download(
                "text/csv; charset=utf-8",
                format!("{stem}-outreach.csv"),
                csv.into_bytes(),
            )
        }
        "report.xlsx" => match xlsx::workbook(&all_sheets(&c)) {
            Ok(bytes) => download(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                format!("{stem}.xlsx"),
                bytes,
            ),
            Err(e) => ApiError::internal(e).into_response(),
        },
        _ => ApiError::NotFound.into_response(),
    }
}

/// `/analytics/summary`: one self-contained printable page (inline SVG and a print
/// stylesheet, no JavaScript). Its inline `<style>` needs its own Content-Security-Policy.
pub async fn summary(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    Query(q): Query<DashParams>,
) -> Response {
    let (ctx, _, c) = match prepare(&state, &p, &q).await {
        Ok(x) => x,
        Err(e) => return page_error(&headers, &uri, Some(&p), e),
    };
    let name = name_of(&ctx.region);
    let charts = vec![
        svg::coverage_bars(
            &c.districts,
            &format!("Cakupan per kecamatan / by district, {name}"),
        ),
        svg::coverage_bars(
            &c.villages,
            &format!(
                "Cakupan per kelurahan / by village, {}",
                name_of(&c.district)
            ),
        ),
    ];
    let subtitle = match ctx.policy.caption() {
        Some(caption) => format!("Bulan / month {}; {caption}", ctx.month),
        None => format!("Bulan / month {}", ctx.month),
    };
    let page = html::summary_page(
        &format!(
            "Ringkasan jaminan sosial ketenagakerjaan: {name} ({}) / Employment social security summary",
            ctx.region
        ),
        &subtitle,
        &charts,
        &all_sheets(&c),
    );
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(
                    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
                ),
            ),
        ],
        page,
    )
        .into_response()
}
