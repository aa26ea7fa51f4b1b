//! Server-rendered pages. Each page has one view model (an askama template struct) holding the
//! request's translator `t` and the navigation `nav`; the shared layout is
//! `templates/base.html`. The language comes from `?lang=` (remembered in a cookie) or the
//! cookie, Bahasa Indonesia by default.

pub mod account;
pub mod denied;
pub mod imports;
pub mod login;
pub mod public;
pub mod registry;

use crate::auth::Principal;
use crate::auth::policy::Action;
use crate::i18n::Tr;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Request;
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use jamsos_rules::Lang;

pub const LANG_COOKIE: &str = "lang";

fn query_lang(uri: &Uri) -> Option<Lang> {
    uri.query()?
        .split('&')
        .find_map(|kv| kv.strip_prefix("lang="))
        .and_then(Lang::parse)
}

/// The request's language: `?lang=` first, then the cookie, then Bahasa Indonesia.
pub fn lang_of(headers: &HeaderMap, uri: &Uri) -> Lang {
    query_lang(uri)
        .or_else(|| {
            CookieJar::from_headers(headers)
                .get(LANG_COOKIE)
                .and_then(|c| Lang::parse(c.value()))
        })
        .unwrap_or_default()
}

/// Remembers `?lang=` in a cookie so the choice follows the user across pages.
pub async fn remember_lang(req: Request, next: Next) -> Response {
    let chosen = query_lang(req.uri());
    let mut res = next.run(req).await;
    if let Some(lang) = chosen {
        let code = Tr::new(lang).code();
        let cookie = format!("{LANG_COOKIE}={code}; Path=/; Max-Age=31536000; SameSite=Lax");
        if let Ok(v) = header::HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// A link in the top navigation.
#[derive(Clone, Debug)]
pub struct NavLink {
    pub href: &'static str,
    pub key: &'static str,
    pub active: bool,
}

#[derive(Clone, Debug)]
pub struct NavUser {
    pub name: String,
    pub role_key: &'static str,
}

/// What the layout needs: links the caller may use, who is signed in, the language switch.
#[derive(Clone, Debug)]
pub struct Nav {
    pub links: Vec<NavLink>,
    pub user: Option<NavUser>,
    /// The current page with the other language selected.
    pub switch_href: String,
}

impl Nav {
    pub fn new(t: Tr, uri: &Uri, principal: Option<&Principal>, active: &str) -> Nav {
        let candidates: [(&'static str, &'static str, Option<Action>); 7] = [
            ("/dashboard", "nav.dashboard", Some(Action::DashboardView)),
            ("/employers", "nav.employers", Some(Action::EmployerList)),
            ("/persons", "nav.persons", Some(Action::PersonSearch)),
            ("/imports", "nav.imports", Some(Action::ImportRun)),
            ("/analytics", "nav.analytics", Some(Action::AnalyticsView)),
            ("/simulator", "nav.simulator", None),
            ("/api", "nav.api", None),
        ];
        let links = candidates
            .into_iter()
            .filter(|(_, _, action)| match (action, principal) {
                (None, _) => true,
                (Some(a), Some(p)) => p.may(*a),
                (Some(_), None) => false,
            })
            .map(|(href, key, _)| NavLink {
                href,
                key,
                active: href == active,
            })
            .collect();
        let mut query: Vec<&str> = uri
            .query()
            .unwrap_or_default()
            .split('&')
            .filter(|kv| !kv.is_empty() && !kv.starts_with("lang="))
            .collect();
        let lang_kv = format!("lang={}", t.other());
        query.push(&lang_kv);
        Nav {
            links,
            user: principal.map(|p| NavUser {
                name: p.account.display_name.clone(),
                role_key: p.account.role.label_key(),
            }),
            switch_href: format!("{}?{}", uri.path(), query.join("&")),
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "message.html")]
pub struct MessagePage {
    pub t: Tr,
    pub nav: Nav,
    pub title_key: &'static str,
    pub body_key: &'static str,
}

/// The page shown when a role may not open a page.
pub fn forbidden(req: &Request, principal: Option<&Principal>) -> Response {
    message(
        req.headers(),
        req.uri(),
        principal,
        StatusCode::FORBIDDEN,
        "error.forbidden_title",
        "error.forbidden_body",
    )
}

pub fn message(
    headers: &HeaderMap,
    uri: &Uri,
    principal: Option<&Principal>,
    status: StatusCode,
    title_key: &'static str,
    body_key: &'static str,
) -> Response {
    let t = Tr::new(lang_of(headers, uri));
    let page = MessagePage {
        t,
        nav: Nav::new(t, uri, principal, ""),
        title_key,
        body_key,
    };
    (status, page).into_response()
}

/// Fallback for unknown paths: JSON under `/api/`, a page elsewhere.
pub async fn not_found(req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        return crate::error::ApiError::NotFound.into_response();
    }
    message(
        req.headers(),
        req.uri(),
        None,
        StatusCode::NOT_FOUND,
        "error.not_found_title",
        "error.not_found_body",
    )
}
