//! The server's minimum cell count (`Settings::analytics_min_cell`, `jamsos serve
//! --analytics-min-cell`) reaches the API routes and the analyst's page; the budget's cohort
//! follows it; a refused region is a page for a browser and JSON for an API client.

use crate::testkit::{TestApp, spawn_with};
use axum::http::{Method, StatusCode, header};
use jamsos_analytics::RegionKey;
use jamsos_analytics::db::AnalyticsDb;
use jamsos_web::Settings;
use jamsos_web::auth::policy::Role;
use serde_json::{Value, json};

async fn seeded(k: u64) -> TestApp {
    let app = spawn_with(Settings {
        analytics_min_cell: k,
        ..Settings::default()
    })
    .await;
    jamsos_web::demo::seed_registry(&app.store)
        .await
        .unwrap()
        .unwrap();
    AnalyticsDb::of_store(&app.store)
        .unwrap()
        .seed_demo(&RegionKey::parse("31.73").unwrap(), 2026)
        .await
        .unwrap()
        .unwrap();
    app
}

async fn sim(app: &TestApp, role: Role) -> Value {
    let r = app
        .call(
            Method::POST,
            "/api/v1/analytics/simulate",
            Some(role),
            Some(json!({"regions": ["31.73"]})),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.json()
}

fn hidden_cells(v: &Value) -> usize {
    v["coverage"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["enrolled"].is_null())
        .count()
}

#[tokio::test]
async fn the_server_setting_reaches_the_api_the_page_and_the_budget() {
    let tambora = "/api/v1/analytics/coverage?region=31.73.04&level=village";
    let at5 = seeded(5).await;
    let five = at5.get(tambora, Some(Role::CityAnalyst)).await.json();
    let big = seeded(1_000_000).await;
    let million = big.get(tambora, Some(Role::CityAnalyst)).await.json();
    assert_eq!(five["min_count"], 5);
    assert_eq!(million["min_count"], 1_000_000);
    // Every kelurahan's enrolled count is under a million: all hidden; at 5, few or none.
    let rows = million["coverage"]["rows"].as_array().unwrap().len();
    assert_eq!(hidden_cells(&million), rows);
    assert!(hidden_cells(&five) < rows, "{}", hidden_cells(&five));
    // Agency roles are not suppressed whatever the setting.
    let admin = big.get(tambora, Some(Role::Admin)).await.json();
    assert!(admin["min_count"].is_null());
    assert_eq!(hidden_cells(&admin), 0);

    // The page states the server's k.
    let page = big.get("/analytics", Some(Role::CityAnalyst)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Sel &#60; 1000000 disembunyikan"),
        "{}",
        page.body
    );

    // The budget: all uncovered vulnerable of West Jakarta is fewer than a million people,
    // so the cohort and its costs are hidden from the analyst; the admin sees them.
    let hidden = sim(&big, Role::CityAnalyst).await;
    assert!(hidden["cohort"].is_null(), "{hidden}");
    assert!(hidden["cost_per_year"].is_null());
    assert!(hidden["monthly"][0]["total"].is_null());
    assert!(hidden["monthly"][0]["per_person"].as_i64().unwrap() > 0);
    assert!(
        hidden["hidden"]
            .as_array()
            .unwrap()
            .contains(&json!("cohort"))
    );
    let shown = sim(&big, Role::Admin).await;
    assert!(shown["cohort"].as_u64().unwrap() > 0);
    assert_eq!(shown["hidden"], json!([]));
    // At k = 5 the city-wide cohort is large enough to be shown to the analyst.
    let at_five = sim(&at5, Role::CityAnalyst).await;
    assert_eq!(at_five["cohort"], shown["cohort"]);
    // The page's budget shows `*` for the hidden cohort.
    assert!(page.body.contains("*"));
}

#[tokio::test]
async fn a_region_outside_the_analysts_scope_is_a_page_for_a_browser() {
    let app = seeded(5).await;
    let ask = |accept: &'static str| {
        let app = &app;
        async move {
            app.send(
                axum::http::Request::builder()
                    .uri("/analytics?region=32")
                    .header(
                        header::AUTHORIZATION,
                        format!("Bearer {}", app.tokens[&Role::CityAnalyst]),
                    )
                    .header(header::ACCEPT, accept)
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await
        }
    };
    let page = ask("text/html,application/xhtml+xml").await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let ct = page.headers[header::CONTENT_TYPE].to_str().unwrap();
    assert!(ct.starts_with("text/html"), "{ct}");
    assert!(page.body.contains("Akses ditolak / Access denied"));
    assert!(page.body.contains("wilayah 31.73"), "{}", page.body);
    let json = ask("application/json").await;
    assert_eq!(json.status, StatusCode::FORBIDDEN);
    assert_eq!(json.json()["error"]["code"], "forbidden");
}
