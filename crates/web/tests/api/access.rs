//! The access matrix: every declared route × every role (and anonymous), checked against the
//! policy table. A route that forgot its guard, or a guard that disagrees with the policy,
//! fails here.

use crate::testkit::spawn;
use axum::http::StatusCode;
use jamsos_web::auth::Access;
use jamsos_web::auth::policy::{Role, allowed};
use jamsos_web::router::routes;

fn content_type(r: &crate::testkit::Reply) -> String {
    r.headers
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned()
}

/// A request as `role` (API token) with a browser's `Accept` header.
async fn browser_call(
    app: &crate::testkit::TestApp,
    method: &axum::http::Method,
    path: &str,
    role: Role,
    json: Option<serde_json::Value>,
) -> crate::testkit::Reply {
    use axum::http::header;
    let mut b = axum::http::Request::builder()
        .method(method.clone())
        .uri(path)
        .header(
            header::AUTHORIZATION,
            format!("Bearer {}", app.tokens[&role]),
        )
        .header(
            header::ACCEPT,
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        );
    let body = match json {
        Some(j) => {
            b = b.header(header::CONTENT_TYPE, "application/json");
            axum::body::Body::from(j.to_string())
        }
        None => axum::body::Body::empty(),
    };
    app.send(b.body(body).unwrap()).await
}

fn denied(status: StatusCode) -> bool {
    matches!(status, StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN)
}

#[tokio::test]
async fn every_route_for_every_role_follows_the_policy() {
    let app = spawn().await;
    let mut checked = 0;
    for spec in routes() {
        let body = (spec.method != axum::http::Method::GET).then(|| serde_json::json!({}));
        let api = spec.path.starts_with("/api/");
        // Anonymous.
        let r = app
            .call(spec.method.clone(), spec.example, None, body.clone())
            .await;
        match spec.access {
            Access::Public | Access::Optional => {
                assert!(
                    !denied(r.status),
                    "{} {} anonymous: {}",
                    spec.method,
                    spec.path,
                    r.status
                );
                assert!(
                    !r.location().is_some_and(|l| l.starts_with("/login?")),
                    "{} {} public route redirected to login",
                    spec.method,
                    spec.path
                );
            }
            Access::Signed | Access::Role(_) => {
                if api {
                    assert_eq!(
                        r.status,
                        StatusCode::UNAUTHORIZED,
                        "{} {}",
                        spec.method,
                        spec.path
                    );
                    assert_eq!(r.json()["error"]["code"], "unauthorized");
                } else {
                    assert_eq!(
                        r.status,
                        StatusCode::SEE_OTHER,
                        "{} {}",
                        spec.method,
                        spec.path
                    );
                    assert!(r.location().unwrap().starts_with("/login?next="));
                }
            }
        }
        // Each role, as a browser would ask (Accept: text/html).
        for role in Role::ALL {
            let r = browser_call(&app, &spec.method, spec.example, role, body.clone()).await;
            let expect_denied = match spec.access {
                Access::Public | Access::Optional | Access::Signed => false,
                Access::Role(action) => !allowed(role, action),
            };
            assert_eq!(
                r.status == StatusCode::FORBIDDEN,
                expect_denied,
                "{} {} as {:?}: got {} {}",
                spec.method,
                spec.path,
                role,
                r.status,
                r.body.chars().take(200).collect::<String>()
            );
            assert_ne!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "{} {} as {role:?}",
                spec.method,
                spec.path
            );
            if expect_denied && api {
                // API routes answer JSON even to a browser.
                assert!(
                    content_type(&r).starts_with("application/json"),
                    "{}",
                    spec.path
                );
                assert_eq!(r.json()["error"]["code"], "forbidden");
            }
            if expect_denied && !api {
                // A page answers a page: the layout, both languages, the roles it is for.
                assert!(content_type(&r).starts_with("text/html"), "{}", spec.path);
                assert!(
                    r.body.contains("Akses ditolak / Access denied"),
                    "{}",
                    spec.path
                );
                assert!(r.body.contains("Halaman ini untuk peran"), "{}", spec.path);
                assert!(r.body.contains("href=\"/\""), "{}", spec.path);
            }
            checked += 1;
        }
    }
    assert!(checked >= 6 * 20, "only {checked} checks");
}

#[tokio::test]
async fn revoked_and_unknown_tokens_are_refused() {
    let app = spawn().await;
    let r = app
        .send(
            axum::http::Request::builder()
                .uri("/api/v1/me")
                .header("authorization", "Bearer jms_not_a_real_token")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);

    let list = app.get("/api/v1/tokens", Some(Role::Verifier)).await.json();
    let id = list[0]["id"].as_str().unwrap().to_owned();
    let r = app
        .call(
            axum::http::Method::DELETE,
            &format!("/api/v1/tokens/{id}"),
            Some(Role::Verifier),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", Some(Role::Verifier)).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn every_api_route_is_in_the_openapi_document() {
    let app = spawn().await;
    let doc = app.get("/api/openapi.json", None).await.json();
    for spec in routes() {
        if !spec.path.starts_with("/api/") || spec.path == "/api/openapi.json" {
            continue;
        }
        let method = spec.method.as_str().to_lowercase();
        assert!(
            doc["paths"][spec.path][&method].is_object(),
            "{} {} missing from /api/openapi.json",
            spec.method,
            spec.path
        );
    }
}
