//! Money flows on the web: contributions collected and benefits paid by program, region and
//! period, read from the payment ledger (`jamsos_analytics::flows_db`). The API route
//! `GET /api/v1/analytics/flows`, the "money flows" section of the `/analytics` dashboard (a
//! headline, an SVG bar chart by month, a table by program) and its exports
//! (`/analytics/flows/flows.csv`, `flows.xlsx`). Same scope and suppression as the rest of
//! the analytics: a city analyst sees its own region, rows paying fewer than k cases hidden.

use super::{Ctx, invalid, region_for};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorObject};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use jamsos_analytics::export::{flows_svg, sheets, xlsx};
use jamsos_analytics::flows::{self, FlowKind, FlowRecord, FlowRow, Granularity};
use jamsos_analytics::flows_db::{FlowQuery, flow_records};
use jamsos_analytics::flows_summary::{self, FlowTotals};
use jamsos_analytics::model::Program;
use jamsos_analytics::region::Kemendagri;
use jamsos_analytics::{Level, RegionDirectory, RegionKey};
use jamsos_rules::{Lang, Rupiah};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct FlowsParams {
    /// Kemendagri region code (e.g. `31` or `31.73`); default: a city analyst's own region.
    pub region: Option<String>,
    /// Row level: province, regency, district or village; default one level below the region.
    pub level: Option<String>,
    /// Period: `month`, `year` or `all` (so far; the default).
    pub by: Option<String>,
    /// Only this program: JKK, JKM, JHT, JP or JKP.
    pub program: Option<String>,
}

/// The flows answer.
#[derive(Serialize, ToSchema)]
pub struct FlowsAnswer {
    pub region: String,
    pub place: String,
    /// One line: "Rp… paid in … so far; Rp… collected".
    pub headline: String,
    #[schema(value_type = Object)]
    pub totals: FlowTotals,
    /// kind × program × region × period; hidden amounts and cases are `null`.
    #[schema(value_type = Vec<Object>)]
    pub rows: Vec<FlowRow>,
    /// Rows paying fewer than this many cases are hidden (`null`: nothing hidden).
    pub min_count: Option<u64>,
}

struct Asked {
    level: Level,
    granularity: Granularity,
    program: Option<Program>,
}

fn asked(ctx: &Ctx, q: &FlowsParams) -> Result<Asked, ApiError> {
    let level = match q.level.as_deref() {
        Some(l) => Level::parse(l)
            .ok_or_else(|| invalid("level", "province, regency, district or village"))?,
        None => ctx.region.level().finer().unwrap_or(Level::Village),
    };
    let granularity = match q.by.as_deref().unwrap_or("all") {
        "month" => Granularity::Month,
        "year" => Granularity::Year,
        "all" => Granularity::All,
        _ => return Err(invalid("by", "month, year or all")),
    };
    let program = q
        .program
        .as_deref()
        .filter(|p| !p.is_empty())
        .map(|p| {
            Program::parse(&p.to_ascii_uppercase())
                .ok_or_else(|| invalid("program", "JKK, JKM, JHT, JP or JKP"))
        })
        .transpose()?;
    Ok(Asked {
        level,
        granularity,
        program,
    })
}

async fn records(
    state: &AppState,
    region: &RegionKey,
    level: Level,
    program: Option<Program>,
) -> Result<Vec<FlowRecord>, ApiError> {
    let store = crate::registry::store(state)?;
    flow_records(
        store,
        &FlowQuery {
            within: Some(region.clone()),
            level,
            program,
        },
    )
    .await
    .map_err(|e| ApiError::Internal(e.to_string()))
}

fn place(k: &RegionKey) -> String {
    Kemendagri::embedded()
        .name(k)
        .unwrap_or_else(|| k.to_string())
}

async fn answer(state: &AppState, ctx: &Ctx, q: &FlowsParams) -> Result<FlowsAnswer, ApiError> {
    let a = asked(ctx, q)?;
    let recs = records(state, &ctx.region, a.level, a.program).await?;
    let totals = flows_summary::totals(&recs, None, ctx.policy);
    let place = place(&ctx.region);
    Ok(FlowsAnswer {
        region: ctx.region.to_string(),
        headline: flows_summary::headline(&totals, &place),
        rows: flows::report(&recs, None, a.level, a.granularity, ctx.policy),
        place,
        totals,
        min_count: ctx.policy.min_count,
    })
}

