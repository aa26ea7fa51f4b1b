//! The route table: every route with its method, path and [`Access`], in one list. The router
//! is built from this list, so no route can exist without a declared access rule, and the
//! integration tests walk the same list for every role.

use crate::auth::policy::Action;
use crate::auth::{self, Access};
use crate::state::AppState;
use crate::{
    analytics, api, calc, campaigns, health, imports, openapi, pages, registry, telemetry,
};
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderValue, Method, header};
use axum::routing::{MethodRouter, delete, get, post};
use axum::{Router, middleware};
use tower_http::set_header::SetResponseHeaderLayer;

/// One route's declaration.
#[derive(Clone, Debug)]
pub struct RouteSpec {
    pub method: Method,
    /// The axum path pattern.
    pub path: &'static str,
    pub access: Access,
    /// A concrete path for tests (placeholders filled in).
    pub example: &'static str,
}

macro_rules! r {
    ($v:ident, $m:ident, $path:literal, $example:literal, $access:expr, $h:expr) => {
        $v.push((
            RouteSpec {
                method: Method::$m,
                path: $path,
                access: $access,
                example: $example,
            },
            $h,
        ))
    };
}

// One `r!` line per route reads as a table; `vec![]` of tuples would not.
#[allow(clippy::vec_init_then_push)]
fn table(upload_limit: usize) -> Vec<(RouteSpec, MethodRouter<AppState>)> {
    use Access::*;
    let mut v = Vec::new();
    // Operations and the public calculation door: no session lookup at all.
    r!(v, GET, "/healthz", "/healthz", Public, get(health::healthz));
    r!(v, GET, "/readyz", "/readyz", Public, get(health::readyz));
    r!(
        v,
        POST,
        "/api/v1/calc",
        "/api/v1/calc",
        Public,
        post(calc::calc)
    );
    r!(
        v,
        GET,
        "/api/openapi.json",
        "/api/openapi.json",
        Public,
        get(openapi::openapi_json)
    );
    r!(
        v,
        GET,
        "/static/{file}",
        "/static/style.css",
        Public,
        get(crate::assets::serve)
    );
    // Pages anyone may open (the navigation shows who is signed in).
    r!(v, GET, "/", "/", Optional, get(pages::public::home));
    r!(
        v,
        GET,
        "/simulator",
        "/simulator",
        Optional,
        get(pages::public::simulator)
    );
    r!(v, GET, "/api", "/api", Optional, get(openapi::api_page));
    r!(
        v,
        GET,
        "/login",
        "/login",
        Public,
        get(pages::login::login_form)
    );
    r!(
        v,
        POST,
        "/login",
        "/login",
        Public,
        post(pages::login::login)
    );
    // Signed-in pages.
    r!(
        v,
        POST,
        "/logout",
        "/logout",
        Signed,
        post(pages::login::logout)
    );
    r!(
        v,
        GET,
        "/account",
        "/account",
        Signed,
        get(pages::account::account)
    );
    r!(
        v,
        POST,
        "/account/tokens",
        "/account/tokens",
        Role(Action::TokenManage),
        post(pages::account::create_token)
    );
    r!(
        v,
        POST,
        "/account/tokens/{id}/revoke",
        "/account/tokens/x/revoke",
        Role(Action::TokenManage),
        post(pages::account::revoke_token)
    );
    // Registry pages.
    r!(
        v,
        GET,
        "/dashboard",
        "/dashboard",
        Role(Action::DashboardView),
        get(pages::registry::dashboard)
    );
    r!(
        v,
        GET,
        "/employers",
        "/employers",
        Role(Action::EmployerList),
        get(pages::registry::employers)
    );
    r!(
        v,
        GET,
        "/employers/{npp}",
        "/employers/10000001",
        Role(Action::EmployerRead),
        get(pages::registry::employer)
    );
    r!(
        v,
        GET,
        "/persons",
        "/persons?q=budi",
        Role(Action::PersonSearch),
        get(pages::registry::persons)
    );
    r!(
        v,
        POST,
        "/persons",
        "/persons",
        Role(Action::PersonSearch),
        post(pages::registry::persons_post)
    );
    r!(
        v,
        GET,
        "/persons/{id}",
        "/persons/1",
        Role(Action::PersonRead),
        get(pages::registry::person)
    );
    // Imports: the page and the API (uploads get the larger body limit).
    r!(
        v,
        GET,
        "/imports",
        "/imports",
        Role(Action::ImportRun),
        get(pages::imports::imports_form)
    );
    r!(
        v,
        POST,
        "/imports",
        "/imports",
        Role(Action::ImportRun),
        post(pages::imports::imports_upload).layer(DefaultBodyLimit::max(upload_limit))
    );
    r!(
        v,
        POST,
        "/api/v1/imports/workers",
        "/api/v1/imports/workers",
        Role(Action::ImportRun),
        post(imports::api_import_workers).layer(DefaultBodyLimit::max(upload_limit))
    );
    r!(
        v,
        POST,
        "/api/v1/imports/sponsored",
        "/api/v1/imports/sponsored",
        Role(Action::ImportSponsored),
        post(imports::api_import_sponsored).layer(DefaultBodyLimit::max(upload_limit))
    );
    // Registry API.
    r!(
        v,
        GET,
        "/api/v1/employers",
        "/api/v1/employers",
        Role(Action::EmployerList),
        get(registry::api_employers)
    );
    r!(
        v,
        GET,
        "/api/v1/employers/{npp}",
        "/api/v1/employers/10000001",
        Role(Action::EmployerRead),
        get(registry::api_employer)
    );
    r!(
        v,
        GET,
        "/api/v1/persons",
        "/api/v1/persons?q=budi",
        Role(Action::PersonSearch),
        get(registry::api_persons)
    );
    r!(
        v,
        GET,
        "/api/v1/persons/{id}",
        "/api/v1/persons/1",
        Role(Action::PersonRead),
        get(registry::api_person)
    );
    r!(
        v,
        GET,
        "/api/v1/persons/{id}/benefits",
        "/api/v1/persons/1/benefits",
        Role(Action::BenefitPreview),
        get(registry::api_person_benefits)
    );
    // Registry writes (crate::api::registry_write).
    r!(
        v,
        POST,
        "/api/v1/employers",
        "/api/v1/employers",
        Role(Action::EmployerWrite),
        post(api::registry_write::create_employer)
    );
    r!(
        v,
        POST,
        "/api/v1/persons",
        "/api/v1/persons",
        Role(Action::PersonWrite),
        post(api::registry_write::create_person)
    );
    r!(
        v,
        POST,
        "/api/v1/persons/{id}/family",
        "/api/v1/persons/1/family",
        Role(Action::FamilyWrite),
        post(api::registry_write::add_family)
    );
    r!(
        v,
        POST,
        "/api/v1/memberships",
        "/api/v1/memberships",
        Role(Action::MembershipWrite),
        post(api::registry_write::create_membership)
    );
    r!(
        v,
        POST,
        "/api/v1/memberships/{kpj}/wages",
        "/api/v1/memberships/x/wages",
        Role(Action::WageWrite),
        post(api::registry_write::add_wage)
    );
    // Accounts API.
    r!(
        v,
        GET,
        "/api/v1/me",
        "/api/v1/me",
        Signed,
        get(api::accounts::me)
    );
    r!(
        v,
        GET,
        "/api/v1/tokens",
        "/api/v1/tokens",
        Role(Action::TokenManage),
        get(api::accounts::list_tokens)
    );
    r!(
        v,
        POST,
        "/api/v1/tokens",
        "/api/v1/tokens",
        Role(Action::TokenManage),
        post(api::accounts::create_token)
    );
    r!(
        v,
        DELETE,
        "/api/v1/tokens/{id}",
        "/api/v1/tokens/x",
        Role(Action::TokenManage),
        delete(api::accounts::revoke_token)
    );
    r!(
        v,
        GET,
        "/api/v1/users",
        "/api/v1/users",
        Role(Action::UserAdmin),
        get(api::accounts::list_users)
    );
    r!(
        v,
        POST,
        "/api/v1/users",
        "/api/v1/users",
        Role(Action::UserAdmin),
        post(api::accounts::create_user)
    );
    // Coverage and compliance analytics (crate::analytics).
    r!(
        v,
        GET,
        "/analytics",
        "/analytics",
        Role(Action::AnalyticsView),
        get(analytics::page::dashboard)
    );
    r!(
        v,
        GET,
        "/analytics/summary",
        "/analytics/summary",
        Role(Action::AnalyticsView),
        get(analytics::page::summary)
    );
    r!(
        v,
        GET,
        "/analytics/export/{file}",
        "/analytics/export/coverage.csv",
        Role(Action::AnalyticsView),
        get(analytics::page::export)
    );
    r!(
        v,
        GET,
        "/api/v1/analytics/coverage",
        "/api/v1/analytics/coverage?region=31.73",
        Role(Action::AnalyticsView),
        get(analytics::api::coverage)
    );
    r!(
        v,
        GET,
        "/api/v1/analytics/compliance",
        "/api/v1/analytics/compliance?region=31.73",
        Role(Action::AnalyticsView),
        get(analytics::api::compliance)
    );
    r!(
        v,
        GET,
        "/api/v1/analytics/trend",
        "/api/v1/analytics/trend?region=31.73",
        Role(Action::AnalyticsView),
        get(analytics::trend::trend)
    );
    r!(
        v,
        POST,
        "/api/v1/analytics/simulate",
        "/api/v1/analytics/simulate",
        Role(Action::AnalyticsView),
        post(analytics::api::simulate)
    );
    r!(
        v,
        GET,
        "/api/v1/analytics/report.pdf",
        "/api/v1/analytics/report.pdf?region=31.73",
        Role(Action::AnalyticsView),
        get(analytics::pdf::report_pdf)
    );
    // Outreach campaigns (crate::campaigns).
    r!(
        v,
        GET,
        "/campaigns",
        "/campaigns",
        Role(Action::AnalyticsView),
        get(campaigns::campaigns_page)
    );
    r!(
        v,
        POST,
        "/campaigns",
        "/campaigns",
        Role(Action::CampaignWrite),
        post(campaigns::campaigns_post)
    );
    r!(
        v,
        GET,
        "/api/v1/campaigns",
        "/api/v1/campaigns",
        Role(Action::AnalyticsView),
        get(campaigns::api_list)
    );
    r!(
        v,
        POST,
        "/api/v1/campaigns",
        "/api/v1/campaigns",
        Role(Action::CampaignWrite),
        post(campaigns::api_create)
    );
    // Money flows from the payment ledger (crate::analytics::flows).
    r!(
        v,
        GET,
        "/api/v1/analytics/flows",
        "/api/v1/analytics/flows?region=31.73",
        Role(Action::AnalyticsView),
        get(analytics::flows::api)
    );
    r!(
        v,
        GET,
        "/analytics/flows/{file}",
        "/analytics/flows/flows.csv?region=31.73",
        Role(Action::AnalyticsView),
        get(analytics::flows::export)
    );
    v
}

/// The declarations alone, for tests and documentation.
pub fn routes() -> Vec<RouteSpec> {
    table(0).into_iter().map(|(s, _)| s).collect()
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let json_limit = state.settings.json_body_limit;
    let mut app: Router<AppState> = Router::new();
    for (spec, handler) in table(state.settings.upload_body_limit) {
        let handler = match spec.access {
            // Fully public routes skip the session lookup (the calc hot path stays cheap).
            Access::Public => handler,
            access => handler.route_layer(middleware::from_fn_with_state(
                (state.clone(), access),
                auth::guard,
            )),
        };
        app = app.route(spec.path, handler);
    }
    app.fallback(pages::not_found)
        .layer(DefaultBodyLimit::max(json_limit))
        .layer(middleware::from_fn(pages::remember_lang))
        .layer(middleware::from_fn(auth::csrf::layer))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
            ),
        ))
        .layer(middleware::from_fn(telemetry::log_requests))
        .with_state(state)
}
