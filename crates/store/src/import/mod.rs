//! Imports of worker lists and sponsored vulnerable-worker lists (CSV/XLSX), validated by
//! jamsos-domain and written by the bulk writer in ONE transaction:
//!
//! - **all or nothing** (default): if any row is invalid — in the file, or for the registry
//!   (unknown employer NPP or sponsor, a KPJ held by someone else) — the transaction is rolled
//!   back and nothing is written; the report lists every problem;
//! - **valid only**: the valid rows are written; the rest come back as a rejected-rows CSV.
//!
//! Idempotent: a file whose SHA-256 was already imported changes nothing; overlapping rows of
//! another file are recognised by natural keys (see [`bulk`]). Parsing runs on a blocking
//! thread and streams chunks to the writer, so the two cores parse and write at once.
//!
//! Audit: one `import.apply` entry per import (actor, file name and hash, mode, counts, review
//! count, rejected row numbers), and every row written carries `import_id`, so any person,
//! membership or wage traces back to the entry that recorded it. Per-row audit entries were
//! measured out: they would double the database and the import time for 1,000,000 rows, and
//! add nothing the file hash (which commits to every byte imported) and `import_id` do not.

pub(crate) mod bulk;

pub use bulk::{ImportCounts, StoreRejection};
pub use jamsos_domain::import::{ImportContext, ImportKind, Report};

use crate::audit::{self, Change};
use crate::backend::{
    Rec, Tx, Val, bind_vals, exec_tx, fetch_all_pool, fetch_all_tx, vals, with_pool, with_tx,
};
use crate::error::{Result, StoreError};
use crate::{Actor, Store};
use bulk::BulkWriter;
use jamsos_domain::campaign::CampaignCode;
use jamsos_domain::import::{
    FileError, ImportRow, Importer, RejectedRow, RowOutcome, rejected_rows_csv,
};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Rows handed from the parser to the writer at a time.
const CHUNK: usize = 5_000;

/// What to do with a file that has invalid rows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportMode {
    /// Nothing is written unless every row is valid.
    AllOrNothing,
    /// Valid rows are written; invalid rows are returned as a rejected-rows file.
    ValidOnly,
}

impl ImportMode {
    fn code(self) -> &'static str {
        match self {
            ImportMode::AllOrNothing => "all_or_nothing",
            ImportMode::ValidOnly => "valid_only",
        }
    }
}

/// A file to import.
#[derive(Clone, Debug)]
pub struct ImportRequest {
    pub kind: ImportKind,
    pub context: ImportContext,
    pub mode: ImportMode,
    /// Shown in the audit log and reviews (no directory needed).
    pub file_name: String,
    pub bytes: Vec<u8>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum ImportStatus {
    /// Written and committed as import `import_id`.
    Applied { import_id: i64 },
    /// The same file (same SHA-256) was imported before, as `import_id`: nothing changed.
    AlreadyImported { import_id: i64 },
    /// All-or-nothing mode and some row was invalid: nothing written.
    NothingWritten,
}

/// The result of [`Store::import_file`].
#[derive(Clone, Debug, Serialize)]
pub struct ImportOutcome {
    #[serde(flatten)]
    pub status: ImportStatus,
    pub file_sha256: String,
    /// The domain's validation report (`None` for an already-imported file).
    pub report: Option<Report>,
    pub counts: ImportCounts,
    /// Rows valid in the file but refused by the registry.
    pub store_rejections: Vec<StoreRejection>,
    /// The rejected rows as CSV to send back (the file's own rejections and the store's).
    #[serde(skip)]
    pub rejected_csv: Option<Vec<u8>>,
}

/// Progress of a running import: rows processed and the file's row estimate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ImportProgress {
    pub rows_done: u64,
    pub rows_hint: u64,
}

enum Msg {
    Opened {
        headers: Vec<String>,
        rows_hint: usize,
    },
    Rows(Vec<ImportRow>),
    Rejected(RejectedRow),
    Done(Result<Report, FileError>),
}

