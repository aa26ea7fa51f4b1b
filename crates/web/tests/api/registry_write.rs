//! Registry writes through the API: employer → person → membership → wage → family on an
//! isolated SQLite database, Idempotency-Key replays, and domain errors naming the field.

use crate::testkit::{TestApp, spawn};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use jamsos_domain::{Nik, RegionCode, Sex};
use jamsos_web::auth::policy::Role;
use jiff::civil::date;
use serde_json::{Value, json};

async fn post(
    app: &TestApp,
    path: &str,
    role: Role,
    key: Option<&str>,
    body: &Value,
) -> crate::testkit::Reply {
    let mut b = Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(
            header::AUTHORIZATION,
            format!("Bearer {}", app.tokens[&role]),
        )
        .header(header::CONTENT_TYPE, "application/json");
    if let Some(k) = key {
        b = b.header("idempotency-key", k);
    }
    app.send(b.body(Body::from(body.to_string())).unwrap())
        .await
}

fn siti_nik() -> String {
    let region = RegionCode::parse("31.73.04").unwrap();
    Nik::from_parts(region, date(1990, 3, 12), Sex::Female, 1)
        .unwrap()
        .to_string()
}

fn employer_body() -> Value {
    json!({"legal_name": "PT Uji Tulis", "nib": null, "kbli": null, "risk_class": 2,
        "size_class": "small", "region": "31.73.04.1001", "address": "Jl. Contoh No. 1",
        "status": "active"})
}

fn person_body(nik: &str) -> Value {
    json!({"nik": nik, "name": "Siti Aminah", "birth_date": "1990-03-12", "sex": "female",
        "region": "31.73.04.1001", "phone": null})
}

#[tokio::test]
async fn employer_person_membership_wage_family_with_replays() {
    let app = spawn().await;
    let officer = Role::BranchOfficer;

    // Employer: NPP generated; a replay returns the same body and creates nothing.
    let e = post(
        &app,
        "/api/v1/employers",
        officer,
        Some("emp-1"),
        &employer_body(),
    )
    .await;
    assert_eq!(e.status, StatusCode::CREATED, "{}", e.body);
    let npp = e.json()["npp"].as_str().unwrap().to_owned();
    let again = post(
        &app,
        "/api/v1/employers",
        officer,
        Some("emp-1"),
        &employer_body(),
    )
    .await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.body, e.body);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    let list = app.get("/api/v1/employers", Some(officer)).await.json();
    let named: Vec<_> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["legal_name"] == "PT Uji Tulis")
        .collect();
    assert_eq!(named.len(), 1, "{list}");
    // Same key, different body: conflict.
    let mut other = employer_body();
    other["legal_name"] = json!("PT Lain");
    let c = post(&app, "/api/v1/employers", officer, Some("emp-1"), &other).await;
    assert_eq!(c.status, StatusCode::CONFLICT);
    assert_eq!(c.json()["error"]["code"], "conflict");

    // Person: a bad NIK is a 422 naming `nik`; a good one is created once.
    let bad = post(&app, "/api/v1/persons", officer, None, &person_body("1234")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.json()["error"]["code"], "invalid_input");
    assert_eq!(bad.json()["error"]["field"], "nik");
    let nik = siti_nik();
    let p = post(
        &app,
        "/api/v1/persons",
        officer,
        Some("p-1"),
        &person_body(&nik),
    )
    .await;
    assert_eq!(p.status, StatusCode::CREATED, "{}", p.body);
    assert_eq!(p.json()["nik"], nik.as_str());
    let person_id = p.json()["id"].as_i64().unwrap();
    let again = post(
        &app,
        "/api/v1/persons",
        officer,
        Some("p-1"),
        &person_body(&nik),
    )
    .await;
    assert_eq!(again.body, p.body);
    let found = app
        .get(&format!("/api/v1/persons?q={nik}"), Some(officer))
        .await
        .json();
    assert_eq!(found.as_array().map(Vec::len), Some(1), "{found}");

    // Membership: KPJ generated; the replay does not open a second one.
    let m_body = json!({"person": nik, "employer": npp, "segment": "PU",
        "programs": ["JKK", "JKM", "JHT", "JP"], "start": "2024-01-01", "sponsor": null,
        "occupation": "penjahit", "role": null, "initial_amount": 5_067_381});
    let m = post(&app, "/api/v1/memberships", officer, Some("m-1"), &m_body).await;
    assert_eq!(m.status, StatusCode::CREATED, "{}", m.body);
    let kpj = m.json()["kpj"].as_str().unwrap().to_owned();
    let again = post(&app, "/api/v1/memberships", officer, Some("m-1"), &m_body).await;
    assert_eq!(again.body, m.body);

    // Wage: effective-dated; the employer account may add it for its own worker only.
    let w_body = json!({"from": "2025-01-01", "amount": 5_396_761, "reason": "kenaikan UMP"});
    let path = format!("/api/v1/memberships/{kpj}/wages");
    let w = post(&app, &path, officer, Some("w-1"), &w_body).await;
    assert_eq!(w.status, StatusCode::CREATED, "{}", w.body);
    assert_eq!(w.json()["amount"], 5_396_761);
    assert_eq!(w.json()["from"], "2025-01-01");
    let again = post(&app, &path, officer, Some("w-1"), &w_body).await;
    assert_eq!(again.body, w.body);
    // The first generated NPP is the testkit employer account's own: it may add its worker's wage.
    assert_eq!(npp, "10000001");
    let own = json!({"from": "2025-07-01", "amount": 5_500_000, "reason": "kenaikan"});
    let r = post(&app, &path, Role::Employer, None, &own).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let record = app
        .get(&format!("/api/v1/persons/{person_id}"), Some(officer))
        .await
        .json();
    assert_eq!(
        record["memberships"].as_array().map(Vec::len),
        Some(1),
        "{record}"
    );
    assert_eq!(
        record["wages"].as_array().map(Vec::len),
        Some(3),
        "{record}"
    );

    // Family member.
    let f_body = json!({"nik": null, "name": "Rudi", "relation": "child", "sex": "male",
        "birth_date": "2015-06-01", "education": null, "married": false, "working": false,
        "alive": true});
    let f = post(
        &app,
        &format!("/api/v1/persons/{person_id}/family"),
        officer,
        Some("f-1"),
        &f_body,
    )
    .await;
    assert_eq!(f.status, StatusCode::CREATED, "{}", f.body);
    assert_eq!(f.json()["relation"], "child");
    let record = app
        .get(&format!("/api/v1/persons/{person_id}"), Some(officer))
        .await
        .json();
    assert_eq!(
        record["family"].as_array().map(Vec::len),
        Some(1),
        "{record}"
    );
}

#[tokio::test]
async fn store_refusals_map_to_the_error_object() {
    let app = spawn().await;
    // A membership for a NIK nobody registered names the person.
    let m_body = json!({"person": siti_nik(), "employer": null, "segment": "BPU",
        "programs": ["JKK", "JKM"], "start": "2024-01-01", "sponsor": null,
        "occupation": null, "role": null, "initial_amount": 2_000_000});
    let r = post(&app, "/api/v1/memberships", Role::Admin, None, &m_body).await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["code"], "invalid_input");
    assert!(r.json()["error"]["field"].is_string(), "{}", r.body);
    // Writers only: the verifier, analyst and auditor may not register employers.
    for role in [
        Role::Verifier,
        Role::CityAnalyst,
        Role::Auditor,
        Role::Employer,
    ] {
        let r = post(&app, "/api/v1/employers", role, None, &employer_body()).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{role:?}");
    }
}
