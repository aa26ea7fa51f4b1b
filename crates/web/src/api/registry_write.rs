//! Registry writes under `/api/v1`: register an employer (NPP generated) or a person, open a
//! membership (KPJ generated), add an effective-dated wage, add a family member. Handlers only
//! parse, check scope and call the store; every rule (NIK check digits, segment requirements,
//! wage corrections) lives in jamsos-domain and jamsos-store, whose errors are mapped here to the
//! contract's error object (`422` naming the field, `409` for conflicts). Each honours
//! `Idempotency-Key` like the account routes.

use crate::api::accounts::parse_json;
use crate::api::idempotency;
use crate::auth::Principal;
use crate::auth::policy::Scope;
use crate::error::{ApiError, ErrorObject};
use crate::registry::{self, EmployerView, FamilyView, MembershipView, PersonView, WageView};
use crate::state::AppState;
use axum::Extension;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use jamsos_domain::Kpj;
use jamsos_rules::Rupiah;
use jamsos_store::{
    Actor, FamilyMember, NewEmployer, NewMembership, Person, PersonOutcome, StoreError,
};
use jiff::civil::Date;
use serde::Deserialize;
use utoipa::ToSchema;

fn actor(p: &Principal) -> Actor {
    Actor::new(format!("web:{}", p.account.username))
}

/// Maps a store refusal to the error object. `NotFound` of something the body referred to is
/// the caller's input (`422` naming it), not a missing resource.
fn store_err(e: StoreError) -> ApiError {
    match e {
        StoreError::Invalid { field, message } => ApiError::invalid(field, message),
        StoreError::NotFound { entity, key } => {
            ApiError::invalid(entity, format!("{entity} {key} not found"))
        }
        e @ (StoreError::Conflict { .. } | StoreError::Duplicate { .. }) => {
            ApiError::Conflict(e.to_string())
        }
        other => ApiError::internal(other),
    }
}

fn json<T: serde::Serialize>(
    status: StatusCode,
    v: &T,
) -> Result<(StatusCode, serde_json::Value), ApiError> {
    Ok((status, serde_json::to_value(v).map_err(ApiError::internal)?))
}

/// Register an employer; the store generates the NPP. Body: the employer's facts
/// (`legal_name`, `nib`, `kbli`, `risk_class` 1–5, `size_class`, `region`, `address`, `status`).
#[utoipa::path(post, path = "/api/v1/employers", tag = "registry",
    request_body(content = Object, content_type = "application/json", description = "NewEmployer"),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, body = EmployerView), (status = 403, body = ErrorObject),
        (status = 409, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn create_employer(
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
        "POST /api/v1/employers",
        &body,
        || async move {
            let new: NewEmployer = parse_json(&raw)?;
            let stored = registry::store(&st)?
                .add_employer(&actor(&pr), new)
                .await
                .map_err(store_err)?;
            json(StatusCode::CREATED, &EmployerView::from(&stored))
        },
    )
    .await
}

