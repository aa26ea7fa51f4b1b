//! Sign-in, sessions, lockout, rate limit, CSRF, API tokens and idempotency keys.

use crate::testkit::{PASSWORD, spawn, spawn_with, username};
use axum::http::{Method, StatusCode};
use jamsos_web::Settings;
use jamsos_web::auth::policy::Role;
use serde_json::json;

#[tokio::test]
async fn login_sets_a_session_that_logout_ends() {
    let app = spawn().await;
    let cookie = app.login(Role::BranchOfficer).await;
    let r = app.get_with_cookie("/account", &cookie).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(
        r.body.contains("Petugas cabang"),
        "role shown in Indonesian"
    );
    let r = app.get_with_cookie("/api/v1/me", &cookie).await;
    assert_eq!(r.json()["role"], "branch_officer");

    let r = app.form("/logout", "", &[("cookie", &cookie)]).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    let r = app.get_with_cookie("/account", &cookie).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "session gone after logout");
}

#[tokio::test]
async fn wrong_password_and_unknown_user_look_the_same() {
    let app = spawn().await;
    let a = app
        .form(
            "/login",
            &format!("username={}&password=salah", username(Role::Auditor)),
            &[],
        )
        .await;
    let b = app
        .form("/login", "username=tidak_ada&password=salah", &[])
        .await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert_eq!(b.status, StatusCode::UNAUTHORIZED);
    assert!(a.body.contains("Nama pengguna atau kata sandi salah"));
    assert!(b.body.contains("Nama pengguna atau kata sandi salah"));
    assert!(a.headers.get("set-cookie").is_none());
}

#[tokio::test]
async fn repeated_failures_lock_the_account() {
    let app = spawn().await;
    let user = username(Role::Verifier);
    for _ in 0..5 {
        let r = app
            .form("/login", &format!("username={user}&password=salah"), &[])
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app
        .form(
            "/login",
            &format!("username={user}&password={PASSWORD}"),
            &[],
        )
        .await;
    assert_eq!(
        r.status,
        StatusCode::UNAUTHORIZED,
        "locked even with the right password"
    );
    assert!(r.body.contains("dikunci"), "{}", r.body);
    // Other accounts are unaffected.
    app.login(Role::Auditor).await;
}

#[tokio::test]
async fn login_attempts_are_rate_limited_per_address() {
    let app = spawn_with(Settings {
        login_per_minute: 3,
        ..Settings::default()
    })
    .await;
    for _ in 0..3 {
        let r = app.form("/login", "username=x&password=y", &[]).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app.form("/login", "username=x&password=y", &[]).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn cross_site_posts_are_refused() {
    let app = spawn().await;
    let cookie = app.login(Role::Admin).await;
    let r = app
        .form(
            "/account/tokens",
            "label=evil",
            &[("cookie", &cookie), ("sec-fetch-site", "cross-site")],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .form(
            "/account/tokens",
            "label=evil",
            &[
                ("cookie", &cookie),
                ("origin", "https://evil.example"),
                ("host", "jamsos.local"),
            ],
        )
        .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = app
        .form(
            "/account/tokens",
            "label=mine",
            &[("cookie", &cookie), ("sec-fetch-site", "same-origin")],
        )
        .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("jms_"), "new token shown once");
}

#[tokio::test]
async fn idempotency_keys_replay_and_detect_reuse() {
    let app = spawn().await;
    let send = |label: &'static str| {
        let app = &app;
        async move {
            app.send(
                axum::http::Request::post("/api/v1/tokens")
                    .header(
                        "authorization",
                        format!("Bearer {}", app.tokens[&Role::Employer]),
                    )
                    .header("idempotency-key", "k-123")
                    .header("content-type", "application/json")
                    .body(axum::body::Body::from(json!({"label": label}).to_string()))
                    .unwrap(),
            )
            .await
        }
    };
    let first = send("payroll").await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    let again = send("payroll").await;
    assert_eq!(again.status, StatusCode::CREATED);
    assert_eq!(again.json(), first.json(), "same response replayed");
    assert_eq!(again.headers["idempotent-replayed"], "true");
    let tokens = app.get("/api/v1/tokens", Some(Role::Employer)).await.json();
    assert_eq!(
        tokens.as_array().unwrap().len(),
        2,
        "the work was done once (test token + 1)"
    );
    let other = send("different").await;
    assert_eq!(other.status, StatusCode::CONFLICT);
    assert_eq!(other.json()["error"]["code"], "conflict");
}

#[tokio::test]
async fn admin_creates_accounts_with_validated_fields() {
    let app = spawn().await;
    let ok = json!({"username":"Siti","display_name":"Siti Aminah","role":"verifier","password":"panjang-sekali-1"});
    let r = app
        .call(
            Method::POST,
            "/api/v1/users",
            Some(Role::Admin),
            Some(ok.clone()),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.json()["username"], "siti");
    let r = app
        .call(Method::POST, "/api/v1/users", Some(Role::Admin), Some(ok))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);

    let short = json!({"username":"a","display_name":"A","role":"auditor","password":"pendek"});
    let r = app
        .call(
            Method::POST,
            "/api/v1/users",
            Some(Role::Admin),
            Some(short),
        )
        .await;
    assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.json()["error"]["field"], "password");

    let no_npp = json!({"username":"pt","display_name":"PT","role":"employer","password":"panjang-sekali-1"});
    let r = app
        .call(
            Method::POST,
            "/api/v1/users",
            Some(Role::Admin),
            Some(no_npp),
        )
        .await;
    assert_eq!(r.json()["error"]["field"], "employer_npp");

    let bad_role =
        json!({"username":"x","display_name":"X","role":"root","password":"panjang-sekali-1"});
    let r = app
        .call(
            Method::POST,
            "/api/v1/users",
            Some(Role::Admin),
            Some(bad_role),
        )
        .await;
    assert_eq!(r.json()["error"]["field"], "role");

    let users = app.get("/api/v1/users", Some(Role::Admin)).await.json();
    assert!(
        users
            .as_array()
            .unwrap()
            .iter()
            .all(|u| u.get("password_hash").is_none())
    );
}

#[tokio::test]
async fn open_redirects_are_refused_after_login() {
    let app = spawn().await;
    let r = app
        .form(
            "/login",
            &format!(
                "username={}&password={PASSWORD}&next=//evil.example/",
                username(Role::Auditor)
            ),
            &[],
        )
        .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), Some("/dashboard"));
}
