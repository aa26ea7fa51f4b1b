//! Cross-site request forgery protection without tokens, as browsers now allow (the approach Go
//! 1.25's `CrossOriginProtection` takes): a state-changing request is refused when the browser
//! says it comes from another site (`Sec-Fetch-Site`), or, for older browsers, when its `Origin`
//! does not match the `Host`. Requests without either header come from non-browser clients,
//! which cannot be made to carry a victim's cookie. Session cookies are also `SameSite=Strict`.

use crate::error::ApiError;
use axum::extract::Request;
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Whether a request with these headers may change state.
pub fn permits(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return true;
    }
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let origin_host = origin
        .split_once("://")
        .map(|(_, rest)| rest)
        .unwrap_or(origin);
    origin_host == host
}

pub async fn layer(req: Request, next: Next) -> Response {
    if permits(req.method(), req.headers()) {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), path = req.uri().path(), "cross-site request refused");
        ApiError::Forbidden.into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_posts_are_refused() {
        let post = Method::POST;
        assert!(!permits(
            &post,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(!permits(
            &post,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
        assert!(permits(
            &post,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(!permits(
            &post,
            &headers(&[("origin", "https://evil.example"), ("host", "jamsos.local")])
        ));
        assert!(permits(
            &post,
            &headers(&[
                ("origin", "http://127.0.0.1:8080"),
                ("host", "127.0.0.1:8080")
            ])
        ));
        assert!(permits(&post, &headers(&[])), "non-browser clients pass");
        assert!(permits(
            &Method::GET,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
    }
}
