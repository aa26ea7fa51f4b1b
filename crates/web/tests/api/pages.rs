//! Pages render, in Bahasa Indonesia by default and English on request.

use crate::testkit::spawn;
use axum::http::StatusCode;

#[tokio::test]
async fn pages_are_indonesian_by_default_and_english_on_request() {
    let app = spawn().await;
    let r = app.get("/", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("<html lang=\"id\">"));
    assert!(r.body.contains("Simulasi manfaat"));
    let r = app.get("/?lang=en", None).await;
    assert!(r.body.contains("<html lang=\"en\">"));
    assert!(r.body.contains("Benefit simulator"));
    let set = r.headers["set-cookie"].to_str().unwrap();
    assert!(set.starts_with("lang=en"), "{set}");
    let r = app.get_with_cookie("/simulator", "lang=en").await;
    assert!(r.body.contains("Benefit simulator"));
    assert!(
        r.body.contains("href=\"/simulator?lang=id\""),
        "switch link back"
    );
}

#[tokio::test]
async fn simulator_shows_the_form_and_any_error_in_place() {
    let app = spawn().await;
    let r = app.get("/simulator", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Apa yang diterima ahli waris saya"));
    let r = app
        .get(
            "/simulator?event=jkk_death&segment=PU&wage=lima+juta&date=2026-02-10",
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("class=\"field-error\""),
        "the wage field is marked"
    );
}

#[tokio::test]
async fn api_page_lists_the_operations() {
    let app = spawn().await;
    let r = app.get("/api", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("/api/v1/calc"));
    assert!(r.body.contains("/api/v1/users"));
    assert!(!r.body.contains("cdn"), "no CDN");
}

#[tokio::test]
async fn security_headers_and_static_files() {
    let app = spawn().await;
    let r = app.get("/static/style.css", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/css")
    );
    assert_eq!(r.headers["x-frame-options"], "DENY");
    assert!(
        r.headers["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
    assert_eq!(
        app.get("/static/nope.js", None).await.status,
        StatusCode::NOT_FOUND
    );
    let r = app.get("/no-such-page", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.body.contains("Halaman tidak ditemukan"));
}