#[utoipa::path(get, path = "/api/v1/analytics/flows", tag = "analytics", params(FlowsParams),
    description = "Contributions collected and benefits paid by program, region level and period (month, year or all so far), from the payment ledger, with a one-line headline. City analysts: own region only; rows paying fewer than 5 cases hidden (with complementary suppression).",
    responses((status = 200, body = FlowsAnswer), (status = 401, body = ErrorObject),
        (status = 403, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn api(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<FlowsParams>,
) -> Result<Json<FlowsAnswer>, ApiError> {
    let ctx = Ctx::new(&state, &p, region_for(&p, q.region.as_deref(), None)?);
    Ok(Json(answer(&state, &ctx, &q).await?))
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

/// `/analytics/flows/{file}`: `flows.csv` or `flows.xlsx`, with the API's parameters (default:
/// by month).
pub async fn export(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(file): Path<String>,
    Query(mut q): Query<FlowsParams>,
) -> Response {
    let ctx = match region_for(&p, q.region.as_deref(), Some("31.73")) {
        Ok(r) => Ctx::new(&state, &p, r),
        Err(e) => return e.into_response(),
    };
    q.by.get_or_insert_with(|| "month".to_owned());
    let a = match answer(&state, &ctx, &q).await {
        Ok(a) => a,
        Err(e) => return e.into_response(),
    };
    let mut sheet = sheets::flows(&a.rows);
    sheet.notes.insert(0, a.headline);
    let stem = format!("jamsos-{}-flows", ctx.region);
    match file.as_str() {
        "flows.csv" => download(
            "text/csv; charset=utf-8",
            format!("{stem}.csv"),
            sheet.to_csv().into_bytes(),
        ),
        "flows.xlsx" => match xlsx::workbook(std::slice::from_ref(&sheet)) {
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

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn text(lang: Lang, id: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Id => id,
        Lang::En => en,
    }
}

/// The dashboard's "money flows" section as HTML (escaped here; the template inserts it as
/// is): headline, the chart by month, the totals by program, export links. A section that
/// cannot be read says so instead of failing the whole page.
pub async fn section(state: &AppState, ctx: &Ctx, lang: Lang) -> String {
    let title = text(
        lang,
        "Iuran diterima dan manfaat dibayar",
        "Contributions collected and benefits paid",
    );
    let recs = match records(state, &ctx.region, ctx.region.level(), None).await {
        Ok(r) => r,
        Err(e) => {
            return format!(
                "<section class=\"card\" id=\"flows\"><h2>{title}</h2><p class=\"error\">{}</p></section>",
                esc(&e.to_string())
            );
        }
    };
    let place = place(&ctx.region);
    let totals = flows_summary::totals(&recs, None, ctx.policy);
    let level = ctx.region.level();
    let by_month = flows::report(&recs, None, level, Granularity::Month, ctx.policy);
    let by_program = flows::report(&recs, None, level, Granularity::All, ctx.policy);
    let chart = flows_svg::flow_bars(&by_month, &format!("{title}: {place}"));
    let money =
        |r: Option<Rupiah>| r.map_or_else(|| "*".to_owned(), |a| crate::fmt::rupiah(a.get(), lang));
    let count = |n: Option<u64>| {
        n.map_or_else(
            || "*".to_owned(),
            |n| crate::fmt::number(i64::try_from(n).unwrap_or(i64::MAX), lang),
        )
    };
    let mut rows = String::new();
    for r in &by_program {
        let kind = match r.kind {
            FlowKind::ContributionCollected => {
                text(lang, "iuran diterima", "contributions collected")
            }
            FlowKind::BenefitPaid => text(lang, "manfaat dibayar", "benefits paid"),
        };
        rows.push_str(&format!(
            "<tr><td>{kind}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
            r.program.code(),
            money(r.amount),
            count(r.cases)
        ));
    }
    let query = format!("region={}", ctx.region);
    format!(
        "<section class=\"card\" id=\"flows\">\n<h2>{title}</h2>\n<p><strong>{headline}</strong></p>\n\
         <figure class=\"chart\">{chart}</figure>\n\
         <table><thead><tr><th>{k}</th><th>{p}</th><th class=\"num\">{a}</th><th class=\"num\">{c}</th></tr></thead>\n<tbody>\n{rows}</tbody></table>\n\
         <ul><li><a href=\"/analytics/flows/flows.csv?{query}\">CSV</a></li><li><a href=\"/analytics/flows/flows.xlsx?{query}\">XLSX</a></li>\
         <li><a href=\"/api/v1/analytics/flows?{query}&amp;by=month\">JSON</a></li></ul>\n</section>",
        headline = esc(&flows_summary::headline(&totals, &place)),
        k = text(lang, "Jenis", "Kind"),
        p = text(lang, "Program", "Program"),
        a = text(lang, "Jumlah (sejauh ini)", "Amount (so far)"),
        c = text(lang, "Kasus", "Cases"),
    )
}
