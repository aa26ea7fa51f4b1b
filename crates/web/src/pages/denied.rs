//! The 403 page. A browser refused a page (its role may not open it, or it asked for a region
//! outside its scope) gets the app's layout in its language: "Akses ditolak / Access denied",
//! the role or region the page needs, and a link home. API routes, and clients that ask for
//! something other than HTML, keep the JSON error object.

use super::{Nav, lang_of};
use crate::auth::Principal;
use crate::auth::policy::{Action, Role, Scope, allowed};
use crate::error::ApiError;
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// Why a page was refused.
#[derive(Clone, Copy, Debug)]
pub enum Why {
    /// The caller's role may not perform the page's action.
    Role(Action),
    /// The role may, but not for the region asked (a city analyst outside its region).
    Scope,
}

#[derive(Template, WebTemplate)]
#[template(path = "forbidden.html")]
pub struct ForbiddenPage {
    pub t: Tr,
    pub nav: Nav,
    /// The title in the other language too: "Akses ditolak / Access denied".
    pub title: String,
    pub your_role: Option<&'static str>,
    /// Label keys of the roles that may open the page.
    pub needed: Vec<&'static str>,
    /// For a scope refusal: what the account may see.
    pub scope_text: Option<String>,
}

/// Whether the client takes an HTML answer: it says so in `Accept`, or sends no `Accept` (a
/// plain link). `Accept: application/json` alone keeps the JSON error.
pub fn wants_html(headers: &HeaderMap) -> bool {
    match headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(accept) => accept.contains("text/html") || accept.trim() == "*/*",
    }
}

/// The 403 page for a refused page request, or the JSON error when the client wants JSON.
pub fn forbidden(
    headers: &HeaderMap,
    uri: &Uri,
    principal: Option<&Principal>,
    why: Why,
) -> Response {
    if uri.path().starts_with("/api/") || !wants_html(headers) {
        return ApiError::Forbidden.into_response();
    }
    let t = Tr::new(lang_of(headers, uri));
    let other = Tr::new(if t.other() == "en" {
        jamsos_rules::Lang::En
    } else {
        jamsos_rules::Lang::Id
    });
    let (needed, scope_text) = match why {
        Why::Role(action) => (
            Role::ALL
                .into_iter()
                .filter(|r| allowed(*r, action))
                .map(Role::label_key)
                .collect(),
            None,
        ),
        Why::Scope => {
            let text = match principal.map(Principal::scope) {
                Some(Scope::Region(code)) => {
                    t.t("error.forbidden_region").replace("{region}", &code)
                }
                _ => t.t("error.forbidden_scope").to_owned(),
            };
            (Vec::new(), Some(text))
        }
    };
    let page = ForbiddenPage {
        t,
        nav: Nav::new(t, uri, principal, ""),
        title: format!(
            "{} / {}",
            t.t("error.forbidden_title"),
            other.t("error.forbidden_title")
        ),
        your_role: principal.map(|p| p.role().label_key()),
        needed,
        scope_text,
    };
    (StatusCode::FORBIDDEN, page).into_response()
}

/// A page handler's error: a scope refusal becomes the 403 page; anything else keeps its
/// usual answer.
pub fn page_error(
    headers: &HeaderMap,
    uri: &Uri,
    principal: Option<&Principal>,
    e: ApiError,
) -> Response {
    match e {
        ApiError::Forbidden => forbidden(headers, uri, principal, Why::Scope),
        other => other.into_response(),
    }
}
