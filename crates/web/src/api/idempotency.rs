//! `Idempotency-Key` on writes: the first response to a key is stored with a digest of the
//! request; a retry with the same key and body gets the stored response back (marked
//! `Idempotent-Replayed: true`) without doing the work twice; the same key with a different body
//! is a `409 conflict`. Keys are per account, so two clients cannot collide.

use crate::accounts::StoredResponse;
use crate::auth::Principal;
use crate::auth::token;
use crate::error::ApiError;
use crate::state::AppState;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use std::future::Future;

pub const HEADER: &str = "idempotency-key";

/// Runs `work` at most once per (account, key).
pub async fn once<F, Fut>(
    state: &AppState,
    principal: &Principal,
    headers: &HeaderMap,
    route: &str,
    body: &[u8],
    work: F,
) -> Response
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<(StatusCode, serde_json::Value), ApiError>>,
{
    let key = headers
        .get(HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|k| !k.is_empty());
    let (Some(key), Some(accounts)) = (key, &state.accounts) else {
        return match work().await {
            Ok((status, json)) => (status, axum::Json(json)).into_response(),
            Err(e) => e.into_response(),
        };
    };
    if key.len() > 200 {
        return ApiError::invalid("Idempotency-Key", "at most 200 characters").into_response();
    }
    let mut hashed = route.as_bytes().to_vec();
    hashed.push(0);
    hashed.extend_from_slice(body);
    let request_hash = token::digest(&String::from_utf8_lossy(&hashed));
    match accounts.idempotent_get(&principal.account.id, key).await {
        Ok(Some(stored)) if stored.request_hash == request_hash => {
            let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
            let mut res = (
                status,
                [(header::CONTENT_TYPE, "application/json")],
                stored.body,
            )
                .into_response();
            res.headers_mut()
                .insert("idempotent-replayed", HeaderValue::from_static("true"));
            return res;
        }
        Ok(Some(_)) => {
            return ApiError::Conflict(
                "this Idempotency-Key was used with a different request".into(),
            )
            .into_response();
        }
        Ok(None) => {}
        Err(e) => return ApiError::internal(e).into_response(),
    }
    let (status, json) = match work().await {
        Ok(r) => r,
        // Errors are not stored: a client may fix the request and retry with the same key.
        Err(e) => return e.into_response(),
    };
    let body = json.to_string();
    let stored = StoredResponse {
        request_hash,
        status: status.as_u16(),
        body: body.clone(),
    };
    let now = jiff::Timestamp::now().as_second();
    if let Err(e) = accounts
        .idempotent_put(&principal.account.id, key, &stored, now)
        .await
    {
        return ApiError::internal(e).into_response();
    }
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}
