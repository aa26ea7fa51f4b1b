//! `POST /api/v1/calc`: the calculation contract over HTTP. The body is handed to the same
//! `Engine::calculate_json` the CLI uses, so the two doors give identical results; the result
//! carries its trace unless `?trace=false`. This path is the hot one: no database, no session,
//! no allocation beyond parsing and serializing.

use crate::error::{ApiError, ErrorObject};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use utoipa::IntoParams;

#[derive(Debug, Deserialize, IntoParams)]
pub struct CalcQuery {
    /// Include the explanation (`trace`); default `true`, as `jamsos calc` prints it.
    pub trace: Option<bool>,
}

/// Calculate one scenario (contribution, benefit or late fine).
///
/// The body is one scenario as the calculation contract defines it; the answer is the result
/// with its trace and warnings. Invalid scenarios and missing parameters answer 422 with the
/// contract's error object.
#[utoipa::path(
    post,
    path = "/api/v1/calc",
    tag = "calc",
    params(CalcQuery),
    request_body(content = Object, content_type = "application/json",
        description = "A scenario, e.g. {\"type\":\"contribution\",\"date\":\"2026-03-01\",\"segment\":\"PU\",\"wage\":5729876,\"risk_class\":1}"),
    responses(
        (status = 200, description = "The result, with trace and warnings", body = Object),
        (status = 422, description = "invalid_input or missing_parameter", body = ErrorObject),
        (status = 413, description = "Body too large", body = ErrorObject),
    )
)]
pub async fn calc(
    State(state): State<AppState>,
    Query(q): Query<CalcQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(b) => b,
        Err(_) => return ApiError::PayloadTooLarge.into_response(),
    };
    match state.engine.calculate_json(&body, q.trace.unwrap_or(true)) {
        Ok(outcome) => match serde_json::to_vec(&outcome) {
            Ok(bytes) => ([(header::CONTENT_TYPE, "application/json")], bytes).into_response(),
            Err(e) => ApiError::internal(e).into_response(),
        },
        Err(e) => ApiError::Calc(e).into_response(),
    }
}
