//! Registry pages: dashboard, employers, employer, person search, person (with "what would be
//! paid today"). Data access and masking are in [`crate::registry`]; these only render.

use crate::auth::Principal;
use crate::auth::policy::{Action, Scope};
use crate::error::ApiError;
use crate::explain_view::BenefitView;
use crate::i18n::Tr;
use crate::pages::{Nav, lang_of};
use crate::registry::{
    self, EmployerDetail, EmployerQuery, EmployerView, PersonRecord, PersonSearch, PersonView,
};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;

/// Errors on pages become the message page (404) or the JSON error for the rest.
fn page_error(e: ApiError, headers: &HeaderMap, uri: &Uri, p: &Principal) -> Response {
    match e {
        ApiError::NotFound => crate::pages::message(
            headers,
            uri,
            Some(p),
            StatusCode::NOT_FOUND,
            "error.not_found_title",
            "error.not_found_body",
        ),
        other => other.into_response(),
    }
}

pub struct RegionCount {
    pub code: String,
    pub name: String,
    pub employers: i64,
}

/// One bar of the participants chart: a label, a count and its share of the largest (for the
/// bar's width, in percent).
pub struct Bar {
    pub code: String,
    pub label_key: String,
    pub count: i64,
    pub width: i64,
}

fn bars(counts: &BTreeMap<String, i64>, order: &[&str], prefix: &str) -> Vec<Bar> {
    let max = counts.values().copied().max().unwrap_or(0).max(1);
    let mut codes: Vec<&String> = counts.keys().collect();
    codes.sort_by_key(|c| order.iter().position(|o| o == c).unwrap_or(order.len()));
    codes
        .into_iter()
        .map(|c| {
            let count = counts.get(c).copied().unwrap_or(0);
            Bar {
                code: c.clone(),
                label_key: format!("{prefix}.{}", c.to_ascii_lowercase()),
                count,
                width: count * 100 / max,
            }
        })
        .collect()
}

pub struct Activity {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "dashboard.html")]
pub struct DashboardPage {
    pub t: Tr,
    pub nav: Nav,
    pub scope_label: String,
    pub employers_total: i64,
    pub active_total: i64,
    pub by_segment: Vec<Bar>,
    pub by_program: Vec<Bar>,
    pub by_region: Vec<RegionCount>,
    pub activity: Vec<Activity>,
}

pub async fn dashboard(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
) -> Response {
    let t = Tr::new(lang_of(&headers, &uri));
    let Ok(store) = registry::store(&state) else {
        return ApiError::Unavailable("no registry database").into_response();
    };
    let (region, scope_label) = match p.scope() {
        Scope::Region(r) => (jamsos_domain::RegionCode::parse(&r).ok(), r),
        Scope::All => (None, t.t("account.scope_all").to_owned()),
        Scope::Employer(n) => (None, format!("NPP {n}")),
        Scope::Nothing => (None, t.t("account.scope_nothing").to_owned()),
    };
    let employers = match p.scope() {
        Scope::All | Scope::Region(_) => store
            .employers(region.as_ref(), 10_000, 0)
            .await
            .unwrap_or_default(),
        Scope::Employer(n) => match jamsos_domain::Npp::parse(&n) {
            Ok(npp) => store
                .employer(npp)
                .await
                .ok()
                .flatten()
                .into_iter()
                .collect(),
            Err(_) => Vec::new(),
        },
        Scope::Nothing => Vec::new(),
    };
    // Active participants, counted by the store within the caller's scope.
    use jamsos_store::stats::ActiveFilter;
    let filter = match p.scope() {
        Scope::All => Some(ActiveFilter::All),
        Scope::Region(r) => jamsos_domain::RegionCode::parse(&r)
            .ok()
            .map(ActiveFilter::Region),
        Scope::Employer(n) => jamsos_domain::Npp::parse(&n)
            .ok()
            .map(ActiveFilter::Employer),
        Scope::Nothing => None,
    };
    let active = match filter {
        Some(f) => match store.active_participants(&f).await {
            Ok(a) => a,
            Err(e) => return ApiError::internal(e).into_response(),
        },
        None => Default::default(),
    };
    // Aggregate by kecamatan (district code, 3 levels: 31.73.04).
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for e in &employers {
        let code = e.record.region.to_string();
        let district: String = code.split('.').take(3).collect::<Vec<_>>().join(".");
        *counts.entry(district).or_default() += 1;
    }
    let by_region = counts
        .into_iter()
        .map(|(code, employers)| RegionCount {
            name: jamsos_domain::RegionCode::parse(&code)
                .ok()
                .and_then(|c| {
                    jamsos_domain::regions::regions()
                        .name(&c)
                        .map(str::to_owned)
                })
                .unwrap_or_default(),
            code,
            employers,
        })
        .collect();
    // Recent activity is shown only to roles that see the whole registry.
    let activity = if p.scope() == Scope::All {
        store
            .audit_list(&jamsos_store::audit::AuditFilter {
                newest_first: true,
                limit: Some(8),
                ..Default::default()
            })
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|a| Activity {
                at: crate::fmt::date(a.at.to_zoned(jiff::tz::TimeZone::UTC).date(), t.lang),
                actor: a.actor,
                action: a.action,
                entity: a.entity,
            })
            .collect()
    } else {
        Vec::new()
    };
    DashboardPage {
        t,
        nav: Nav::new(t, &uri, Some(&p), "/dashboard"),
        scope_label,
        employers_total: i64::try_from(employers.len()).unwrap_or(i64::MAX),
        active_total: active.total,
        by_segment: bars(&active.by_segment, &["PU", "BPU", "PMI", "JAKON"], "seg"),
        by_program: bars(
            &active.by_program,
            &["JKK", "JKM", "JHT", "JP", "JKP"],
            "prog",
        ),
        by_region,
        activity,
    }
    .into_response()
}

