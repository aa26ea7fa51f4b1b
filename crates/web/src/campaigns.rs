//! Outreach campaigns on the web: `GET/POST /api/v1/campaigns` and the `/campaigns` page (the
//! list, and a form for those who may record one). Recording is `Action::CampaignWrite` (city
//! analysts and admins: a campaign is the analyst's plan, not a registry fact); listing is
//! `Action::AnalyticsView`. A region-scoped caller sees, and records, only campaigns inside its
//! region. Validation is the domain's (`CampaignInput::validate`), the write the store's (with
//! its audit entry); imports tag their enrolments with a campaign (`crate::imports`).

use crate::api::accounts::parse_json;
use crate::api::idempotency;
use crate::auth::Principal;
use crate::auth::policy::{Action, Scope};
use crate::error::{ApiError, ErrorObject};
use crate::i18n::Tr;
use crate::pages::{Nav, lang_of};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form, Json};
use jamsos_domain::campaign::{CampaignFieldError, CampaignInput, PentahelixRole};
use jamsos_store::{Actor, CampaignListing, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// A campaign as the API and the page show it.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct CampaignView {
    pub code: String,
    pub name: String,
    pub region_code: String,
    pub region_name: String,
    /// KBLI section letter or 2-digit division; `null`: every sector.
    pub sector: Option<String>,
    pub partner: String,
    /// government, business, academia, community or media.
    pub role: String,
    /// First month, `YYYY-MM`.
    pub start: String,
    /// Last month; `null` while running.
    pub end: Option<String>,
    /// Memberships imports have tagged with it.
    pub enrolments: u64,
}

impl From<&CampaignListing> for CampaignView {
    fn from(l: &CampaignListing) -> CampaignView {
        let c = &l.campaign.record;
        CampaignView {
            code: c.code.to_string(),
            name: c.name.clone(),
            region_code: c.region.to_string(),
            region_name: jamsos_domain::regions()
                .name(&c.region)
                .unwrap_or_default()
                .to_owned(),
            sector: c.sector.as_ref().map(|s| s.to_string()),
            partner: c.partner.clone(),
            role: c.role.code().to_owned(),
            start: c.start.to_string(),
            end: c.end.map(|m| m.to_string()),
            enrolments: l.enrolments,
        }
    }
}

/// The campaigns the caller may see (a city analyst: inside its region).
pub async fn visible(state: &AppState, p: &Principal) -> Result<Vec<CampaignView>, ApiError> {
    let scope = p.scope();
    let all = crate::registry::store(state)?
        .campaigns()
        .await
        .map_err(ApiError::internal)?;
    Ok(all
        .iter()
        .filter(|l| scope.covers_region(&l.campaign.record.region.to_string()))
        .map(CampaignView::from)
        .collect())
}

