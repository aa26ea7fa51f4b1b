//! Imports over HTTP: worker lists (`POST /api/v1/imports/workers`) and sponsored
//! vulnerable-worker lists (`POST /api/v1/imports/sponsored`), as a raw CSV/XLSX body or a
//! `multipart/form-data` upload. Validation and writing are the store's
//! ([`jamsos_store::Store::import_file`], rules in jamsos-domain); this module only reads the
//! upload, applies the caller's data scope (an employer imports only for its own NPP) and turns
//! the outcome into the row-level report the API answers and the import page renders.

use crate::auth::Principal;
use crate::auth::policy::{Action, Scope};
use crate::error::{ApiError, ErrorObject};
use crate::state::AppState;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::header;
use axum::{Extension, Json};
use jamsos_domain::campaign::CampaignCode;
use jamsos_domain::import::{ImportContext, ImportKind};
use jamsos_domain::{Npp, SponsorCode};
use jamsos_store::import::{ImportMode, ImportOutcome, ImportRequest, ImportStatus};
use jamsos_store::{Actor, StoreError};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// Options of an import, from the query string or the multipart form's text fields.
#[derive(Clone, Debug, Default, Deserialize, IntoParams)]
pub struct ImportOptions {
    /// The employer (NPP) of a worker list; an employer account's own NPP by default.
    pub npp: Option<String>,
    /// The sponsor code of a sponsored list (e.g. `PEMPROV-DKI`).
    pub sponsor: Option<String>,
    /// `true`: write the valid rows and return the rest as a rejected-rows CSV. Default:
    /// nothing is written unless every row is valid.
    pub valid_only: Option<String>,
    /// The file's name, for the audit log (multipart uploads carry their own).
    pub file_name: Option<String>,
    /// An outreach campaign's code: every membership the import creates is tagged with it
    /// (an unknown code: 422 and nothing written).
    pub campaign: Option<String>,
}

fn truthy(v: Option<&str>) -> bool {
    matches!(
        v.map(|s| s.trim().to_ascii_lowercase()).as_deref(),
        Some("1" | "true" | "on" | "yes" | "ya")
    )
}

/// An uploaded file with its options.
#[derive(Debug, Default)]
pub struct Upload {
    pub options: ImportOptions,
    pub kind: Option<String>,
    pub file_name: Option<String>,
    pub bytes: Vec<u8>,
}

/// Reads a multipart form: a `file` part and text fields (`kind`, `npp`, `sponsor`,
/// `valid_only`, `campaign`).
pub async fn read_multipart(mut form: Multipart) -> Result<Upload, ApiError> {
    let mut up = Upload::default();
    while let Some(field) = form
        .next_field()
        .await
        .map_err(|e| ApiError::invalid("file", e.body_text()))?
    {
        let name = field.name().unwrap_or_default().to_owned();
        if name == "file" {
            up.file_name = field.file_name().map(str::to_owned);
            up.bytes = field
                .bytes()
                .await
                .map_err(|e| ApiError::invalid("file", e.body_text()))?
                .to_vec();
            continue;
        }
        let text = field
            .text()
            .await
            .map_err(|e| ApiError::invalid(name.clone(), e.body_text()))?;
        let text = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
        match name.as_str() {
            "kind" => up.kind = text,
            "npp" => up.options.npp = text,
            "sponsor" => up.options.sponsor = text,
            "valid_only" => up.options.valid_only = text,
            "campaign" => up.options.campaign = text,
            _ => {}
        }
    }
    Ok(up)
}

/// The import context the caller may use: an employer account imports only worker lists, only
/// for its own NPP; roles over the whole registry name the employer or sponsor.
fn context_for(
    p: &Principal,
    kind: ImportKind,
    o: &ImportOptions,
) -> Result<ImportContext, ApiError> {
    let action = match kind {
        ImportKind::Workers => Action::ImportRun,
        ImportKind::Sponsored => Action::ImportSponsored,
    };
    if !p.may(action) {
        return Err(ApiError::Forbidden);
    }
    let npp = o.npp.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let sponsor = o
        .sponsor
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let npp = match p.scope() {
        Scope::All => npp.map(str::to_owned),
        Scope::Employer(own) => match npp {
            Some(n) if n != own => return Err(ApiError::Forbidden),
            _ => Some(own),
        },
        Scope::Region(_) | Scope::Nothing => return Err(ApiError::Forbidden),
    };
    let employer = match (kind, npp) {
        (ImportKind::Workers, Some(n)) => {
            Some(Npp::parse(&n).map_err(|e| ApiError::invalid("npp", e.to_string()))?)
        }
        _ => None,
    };
    let sponsor = match (kind, sponsor) {
        (ImportKind::Sponsored, Some(s)) => {
            Some(SponsorCode::parse(s).map_err(|e| ApiError::invalid("sponsor", e.to_string()))?)
        }
        _ => None,
    };
    Ok(ImportContext { employer, sponsor })
}

