//! `GET /api/v1/analytics/trend`: the month-by-month coverage of a region, ending today — the
//! closed months from the month-end snapshots (`coverage_monthly`, written by the month-close
//! task `jamsos serve` runs), the current month from today's registry (`coverage_current`).
//! Same access and suppression as the coverage table.

use super::{Ctx, invalid, region_for};
use crate::auth::Principal;
use crate::error::{ApiError, ErrorObject};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::{Extension, Json};
use jamsos_analytics::coverage::{self, CoverageQuery, TrendPoint};
use jamsos_analytics::db::AnalyticsDb;
use jamsos_analytics::{Level, Month};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Months shown when the caller does not say.
pub const DEFAULT_MONTHS: u32 = 24;

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct TrendParams {
    /// Kemendagri region code (e.g. `31.73`); default: a city analyst's own region.
    pub region: Option<String>,
    /// How many months, ending with the current one (1–120); default 24.
    pub months: Option<u32>,
    /// Only these sectors, comma-separated (KBLI section letters or 2-digit divisions).
    pub sector: Option<String>,
}

/// The trend and how it was put together.
#[derive(Serialize, ToSchema)]
pub struct TrendAnswer {
    pub region: String,
    /// The current (open) month: its figures are today's registry.
    pub current: String,
    /// One point per month, oldest first (hidden counts are `null`).
    #[schema(value_type = Vec<Object>)]
    pub trend: Vec<TrendPoint>,
    /// Counts under this many people are hidden (`null`: nothing hidden).
    pub min_count: Option<u64>,
}

/// The months a trend of `count` months ending with `current` covers.
pub fn window(current: Month, count: u32) -> Vec<Month> {
    let mut first = current;
    for _ in 1..count {
        first = first.prev();
    }
    first.through(current)
}

/// Reads the region's trend (potential, month-end snapshots and today's counts).
pub async fn load(
    state: &AppState,
    ctx: &Ctx,
    months: u32,
    sectors: Option<&str>,
) -> Result<Vec<TrendPoint>, ApiError> {
    let store = crate::registry::store(state)?;
    let db = AnalyticsDb::of_store(store).ok_or(ApiError::Unavailable("no database pool"))?;
    let window = window(ctx.month, months);
    let within = Some(&ctx.region);
    let internal = |e: jamsos_analytics::db::DbError| ApiError::Internal(e.to_string());
    let mut enrolled = match window.first() {
        Some(&first) if first < ctx.month => db
            .enrolled_monthly(within, first, ctx.month.prev())
            .await
            .map_err(internal)?,
        _ => Vec::new(),
    };
    enrolled.extend(
        db.enrolled_current(within, ctx.month)
            .await
            .map_err(internal)?,
    );
    let potential = db.potential(within).await.map_err(internal)?;
    let mut q = CoverageQuery::new(
        ctx.month,
        ctx.region.level().finer().unwrap_or(Level::Village),
    );
    q.within = Some(ctx.region.clone());
    q.sectors = super::api::sectors(sectors)?;
    q.policy = ctx.policy;
    Ok(coverage::trend(&q, &window, &potential, &enrolled))
}

/// The dashboard's trend chart: the coverage rate of the last 12 months (the months
/// [`Ctx::load`] reads), from data already loaded.
pub fn chart(ctx: &Ctx, d: &jamsos_analytics::demo::Dataset, title: &str) -> String {
    let mut q = CoverageQuery::new(
        ctx.month,
        ctx.region.level().finer().unwrap_or(Level::Village),
    );
    q.within = Some(ctx.region.clone());
    q.policy = ctx.policy;
    let points = coverage::trend(&q, &window(ctx.month, 12), &d.potential, &d.enrolled);
    jamsos_analytics::export::svg::trend_line(&points, title)
}

#[utoipa::path(get, path = "/api/v1/analytics/trend", tag = "analytics", params(TrendParams),
    description = "Month-by-month coverage of a region ending with the current month: potential, enrolled active participants (by residence) and coverage rate, for all and for vulnerable workers. Closed months come from month-end snapshots (reconstructed from membership start/end dates), the current month from today's registry. City analysts: own region only, counts under 5 hidden.",
    responses((status = 200, body = TrendAnswer), (status = 401, body = ErrorObject),
        (status = 403, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn trend(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<TrendParams>,
) -> Result<Json<TrendAnswer>, ApiError> {
    let months = q.months.unwrap_or(DEFAULT_MONTHS);
    if !(1..=120).contains(&months) {
        return Err(invalid("months", "between 1 and 120"));
    }
    let ctx = Ctx::new(&state, &p, region_for(&p, q.region.as_deref(), None)?);
    let trend = load(&state, &ctx, months, q.sector.as_deref()).await?;
    Ok(Json(TrendAnswer {
        region: ctx.region.to_string(),
        current: ctx.month.to_string(),
        trend,
        min_count: ctx.policy.min_count,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_end_with_the_current_month() {
        let m = |t| Month::parse(t).unwrap();
        assert_eq!(
            window(m("2026-02"), 3),
            vec![m("2025-12"), m("2026-01"), m("2026-02")]
        );
        assert_eq!(window(m("2026-02"), 1), vec![m("2026-02")]);
    }
}
