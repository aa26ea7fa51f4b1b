//! Registry routes on the seeded West Jakarta demo data: scope (an employer sees only its own
//! workers), masking (auditors see no NIK or full name), search, and the benefit preview.

use crate::testkit::{TestApp, spawn};
use axum::http::StatusCode;
use jamsos_web::auth::policy::Role;

async fn seeded() -> (TestApp, String) {
    let app = spawn().await;
    let s = jamsos_web::demo::seed_registry(&app.store)
        .await
        .unwrap()
        .expect("seeded");
    assert!(s.employers > 5 && s.persons > 20, "{s:?}");
    (app, s.first_npp.unwrap())
}

#[tokio::test]
async fn officers_see_identities_auditors_see_masks() {
    let (app, npp) = seeded().await;
    let detail = app
        .get(
            &format!("/api/v1/employers/{npp}"),
            Some(Role::BranchOfficer),
        )
        .await;
    assert_eq!(detail.status, StatusCode::OK, "{}", detail.body);
    let workers = detail.json()["workers"].as_array().unwrap().clone();
    assert!(!workers.is_empty());
    let nik = workers[0]["nik"].as_str().unwrap().to_owned();
    assert_eq!(nik.len(), 16, "clear NIK for officers: {nik}");
    assert!(nik.chars().all(|c| c.is_ascii_digit()));

    let masked = app
        .get(&format!("/api/v1/employers/{npp}"), Some(Role::Auditor))
        .await
        .json();
    let m = masked["workers"][0]["nik"].as_str().unwrap();
    assert!(
        m.contains('•') && !m.contains(&nik[6..12]),
        "auditor sees {m}"
    );
    let name = masked["workers"][0]["name"].as_str().unwrap();
    assert!(name.contains('•'), "auditor sees {name}");

    // Searching by the clear NIK works for both; only the officer gets it back in clear.
    let officer = app
        .get(
            &format!("/api/v1/persons?q={nik}"),
            Some(Role::BranchOfficer),
        )
        .await
        .json();
    assert_eq!(officer[0]["nik"], nik.as_str());
    let auditor = app
        .get(&format!("/api/v1/persons?q={nik}"), Some(Role::Auditor))
        .await;
    assert!(
        !auditor.body.contains(&nik),
        "no clear NIK in the auditor's answer: {}",
        auditor.body
    );
    let token = format!("Bearer {}", app.tokens[&Role::Auditor]);
    let page = app
        .form(
            "/persons",
            &format!("q={nik}"),
            &[("authorization", &token)],
        )
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        !page.body.contains(&nik),
        "no clear NIK on the auditor's page"
    );
}

#[tokio::test]
async fn employers_see_only_their_own_workers() {
    let (app, npp) = seeded().await;
    // The test employer account is bound to NPP 10000001; rebind by creating one for `npp`.
    let list = app
        .get("/api/v1/employers", Some(Role::Employer))
        .await
        .json();
    for e in list["items"].as_array().unwrap() {
        assert_eq!(e["npp"], "10000001", "an employer lists only itself");
    }
    let other = app
        .get(&format!("/api/v1/employers/{npp}"), Some(Role::Employer))
        .await;
    if npp != "10000001" {
        assert_eq!(
            other.status,
            StatusCode::NOT_FOUND,
            "another employer is invisible"
        );
    }
    let officer = app
        .get(
            &format!("/api/v1/employers/{npp}"),
            Some(Role::BranchOfficer),
        )
        .await
        .json();
    let kpj = officer["workers"][0]["kpj"].as_str().unwrap().to_owned();
    let pid = officer["workers"][0]["person_id"].as_i64().unwrap();
    if npp != "10000001" {
        let found = app
            .get(&format!("/api/v1/persons?q={kpj}"), Some(Role::Employer))
            .await
            .json();
        assert_eq!(
            found.as_array().unwrap().len(),
            0,
            "not the employer's worker"
        );
        let r = app
            .get(&format!("/api/v1/persons/{pid}"), Some(Role::Employer))
            .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn person_page_shows_what_would_be_paid_today() {
    let (app, npp) = seeded().await;
    let officer = app
        .get(
            &format!("/api/v1/employers/{npp}"),
            Some(Role::BranchOfficer),
        )
        .await
        .json();
    let pid = officer["workers"][0]["person_id"].as_i64().unwrap();
    let rec = app
        .get(&format!("/api/v1/persons/{pid}"), Some(Role::Verifier))
        .await;
    assert_eq!(rec.status, StatusCode::OK, "{}", rec.body);
    assert!(!rec.json()["memberships"].as_array().unwrap().is_empty());
    let b = app
        .get(
            &format!("/api/v1/persons/{pid}/benefits"),
            Some(Role::Verifier),
        )
        .await;
    assert_eq!(b.status, StatusCode::OK);
    let jkm = &b.json()["jkm"];
    assert!(jkm["program"] == "JKM" || jkm["error"].is_object(), "{jkm}");
    let page = app
        .get(&format!("/persons/{pid}"), Some(Role::BranchOfficer))
        .await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Yang akan dibayar hari ini"));
    assert!(page.body.contains("id=\"preview-jkm\""));
}

#[tokio::test]
async fn search_needs_a_usable_query() {
    let app = spawn().await;
    let r = app
        .get("/api/v1/persons?q=ab", Some(Role::BranchOfficer))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "q");
    let r = app
        .get("/api/v1/employers?region=xx", Some(Role::BranchOfficer))
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "region");
}