/// One problem of one row: where (row, column), what (the value, masked for NIK, name and
/// phone) and why.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Row number as the user sees it (header = row 1).
    pub row: usize,
    pub column: Option<String>,
    pub value: Option<String>,
    /// `error` (row rejected) or `warning` (row imported, listed for review).
    pub severity: String,
    /// Stable reason code (`unknown_district`, `duplicate_nik`, `unknown_employer`, …).
    pub code: String,
    pub message: String,
}

/// The row-level report of an import.
#[derive(Clone, Debug, Serialize, ToSchema)]
pub struct ImportReport {
    /// `applied`, `already_imported` (same file before: nothing changed) or `nothing_written`.
    pub status: String,
    pub import_id: Option<i64>,
    pub kind: String,
    /// `all_or_nothing` or `valid_only`.
    pub mode: String,
    pub file_name: String,
    pub file_sha256: String,
    pub rows_read: usize,
    pub rows_valid: usize,
    pub rows_rejected: u64,
    /// Rows written, unchanged, persons/memberships/wages created, reviews opened.
    #[schema(value_type = Object)]
    pub counts: jamsos_store::import::ImportCounts,
    pub problems: Vec<Problem>,
    /// Rows with the same name and birth date under different NIKs (masked), for review.
    #[schema(value_type = Vec<Object>)]
    pub near_duplicates: Vec<jamsos_domain::import::NearDuplicate>,
    /// The rejected rows as CSV (same columns as the file, plus the reasons), to fix and send
    /// again; `null` when every row was accepted.
    pub rejected_csv: Option<String>,
}

impl ImportReport {
    fn of(o: ImportOutcome, kind: ImportKind, mode: ImportMode, file_name: String) -> ImportReport {
        let (status, import_id) = match o.status {
            ImportStatus::Applied { import_id } => ("applied", Some(import_id)),
            ImportStatus::AlreadyImported { import_id } => ("already_imported", Some(import_id)),
            ImportStatus::NothingWritten => ("nothing_written", None),
        };
        let mut problems: Vec<Problem> = Vec::new();
        let (mut rows_read, mut rows_valid, mut near) = (0, 0, Vec::new());
        if let Some(r) = o.report {
            rows_read = r.rows_read;
            rows_valid = r.rows_valid;
            near = r.near_duplicates;
            problems.extend(r.issues.into_iter().map(|i| {
                Problem {
                    row: i.row,
                    column: i.column,
                    value: i.value,
                    severity: serde_json::to_value(i.severity)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default(),
                    code: i.code,
                    message: i.message,
                }
            }));
        }
        problems.extend(o.store_rejections.into_iter().map(|r| Problem {
            row: r.row,
            column: None,
            value: None,
            severity: "error".to_owned(),
            code: r.code.to_owned(),
            message: r.message,
        }));
        problems.sort_by_key(|p| p.row);
        ImportReport {
            status: status.to_owned(),
            import_id,
            kind: kind.code().to_owned(),
            mode: match mode {
                ImportMode::AllOrNothing => "all_or_nothing",
                ImportMode::ValidOnly => "valid_only",
            }
            .to_owned(),
            file_name,
            file_sha256: o.file_sha256,
            rows_read,
            rows_valid,
            rows_rejected: o.counts.rejected,
            counts: o.counts,
            problems,
            near_duplicates: near,
            rejected_csv: o
                .rejected_csv
                .map(|b| String::from_utf8_lossy(&b).into_owned()),
        }
    }
}

fn store_error(e: StoreError) -> ApiError {
    match e {
        StoreError::ImportFile(f) => ApiError::invalid("file", f.to_string()),
        StoreError::Invalid { field, message } => ApiError::invalid(field, message),
        StoreError::Duplicate { .. } | StoreError::Conflict { .. } => {
            ApiError::Conflict(e.to_string())
        }
        other => ApiError::internal(other),
    }
}

