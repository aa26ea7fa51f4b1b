//! Signing in and out. A login is limited per address per minute (in memory) and per account
//! (a lockout in the database after repeated failures); the password is checked with Argon2id on
//! the blocking pool; an unknown user costs the same hashing time as a known one. Success sets
//! an HttpOnly, SameSite cookie holding a random secret whose digest is the session's key.

use crate::auth::{self, Principal, SESSION_COOKIE, password};
use crate::i18n::Tr;
use crate::pages::{Nav, lang_of};
use crate::privacy;
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use std::net::SocketAddr;

#[derive(Template, WebTemplate)]
#[template(path = "login.html")]
pub struct LoginPage {
    pub t: Tr,
    pub nav: Nav,
    pub next: String,
    pub username: String,
    /// i18n key of the error to show.
    pub error: Option<&'static str>,
}

#[derive(Debug, Deserialize)]
pub struct NextQuery {
    pub next: Option<String>,
}

pub async fn login_form(headers: HeaderMap, uri: Uri, Query(q): Query<NextQuery>) -> LoginPage {
    let t = Tr::new(lang_of(&headers, &uri));
    LoginPage {
        t,
        nav: Nav::new(t, &uri, None, "/login"),
        next: auth::safe_next(q.next.as_deref()),
        username: String::new(),
        error: None,
    }
}

#[derive(Deserialize)]
pub struct LoginForm {
    pub username: String,
    pub password: String,
    pub next: Option<String>,
}

impl std::fmt::Debug for LoginForm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LoginForm")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// Why a login failed, as the user is told.
enum Failure {
    Credentials,
    Locked,
    Limited,
    Unavailable,
}

pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    Form(form): Form<LoginForm>,
) -> Response {
    let t = Tr::new(lang_of(&headers, &uri));
    let next = auth::safe_next(form.next.as_deref());
    let ip = peer.map(|Extension(ConnectInfo(a))| a.ip());
    let ip_tag = ip
        .map(|i| privacy::log_tag(&i.to_string()))
        .unwrap_or_default();
    let now = jiff::Timestamp::now().as_second();
    let user_tag = privacy::log_tag(&form.username.trim().to_lowercase());
    let outcome = attempt(&state, &form, ip, &ip_tag, now).await;
    match outcome {
        Ok(secret) => {
            tracing::info!(user = %user_tag, ip = %ip_tag, "login succeeded");
            let secure = if state.settings.secure_cookies {
                "; Secure"
            } else {
                ""
            };
            let max_age = state.settings.session_hours * 3600;
            let cookie = format!(
                "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
            );
            let mut res = Redirect::to(&next).into_response();
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.headers_mut().append(header::SET_COOKIE, v);
            }
            res
        }
        Err(failure) => {
            let (status, key) = match failure {
                Failure::Credentials => (StatusCode::UNAUTHORIZED, "login.error_credentials"),
                Failure::Locked => (StatusCode::UNAUTHORIZED, "login.error_locked"),
                Failure::Limited => (StatusCode::TOO_MANY_REQUESTS, "login.error_limited"),
                Failure::Unavailable => {
                    (StatusCode::SERVICE_UNAVAILABLE, "login.error_unavailable")
                }
            };
            tracing::info!(user = %user_tag, ip = %ip_tag, reason = key, "login failed");
            let page = LoginPage {
                t,
                nav: Nav::new(t, &uri, None, "/login"),
                next,
                username: form.username.clone(),
                error: Some(key),
            };
            (status, page).into_response()
        }
    }
}

async fn attempt(
    state: &AppState,
    form: &LoginForm,
    ip: Option<std::net::IpAddr>,
    ip_tag: &str,
    now: i64,
) -> Result<String, Failure> {
    let accounts = state.accounts.as_ref().ok_or(Failure::Unavailable)?;
    if !state.login_limiter.check(ip, now) {
        return Err(Failure::Limited);
    }
    let record = accounts
        .login_record(&form.username)
        .await
        .map_err(|_| Failure::Unavailable)?;
    let Some(record) = record else {
        // Same work as for a real account, so timing does not reveal which usernames exist.
        password::verify_blocking(form.password.clone(), password::dummy_hash().to_owned()).await;
        let _ = accounts
            .record_attempt(&form.username, ip_tag, now, false)
            .await;
        return Err(Failure::Credentials);
    };
    if record.disabled {
        let _ = accounts
            .record_attempt(&form.username, ip_tag, now, false)
            .await;
        return Err(Failure::Credentials);
    }
    if record.locked_until.is_some_and(|until| until > now) {
        let _ = accounts
            .record_attempt(&form.username, ip_tag, now, false)
            .await;
        return Err(Failure::Locked);
    }
    let ok = password::verify_blocking(form.password.clone(), record.password_hash.clone()).await;
    let _ = accounts
        .record_attempt(&form.username, ip_tag, now, ok)
        .await;
    if !ok {
        let s = &state.settings;
        let _ = accounts
            .register_failure(
                &record.account.id,
                now,
                s.lockout_after,
                s.lockout_minutes * 60,
            )
            .await;
        return Err(Failure::Credentials);
    }
    let _ = accounts.reset_failures(&record.account.id).await;
    let expires = now + state.settings.session_hours * 3600;
    accounts
        .create_session(&record.account.id, now, expires)
        .await
        .map_err(|_| Failure::Unavailable)
}

pub async fn logout(
    State(state): State<AppState>,
    jar: CookieJar,
    Extension(_principal): Extension<Principal>,
) -> Response {
    if let (Some(accounts), Some(c)) = (&state.accounts, jar.get(SESSION_COOKIE)) {
        let _ = accounts.delete_session(c.value()).await;
    }
    let mut res = Redirect::to("/").into_response();
    let clear = format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
    if let Ok(v) = HeaderValue::from_str(&clear) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
    res
}
