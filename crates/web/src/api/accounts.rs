//! `/api/v1/me`, `/api/v1/tokens` (one's own API tokens) and `/api/v1/users` (admin only).

use crate::accounts::{Accounts, AccountsError, NewAccount, TokenInfo};
use crate::api::idempotency;
use crate::auth::policy::Role;
use crate::auth::{Principal, password};
use crate::error::{ApiError, ErrorObject};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Serialize, ToSchema)]
pub struct AccountView {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employer_npp: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region_code: Option<String>,
}

impl From<&crate::accounts::Account> for AccountView {
    fn from(a: &crate::accounts::Account) -> AccountView {
        AccountView {
            id: a.id.clone(),
            username: a.username.clone(),
            display_name: a.display_name.clone(),
            role: a.role,
            employer_npp: a.employer_npp.clone(),
            region_code: a.region_code.clone(),
        }
    }
}

fn accounts(state: &AppState) -> Result<&Accounts, ApiError> {
    state
        .accounts
        .as_ref()
        .ok_or(ApiError::Unavailable("no account database"))
}

/// The calling account.
#[utoipa::path(get, path = "/api/v1/me", tag = "accounts",
    responses((status = 200, body = AccountView), (status = 401, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn me(Extension(p): Extension<Principal>) -> Json<AccountView> {
    Json(AccountView::from(&p.account))
}

/// The calling account's API tokens (secrets are never shown again).
#[utoipa::path(get, path = "/api/v1/tokens", tag = "accounts",
    responses((status = 200, body = [TokenInfo]), (status = 401, body = ErrorObject), (status = 403, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn list_tokens(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<TokenInfo>>, ApiError> {
    let list = accounts(&state)?
        .tokens(&p.account.id)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(list))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    pub label: String,
}

/// Issue an API token for the calling account. The `token` is shown once.
#[utoipa::path(post, path = "/api/v1/tokens", tag = "accounts", request_body = NewToken,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, description = "{id, label, created_at, token}"), (status = 401, body = ErrorObject),
        (status = 403, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn create_token(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let st = state.clone();
    let pr = p.clone();
    let raw = body.clone();
    idempotency::once(&state, &p, &headers, "POST /api/v1/tokens", &body, || async move {
        let req: NewToken = parse_json(&raw)?;
        let label = req.label.trim();
        if label.is_empty() || label.len() > 100 {
            return Err(ApiError::invalid("label", "1–100 characters"));
        }
        let now = jiff::Timestamp::now().as_second();
        let (info, secret) = accounts(&st)?
            .create_token(&pr.account.id, label, now)
            .await
            .map_err(ApiError::internal)?;
        Ok((
            StatusCode::CREATED,
            serde_json::json!({"id": info.id, "label": info.label, "created_at": info.created_at, "token": secret}),
        ))
    })
    .await
}

/// Revoke one of the calling account's tokens.
#[utoipa::path(delete, path = "/api/v1/tokens/{id}", tag = "accounts",
    params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = ErrorObject), (status = 401, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn revoke_token(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let now = jiff::Timestamp::now().as_second();
    if accounts(&state)?
        .revoke_token(&p.account.id, &id, now)
        .await
        .map_err(ApiError::internal)?
    {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::NotFound)
    }
}

/// All accounts (admin).
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts",
    responses((status = 200, body = [AccountView]), (status = 403, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn list_users(State(state): State<AppState>) -> Result<Json<Vec<AccountView>>, ApiError> {
    let list = accounts(&state)?.list().await.map_err(ApiError::internal)?;
    Ok(Json(list.iter().map(AccountView::from).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub password: String,
    pub employer_npp: Option<String>,
    pub region_code: Option<String>,
}

impl std::fmt::Debug for NewUser {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewUser")
            .field("username", &self.username)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// Checks a new account's fields; the employer and analyst roles need their scope.
pub fn validate_new_user(u: &NewUser) -> Result<(), ApiError> {
    if u.password.chars().count() < 10 {
        return Err(ApiError::invalid("password", "at least 10 characters"));
    }
    if u.display_name.trim().is_empty() {
        return Err(ApiError::invalid("display_name", "required"));
    }
    if u.role == Role::Employer && u.employer_npp.as_deref().is_none_or(str::is_empty) {
        return Err(ApiError::invalid(
            "employer_npp",
            "required for the employer role",
        ));
    }
    if u.role == Role::CityAnalyst && u.region_code.as_deref().is_none_or(str::is_empty) {
        return Err(ApiError::invalid(
            "region_code",
            "required for the city analyst role",
        ));
    }
    Ok(())
}

/// Create an account (admin).
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", request_body = NewUser,
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, body = AccountView), (status = 403, body = ErrorObject),
        (status = 409, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn create_user(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let st = state.clone();
    let raw = body.clone();
    idempotency::once(
        &state,
        &p,
        &headers,
        "POST /api/v1/users",
        &body,
        || async move {
            let req: NewUser = parse_json(&raw)?;
            validate_new_user(&req)?;
            let hash = password::hash_blocking(req.password.clone())
                .await
                .map_err(ApiError::internal)?;
            let now = jiff::Timestamp::now().as_second();
            let created = accounts(&st)?
                .create(
                    NewAccount {
                        username: req.username,
                        display_name: req.display_name,
                        role: req.role,
                        employer_npp: req.employer_npp,
                        region_code: req.region_code,
                        password_hash: hash,
                    },
                    now,
                )
                .await
                .map_err(|e| match e {
                    AccountsError::Taken(u) => {
                        ApiError::Conflict(format!("username {u:?} is taken"))
                    }
                    AccountsError::Invalid(m) => ApiError::invalid("username", m),
                    other => ApiError::internal(other),
                })?;
            let json =
                serde_json::to_value(AccountView::from(&created)).map_err(ApiError::internal)?;
            Ok((StatusCode::CREATED, json))
        },
    )
    .await
}

/// Parses a JSON body, naming the offending field.
pub fn parse_json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    let de = &mut serde_json::Deserializer::from_slice(body);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { "body".to_owned() } else { path };
        ApiError::invalid(field, e.inner().to_string())
    })
}

impl IntoResponse for AccountView {
    fn into_response(self) -> Response {
        Json(self).into_response()
    }
}