/// Runs an import for the caller: scope check, then the store.
pub async fn run(
    state: &AppState,
    p: &Principal,
    kind: ImportKind,
    up: Upload,
) -> Result<ImportReport, ApiError> {
    let context = context_for(p, kind, &up.options)?;
    if up.bytes.is_empty() {
        return Err(ApiError::invalid("file", "the file is empty"));
    }
    let store = crate::registry::store(state)?;
    let mode = if truthy(up.options.valid_only.as_deref()) {
        ImportMode::ValidOnly
    } else {
        ImportMode::AllOrNothing
    };
    let file_name = up
        .file_name
        .or(up.options.file_name.clone())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("{}.csv", kind.code()));
    let actor = Actor::new(format!("web:{}", p.account.username));
    let campaign = up
        .options
        .campaign
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| CampaignCode::parse(c).map_err(|e| ApiError::invalid("campaign", e)))
        .transpose()?;
    let outcome = store
        .import_file_tagged(
            &actor,
            ImportRequest {
                kind,
                context,
                mode,
                file_name: file_name.clone(),
                bytes: up.bytes,
            },
            campaign.as_ref(),
            &|_| {},
        )
        .await
        .map_err(store_error)?;
    tracing::info!(
        kind = kind.code(),
        rows = outcome.counts.rows,
        rejected = outcome.counts.rejected,
        "import"
    );
    Ok(ImportReport::of(outcome, kind, mode, file_name))
}

/// Reads the request body: a multipart form, or the file itself with options in the query.
async fn upload_of(q: ImportOptions, req: Request) -> Result<Upload, ApiError> {
    let multipart = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("multipart/form-data"));
    if multipart {
        let form = Multipart::from_request(req, &())
            .await
            .map_err(|e| ApiError::invalid("file", e.body_text()))?;
        let mut up = read_multipart(form).await?;
        // Query options fill what the form left out.
        let o = &mut up.options;
        o.npp = o.npp.take().or(q.npp);
        o.sponsor = o.sponsor.take().or(q.sponsor);
        o.valid_only = o.valid_only.take().or(q.valid_only);
        o.file_name = q.file_name;
        Ok(up)
    } else {
        let bytes = Bytes::from_request(req, &()).await.map_err(|e| {
            if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::invalid("file", e.body_text())
            }
        })?;
        Ok(Upload {
            options: q,
            kind: None,
            file_name: None,
            bytes: bytes.to_vec(),
        })
    }
}

/// Imports an employer's worker list (CSV or XLSX; see docs/import-templates.md).
#[utoipa::path(post, path = "/api/v1/imports/workers", tag = "imports", params(ImportOptions),
    request_body(content = Vec<u8>, description = "The CSV/XLSX file as the body, or multipart/form-data with a `file` part", content_type = "text/csv"),
    responses((status = 200, body = ImportReport, description = "The row-level report (also when nothing was written)"),
        (status = 401, body = ErrorObject), (status = 403, body = ErrorObject),
        (status = 413, body = ErrorObject), (status = 422, body = ErrorObject, description = "The file cannot be read as an import")),
    security(("bearer" = [])))]
pub async fn api_import_workers(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<ImportOptions>,
    req: Request,
) -> Result<Json<ImportReport>, ApiError> {
    let up = upload_of(q, req).await?;
    Ok(Json(run(&state, &p, ImportKind::Workers, up).await?))
}

/// Imports a sponsor's list of vulnerable workers (BPU; see docs/import-templates.md).
#[utoipa::path(post, path = "/api/v1/imports/sponsored", tag = "imports", params(ImportOptions),
    request_body(content = Vec<u8>, description = "The CSV/XLSX file as the body, or multipart/form-data with a `file` part", content_type = "text/csv"),
    responses((status = 200, body = ImportReport, description = "The row-level report (also when nothing was written)"),
        (status = 401, body = ErrorObject), (status = 403, body = ErrorObject),
        (status = 413, body = ErrorObject), (status = 422, body = ErrorObject, description = "The file cannot be read as an import")),
    security(("bearer" = [])))]
pub async fn api_import_sponsored(
    State(state): State<AppState>,
    Extension(p): Extension<Principal>,
    Query(q): Query<ImportOptions>,
    req: Request,
) -> Result<Json<ImportReport>, ApiError> {
    let up = upload_of(q, req).await?;
    Ok(Json(run(&state, &p, ImportKind::Sponsored, up).await?))
}

#[cfg(test)]
mod tests {
    use super::truthy;

    #[test]
    fn valid_only_flag_spellings() {
        for yes in ["1", "true", "on", "YES", "ya"] {
            assert!(truthy(Some(yes)), "{yes}");
        }
        for no in ["0", "false", "", "off"] {
            assert!(!truthy(Some(no)), "{no}");
        }
        assert!(!truthy(None));
    }
}
