//! The import page: an upload form (worker list or sponsored list, CSV or XLSX, "valid rows
//! only" switch) and, after an upload, the row-level report (counts, every problem with row,
//! column, masked value and reason, and the rejected rows to download). The work is
//! [`crate::imports::run`]'s; this only renders.

use crate::auth::Principal;
use crate::auth::policy::{Action, Scope};
use crate::error::ApiError;
use crate::i18n::Tr;
use crate::imports::{self, ImportReport};
use crate::pages::{Nav, lang_of};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use jamsos_domain::import::ImportKind;

#[derive(Template, WebTemplate)]
#[template(path = "imports.html")]
pub struct ImportsPage {
    pub t: Tr,
    pub nav: Nav,
    /// The employer account's own NPP (fixed in the form), empty for officers.
    pub own_npp: String,
    pub may_sponsored: bool,
    pub kind: String,
    pub npp: String,
    pub sponsor: String,
    pub valid_only: bool,
    /// Campaigns to tag the import with: (code, name); `campaign` the chosen code.
    pub campaigns: Vec<(String, String)>,
    pub campaign: String,
    pub error: String,
    pub report: Option<ImportReport>,
    /// `data:` URL of the rejected-rows CSV (downloaded by the browser, never stored).
    pub rejected_href: String,
}

fn blank(t: Tr, uri: &Uri, p: &Principal) -> ImportsPage {
    let own_npp = match p.scope() {
        Scope::Employer(n) => n,
        _ => String::new(),
    };
    ImportsPage {
        t,
        nav: Nav::new(t, uri, Some(p), "/imports"),
        npp: own_npp.clone(),
        own_npp,
        may_sponsored: p.may(Action::ImportSponsored),
        kind: "workers".to_owned(),
        sponsor: String::new(),
        valid_only: false,
        campaigns: Vec::new(),
        campaign: String::new(),
        error: String::new(),
        report: None,
        rejected_href: String::new(),
    }
}

pub async fn imports_form(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    axum::Extension(p): Extension<Principal>,
) -> Response {
    let t = Tr::new(lang_of(&headers, &uri));
    let mut page = blank(t, &uri, &p);
    page.campaigns = crate::campaigns::options(&state).await;
    page.into_response()
}

pub async fn imports_upload(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    req: Request,
) -> Response {
    let (headers, uri) = (req.headers().clone(), req.uri().clone());
    let t = Tr::new(lang_of(&headers, &uri));
    let mut page = blank(t, &uri, &p);
    page.campaigns = crate::campaigns::options(&state).await;
    let up = match Multipart::from_request(req, &()).await {
        Ok(form) => imports::read_multipart(form).await,
        Err(e) => Err(ApiError::invalid("file", e.body_text())),
    };
    let up = match up {
        Ok(u) => u,
        Err(e) => {
            page.error = message(&e);
            return (StatusCode::UNPROCESSABLE_ENTITY, page).into_response();
        }
    };
    let kind = up
        .kind
        .as_deref()
        .and_then(ImportKind::parse)
        .unwrap_or(ImportKind::Workers);
    page.kind = kind.code().to_owned();
    if page.own_npp.is_empty() {
        page.npp = up.options.npp.clone().unwrap_or_default();
    }
    page.sponsor = up.options.sponsor.clone().unwrap_or_default();
    page.valid_only = up.options.valid_only.is_some();
    page.campaign = up.options.campaign.clone().unwrap_or_default();
    if up.bytes.is_empty() {
        page.error = t.t("imp.no_file").to_owned();
        return (StatusCode::UNPROCESSABLE_ENTITY, page).into_response();
    }
    match imports::run(&state, &p, kind, up).await {
        Ok(report) => {
            if let Some(csv) = &report.rejected_csv {
                page.rejected_href = format!(
                    "data:text/csv;charset=utf-8,{}",
                    crate::auth::urlencode(csv)
                );
            }
            page.report = Some(report);
            page.into_response()
        }
        Err(ApiError::Forbidden) => crate::pages::message(
            &headers,
            &uri,
            Some(&p),
            StatusCode::FORBIDDEN,
            "error.forbidden_title",
            "error.forbidden_body",
        ),
        Err(e @ (ApiError::Invalid { .. } | ApiError::Conflict(_))) => {
            page.error = message(&e);
            (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
        }
        Err(e) => e.into_response(),
    }
}

fn message(e: &ApiError) -> String {
    match e {
        ApiError::Invalid { field, message } => format!("{field}: {message}"),
        other => other.to_string(),
    }
}
