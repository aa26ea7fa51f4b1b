//! `POST /api/v1/calc` gives exactly what the engine (and so `jamsos calc`) gives, and fails
//! with the contract's error object.

use crate::testkit::spawn;
use axum::http::{Method, StatusCode};
use serde_json::json;

/// What the engine itself answers for a scenario: (status, JSON).
fn engine_answer(scenario: &serde_json::Value, trace: bool) -> (StatusCode, serde_json::Value) {
    let engine = jamsos_rules::Engine::embedded().unwrap();
    match engine.calculate_json(scenario.to_string().as_bytes(), trace) {
        Ok(o) => (StatusCode::OK, serde_json::to_value(&o).unwrap()),
        Err(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            serde_json::to_value(e.to_object()).unwrap(),
        ),
    }
}

fn scenarios() -> Vec<serde_json::Value> {
    vec![
        json!({"type":"contribution","date":"2026-03-01","segment":"PU","wage":5729876,"risk_class":1}),
        json!({"type":"contribution","date":"2026-03-01","segment":"BPU","income":2000000}),
        json!({"type":"benefit","program":"JKM","date":"2026-02-10","segment":"PU","membership_months":36}),
        json!({"type":"benefit","program":"JKK","date":"2026-02-10","segment":"PU","wage":5396761,"outcome":"death"}),
        json!({"type":"benefit","program":"JKP","date":"2026-02-10","wage":5396761,"reason":"termination","contribution_months_last_24":12}),
        json!({"type":"late_fine","segment":"PU","contribution_month":"2026-01","amount_due":1000000,"paid_on":"2026-04-20"}),
        json!({"type":"contribution","date":"2026-03-01","segment":"PU","wage":-5,"risk_class":1}),
        json!({"type":"nonsense"}),
    ]
}

#[tokio::test]
async fn same_answer_as_the_engine_with_and_without_trace() {
    let app = spawn().await;
    for s in scenarios() {
        for trace in [true, false] {
            let path = if trace {
                "/api/v1/calc"
            } else {
                "/api/v1/calc?trace=false"
            };
            let r = app.call(Method::POST, path, None, Some(s.clone())).await;
            let (status, expected) = engine_answer(&s, trace);
            assert_eq!(r.status, status, "{s}: {}", r.body);
            assert_eq!(r.json(), expected, "{s}");
            if status == StatusCode::OK && !trace {
                assert!(
                    r.json().get("trace").is_none(),
                    "trace omitted with ?trace=false"
                );
            }
        }
    }
}

#[tokio::test]
async fn malformed_input_is_a_422_naming_the_field() {
    let app = spawn().await;
    let r = app
        .call(
            Method::POST,
            "/api/v1/calc",
            None,
            Some(json!({"type": "contribution", "wage": "lots"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let e = &r.json()["error"];
    assert_eq!(e["code"], "invalid_input");
    assert_eq!(e["field"], "wage");

    let r = app
        .send(
            axum::http::Request::post("/api/v1/calc")
                .body(axum::body::Body::from("{not json"))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["code"], "invalid_input");

    let r = app
        .call(
            Method::POST,
            "/api/v1/calc",
            None,
            Some(json!({"type":"contribution","colour":"red"})),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "colour");
}

#[tokio::test]
async fn oversized_bodies_are_refused_with_the_error_object() {
    let app = spawn().await;
    let big = format!(
        "{{\"type\":\"contribution\",\"sector\":\"{}\"}}",
        "x".repeat(300 * 1024)
    );
    let r = app
        .send(
            axum::http::Request::post("/api/v1/calc")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(big))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(r.json()["error"]["code"], "payload_too_large");
}

#[tokio::test]
async fn health_and_readiness() {
    let app = spawn().await;
    let r = app.get("/healthz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["status"], "ok");
    let r = app.get("/readyz", None).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.json()["database"], true);
    app.state.begin_shutdown();
    let r = app.get("/readyz", None).await;
    assert_eq!(r.status, StatusCode::SERVICE_UNAVAILABLE);
}

#[tokio::test]
async fn unknown_api_paths_answer_json() {
    let app = spawn().await;
    let r = app.get("/api/v1/nothing-here", None).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"]["code"], "not_found");
}
