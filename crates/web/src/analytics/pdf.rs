//! `GET /api/v1/analytics/report.pdf`: the printable PDF summary of a region (A4), the same
//! document as `jamsos report --pdf`. The region is checked against the caller's scope and
//! the suppression follows its role, as for every analytics route; the figures come from
//! `jamsos_analytics::summary` and the layout from `jamsos_analytics::export::pdf`.

use super::{Ctx, invalid, region_for};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorObject};
use crate::state::AppState;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use jamsos_analytics::Sector;
use jamsos_analytics::export::pdf::{PdfOptions, region_summary};
use jamsos_analytics::region::Kemendagri;
use jamsos_analytics::summary::{self, SummaryRequest};
use serde::Deserialize;
use utoipa::IntoParams;

/// The most companies of the outreach list a PDF prints.
const MAX_TOP: usize = 1000;

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct ReportParams {
    /// Kemendagri region code (e.g. `31.73`); default: a city analyst's own region.
    pub region: Option<String>,
    /// The sector whose gap is shown (KBLI section letter or 2-digit division); default `14`.
    pub sector: Option<String>,
    /// Companies of the outreach list printed (default 25, at most 1000).
    pub top: Option<usize>,
}

#[utoipa::path(get, path = "/api/v1/analytics/report.pdf", tag = "analytics", params(ReportParams),
    description = "The printable summary of a region as a PDF (A4): coverage by the region's children with a bar chart, vulnerable workers, coverage by sector and the gap of one sector, compliance and the companies to visit first, the cost to cover every uncovered vulnerable worker for a year, campaigns, assumptions and legal basis. City analysts: own region only, counts under 5 hidden.",
    responses((status = 200, content_type = "application/pdf", description = "The PDF document"),
        (status = 401, body = ErrorObject), (status = 403, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn report_pdf(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<ReportParams>,
) -> Result<Response, ApiError> {
    let ctx = Ctx::new(&state, &p, region_for(&p, q.region.as_deref(), None)?);
    let mut req = SummaryRequest::new(ctx.region.clone(), ctx.month, ctx.policy);
    if let Some(s) = q.sector.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        req.gap_sector = Sector::parse(s).map_err(|e| invalid("sector", &e.to_string()))?;
    }
    let mut opt = PdfOptions::new(ctx.today);
    if let Some(top) = q.top {
        if !(1..=MAX_TOP).contains(&top) {
            return Err(invalid("top", "between 1 and 1000"));
        }
        opt.outreach_top = top;
    }
    let d = ctx.load(&state).await?;
    let s = summary::build(state.engine.as_ref(), &d, &req, &Kemendagri::embedded())?;
    let bytes = region_summary(&s, &opt);
    let name = format!("jamsos-{}-{}.pdf", ctx.region, ctx.month);
    let disposition = HeaderValue::from_str(&format!("attachment; filename=\"{name}\""))
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/pdf"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