/// Every campaign code and name, for the import form's select (importers are not
/// region-scoped; codes and names are not personal data).
pub async fn options(state: &AppState) -> Vec<(String, String)> {
    match crate::registry::store(state) {
        Ok(store) => store
            .campaigns()
            .await
            .map(|all| {
                all.iter()
                    .map(|l| {
                        let c = &l.campaign.record;
                        (c.code.to_string(), c.name.clone())
                    })
                    .collect()
            })
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

fn joined(errs: &[CampaignFieldError]) -> ApiError {
    let field = errs.first().map_or("campaign", |e| e.field);
    let message = errs
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("; ");
    ApiError::invalid(field, message)
}

/// Validates and records a campaign for the caller (scope checked).
async fn record(
    state: &AppState,
    p: &Principal,
    input: &CampaignInput,
) -> Result<Result<CampaignView, Vec<CampaignFieldError>>, ApiError> {
    let campaign = match input.validate() {
        Ok(c) => c,
        Err(errs) => return Ok(Err(errs)),
    };
    if !p.scope().covers_region(&campaign.region.to_string()) {
        return Ok(Err(vec![CampaignFieldError {
            field: "region_code",
            code: "outside_scope",
            message: format!(
                "{} is outside the region this account works in",
                campaign.region
            ),
        }]));
    }
    let store = crate::registry::store(state)?;
    let actor = Actor::new(format!("web:{}", p.account.username));
    let stored = store
        .create_campaign(&actor, campaign)
        .await
        .map_err(|e| match e {
            e @ StoreError::Duplicate { .. } => ApiError::Conflict(e.to_string()),
            other => ApiError::internal(other),
        })?;
    let listing = store
        .campaign(&stored.record.code)
        .await
        .map_err(ApiError::internal)?;
    Ok(Ok(CampaignView::from(&listing)))
}

#[utoipa::path(get, path = "/api/v1/campaigns", tag = "analytics",
    description = "Outreach campaigns with the enrolments imports tagged with each. City analysts: campaigns inside their region.",
    responses((status = 200, body = Vec<CampaignView>), (status = 401, body = ErrorObject),
        (status = 403, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn api_list(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
) -> Result<Json<Vec<CampaignView>>, ApiError> {
    Ok(Json(visible(&state, &p).await?))
}

/// Record a campaign. Body: `code`, `name`, `region_code`, `sector` (optional), `partner`,
/// `role` (government, business, academia, community, media), `start` (`YYYY-MM`), `end`
/// (optional). Every bad field is named in the 422 message; the first in `field`.
#[utoipa::path(post, path = "/api/v1/campaigns", tag = "analytics",
    request_body(content = Object, content_type = "application/json", description = "CampaignInput"),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, body = CampaignView), (status = 403, body = ErrorObject),
        (status = 409, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn api_create(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (st, pr, raw) = (state.clone(), p.clone(), body.clone());
    idempotency::once(
        &state,
        &p,
        &headers,
        "POST /api/v1/campaigns",
        &body,
        || async move {
            let input: CampaignInput = parse_json(&raw)?;
            let view = record(&st, &pr, &input).await?.map_err(|e| joined(&e))?;
            Ok((
                StatusCode::CREATED,
                serde_json::to_value(view).map_err(ApiError::internal)?,
            ))
        },
    )
    .await
}

const TEXT: &[(&str, &str, &str)] = &[
    ("title", "Kampanye penjangkauan", "Outreach campaigns"),
    (
        "lead",
        "Kampanye bersama mitra pentahelix untuk mendaftarkan pekerja. Impor daftar peserta dengan memilih kampanye agar pendaftarannya terhitung; laporan per kampanye: jamsos campaign.",
        "Campaigns with pentahelix partners to enrol workers. Choose the campaign when importing a list so its enrolments count; the per-campaign report: jamsos campaign.",
    ),
    ("code", "Kode", "Code"),
    ("name", "Nama", "Name"),
    (
        "region",
        "Wilayah (kode Kemendagri)",
        "Region (Kemendagri code)",
    ),
    ("sector", "Sektor (KBLI)", "Sector (KBLI)"),
    (
        "sector_hint",
        "huruf seksi atau 2 digit divisi, mis. 14; kosong = semua",
        "section letter or 2-digit division, e.g. 14; blank = all",
    ),
    ("partner", "Mitra", "Partner"),
    ("role", "Peran pentahelix", "Pentahelix role"),
    ("start", "Bulan mulai", "First month"),
    ("end", "Bulan selesai", "Last month"),
    ("end_hint", "kosong = berjalan", "blank = running"),
    ("months", "Periode", "Months"),
    ("running", "berjalan", "running"),
    ("all", "semua", "all"),
    ("enrolments", "Pendaftaran", "Enrolments"),
    ("new", "Catat kampanye", "Record a campaign"),
    ("submit", "Simpan", "Save"),
    ("none", "Belum ada kampanye.", "No campaigns yet."),
    ("created", "Kampanye dicatat:", "Campaign recorded:"),
    (
        "invalid",
        "Kampanye belum dapat disimpan:",
        "The campaign was not saved:",
    ),
];

fn l(lang: jamsos_rules::Lang, key: &str) -> &'static str {
    TEXT.iter()
        .find(|(k, _, _)| *k == key)
        .map_or("?", |(_, id, en)| match lang {
            jamsos_rules::Lang::En => en,
            _ => id,
        })
}

#[derive(Template, WebTemplate)]
#[template(path = "campaigns.html")]
pub struct CampaignsPage {
    pub t: Tr,
    pub nav: Nav,
    pub campaigns: Vec<CampaignView>,
    pub may_write: bool,
    pub form: CampaignInput,
    pub errors: Vec<CampaignFieldError>,
    pub created: String,
    /// (code, Indonesian name) of each pentahelix role.
    pub roles: Vec<(&'static str, &'static str)>,
}

impl CampaignsPage {
    pub fn l(&self, key: &str) -> &'static str {
        l(self.t.lang, key)
    }

    pub fn error_of(&self, field: &str) -> String {
        self.errors
            .iter()
            .filter(|e| e.field == field)
            .map(|e| e.message.clone())
            .collect::<Vec<_>>()
            .join("; ")
    }
}

async fn page(
    state: &AppState,
    headers: &HeaderMap,
    uri: &Uri,
    p: &Principal,
    form: CampaignInput,
    errors: Vec<CampaignFieldError>,
) -> Result<CampaignsPage, ApiError> {
    let t = Tr::new(lang_of(headers, uri));
    let created = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .find_map(|kv| kv.strip_prefix("created="))
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    let mut form = form;
    if form.region_code.is_empty()
        && let Scope::Region(own) = p.scope()
    {
        form.region_code = own;
    }
    Ok(CampaignsPage {
        t,
        nav: Nav::new(t, uri, Some(p), "/campaigns"),
        campaigns: visible(state, p).await?,
        may_write: p.may(Action::CampaignWrite),
        form,
        errors,
        created,
        roles: PentahelixRole::ALL
            .iter()
            .map(|r| (r.code(), r.name_id()))
            .collect(),
    })
}

pub async fn campaigns_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
) -> Response {
    match page(
        &state,
        &headers,
        &uri,
        &p,
        CampaignInput::default(),
        Vec::new(),
    )
    .await
    {
        Ok(pg) => pg.into_response(),
        Err(e) => e.into_response(),
    }
}

/// The form's fields (blank optional fields arrive as empty strings).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CampaignForm {
    code: String,
    name: String,
    region_code: String,
    sector: String,
    partner: String,
    role: String,
    start: String,
    end: String,
}

pub async fn campaigns_post(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    Extension(p): Extension<Principal>,
    Form(f): Form<CampaignForm>,
) -> Response {
    let input = CampaignInput {
        code: f.code,
        name: f.name,
        region_code: f.region_code,
        sector: Some(f.sector),
        partner: f.partner,
        role: f.role,
        start: f.start,
        end: Some(f.end),
    };
    let errors = match record(&state, &p, &input).await {
        Ok(Ok(view)) => {
            return Redirect::to(&format!("/campaigns?created={}", view.code)).into_response();
        }
        Ok(Err(errs)) => errs,
        Err(ApiError::Conflict(m)) => vec![CampaignFieldError {
            field: "code",
            code: "duplicate",
            message: m,
        }],
        Err(e) => return e.into_response(),
    };
    match page(&state, &headers, &uri, &p, input, errors).await {
        Ok(pg) => (StatusCode::UNPROCESSABLE_ENTITY, pg).into_response(),
        Err(e) => e.into_response(),
    }
}
