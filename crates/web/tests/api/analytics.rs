//! `/api/v1/analytics/*` and `/analytics` on the demo registry with its synthetic analytics
//! data: a city analyst sees its own region only, with small counts hidden; agency roles see
//! every count; the budget covers exactly the uncovered vulnerable workers the coverage shows.

use crate::testkit::spawn;
use axum::http::{Method, StatusCode};
use jamsos_analytics::RegionKey;
use jamsos_analytics::db::AnalyticsDb;
use jamsos_web::auth::policy::Role;
use serde_json::{Value, json};

async fn seeded() -> crate::testkit::TestApp {
    let app = spawn().await;
    jamsos_web::demo::seed_registry(&app.store)
        .await
        .unwrap()
        .unwrap();
    let db = AnalyticsDb::of_store(&app.store).unwrap();
    let s = db
        .seed_demo(&RegionKey::parse("31.73").unwrap(), 2026)
        .await
        .unwrap()
        .unwrap();
    assert!(s.potential.rows > 100 && s.companies.rows > 30, "{s:?}");
    app
}

fn rows(v: &Value) -> &Vec<Value> {
    v["coverage"]["rows"].as_array().unwrap()
}

#[tokio::test]
async fn analyst_sees_its_region_suppressed_agency_roles_see_all() {
    let app = seeded().await;
    let tambora = "/api/v1/analytics/coverage?region=31.73.04&level=village";
    let analyst = app.get(tambora, Some(Role::CityAnalyst)).await;
    assert_eq!(analyst.status, StatusCode::OK, "{}", analyst.body);
    let a = analyst.json();
    assert_eq!(a["min_count"], 5);
    let admin = app.get(tambora, Some(Role::Admin)).await.json();
    assert!(admin["min_count"].is_null());
    // Same totals; the analyst has hidden cells (the sponsored participants per kelurahan are
    // few), the admin none, and every hidden cell is one the admin sees.
    assert_eq!(
        a["coverage"]["total"]["potential"],
        admin["coverage"]["total"]["potential"]
    );
    assert_eq!(
        a["coverage"]["total"]["enrolled"],
        admin["coverage"]["total"]["enrolled"]
    );
    let hidden = |v: &Value| {
        rows(v)
            .iter()
            .filter(|r| r["enrolled_vulnerable"].is_null())
            .count()
    };
    assert!(hidden(&a) > 0);
    assert_eq!(hidden(&admin), 0);
    for (ra, rb) in rows(&a).iter().zip(rows(&admin)) {
        assert_eq!(ra["region"], rb["region"]);
        if let Some(n) = ra["enrolled_vulnerable"].as_u64() {
            assert_eq!(Some(n), rb["enrolled_vulnerable"].as_u64());
            assert!(n == 0 || n >= 5, "a shown count under k: {ra}");
        }
    }
    // The analyst's default region is its own; other regions are refused.
    let own = app
        .get("/api/v1/analytics/coverage", Some(Role::CityAnalyst))
        .await
        .json();
    assert_eq!(own["coverage"]["within"], "31.73");
    for path in [
        "/api/v1/analytics/coverage?region=31.71",
        "/api/v1/analytics/compliance?region=31.74.01",
        "/analytics?region=31.71",
    ] {
        let r = app.get(path, Some(Role::CityAnalyst)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{path}");
    }
    let r = app
        .call(
            Method::POST,
            "/api/v1/analytics/simulate",
            Some(Role::CityAnalyst),
            Some(json!({"regions": ["31.73.04", "31.75"]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // Roles without analytics are refused; an unscoped role must name a region.
    for role in [Role::Employer, Role::Verifier, Role::Auditor] {
        let r = app
            .get("/api/v1/analytics/coverage?region=31.73", Some(role))
            .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    let r = app
        .get("/api/v1/analytics/coverage", Some(Role::BranchOfficer))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "region");
}

#[tokio::test]
async fn budget_covers_the_uncovered_vulnerable_and_outreach_is_ordered() {
    let app = seeded().await;
    let cov = app
        .get("/api/v1/analytics/coverage?region=31.73", Some(Role::Admin))
        .await
        .json();
    let uncovered = cov["coverage"]["total"]["uncovered_vulnerable"]
        .as_u64()
        .unwrap();
    assert!(uncovered > 0);
    let r = app
        .call(
            Method::POST,
            "/api/v1/analytics/simulate",
            Some(Role::CityAnalyst),
            Some(json!({})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let b = r.json();
    assert_eq!(b["cohort"].as_u64(), Some(uncovered));
    // A year of monthly costs, each cohort × that month's price from the engine.
    let months = b["monthly"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let sum: i64 = months.iter().map(|m| m["total"].as_i64().unwrap()).sum();
    assert_eq!(b["cost_per_year"].as_i64(), Some(sum));
    for m in months {
        assert_eq!(
            m["total"].as_i64().unwrap(),
            m["per_person"].as_i64().unwrap() * uncovered as i64
        );
    }
    let rep = app
        .get(
            "/api/v1/analytics/compliance?top=20",
            Some(Role::CityAnalyst),
        )
        .await
        .json();
    let list = rep["outreach"].as_array().unwrap();
    assert_eq!(list.len(), 20);
    let shortfalls: Vec<i64> = list
        .iter()
        .map(|a| a["monthly_shortfall"].as_i64().unwrap())
        .collect();
    assert!(
        shortfalls.windows(2).all(|w| w[0] >= w[1]),
        "{shortfalls:?}"
    );
    let r = app
        .call(
            Method::POST,
            "/api/v1/analytics/simulate",
            Some(Role::Admin),
            Some(json!({"regions": ["31.73.04"], "months": 0})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "months");
}

#[tokio::test]
async fn the_analyst_page_and_its_exports() {
    let app = seeded().await;
    let page = app.get("/analytics", Some(Role::CityAnalyst)).await;
    assert_eq!(page.status, StatusCode::OK);
    for needle in [
        "Cakupan per kecamatan",
        "Tambora",
        "Kesenjangan sektor: KBLI 14",
        "Perusahaan yang dikunjungi lebih dulu",
        "Simulasi anggaran",
        "<svg",
        "/analytics/export/report.xlsx",
    ] {
        assert!(page.body.contains(needle), "missing {needle}");
    }
    let en = app.get("/analytics?lang=en", Some(Role::CityAnalyst)).await;
    assert!(en.body.contains("Coverage by district"));
    let csv = app
        .get("/analytics/export/coverage.csv", Some(Role::CityAnalyst))
        .await;
    assert_eq!(csv.status, StatusCode::OK);
    assert!(csv.body.starts_with("kode_wilayah / region_code"));
    assert!(csv.body.contains("31.73.04.1001"));
    let x = app
        .get("/analytics/export/report.xlsx", Some(Role::CityAnalyst))
        .await;
    assert_eq!(x.status, StatusCode::OK);
    let summary = app.get("/analytics/summary", Some(Role::CityAnalyst)).await;
    assert!(summary.body.contains("@media print") || summary.body.contains("<svg"));
    assert_eq!(
        app.get("/analytics/export/x.pdf", Some(Role::CityAnalyst))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}
