//! `GET /api/v1/analytics/report.pdf` on the demo registry: a PDF for the caller's region
//! with the budget the simulation API gives, suppression by role, refusals outside the
//! caller's scope, and the dashboard's link to it.

use crate::testkit::spawn;
use axum::http::{Method, StatusCode, header};
use jamsos_analytics::RegionKey;
use jamsos_analytics::db::AnalyticsDb;
use jamsos_rules::Rupiah;
use jamsos_web::auth::policy::Role;
use serde_json::json;

async fn seeded() -> crate::testkit::TestApp {
    let app = spawn().await;
    jamsos_web::demo::seed_registry(&app.store)
        .await
        .unwrap()
        .unwrap();
    let db = AnalyticsDb::of_store(&app.store).unwrap();
    db.seed_demo(&RegionKey::parse("31.73").unwrap(), 2026)
        .await
        .unwrap()
        .unwrap();
    app
}

const PDF: &str = "/api/v1/analytics/report.pdf";

#[tokio::test]
async fn the_analyst_gets_its_region_as_a_pdf_with_the_simulated_budget() {
    let app = seeded().await;
    let r = app.get(PDF, Some(Role::CityAnalyst)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.headers[header::CONTENT_TYPE], "application/pdf");
    let disposition = r.headers[header::CONTENT_DISPOSITION].to_str().unwrap();
    assert!(disposition.starts_with("attachment; filename=\"jamsos-31.73-"));
    assert!(r.body.starts_with("%PDF-"));
    assert!(r.body.trim_end().ends_with("%%EOF"));
    for needle in [
        "Ringkasan Jaminan Sosial Ketenagakerjaan",
        "Jakarta Barat",
        "Halaman 1 dari",
        "Sel dengan kurang dari 5 orang disembunyikan",
        "Companies to visit first (25 dari / of",
    ] {
        assert!(r.body.contains(needle), "missing {needle}");
    }
    // The cost for a year of every uncovered vulnerable worker, as the simulation API prices it.
    let b = app
        .call(
            Method::POST,
            "/api/v1/analytics/simulate",
            Some(Role::CityAnalyst),
            Some(json!({})),
        )
        .await
        .json();
    let per_year = Rupiah(b["cost_per_year"].as_i64().unwrap()).to_id_string();
    assert!(
        r.body.contains(&format!("({per_year})")),
        "missing {per_year}"
    );

    // Agency roles see every count; a longer outreach list makes more pages.
    let admin = app
        .get(&format!("{PDF}?region=31.73"), Some(Role::Admin))
        .await;
    assert_eq!(admin.status, StatusCode::OK);
    assert!(admin.body.contains("Tanpa penyembunyian sel"));
    let n = app
        .get(
            "/api/v1/analytics/compliance?region=31.73&top=1000",
            Some(Role::Admin),
        )
        .await
        .json()["outreach"]
        .as_array()
        .unwrap()
        .len();
    assert!(n > 40, "{n} companies to visit");
    let long = app
        .get(&format!("{PDF}?region=31.73&top={n}"), Some(Role::Admin))
        .await;
    assert_eq!(long.status, StatusCode::OK);
    assert!(long.body.contains(&format!("({n} dari / of {n})")));
    assert!(long.body.contains("(lanjutan / continued)"));
    // page objects ("/Type /Page" at a line's end; the page tree is "/Type /Pages")
    let pages = |body: &str| body.lines().filter(|l| l.ends_with("/Type /Page")).count();
    assert!(pages(&admin.body) >= 3, "{}", pages(&admin.body));
    assert!(pages(&long.body) > pages(&admin.body));
}

#[tokio::test]
async fn refusals_outside_the_callers_scope_and_bad_parameters() {
    let app = seeded().await;
    let r = app.get(PDF, None).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["error"]["code"], "unauthorized");
    for (path, role) in [
        (format!("{PDF}?region=31.71"), Role::CityAnalyst),
        (format!("{PDF}?region=31.74.01"), Role::CityAnalyst),
        (format!("{PDF}?region=31.73"), Role::Employer),
    ] {
        let r = app.get(&path, Some(role)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path} as {role:?}");
        assert_eq!(r.json()["error"]["code"], "forbidden");
    }
    for (query, field) in [
        ("top=0", "top"),
        ("top=5000", "top"),
        ("sector=ZZ", "sector"),
    ] {
        let r = app
            .get(&format!("{PDF}?region=31.73&{query}"), Some(Role::Admin))
            .await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert_eq!(r.json()["error"]["field"], field);
    }
    // An agency role must name the region.
    let r = app.get(PDF, Some(Role::Admin)).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_dashboard_links_to_the_pdf() {
    let app = seeded().await;
    let page = app.get("/analytics", Some(Role::CityAnalyst)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body
            .contains("/api/v1/analytics/report.pdf?region=31.73")
    );
    assert!(page.body.contains("Unduh PDF"));
    let en = app.get("/analytics?lang=en", Some(Role::CityAnalyst)).await;
    assert!(en.body.contains("Download PDF"));
}
