//! "Akun saya": who I am, my role and scope, and my API tokens (created here, shown once).

use crate::accounts::TokenInfo;
use crate::auth::Principal;
use crate::auth::policy::{Action, Scope};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::pages::{Nav, lang_of};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "account.html")]
pub struct AccountPage {
    pub t: Tr,
    pub nav: Nav,
    pub username: String,
    pub display_name: String,
    pub role_key: &'static str,
    pub scope: String,
    pub may_tokens: bool,
    pub tokens: Vec<TokenRow>,
    /// A token just created: shown once.
    pub new_token: Option<String>,
}

pub struct TokenRow {
    pub id: String,
    pub label: String,
    pub created: String,
    pub revoked: bool,
}

fn scope_text(scope: &Scope, t: Tr) -> String {
    match scope {
        Scope::All => t.t("account.scope_all").to_owned(),
        Scope::Employer(npp) => format!("{} {npp}", t.t("account.scope_employer")),
        Scope::Region(r) => format!("{} {r}", t.t("account.scope_region")),
        Scope::Nothing => t.t("account.scope_nothing").to_owned(),
    }
}

async fn render(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    p: &Principal,
    new_token: Option<String>,
) -> Result<AccountPage, ApiError> {
    let t = Tr::new(lang_of(headers, uri));
    let accounts = state
        .accounts
        .as_ref()
        .ok_or(ApiError::Unavailable("no account database"))?;
    let tokens = accounts
        .tokens(&p.account.id)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|ti: TokenInfo| TokenRow {
            id: ti.id,
            label: ti.label,
            created: jiff::Timestamp::from_second(ti.created_at)
                .map(|ts| crate::fmt::date(ts.to_zoned(jiff::tz::TimeZone::UTC).date(), t.lang))
                .unwrap_or_default(),
            revoked: ti.revoked,
        })
        .collect();
    Ok(AccountPage {
        t,
        nav: Nav::new(t, uri, Some(p), "/account"),
        username: p.account.username.clone(),
        display_name: p.account.display_name.clone(),
        role_key: p.account.role.label_key(),
        scope: scope_text(&p.scope(), t),
        may_tokens: p.may(Action::TokenManage),
        tokens,
        new_token,
    })
}

pub async fn account(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
) -> Response {
    match render(&state, &headers, &uri, &p, None).await {
        Ok(page) => page.into_response(),
        Err(e) => e.into_response(),
    }
}

#[derive(Debug, Deserialize)]
pub struct NewTokenForm {
    pub label: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    Form(form): Form<NewTokenForm>,
) -> Response {
    let Some(accounts) = &state.accounts else {
        return ApiError::Unavailable("no account database").into_response();
    };
    let label = form.label.trim();
    let label = if label.is_empty() { "token" } else { label };
    let now = jiff::Timestamp::now().as_second();
    match accounts.create_token(&p.account.id, label, now).await {
        Ok((_, secret)) => match render(&state, &headers, &uri, &p, Some(secret)).await {
            Ok(page) => page.into_response(),
            Err(e) => e.into_response(),
        },
        Err(e) => ApiError::internal(e).into_response(),
    }
}

pub async fn revoke_token(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> Response {
    let Some(accounts) = &state.accounts else {
        return ApiError::Unavailable("no account database").into_response();
    };
    let now = jiff::Timestamp::now().as_second();
    match accounts.revoke_token(&p.account.id, &id, now).await {
        Ok(_) => Redirect::to("/account").into_response(),
        Err(e) => ApiError::internal(e).into_response(),
    }
}