/// Register a person (the NIK is checked by the domain). `201` for a new record, `200` when the
/// NIK is already registered with the same identity; the same NIK with another name, birth date
/// or sex opens a review and answers `409`.
#[utoipa::path(post, path = "/api/v1/persons", tag = "registry",
    request_body(content = Object, content_type = "application/json", description = "Person: nik, name, birth_date, sex, region, phone"),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, body = PersonView), (status = 200, body = PersonView),
        (status = 403, body = ErrorObject), (status = 409, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn create_person(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let (st, pr, raw) = (state.clone(), p.clone(), body.clone());
    idempotency::once(&state, &p, &headers, "POST /api/v1/persons", &body, || async move {
        let person: Person = parse_json(&raw)?;
        let outcome = registry::store(&st)?
            .add_person(&actor(&pr), person, "web")
            .await
            .map_err(store_err)?;
        let clear = pr.sees_identity();
        match outcome {
            PersonOutcome::Created { person, .. } => {
                json(StatusCode::CREATED, &registry::person_view(&person, clear))
            }
            PersonOutcome::Existing { person } => {
                json(StatusCode::OK, &registry::person_view(&person, clear))
            }
            PersonOutcome::Conflict { review_id, .. } => Err(ApiError::Conflict(format!(
                "this NIK is registered with another name, birth date or sex; review {review_id} opened"
            ))),
        }
    })
    .await
}

/// Open a membership for a registered person; the store generates the KPJ. Body: `person`
/// (NIK), `employer` (NPP, for PU/Jakon), `segment`, `programs`, `start`, `sponsor`,
/// `occupation`, `role`, `initial_amount`.
#[utoipa::path(post, path = "/api/v1/memberships", tag = "registry",
    request_body(content = Object, content_type = "application/json", description = "NewMembership"),
    params(("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, body = MembershipView), (status = 403, body = ErrorObject),
        (status = 409, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn create_membership(
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
        "POST /api/v1/memberships",
        &body,
        || async move {
            let new: NewMembership = parse_json(&raw)?;
            let scope = pr.scope();
            if scope != Scope::All
                && !new
                    .employer
                    .is_some_and(|n| scope.covers_employer(&n.to_string()))
            {
                return Err(ApiError::Forbidden);
            }
            let stored = registry::store(&st)?
                .open_membership(&actor(&pr), new)
                .await
                .map_err(store_err)?;
            json(
                StatusCode::CREATED,
                &registry::membership_view(&stored.record),
            )
        },
    )
    .await
}

/// A wage (or declared income) in force from `from`.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewWage {
    /// `YYYY-MM-DD`; the same date as an existing period is a correction (history kept).
    #[schema(value_type = String)]
    pub from: Date,
    /// Whole rupiah.
    pub amount: i64,
    pub reason: String,
}

/// Add an effective-dated wage to a membership. An employer account may do so only for its
/// own workers.
#[utoipa::path(post, path = "/api/v1/memberships/{kpj}/wages", tag = "registry", request_body = NewWage,
    params(("kpj" = String, Path), ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, body = WageView), (status = 403, body = ErrorObject), (status = 404, body = ErrorObject),
        (status = 409, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn add_wage(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(kpj): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let route = format!("POST /api/v1/memberships/{kpj}/wages");
    let (st, pr, raw) = (state.clone(), p.clone(), body.clone());
    idempotency::once(&state, &p, &headers, &route, &body, || async move {
        let req: NewWage = parse_json(&raw)?;
        let kpj = Kpj::parse(&kpj).map_err(|e| ApiError::invalid("kpj", e.to_string()))?;
        let store = registry::store(&st)?;
        let membership = store
            .membership(kpj)
            .await
            .map_err(ApiError::internal)?
            .ok_or(ApiError::NotFound)?;
        let in_scope = match pr.scope() {
            Scope::All => true,
            scope => membership
                .record
                .employer
                .is_some_and(|n| scope.covers_employer(&n.to_string())),
        };
        if !in_scope {
            // No hint that the membership exists outside the caller's scope.
            return Err(ApiError::NotFound);
        }
        let w = store
            .set_wage(&actor(&pr), kpj, req.from, Rupiah(req.amount), &req.reason)
            .await
            .map_err(store_err)?;
        json(
            StatusCode::CREATED,
            &WageView {
                kpj: kpj.to_string(),
                from: w.effective_from.to_string(),
                to: w.effective_to.map(|d| d.to_string()),
                amount: w.amount.0,
                kind: w.kind.code().to_owned(),
            },
        )
    })
    .await
}

/// Add a family member to a registered person (the participant comes from the path). Body:
/// `nik`, `name`, `relation`, `sex`, `birth_date`, `education`, `married`, `working`, `alive`,
/// `notarial_will`.
#[utoipa::path(post, path = "/api/v1/persons/{id}/family", tag = "registry",
    request_body(content = Object, content_type = "application/json", description = "FamilyMember without participant"),
    params(("id" = i64, Path), ("Idempotency-Key" = Option<String>, Header, description = "Makes retries safe")),
    responses((status = 201, body = FamilyView), (status = 403, body = ErrorObject), (status = 404, body = ErrorObject),
        (status = 409, body = ErrorObject), (status = 422, body = ErrorObject)),
    security(("bearer" = [])))]
pub async fn add_family(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Path(id): Path<i64>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let route = format!("POST /api/v1/persons/{id}/family");
    let (st, pr, raw) = (state.clone(), p.clone(), body.clone());
    idempotency::once(&state, &p, &headers, &route, &body, || async move {
        let mut obj: serde_json::Map<String, serde_json::Value> = parse_json(&raw)?;
        if obj.contains_key("participant") {
            return Err(ApiError::invalid(
                "participant",
                "the participant is the person in the path",
            ));
        }
        let (person, _) = registry::load_person(&st, &pr, id).await?;
        obj.insert(
            "participant".into(),
            serde_json::Value::String(person.record.nik.to_string()),
        );
        let raw = serde_json::to_vec(&obj).map_err(ApiError::internal)?;
        let member: FamilyMember = parse_json(&raw)?;
        let stored = registry::store(&st)?
            .add_family_member(&actor(&pr), member)
            .await
            .map_err(store_err)?;
        json(
            StatusCode::CREATED,
            &registry::family_view(&stored.record, pr.sees_identity()),
        )
    })
    .await
}