/// SHA-256 of a file, hex.
pub fn file_sha256(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl Store {
    /// Validates and imports a file. See the module docs for modes, idempotency and audit.
    /// `progress` is called after each chunk.
    pub async fn import_file(
        &self,
        actor: &Actor,
        req: ImportRequest,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportOutcome> {
        self.import_file_tagged(actor, req, None, progress).await
    }

    /// [`Store::import_file`], tagging every membership the import creates with the outreach
    /// campaign `campaign` (`campaign_enrolments`) in the same transaction. An unknown code is
    /// [`StoreError::Invalid`] (field `campaign`) and nothing is written. Memberships the file
    /// repeats (already in the registry) are not tagged: the campaign did not bring them in.
    #[tracing::instrument(skip_all, fields(kind = req.kind.code(), mode = req.mode.code()))]
    pub async fn import_file_tagged(
        &self,
        actor: &Actor,
        req: ImportRequest,
        campaign: Option<&CampaignCode>,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<ImportOutcome> {
        // Checked before anything else, so even an already-imported file gets the clear error
        // (campaigns are never deleted, so the id stays good for the transaction below).
        let campaign_id = match campaign {
            Some(code) => Some(self.campaign(code).await?.campaign.id),
            None => None,
        };
        let sha = file_sha256(&req.bytes);
        if let Some(import_id) = self.import_by_hash(&sha).await? {
            return Ok(ImportOutcome {
                status: ImportStatus::AlreadyImported { import_id },
                file_sha256: sha,
                report: None,
                counts: ImportCounts::default(),
                store_rejections: Vec::new(),
                rejected_csv: None,
            });
        }
        let (sender, mut receiver) = tokio::sync::mpsc::channel::<Msg>(4);
        let kind = req.kind;
        let context = req.context.clone();
        let bytes = req.bytes;
        let parser =
            tokio::task::spawn_blocking(move || parse_stream(&bytes, kind, context, &sender));

        let (headers, rows_hint) = match receiver.recv().await {
            Some(Msg::Opened { headers, rows_hint }) => (headers, rows_hint),
            Some(Msg::Done(Err(e))) => return Err(StoreError::ImportFile(e)),
            _ => {
                return Err(StoreError::invalid(
                    "file",
                    "the parser stopped unexpectedly",
                ));
            }
        };

        let mut tx = self.begin_write().await?;
        let at = self.now();
        tune_for_bulk(&mut tx).await?;
        let import_id = insert_import_row(
            &mut tx,
            kind.code(),
            &req.file_name,
            &sha,
            req.mode,
            actor,
            &at,
        )
        .await?;
        let mut writer = BulkWriter::new(
            import_id,
            at.clone(),
            actor.0.clone(),
            req.file_name.clone(),
        );
        writer.campaign = campaign_id;
        let mut rejected: Vec<RejectedRow> = Vec::new();
        let mut done = 0u64;
        let report = loop {
            match receiver.recv().await {
                Some(Msg::Rows(rows)) => {
                    done += rows.len() as u64;
                    let doomed = req.mode == ImportMode::AllOrNothing
                        && (!rejected.is_empty() || !writer.rejections.is_empty());
                    if !doomed {
                        writer.write_chunk(&mut tx, &rows).await?;
                    }
                    progress(ImportProgress {
                        rows_done: done + rejected.len() as u64,
                        rows_hint: rows_hint as u64,
                    });
                }
                Some(Msg::Rejected(r)) => rejected.push(r),
                Some(Msg::Done(Ok(report))) => break report,
                Some(Msg::Done(Err(e))) => return Err(StoreError::ImportFile(e)),
                Some(Msg::Opened { .. }) | None => {
                    return Err(StoreError::invalid(
                        "file",
                        "the parser stopped unexpectedly",
                    ));
                }
            }
        };
        parser
            .await
            .map_err(|e| StoreError::invalid("file", format!("parser failed: {e}")))?;

        for r in &writer.rejections {
            rejected.push(RejectedRow {
                row: r.row,
                cells: Vec::new(),
                reasons: vec![format!("{}: {}", r.code, r.message)],
            });
        }
        rejected.sort_by_key(|r| r.row);
        let delimiter = report.delimiter.map_or(b',', |c| c as u8);
        let rejected_csv =
            (!rejected.is_empty()).then(|| rejected_rows_csv(&headers, &rejected, delimiter));
        let mut counts = writer.counts.clone();
        counts.rejected += report.rows_rejected as u64;
        let store_rejections = std::mem::take(&mut writer.rejections);

        if (req.mode == ImportMode::AllOrNothing && !rejected.is_empty()) || counts.rows == 0 {
            drop(tx); // rolls back
            return Ok(ImportOutcome {
                status: ImportStatus::NothingWritten,
                file_sha256: sha,
                report: Some(report),
                counts,
                store_rejections,
                rejected_csv,
            });
        }
        exec_tx!(
            &mut tx,
            "UPDATE imports SET status = 'applied', rows_total = $1, rows_applied = $2, rows_rejected = $3, \
             rows_unchanged = $4, persons_created = $5, memberships_created = $6, wages_created = $7, \
             reviews_opened = $8, report = $9 WHERE id = $10",
            vals![
                report.rows_read as i64,
                counts.applied as i64,
                counts.rejected as i64,
                counts.unchanged as i64,
                counts.persons_created as i64,
                counts.memberships_created as i64,
                counts.wages_created as i64,
                counts.reviews_opened as i64,
                serde_json::to_string(&report)?,
                import_id
            ]
        )?;
        let summary = serde_json::json!({
            "file_name": req.file_name,
            "file_sha256": sha,
            "kind": kind.code(),
            "mode": req.mode.code(),
            "rows_read": report.rows_read,
            "counts": counts,
            "rejected_rows": rejected.iter().map(|r| r.row).collect::<Vec<_>>(),
            "campaign": campaign.map(|c| c.as_str()),
        });
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new::<(), _>("import.apply", "import", import_id, None, Some(&summary))?,
        )
        .await?;
        tx.commit().await?;
        Ok(ImportOutcome {
            status: ImportStatus::Applied { import_id },
            file_sha256: sha,
            report: Some(report),
            counts,
            store_rejections,
            rejected_csv,
        })
    }

    /// The import that recorded a file with this SHA-256, if any.
    pub async fn import_by_hash(&self, sha256: &str) -> Result<Option<i64>> {
        let ids: Vec<i64> = fetch_all_pool!(
            &self.pool,
            "SELECT id FROM imports WHERE file_sha256 = $1",
            vals![sha256],
            |r: &dyn Rec| r.int("id")
        )?;
        Ok(ids.into_iter().next())
    }
}

/// Runs on a blocking thread: validates the file row by row and streams the outcome.
fn parse_stream(
    bytes: &[u8],
    kind: ImportKind,
    context: ImportContext,
    out: &tokio::sync::mpsc::Sender<Msg>,
) {
    let mut importer = match Importer::open(bytes, kind, context) {
        Ok(i) => i,
        Err(e) => {
            let _ = out.blocking_send(Msg::Done(Err(e)));
            return;
        }
    };
    if out
        .blocking_send(Msg::Opened {
            headers: importer.headers().to_vec(),
            rows_hint: importer.rows_hint(),
        })
        .is_err()
    {
        return;
    }
    let mut chunk = Vec::with_capacity(CHUNK);
    while let Some(outcome) = importer.next_row() {
        match outcome {
            Ok(RowOutcome::Valid { row, .. }) => {
                chunk.push(*row);
                if chunk.len() == CHUNK
                    && out
                        .blocking_send(Msg::Rows(std::mem::replace(
                            &mut chunk,
                            Vec::with_capacity(CHUNK),
                        )))
                        .is_err()
                {
                    return;
                }
            }
            Ok(RowOutcome::Rejected { row, .. }) => {
                if out.blocking_send(Msg::Rejected(row)).is_err() {
                    return;
                }
            }
            Err(e) => {
                let _ = out.blocking_send(Msg::Done(Err(e)));
                return;
            }
        }
    }
    if !chunk.is_empty() && out.blocking_send(Msg::Rows(chunk)).is_err() {
        return;
    }
    let _ = out.blocking_send(Msg::Done(importer.finish()));
}

/// SQLite: a larger page cache for the importing connection (the transaction's writes stay in
/// memory until commit instead of spilling). PostgreSQL needs nothing here.
pub(crate) async fn tune_for_bulk(tx: &mut Tx) -> Result<()> {
    if let Tx::Sqlite(_) = tx {
        exec_tx!(tx, "PRAGMA cache_size = -524288", Vec::<Val>::new())?;
    }
    Ok(())
}

pub(crate) async fn insert_import_row(
    tx: &mut Tx,
    kind: &str,
    file_name: &str,
    sha: &str,
    mode: ImportMode,
    actor: &Actor,
    at: &str,
) -> Result<i64> {
    let ids: Vec<i64> = fetch_all_tx!(
        tx,
        "INSERT INTO imports (kind, file_name, file_sha256, mode, status, actor, at, rows_total, rows_applied, \
         rows_rejected, rows_unchanged, persons_created, memberships_created, wages_created, reviews_opened, report) \
         VALUES ($1, $2, $3, $4, 'running', $5, $6, 0, 0, 0, 0, 0, 0, 0, 0, '{}') RETURNING id",
        vals![kind, file_name, sha, mode.code(), actor.as_str(), at],
        |r: &dyn Rec| r.int("id")
    )
    .map_err(|e| match e {
        StoreError::Database(db) => StoreError::unique_as_duplicate(db, "import of file", sha.to_owned()),
        other => other,
    })?;
    ids.into_iter()
        .next()
        .ok_or_else(|| StoreError::corrupt("import", sha, "no id"))
}
