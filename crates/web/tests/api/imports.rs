//! Imports over the API and the page: who may import what (an employer only its own worker
//! list), the row-level report (row, column, masked value, reason), valid-only mode with the
//! rejected rows, and idempotency by file hash.

use crate::testkit::{TestApp, spawn};
use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use jamsos_web::auth::policy::Role;

/// Two valid workers (NIKs agree with birth date and sex; real Tambora / Setiabudi villages).
pub const WORKERS_CSV: &str = "nik,name,birth_date,sex,region_code,programs,start_date,wage,occupation\n\
3173044507950003,Rina Lestari,1995-07-05,P,31.73.04.1002,JKK;JKM;JHT;JP;JKP,2025-01-01,5396761,penjahit\n\
3173051108880002,Agus Salim,1988-08-11,L,31.73.05.1003,JKK;JKM;JHT,2025-01-01,5396761,sopir\n";

/// One good row, one with a NIK whose birth date disagrees, one with a bad wage.
const MIXED_CSV: &str = "nik,name,birth_date,sex,region_code,programs,start_date,wage\n\
3173044507950011,Dewi Anggraini,1995-07-05,P,31.73.04.1002,JKK;JKM,2025-01-01,5396761\n\
3173044507950012,Sari Wulandari,1996-07-05,P,31.73.04.1002,JKK;JKM,2025-01-01,5396761\n\
3173051108880013,Joko Widodo,1988-08-11,L,31.73.05.1003,JKK;JKM,2025-01-01,lima juta\n";

async fn seeded() -> (TestApp, String) {
    let app = spawn().await;
    let s = jamsos_web::demo::seed_registry(&app.store)
        .await
        .unwrap()
        .expect("seeded");
    (app, s.first_npp.unwrap())
}

