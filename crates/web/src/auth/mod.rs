//! Who is calling, and may they? [`authenticate`] resolves a browser session cookie or an API
//! token (`Authorization: Bearer jms_…`) to an [`Account`]; [`guard`] is the one middleware
//! every protected route goes through: it asks [`policy::allowed`] for the route's [`Access`]
//! and puts the [`Principal`] in the request for the handler. API paths answer 401/403 with the
//! error object; pages redirect to the login page or show the forbidden page.

pub mod csrf;
pub mod limiter;
pub mod password;
pub mod policy;
pub mod token;

use crate::accounts::Account;
use crate::error::ApiError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use policy::{Action, Role, Scope};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "jamsos_session";

/// What a route requires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone; the caller is not even looked up (health, calc, static files, login).
    Public,
    /// Anyone; a signed-in caller is looked up so the page can show who they are.
    Optional,
    /// Any signed-in account.
    Signed,
    /// A signed-in account whose role is allowed the action.
    Role(Action),
}

/// How the caller proved who they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    Session,
    Token,
}

/// The authenticated caller, available to handlers as `Extension<Principal>`.
#[derive(Clone, Debug)]
pub struct Principal {
    pub account: Account,
    pub via: Via,
}

impl Principal {
    pub fn role(&self) -> Role {
        self.account.role
    }

    pub fn scope(&self) -> Scope {
        self.account.scope()
    }

    pub fn may(&self, action: Action) -> bool {
        policy::allowed(self.account.role, action)
    }

    pub fn sees_identity(&self) -> bool {
        policy::sees_identity(self.account.role)
    }
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(str::trim)
}

/// Resolves the caller, if any. A bearer token wins over a cookie.
pub async fn authenticate(state: &AppState, headers: &HeaderMap) -> Option<Principal> {
    let accounts = state.accounts.as_ref()?;
    if let Some(secret) = bearer(headers) {
        return match accounts.token_account(secret).await {
            Ok(Some(account)) => Some(Principal {
                account,
                via: Via::Token,
            }),
            Ok(None) => None,
            Err(e) => {
                tracing::error!(error = %e, "token lookup failed");
                None
            }
        };
    }
    let jar = CookieJar::from_headers(headers);
    let secret = jar.get(SESSION_COOKIE)?.value().to_owned();
    let now = jiff::Timestamp::now().as_second();
    match accounts.session_account(&secret, now).await {
        Ok(Some(account)) => Some(Principal {
            account,
            via: Via::Session,
        }),
        Ok(None) => None,
        Err(e) => {
            tracing::error!(error = %e, "session lookup failed");
            None
        }
    }
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// The single gate. Registered on every route with that route's [`Access`].
pub async fn guard(
    State((state, access)): State<(AppState, Access)>,
    mut req: Request,
    next: Next,
) -> Response {
    if matches!(access, Access::Public | Access::Optional) {
        if let Some(p) = authenticate(&state, req.headers()).await {
            req.extensions_mut().insert(p);
        }
        return next.run(req).await;
    }
    let api = is_api(req.uri().path());
    let Some(principal) = authenticate(&state, req.headers()).await else {
        if api {
            return ApiError::Unauthorized.into_response();
        }
        let next_path = req
            .uri()
            .path_and_query()
            .map(|p| p.as_str().to_owned())
            .unwrap_or_default();
        let target = format!("/login?next={}", urlencode(&next_path));
        return Redirect::to(&target).into_response();
    };
    if let Access::Role(action) = access
        && !principal.may(action)
    {
        tracing::info!(account = %principal.account.id, role = principal.role().code(), ?action, "denied");
        if api {
            return ApiError::Forbidden.into_response();
        }
        return crate::pages::denied::forbidden(
            req.headers(),
            req.uri(),
            Some(&principal),
            crate::pages::denied::Why::Role(action),
        );
    }
    tracing::Span::current().record("account", principal.account.id.as_str());
    req.extensions_mut().insert(principal);
    next.run(req).await
}

/// Percent-encodes a path for a query value (only what a path can contain).
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Only local paths are followed after login (no open redirect).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_owned(),
        _ => "/dashboard".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_is_local_only() {
        assert_eq!(safe_next(Some("/persons?q=1")), "/persons?q=1");
        assert_eq!(safe_next(Some("//evil.example")), "/dashboard");
        assert_eq!(safe_next(Some("https://evil.example")), "/dashboard");
        assert_eq!(safe_next(None), "/dashboard");
    }

    #[test]
    fn urlencode_keeps_paths_readable() {
        assert_eq!(urlencode("/persons?q=a b"), "/persons%3Fq%3Da%20b");
    }
}
