//! Registry reads for the API and the pages: employers, persons (search by KPJ, NIK or name),
//! memberships, wage history, family and heirs, and the benefit preview. Every answer passes
//! through the caller's [`Scope`] (an employer sees only its own workers) and is masked unless
//! the role [`sees_identity`](crate::auth::policy::sees_identity).

use crate::auth::Principal;
use crate::auth::policy::{Action, Scope};
use crate::error::{ApiError, ErrorObject};
use crate::explain_view::{self, BenefitView};
use crate::preview;
use crate::privacy::{mask_name, mask_nik};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::{Extension, Json};
use jamsos_domain::{Kpj, Nik, Npp, RegionCode};
use jamsos_rules::Lang;
use jamsos_store::{Employer, Membership, Person};
use jamsos_store::{PersonQuery, Store, Stored};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

pub fn store(state: &AppState) -> Result<&Store, ApiError> {
    state
        .store
        .as_ref()
        .ok_or(ApiError::Unavailable("no registry database"))
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct EmployerView {
    pub npp: String,
    pub legal_name: String,
    pub risk_class: u8,
    pub size_class: String,
    pub region: String,
    pub region_name: String,
    pub address: String,
    pub status: String,
    pub synthetic: bool,
}

fn region_name(code: &RegionCode) -> String {
    jamsos_domain::regions::regions()
        .name(code)
        .unwrap_or_default()
        .to_owned()
}

impl From<&Stored<Employer>> for EmployerView {
    fn from(s: &Stored<Employer>) -> EmployerView {
        let e = &s.record;
        EmployerView {
            npp: e.npp.to_string(),
            legal_name: e.legal_name.clone(),
            risk_class: e.risk_class.get(),
            size_class: e.size_class.code().to_owned(),
            region: e.region.to_string(),
            region_name: region_name(&e.region),
            address: e.address.clone(),
            status: serde_json::to_value(e.status)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            synthetic: e.synthetic,
        }
    }
}

/// A person as the caller may see them.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PersonView {
    pub id: i64,
    /// The NIK, masked (`317304••••••••01`) unless the role needs it.
    pub nik: String,
    pub name: String,
    /// `YYYY-MM-DD`, or only the year when masked.
    pub birth_date: String,
    pub region: String,
    pub region_name: String,
    pub died_on: Option<String>,
    pub masked: bool,
    pub synthetic: bool,
}

