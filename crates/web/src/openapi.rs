//! The OpenAPI document, generated from the handlers' annotations, served at
//! `/api/openapi.json`; and the readable API page at `/api`, rendered on the server from the
//! same document (no external UI, no CDN).

use crate::auth::Principal;
use crate::i18n::Tr;
use crate::pages::{Nav, lang_of};
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::http::{HeaderMap, Uri, header};
use axum::response::IntoResponse;
use std::sync::LazyLock;
use utoipa::OpenApi;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};

#[derive(OpenApi)]
#[openapi(
    info(title = "jamsos API", description = "Jaminan sosial ketenagakerjaan: calculations, registry, accounts. Errors always answer {\"error\": {\"code\", \"field\", \"message\"}}."),
    paths(
        crate::calc::calc,
        crate::health::healthz,
        crate::health::readyz,
        crate::api::accounts::me,
        crate::api::accounts::list_tokens,
        crate::api::accounts::create_token,
        crate::api::accounts::revoke_token,
        crate::api::accounts::list_users,
        crate::api::accounts::create_user,
        crate::registry::api_employers,
        crate::registry::api_employer,
        crate::registry::api_persons,
        crate::registry::api_person,
        crate::registry::api_person_benefits,
        crate::api::registry_write::create_employer,
        crate::api::registry_write::create_person,
        crate::api::registry_write::create_membership,
        crate::api::registry_write::add_wage,
        crate::api::registry_write::add_family,
        crate::imports::api_import_workers,
        crate::imports::api_import_sponsored,
        crate::analytics::api::coverage,
        crate::analytics::api::compliance,
        crate::analytics::api::simulate,
        crate::analytics::pdf::report_pdf,
        crate::analytics::trend::trend,
        crate::campaigns::api_list,
        crate::campaigns::api_create,
        crate::analytics::flows::api,
    ),
    components(schemas(crate::error::ErrorObject, crate::error::ErrorBody)),
    modifiers(&BearerAuth),
    tags(
        (name = "calc", description = "The calculation contract"),
        (name = "registry", description = "Employers, persons, memberships, wages, family and heirs"),
        (name = "imports", description = "Worker and sponsored lists (CSV/XLSX) with row-level reports"),
        (name = "accounts", description = "Accounts and API tokens"),
        (name = "analytics", description = "Coverage, compliance and budget simulation for local governments (aggregates; city analysts: own region, small counts hidden)"),
        (name = "operations", description = "Health and readiness"),
    )
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

static DOC: LazyLock<utoipa::openapi::OpenApi> = LazyLock::new(ApiDoc::openapi);
static JSON: LazyLock<String> =
    LazyLock::new(|| DOC.to_pretty_json().unwrap_or_else(|_| "{}".to_owned()));

pub async fn openapi_json() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], JSON.as_str())
}

/// One operation on the API page.
pub struct OpRow {
    pub method: &'static str,
    pub path: String,
    pub summary: String,
    pub description: String,
    pub tag: String,
    pub secured: bool,
    pub statuses: Vec<String>,
}

/// Lists the document's operations, ordered by tag then path.
pub fn operations() -> Vec<OpRow> {
    let mut rows = Vec::new();
    for (path, item) in &DOC.paths.paths {
        let ops = [
            ("GET", &item.get),
            ("POST", &item.post),
            ("PUT", &item.put),
            ("PATCH", &item.patch),
            ("DELETE", &item.delete),
        ];
        for (method, op) in ops {
            let Some(op) = op else { continue };
            rows.push(OpRow {
                method,
                path: path.clone(),
                summary: op.summary.clone().unwrap_or_default(),
                description: op.description.clone().unwrap_or_default(),
                tag: op
                    .tags
                    .as_ref()
                    .and_then(|t| t.first().cloned())
                    .unwrap_or_default(),
                secured: op.security.as_ref().is_some_and(|s| !s.is_empty()),
                statuses: op.responses.responses.keys().cloned().collect(),
            });
        }
    }
    rows.sort_by(|a, b| (&a.tag, &a.path).cmp(&(&b.tag, &b.path)));
    rows
}

#[derive(Template, WebTemplate)]
#[template(path = "api.html")]
pub struct ApiPage {
    pub t: Tr,
    pub nav: Nav,
    pub ops: Vec<OpRow>,
}

pub async fn api_page(
    headers: HeaderMap,
    uri: Uri,
    principal: Option<Extension<Principal>>,
) -> ApiPage {
    let t = Tr::new(lang_of(&headers, &uri));
    ApiPage {
        t,
        nav: Nav::new(t, &uri, principal.as_deref(), "/api"),
        ops: operations(),
    }
}