async fn post_csv(app: &TestApp, path: &str, role: Role, csv: &str) -> crate::testkit::Reply {
    app.send(
        Request::builder()
            .method(Method::POST)
            .uri(path)
            .header(
                header::AUTHORIZATION,
                format!("Bearer {}", app.tokens[&role]),
            )
            .header(header::CONTENT_TYPE, "text/csv")
            .body(Body::from(csv.to_owned()))
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn officer_imports_a_worker_list_once() {
    let (app, npp) = seeded().await;
    let path = format!("/api/v1/imports/workers?npp={npp}");
    let r = post_csv(&app, &path, Role::BranchOfficer, WORKERS_CSV).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    assert_eq!(j["status"], "applied", "{j}");
    assert_eq!(j["rows_read"], 2);
    assert_eq!(j["counts"]["applied"], 2);
    assert_eq!(j["counts"]["persons_created"], 2);
    assert!(j["problems"].as_array().unwrap().is_empty(), "{j}");
    assert!(j["rejected_csv"].is_null());
    // The new worker is in the registry, at that employer.
    let found = app
        .get(
            "/api/v1/persons?q=3173044507950003",
            Some(Role::BranchOfficer),
        )
        .await
        .json();
    assert_eq!(found[0]["name"], "Rina Lestari");
    // The same file again changes nothing.
    let again = post_csv(&app, &path, Role::Admin, WORKERS_CSV).await.json();
    assert_eq!(again["status"], "already_imported", "{again}");
}

#[tokio::test]
async fn all_or_nothing_reports_every_problem_and_writes_nothing() {
    let (app, npp) = seeded().await;
    let r = post_csv(
        &app,
        &format!("/api/v1/imports/workers?npp={npp}"),
        Role::Admin,
        MIXED_CSV,
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    assert_eq!(j["status"], "nothing_written", "{j}");
    assert_eq!(j["mode"], "all_or_nothing");
    assert_eq!(j["rows_valid"], 1);
    let problems = j["problems"].as_array().unwrap();
    let nik = problems
        .iter()
        .find(|p| p["row"] == 3 && p["column"] == "nik")
        .unwrap_or_else(|| panic!("a NIK problem on row 3: {j}"));
    let shown = nik["value"].as_str().unwrap();
    assert!(!shown.contains("3173044507950012"), "NIK masked: {shown}");
    assert!(!nik["message"].as_str().unwrap().is_empty());
    assert!(
        problems
            .iter()
            .any(|p| p["row"] == 4 && p["column"] == "wage"),
        "{j}"
    );
    // Problems show masked values; only the rejected-rows CSV (the uploader's own rows as
    // sent, to fix and resend) holds the NIK.
    assert!(
        !j["problems"].to_string().contains("3173044507950012"),
        "no clear NIK in the problems"
    );
    assert!(
        j["rejected_csv"]
            .as_str()
            .unwrap()
            .contains("3173044507950012")
    );
    let none = app
        .get("/api/v1/persons?q=3173044507950011", Some(Role::Admin))
        .await
        .json();
    assert_eq!(none.as_array().unwrap().len(), 0, "nothing written: {none}");
}

#[tokio::test]
async fn valid_only_writes_good_rows_and_returns_the_rejected_ones() {
    let (app, npp) = seeded().await;
    let r = post_csv(
        &app,
        &format!("/api/v1/imports/workers?npp={npp}&valid_only=true"),
        Role::Employer,
        MIXED_CSV,
    )
    .await;
    // The test employer account is bound to 10000001, the demo's first employer.
    assert_eq!(npp, "10000001");
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let j = r.json();
    assert_eq!(j["status"], "applied", "{j}");
    assert_eq!(j["counts"]["applied"], 1);
    assert_eq!(j["rows_rejected"], 2);
    let csv = j["rejected_csv"].as_str().unwrap();
    assert_eq!(csv.lines().count(), 3, "header + 2 rejected rows: {csv}");
    assert!(csv.contains("lima juta"));
}

#[tokio::test]
async fn who_may_import_what() {
    let (app, npp) = seeded().await;
    // An employer imports only for its own NPP (given or implied).
    let r = post_csv(&app, "/api/v1/imports/workers", Role::Employer, WORKERS_CSV).await;
    assert_eq!(r.status, StatusCode::OK, "own NPP implied: {}", r.body);
    let other = post_csv(
        &app,
        "/api/v1/imports/workers?npp=10000002",
        Role::Employer,
        WORKERS_CSV,
    )
    .await;
    assert_eq!(other.status, StatusCode::FORBIDDEN, "{}", other.body);
    assert_eq!(other.json()["error"]["code"], "forbidden");
    // Sponsored lists: officers only.
    let sponsored = "sponsor,nik,name,birth_date,sex,region_code,occupation,role,declared_income,start_date\n\
PEMPROV-DKI,3173051108880021,Bambang Irawan,1988-08-11,L,31.73.05.1003,Ketua RT 005/RW 02,rt_head,1000000,2025-01-01\n";
    for role in Role::ALL {
        let r = post_csv(&app, "/api/v1/imports/sponsored", role, sponsored).await;
        let may = matches!(role, Role::Admin | Role::BranchOfficer);
        assert_eq!(
            r.status == StatusCode::FORBIDDEN,
            !may,
            "{role:?}: {}",
            r.body
        );
        if may {
            assert_eq!(r.status, StatusCode::OK, "{role:?}: {}", r.body);
        }
    }
    // Worker lists: not for verifiers, analysts or auditors.
    for role in [Role::Verifier, Role::CityAnalyst, Role::Auditor] {
        let r = post_csv(
            &app,
            &format!("/api/v1/imports/workers?npp={npp}"),
            role,
            WORKERS_CSV,
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{role:?}");
    }
    // An unreadable file is a clear 422, not a report.
    let bad = post_csv(
        &app,
        &format!("/api/v1/imports/workers?npp={npp}"),
        Role::Admin,
        "hello,world\n1,2\n",
    )
    .await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", bad.body);
    assert_eq!(bad.json()["error"]["field"], "file");
}

#[tokio::test]
async fn the_import_page_uploads_and_shows_the_report() {
    let (app, npp) = seeded().await;
    let cookie = app.login(Role::BranchOfficer).await;
    let form = app.get_with_cookie("/imports", &cookie).await;
    assert_eq!(form.status, StatusCode::OK);
    assert!(form.body.contains("Impor data peserta"), "{}", form.body);
    let boundary = "XjamsosBoundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nworkers\r\n\
--{boundary}\r\nContent-Disposition: form-data; name=\"npp\"\r\n\r\n{npp}\r\n\
--{boundary}\r\nContent-Disposition: form-data; name=\"valid_only\"\r\n\r\n1\r\n\
--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"pekerja.csv\"\r\nContent-Type: text/csv\r\n\r\n{MIXED_CSV}\r\n\
--{boundary}--\r\n"
    );
    let r = app
        .send(
            Request::builder()
                .method(Method::POST)
                .uri("/imports")
                .header(header::COOKIE, &cookie)
                .header("sec-fetch-site", "same-origin")
                .header(
                    header::CONTENT_TYPE,
                    format!("multipart/form-data; boundary={boundary}"),
                )
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body.contains("Laporan impor"), "{}", r.body);
    assert!(r.body.contains("pekerja.csv"));
    assert!(r.body.contains("id=\"rejected-csv\""), "download link");
    assert!(r.body.contains("Impor tersimpan"));
    // The problems table masks the NIK (the download holds the uploader's own rows as sent).
    let table = r.body.split("id=\"import-problems\"").nth(1).unwrap();
    assert!(table.contains("nik"), "{table}");
    assert!(!table.contains("3173044507950012"), "{table}");
}
