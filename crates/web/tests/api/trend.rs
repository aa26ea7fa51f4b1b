//! `/api/v1/analytics/trend` on the state `jamsos serve --demo` leaves: the demo registry, its
//! synthetic analytics data, and the month-close pass the server runs at start. Before that
//! pass only the current month has counts; after it every month since the demo's first
//! members does, the demo's membership growth shows, and the trend ends with today's counts.

use crate::testkit::spawn;
use axum::http::StatusCode;
use jamsos_analytics::db::AnalyticsDb;
use jamsos_analytics::db_history::Stamp;
use jamsos_analytics::{Month, RegionKey};
use jamsos_store::Actor;
use jamsos_web::auth::policy::Role;
use serde_json::Value;

fn enrolled(v: &Value) -> Vec<Option<u64>> {
    v["trend"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["enrolled"].as_u64())
        .collect()
}

#[tokio::test]
async fn the_demo_trend_is_filled_by_the_month_close_and_ends_today() {
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
    // The window reaches back to January 2024, inside the demo's growth (its members start
    // from 2018 up to March 2026), whatever today is.
    let today = jiff::Zoned::now().date();
    let current = Month::of(today);
    let months = Month::parse("2024-01").unwrap().through(current).len();
    let path = format!("/api/v1/analytics/trend?region=31.73&months={months}");

    let before = app.get(&path, Some(Role::Admin)).await;
    assert_eq!(before.status, StatusCode::OK, "{}", before.body);
    let before = before.json();
    assert_eq!(before["current"], current.to_string());
    let e = enrolled(&before);
    assert_eq!(e.len(), months);
    assert!(e[..months - 1].iter().all(|n| *n == Some(0)), "{e:?}");
    assert!(e[months - 1] > Some(0));

    // What `jamsos serve` does at start (crates/cli/src/month_close.rs), with today's date.
    let stamp = Stamp {
        actor: Actor::new("system:month-close"),
        at: jiff::Timestamp::now(),
    };
    let closed = db.close_months(today, &stamp).await.unwrap();
    assert!(closed.written.len() >= months - 1, "{closed:?}");
    let after = app.get(&path, Some(Role::Admin)).await.json();
    let e: Vec<u64> = enrolled(&after).into_iter().map(Option::unwrap).collect();
    assert!(e.iter().all(|n| *n > 0), "{e:?}");
    // Members joined every month up to March 2026: the trend rises.
    assert!(e[0] < e[e.len() - 1], "{e:?}");
    let march = Month::parse("2026-03").unwrap().through(current).len();
    assert!(e[0] < e[months - march], "{e:?}");
    // The last point is today's registry: the coverage table's total.
    let cov = app
        .get("/api/v1/analytics/coverage?region=31.73", Some(Role::Admin))
        .await
        .json();
    assert_eq!(
        Some(e[e.len() - 1]),
        cov["coverage"]["total"]["enrolled"].as_u64()
    );

    // A city analyst sees its own region's trend (the city's totals are far above k = 5).
    let a = app
        .get("/api/v1/analytics/trend?months=12", Some(Role::CityAnalyst))
        .await;
    assert_eq!(a.status, StatusCode::OK, "{}", a.body);
    let a = a.json();
    assert_eq!(
        (a["region"].as_str(), a["min_count"].as_u64()),
        (Some("31.73"), Some(5))
    );
    assert!(enrolled(&a).iter().all(|n| n.is_some_and(|n| n > 0)));
    // The dashboard draws the last 12 months' coverage rate (the demo's potential is 2026's).
    let page = app.get("/analytics", Some(Role::CityAnalyst)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.body.contains("Tren cakupan per bulan"),
        "{}",
        page.body
    );
    assert!(page.body.contains("<polyline"), "no trend line drawn");
    let refused = app
        .get(
            "/api/v1/analytics/trend?region=31.71",
            Some(Role::CityAnalyst),
        )
        .await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    let bad = app
        .get(
            "/api/v1/analytics/trend?region=31.73&months=0",
            Some(Role::Admin),
        )
        .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);
}