pub fn person_view(s: &Stored<Person>, clear: bool) -> PersonView {
    let p = &s.record;
    PersonView {
        id: s.id,
        nik: if clear {
            p.nik.to_string()
        } else {
            mask_nik(&p.nik.to_string())
        },
        name: if clear {
            p.name.clone()
        } else {
            mask_name(&p.name)
        },
        birth_date: if clear {
            p.birth_date.to_string()
        } else {
            p.birth_date.year().to_string()
        },
        region: p.region.to_string(),
        region_name: region_name(&p.region),
        died_on: p.died_on.map(|d| d.to_string()),
        masked: !clear,
        synthetic: p.synthetic,
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct MembershipView {
    pub kpj: String,
    pub segment: String,
    pub employer: Option<String>,
    pub programs: String,
    pub start: String,
    pub end: Option<String>,
    pub occupation: Option<String>,
    /// KBLI section or division of a membership without an employer (BPU), if recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
}

pub fn membership_view(m: &Membership) -> MembershipView {
    MembershipView {
        kpj: m.kpj.to_string(),
        segment: m.segment.code().to_owned(),
        employer: m.employer.map(|n| n.to_string()),
        programs: m.programs.to_string(),
        start: m.start.to_string(),
        end: m.end.map(|d| d.to_string()),
        occupation: m.occupation.clone(),
        sector: m.sector.as_ref().map(|s| s.to_string()),
    }
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WageView {
    pub kpj: String,
    pub from: String,
    pub to: Option<String>,
    pub amount: i64,
    pub kind: String,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct FamilyView {
    pub name: String,
    pub relation: String,
    pub birth_date: Option<String>,
    pub education: Option<String>,
    pub alive: bool,
}

/// A family member as the caller may see them.
pub fn family_view(f: &jamsos_store::FamilyMember, clear: bool) -> FamilyView {
    FamilyView {
        name: if clear {
            f.name.clone()
        } else {
            mask_name(&f.name)
        },
        relation: f.relation.code().to_owned(),
        birth_date: f.birth_date.map(|d| {
            if clear {
                d.to_string()
            } else {
                d.year().to_string()
            }
        }),
        education: f.education.as_ref().map(|e| match e.grade {
            Some(g) => format!("{} {g}", e.level.code()),
            None => e.level.code().to_owned(),
        }),
        alive: f.alive,
    }
}

/// A person's whole record.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct PersonRecord {
    pub person: PersonView,
    pub memberships: Vec<MembershipView>,
    pub wages: Vec<WageView>,
    pub family: Vec<FamilyView>,
}

/// May `scope` see this person? An employer only sees people with a membership at it.
fn person_in_scope(scope: &Scope, memberships: &[Stored<Membership>]) -> bool {
    match scope {
        Scope::All => true,
        Scope::Employer(npp) => memberships
            .iter()
            .any(|m| m.record.employer.is_some_and(|e| e.to_string() == *npp)),
        Scope::Region(_) | Scope::Nothing => false,
    }
}

/// Loads a person the caller may see, with memberships; `NotFound` otherwise (no hint that the
/// record exists outside the caller's scope).
pub async fn load_person(
    state: &AppState,
    p: &Principal,
    id: i64,
) -> Result<(Stored<Person>, Vec<Stored<Membership>>), ApiError> {
    let store = store(state)?;
    let person = store
        .person(id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ApiError::NotFound)?;
    let memberships = store
        .memberships_of(person.record.nik)
        .await
        .map_err(ApiError::internal)?;
    if !person_in_scope(&p.scope(), &memberships) {
        return Err(ApiError::NotFound);
    }
    Ok((person, memberships))
}

pub async fn person_record(
    state: &AppState,
    p: &Principal,
    id: i64,
) -> Result<(PersonRecord, Stored<Person>, Vec<Stored<Membership>>), ApiError> {
    let (person, memberships) = load_person(state, p, id).await?;
    let store = store(state)?;
    let clear = p.sees_identity();
    let mut wages = Vec::new();
    for m in &memberships {
        for w in store
            .wage_history(m.record.kpj, false)
            .await
            .map_err(ApiError::internal)?
        {
            wages.push(WageView {
                kpj: m.record.kpj.to_string(),
                from: w.effective_from.to_string(),
                to: w.effective_to.map(|d| d.to_string()),
                amount: w.amount.0,
                kind: w.kind.code().to_owned(),
            });
        }
    }
    let family = store
        .family_of(person.record.nik)
        .await
        .map_err(ApiError::internal)?
        .iter()
        .map(|f| family_view(&f.record, clear))
        .collect();
    let record = PersonRecord {
        person: person_view(&person, clear),
        memberships: memberships
            .iter()
            .map(|m| membership_view(&m.record))
            .collect(),
        wages,
        family,
    };
    Ok((record, person, memberships))
}

/// "What would be paid today" for a person, computed by the rules engine.
pub async fn benefit_previews(
    state: &AppState,
    person: &Stored<Person>,
    memberships: &[Stored<Membership>],
    lang: Lang,
) -> Result<Vec<(&'static str, Result<BenefitView, String>)>, ApiError> {
    let store = store(state)?;
    let today = person
        .record
        .died_on
        .unwrap_or_else(|| jiff::Zoned::now().date());
    let ms: Vec<Membership> = memberships.iter().map(|m| m.record.clone()).collect();
    let current = ms.iter().rev().find(|m| m.is_active_on(today));
    let wage = match current {
        Some(m) => store
            .wage_on(m.kpj, today)
            .await
            .map_err(ApiError::internal)?
            .map(|r| r.0),
        None => None,
    };
    let family: Vec<_> = store
        .family_of(person.record.nik)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|f| f.record)
        .collect();
    let facts = preview::Facts {
        today,
        memberships: &ms,
        wage,
        family: &family,
    };
    Ok(preview::previews(&facts)
        .into_iter()
        .map(|pv| {
            let r = match state.engine.calculate(&pv.scenario, true) {
                Ok(o) => explain_view::benefit(&o, lang).ok_or_else(|| "no benefit".to_owned()),
                Err(e) => Err(e.to_string()),
            };
            (pv.key, r)
        })
        .collect())
}

// ---------------------------------------------------------------- API handlers

#[derive(Debug, Deserialize, IntoParams)]
pub struct EmployerQuery {
    /// A Kemendagri region code prefix, e.g. `31.73.04`.
    pub region: Option<String>,
    /// Page size (1–200, default 50).
    pub limit: Option<u32>,
    pub offset: Option<u32>,
}

#[derive(Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub limit: u32,
    pub offset: u32,
}

pub async fn list_employers(
    state: &AppState,
    p: &Principal,
    q: &EmployerQuery,
) -> Result<Page<EmployerView>, ApiError> {
    let limit = q.limit.unwrap_or(50).clamp(1, 200);
    let offset = q.offset.unwrap_or(0);
    let region = match q.region.as_deref().filter(|r| !r.is_empty()) {
        Some(r) => {
            Some(RegionCode::parse(r).map_err(|e| ApiError::invalid("region", e.to_string()))?)
        }
        None => None,
    };
    let store = store(state)?;
    let items = match p.scope() {
        Scope::All => store
            .employers(region.as_ref(), limit, offset)
            .await
            .map_err(ApiError::internal)?,
        Scope::Employer(npp) => {
            let npp = Npp::parse(&npp).map_err(|_| ApiError::Forbidden)?;
            store
                .employer(npp)
                .await
                .map_err(ApiError::internal)?
                .into_iter()
                .collect()
        }
        Scope::Region(_) | Scope::Nothing => Vec::new(),
    };
    Ok(Page {
        items: items.iter().map(EmployerView::from).collect(),
        limit,
        offset,
    })
}

/// Employers, filtered by region, paginated (an employer account sees only itself).
#[utoipa::path(get, path = "/api/v1/employers", tag = "registry", params(EmployerQuery),
    responses((status = 200, description = "{items, limit, offset}"), (status = 401, body = ErrorObject),
        (status = 403, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn api_employers(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<EmployerQuery>,
) -> Result<Json<Page<EmployerView>>, ApiError> {
    Ok(Json(list_employers(&state, &p, &q).await?))
}

#[derive(Serialize, ToSchema)]
pub struct EmployerDetail {
    pub employer: EmployerView,
    pub workers: Vec<WorkerRow>,
}

#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct WorkerRow {
    pub person_id: Option<i64>,
    pub kpj: String,
    pub name: String,
    pub nik: String,
    pub start: String,
    pub end: Option<String>,
    pub wage: Option<i64>,
}

pub async fn employer_detail(
    state: &AppState,
    p: &Principal,
    npp: &str,
) -> Result<EmployerDetail, ApiError> {
    if !p.scope().covers_employer(npp) {
        return Err(ApiError::NotFound);
    }
    let npp = Npp::parse(npp).map_err(|_| ApiError::NotFound)?;
    let store = store(state)?;
    let employer = store
        .employer(npp)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ApiError::NotFound)?;
    let clear = p.sees_identity();
    let today = jiff::Zoned::now().date();
    let mut workers = Vec::new();
    for m in store
        .memberships_at(npp, 200)
        .await
        .map_err(ApiError::internal)?
    {
        let person = store
            .find_persons(&PersonQuery::Kpj(m.record.kpj), 1)
            .await
            .map_err(ApiError::internal)?
            .into_iter()
            .next();
        let wage = store
            .wage_on(m.record.kpj, today)
            .await
            .map_err(ApiError::internal)?;
        workers.push(WorkerRow {
            person_id: person.as_ref().map(|s| s.id),
            kpj: m.record.kpj.to_string(),
            name: person
                .as_ref()
                .map(|s| {
                    if clear {
                        s.record.name.clone()
                    } else {
                        mask_name(&s.record.name)
                    }
                })
                .unwrap_or_default(),
            nik: if clear {
                m.record.person.to_string()
            } else {
                mask_nik(&m.record.person.to_string())
            },
            start: m.record.start.to_string(),
            end: m.record.end.map(|d| d.to_string()),
            wage: wage.map(|w| w.0),
        });
    }
    Ok(EmployerDetail {
        employer: EmployerView::from(&employer),
        workers,
    })
}

/// One employer with its workers and their current wages.
#[utoipa::path(get, path = "/api/v1/employers/{npp}", tag = "registry", params(("npp" = String, Path)),
    responses((status = 200, body = EmployerDetail), (status = 404, body = ErrorObject), (status = 403, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn api_employer(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(npp): Path<String>,
) -> Result<Json<EmployerDetail>, ApiError> {
    Ok(Json(employer_detail(&state, &p, &npp).await?))
}

#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct PersonSearch {
    /// A KPJ (11 digits), a NIK (16 digits) or part of a name (3+ letters).
    pub q: Option<String>,
}

pub async fn search_persons(
    state: &AppState,
    p: &Principal,
    q: &str,
) -> Result<Vec<PersonView>, ApiError> {
    let q = q.trim();
    let digits = q.chars().all(|c| c.is_ascii_digit());
    let query = if digits && q.len() == 16 {
        PersonQuery::Nik(Nik::parse(q).map_err(|e| ApiError::invalid("q", e.to_string()))?)
    } else if digits && q.len() == 11 {
        PersonQuery::Kpj(Kpj::parse(q).map_err(|e| ApiError::invalid("q", e.to_string()))?)
    } else if q.chars().count() >= 3 {
        PersonQuery::Name(q.to_owned())
    } else {
        return Err(ApiError::invalid(
            "q",
            "a KPJ (11 digits), a NIK (16 digits) or at least 3 letters of a name",
        ));
    };
    let store = store(state)?;
    let scope = p.scope();
    let clear = p.sees_identity();
    let mut out = Vec::new();
    for person in store
        .find_persons(&query, 50)
        .await
        .map_err(ApiError::internal)?
    {
        if scope != Scope::All {
            let ms = store
                .memberships_of(person.record.nik)
                .await
                .map_err(ApiError::internal)?;
            if !person_in_scope(&scope, &ms) {
                continue;
            }
        }
        out.push(person_view(&person, clear));
    }
    Ok(out)
}

/// Find persons by KPJ, NIK or name (masked unless the role needs identities).
#[utoipa::path(get, path = "/api/v1/persons", tag = "registry", params(PersonSearch),
    responses((status = 200, body = [PersonView]), (status = 422, body = ErrorObject), (status = 403, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn api_persons(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<PersonSearch>,
) -> Result<Json<Vec<PersonView>>, ApiError> {
    Ok(Json(
        search_persons(&state, &p, q.q.as_deref().unwrap_or_default()).await?,
    ))
}

/// A person's memberships, wage history, family and heirs.
#[utoipa::path(get, path = "/api/v1/persons/{id}", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, body = PersonRecord), (status = 404, body = ErrorObject), (status = 403, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn api_person(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<Json<PersonRecord>, ApiError> {
    Ok(Json(person_record(&state, &p, id).await?.0))
}

/// What would be paid today for death (JKM, JKK) and job loss (JKP), with explanations.
#[utoipa::path(get, path = "/api/v1/persons/{id}/benefits", tag = "registry", params(("id" = i64, Path)),
    responses((status = 200, description = "One result per event, as /api/v1/calc answers"), (status = 404, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn api_person_benefits(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
) -> Result<Json<serde_json::Value>, ApiError> {
    debug_assert!(p.may(Action::BenefitPreview));
    let (person, memberships) = load_person(&state, &p, id).await?;
    let store = store(&state)?;
    let today = person
        .record
        .died_on
        .unwrap_or_else(|| jiff::Zoned::now().date());
    let ms: Vec<Membership> = memberships.iter().map(|m| m.record.clone()).collect();
    let wage = match ms.iter().rev().find(|m| m.is_active_on(today)) {
        Some(m) => store
            .wage_on(m.kpj, today)
            .await
            .map_err(ApiError::internal)?
            .map(|r| r.0),
        None => None,
    };
    let family: Vec<_> = store
        .family_of(person.record.nik)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|f| f.record)
        .collect();
    let facts = preview::Facts {
        today,
        memberships: &ms,
        wage,
        family: &family,
    };
    let mut out = serde_json::Map::new();
    for pv in preview::previews(&facts) {
        let v = match state.engine.calculate(&pv.scenario, true) {
            Ok(o) => serde_json::to_value(&o).map_err(ApiError::internal)?,
            Err(e) => serde_json::to_value(e.to_object()).map_err(ApiError::internal)?,
        };
        out.insert(pv.key.to_owned(), v);
    }
    Ok(Json(serde_json::Value::Object(out)))
}
