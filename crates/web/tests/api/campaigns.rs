//! Outreach campaigns over the API and the page: who may record one (city analysts inside
//! their region, admins), field errors, listing with tagged enrolments, and an import tagged
//! with a campaign (an unknown code writes nothing).

use crate::testkit::spawn;
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use jamsos_web::auth::policy::Role;
use serde_json::json;

fn tambora(code: &str) -> serde_json::Value {
    json!({
        "code": code, "name": "Konveksi Terlindungi Tambora", "region_code": "31.73.04",
        "sector": "14", "partner": "Forum RW Kalianyar", "role": "komunitas", "start": "2026-01"
    })
}

#[tokio::test]
async fn who_may_record_a_campaign_and_what_they_see() {
    let app = spawn().await;
    for role in Role::ALL {
        let code = format!("c-{}", role.code().replace('_', "-"));
        let r = app
            .call(
                Method::POST,
                "/api/v1/campaigns",
                Some(role),
                Some(tambora(&code)),
            )
            .await;
        let may = matches!(role, Role::Admin | Role::CityAnalyst);
        assert_eq!(
            r.status,
            if may {
                StatusCode::CREATED
            } else {
                StatusCode::FORBIDDEN
            },
            "{role:?}: {}",
            r.body
        );
        if may {
            let j = r.json();
            assert_eq!(j["code"], code.as_str());
            assert_eq!(j["region_name"], "Tambora");
            assert_eq!(
                (j["sector"].as_str(), j["role"].as_str()),
                (Some("14"), Some("community"))
            );
            assert_eq!(j["enrolments"], 0);
        }
    }
    // The analyst (scope 31.73) may not plan for South Jakarta; the admin may.
    let south = json!({
        "code": "setiabudi-2026", "name": "Setiabudi", "region_code": "31.74.02",
        "partner": "Kampus", "role": "academia", "start": "2026-02"
    });
    let r = app
        .call(
            Method::POST,
            "/api/v1/campaigns",
            Some(Role::CityAnalyst),
            Some(south.clone()),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["field"], "region_code");
    let r = app
        .call(
            Method::POST,
            "/api/v1/campaigns",
            Some(Role::Admin),
            Some(south),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // Every bad field named; a duplicate code is a conflict.
    let bad = json!({"code": "x", "name": "", "region_code": "31.99", "sector": "04",
        "partner": "P", "role": "church", "start": "2026-13"});
    let r = app
        .call(
            Method::POST,
            "/api/v1/campaigns",
            Some(Role::Admin),
            Some(bad),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    let msg = r.json()["error"]["message"].as_str().unwrap().to_owned();
    for field in [
        "code:",
        "name:",
        "region_code:",
        "sector:",
        "role:",
        "start:",
    ] {
        assert!(msg.contains(field), "{field} missing from {msg}");
    }
    let r = app
        .call(
            Method::POST,
            "/api/v1/campaigns",
            Some(Role::Admin),
            Some(tambora("c-admin")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "{}", r.body);
    // Listing: the analyst sees West Jakarta's two, the admin all three.
    let codes = |role| {
        let app = &app;
        async move {
            let j = app.get("/api/v1/campaigns", Some(role)).await.json();
            let mut v: Vec<String> = j
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["code"].as_str().unwrap().to_owned())
                .collect();
            v.sort();
            v
        }
    };
    assert_eq!(
        codes(Role::CityAnalyst).await,
        vec!["c-admin", "c-city-analyst"]
    );
    assert_eq!(codes(Role::Admin).await.len(), 3);
    // The page lists them; the form is there for the analyst, not for the officer.
    let page = app.get("/campaigns", Some(Role::CityAnalyst)).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("c-city-analyst") && page.body.contains("campaign-form"));
    let page = app.get("/campaigns", Some(Role::BranchOfficer)).await;
    assert!(page.body.contains("c-admin") && !page.body.contains("campaign-form"));
}

#[tokio::test]
async fn the_campaign_form_reports_fields_and_records() {
    let app = spawn().await;
    let cookie = app.login(Role::CityAnalyst).await;
    let headers = [
        ("cookie", cookie.as_str()),
        ("sec-fetch-site", "same-origin"),
    ];
    let r = app
        .form("/campaigns", "code=ok-code&name=&region_code=31.73.04&sector=99x&partner=Forum&role=media&start=2026-01&end=", &headers)
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert!(r.body.contains("campaign-errors") && r.body.contains("name is required"));
    let r = app
        .form("/campaigns", "code=ok-code&name=Radio&region_code=31.73.04&sector=&partner=Radio+Komunitas&role=media&start=2026-01&end=", &headers)
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), Some("/campaigns?created=ok-code"));
}