#[derive(Template, WebTemplate)]
#[template(path = "employers.html")]
pub struct EmployersPage {
    pub t: Tr,
    pub nav: Nav,
    pub region: String,
    pub employers: Vec<EmployerView>,
    pub offset: u32,
    pub limit: u32,
}

pub async fn employers(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    Query(q): Query<EmployerQuery>,
) -> Response {
    let t = Tr::new(lang_of(&headers, &uri));
    match registry::list_employers(&state, &p, &q).await {
        Ok(page) => EmployersPage {
            t,
            nav: Nav::new(t, &uri, Some(&p), "/employers"),
            region: q.region.clone().unwrap_or_default(),
            employers: page.items,
            offset: page.offset,
            limit: page.limit,
        }
        .into_response(),
        Err(e) => page_error(e, &headers, &uri, &p),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "employer.html")]
pub struct EmployerPage {
    pub t: Tr,
    pub nav: Nav,
    pub d: EmployerDetail,
}

pub async fn employer(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    Path(npp): Path<String>,
) -> Response {
    let t = Tr::new(lang_of(&headers, &uri));
    match registry::employer_detail(&state, &p, &npp).await {
        Ok(d) => EmployerPage {
            t,
            nav: Nav::new(t, &uri, Some(&p), "/employers"),
            d,
        }
        .into_response(),
        Err(e) => page_error(e, &headers, &uri, &p),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "persons.html")]
pub struct PersonsPage {
    pub t: Tr,
    pub nav: Nav,
    pub q: String,
    pub searched: bool,
    pub error: String,
    pub persons: Vec<PersonView>,
}

pub async fn persons(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    Query(q): Query<PersonSearch>,
) -> Response {
    render_persons(&state, &headers, &uri, &p, q).await
}

/// The search form posts, so a NIK typed into it never appears in a URL (browser history,
/// proxy logs); `GET /persons?q=` still works for links.
pub async fn persons_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    axum::Form(q): axum::Form<PersonSearch>,
) -> Response {
    render_persons(&state, &headers, &uri, &p, q).await
}

async fn render_persons(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    p: &Principal,
    q: PersonSearch,
) -> Response {
    let (state, p) = (state, p);
    let t = Tr::new(lang_of(headers, uri));
    let text = q.q.clone().unwrap_or_default();
    let (persons, error) = if text.trim().is_empty() {
        (Vec::new(), String::new())
    } else {
        match registry::search_persons(state, p, &text).await {
            Ok(v) => (v, String::new()),
            Err(ApiError::Invalid { message, .. }) => (Vec::new(), message),
            Err(e) => return e.into_response(),
        }
    };
    // A role that sees masked data does not get a typed NIK echoed back either.
    let is_nik = text.trim().len() == 16 && text.trim().chars().all(|c| c.is_ascii_digit());
    let shown = if is_nik && !p.sees_identity() {
        String::new()
    } else {
        text.clone()
    };
    PersonsPage {
        t,
        nav: Nav::new(t, uri, Some(p), "/persons"),
        searched: !text.trim().is_empty(),
        q: shown,
        error,
        persons,
    }
    .into_response()
}

pub struct PreviewBlock {
    pub key: &'static str,
    pub result: Option<BenefitView>,
    pub error: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "person.html")]
pub struct PersonPage {
    pub t: Tr,
    pub nav: Nav,
    pub rec: PersonRecord,
    pub previews: Vec<PreviewBlock>,
    pub may_preview: bool,
}

pub async fn person(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Response {
    let t = Tr::new(lang_of(&headers, &uri));
    let (rec, person, memberships) = match registry::person_record(&state, &p, id).await {
        Ok(r) => r,
        Err(e) => return page_error(e, &headers, &uri, &p),
    };
    let may_preview = p.may(Action::BenefitPreview);
    let previews = if may_preview {
        match registry::benefit_previews(&state, &person, &memberships, t.lang).await {
            Ok(list) => list
                .into_iter()
                .map(|(key, r)| match r {
                    Ok(v) => PreviewBlock {
                        key,
                        result: Some(v),
                        error: String::new(),
                    },
                    Err(e) => PreviewBlock {
                        key,
                        result: None,
                        error: e,
                    },
                })
                .collect(),
            Err(e) => return e.into_response(),
        }
    } else {
        Vec::new()
    };
    PersonPage {
        t,
        nav: Nav::new(t, &uri, Some(&p), "/persons"),
        rec,
        previews,
        may_preview,
    }
    .into_response()
}
