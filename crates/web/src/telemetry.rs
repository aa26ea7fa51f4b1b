//! Structured logs. One line per request with the method, the route *pattern* (never the
//! concrete URI, whose query may hold a NIK or a name), the status, the latency, a request id
//! and the account id (never a name). The format is JSON when asked (for log shippers), text
//! otherwise; the level comes from `RUST_LOG` (default `info`).

use axum::extract::{MatchedPath, Request};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;
use tracing::Instrument;

/// Installs the global subscriber (once; later calls are ignored).
pub fn init(json: bool) {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false);
    let _ = if json {
        builder.json().flatten_event(true).try_init()
    } else {
        builder.try_init()
    };
}

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

pub async fn log_requests(req: Request, next: Next) -> Response {
    let start = Instant::now();
    let id = NEXT_ID.fetch_add(1, Ordering::Relaxed);
    let method = req.method().clone();
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_else(|| "(unmatched)".to_owned());
    let span = tracing::info_span!(
        "request",
        id,
        method = %method,
        route = %route,
        account = tracing::field::Empty
    );
    let mut res = next.run(req).instrument(span.clone()).await;
    let status = res.status().as_u16();
    let micros = u64::try_from(start.elapsed().as_micros()).unwrap_or(u64::MAX);
    span.in_scope(|| {
        if status >= 500 {
            tracing::error!(status, micros, "request failed");
        } else {
            tracing::info!(status, micros, "request");
        }
    });
    if let Ok(v) = HeaderValue::from_str(&id.to_string()) {
        res.headers_mut().insert("x-request-id", v);
    }
    res
}