#[tokio::test]
async fn a_sponsored_import_tagged_with_a_campaign() {
    let app = spawn().await;
    jamsos_web::demo::seed_registry(&app.store).await.unwrap();
    let r = app
        .call(
            Method::POST,
            "/api/v1/campaigns",
            Some(Role::CityAnalyst),
            Some(tambora("tambora-2026")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let csv = "nik,name,birth_date,sex,region_code,occupation,declared_income,start_date,sector\n\
3173045203940005,Eka Susanti,1994-03-12,P,31.73.04.1001,penjahit rumahan,1000000,2026-02-01,14\n";
    let post = |campaign: &'static str| {
        let app = &app;
        async move {
            app.send(
                Request::builder()
                    .method(Method::POST)
                    .uri(format!(
                        "/api/v1/imports/sponsored?sponsor=PEMKOT-JAKBAR&campaign={campaign}"
                    ))
                    .header(
                        header::AUTHORIZATION,
                        format!("Bearer {}", app.tokens[&Role::BranchOfficer]),
                    )
                    .header(header::CONTENT_TYPE, "text/csv")
                    .body(Body::from(csv))
                    .unwrap(),
            )
            .await
        }
    };
    let r = post("no-such-campaign").await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", r.body);
    assert_eq!(r.json()["error"]["field"], "campaign");
    let r = post("tambora-2026").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    assert_eq!(
        (
            j["status"].as_str(),
            j["counts"]["campaign_tagged"].as_u64()
        ),
        (Some("applied"), Some(1)),
        "{j}"
    );
    let list = app
        .get("/api/v1/campaigns", Some(Role::CityAnalyst))
        .await
        .json();
    assert_eq!(list[0]["enrolments"], 1, "{list}");
    // The import page offers the campaign.
    let page = app.get("/imports", Some(Role::BranchOfficer)).await;
    assert!(
        page.body.contains("value=\"tambora-2026\""),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn the_demo_has_its_tambora_campaign_with_the_garment_enrolments() {
    let app = spawn().await;
    jamsos_web::demo::seed_registry(&app.store).await.unwrap();
    // Expected from the dataset itself: sector-14 memberships of Tambora residents that
    // started in or after the campaign's first month (January 2025).
    let data = jamsos_domain::demo::west_jakarta(jamsos_web::demo::DEMO_SEED);
    let in_tambora: std::collections::HashSet<_> = data
        .persons
        .iter()
        .filter(|p| p.region.to_string().starts_with("31.73.04."))
        .map(|p| p.nik)
        .collect();
    let expected = data
        .memberships
        .iter()
        .filter(|m| m.sector.as_ref().is_some_and(|s| s.to_string() == "14"))
        .filter(|m| in_tambora.contains(&m.person))
        .filter(|m| m.start >= jiff::civil::date(2025, 1, 1))
        .count();
    assert!(expected > 0 && expected < 24, "{expected}");
    let r = app
        .call(
            Method::GET,
            "/api/v1/campaigns",
            Some(Role::CityAnalyst),
            None,
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let list = r.json();
    let demo = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == jamsos_domain::demo::TAMBORA_CAMPAIGN)
        .unwrap_or_else(|| panic!("no demo campaign in {list}"));
    assert_eq!(demo["enrolments"], expected as u64, "{demo}");
    // Seeding again changes nothing.
    assert_eq!(
        jamsos_web::demo::seed_campaign(&app.store).await.unwrap(),
        0
    );
}
