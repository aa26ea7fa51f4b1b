//! `GET /api/v1/analytics/flows`, the dashboard's money-flows section and its exports, on the
//! demo registry with its payment ledger (seeded by `seed_registry`): the February 2026 JKM
//! hand-over to the two families — Rp20,000,000 at once, Rp12,000,000 periodic and
//! Rp10,000,000 funeral each, plus the PPSU officer's child's Rp3,000,000 scholarship: seven
//! JKM payments, Rp87,000,000 in West Jakarta.

use crate::testkit::spawn;
use axum::http::StatusCode;
use jamsos_web::auth::policy::Role;
use serde_json::Value;

async fn seeded() -> crate::testkit::TestApp {
    let app = spawn().await;
    jamsos_web::demo::seed_registry(&app.store)
        .await
        .unwrap()
        .unwrap();
    app
}

fn row<'a>(v: &'a Value, kind: &str, program: &str) -> &'a Value {
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["kind"] == kind && r["program"] == program)
        .unwrap_or_else(|| panic!("no {kind} {program} row in {v}"))
}

#[tokio::test]
async fn jkm_paid_in_west_jakarta_so_far_with_small_rows_hidden_for_analysts() {
    let app = seeded().await;
    let url = "/api/v1/analytics/flows?region=31.73&level=regency&by=all";
    let admin = app.get(url, Some(Role::Admin)).await;
    assert_eq!(admin.status, StatusCode::OK, "{}", admin.body);
    let admin = admin.json();
    assert!(admin["min_count"].is_null());
    let jkm = row(&admin, "benefit_paid", "JKM");
    assert_eq!(jkm["amount"], 87_000_000);
    assert_eq!(jkm["cases"], 7);
    assert!(
        admin["headline"].as_str().unwrap().contains(
            " million paid in Kota Administrasi Jakarta Barat so far (2025-03 to 2026-02)"
        ),
        "{}",
        admin["headline"]
    );
    // Two JKK STMB payouts: below k = 5, hidden from a city analyst, shown to the agency.
    assert_eq!(row(&admin, "benefit_paid", "JKK")["cases"], 2);
    let analyst = app.get(url, Some(Role::CityAnalyst)).await.json();
    assert_eq!(analyst["min_count"], 5);
    assert_eq!(row(&analyst, "benefit_paid", "JKM")["amount"], 87_000_000);
    assert!(row(&analyst, "benefit_paid", "JKK")["amount"].is_null());
    // The headline's benefit total counts 10 payments: shown to both.
    assert_eq!(analyst["totals"]["benefits_paid"]["cases"], 10);

    // A city analyst sees its own region only; bad parameters are named.
    let other = app
        .get(
            "/api/v1/analytics/flows?region=31.74",
            Some(Role::CityAnalyst),
        )
        .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN);
    let bad = app
        .get(
            "/api/v1/analytics/flows?region=31.73&by=week",
            Some(Role::Admin),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad.json()["error"]["field"], "by");
}

#[tokio::test]
async fn the_dashboard_shows_the_flows_chart_and_exports_them() {
    let app = seeded().await;
    let page = app
        .get("/analytics?region=31.73", Some(Role::CityAnalyst))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("id=\"flows\""), "no flows section");
    assert!(
        page.body
            .contains("iuran diterima / contributions collected")
    );
    assert!(
        page.body
            .contains("/analytics/flows/flows.xlsx?region=31.73")
    );
    let csv = app
        .get(
            "/analytics/flows/flows.csv?region=31.73",
            Some(Role::CityAnalyst),
        )
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(
        csv.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    assert!(csv.body.contains("JKM"), "{}", csv.body);
    let xlsx = app
        .get(
            "/analytics/flows/flows.xlsx?region=31.73",
            Some(Role::Admin),
        )
        .await;
    assert_eq!(xlsx.status, StatusCode::OK);
    assert!(xlsx.body.starts_with("PK") || !xlsx.body.is_empty());
}

#[test]
fn the_flows_routes_declare_the_analytics_access_rule() {
    use jamsos_web::auth::Access;
    use jamsos_web::auth::policy::Action;
    for path in ["/api/v1/analytics/flows", "/analytics/flows/{file}"] {
        let spec = jamsos_web::router::routes()
            .into_iter()
            .find(|r| r.path == path)
            .unwrap_or_else(|| panic!("{path} is not declared"));
        assert!(
            matches!(spec.access, Access::Role(Action::AnalyticsView)),
            "{path}"
        );
    }
}
