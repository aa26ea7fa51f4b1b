//! The audit log: append-only, hash-chained. Each entry commits to the previous one
//! (`prev_hash`), so editing or removing any entry breaks the chain from there on, and
//! `audit_head` (rewritten on every append) catches removal of the newest entries.
//!
//! Appends happen inside the caller's write transaction, after the writer lock is taken, so
//! entries and the changes they describe commit or roll back together and the chain is linear.

use crate::backend::{
    Rec, Tx, bind_vals, exec_tx, fetch_all_pool, fetch_all_tx, vals, with_pool, with_tx,
};
use crate::error::Result;
use crate::{Actor, Store};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One stored audit entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    pub seq: i64,
    /// RFC 3339 UTC instant of the change.
    pub at: String,
    pub actor: String,
    /// What happened: `employer.create`, `wage.set`, `import.apply`, ...
    pub action: String,
    /// Table-level entity name (`employer`, `person`, `membership`, `import`, ...).
    pub entity: String,
    pub entity_id: String,
    /// JSON of the record before the change (`None` for creations).
    pub before: Option<String>,
    /// JSON of the record after the change (`None` for removals).
    pub after: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

/// What a write wants recorded; the store adds seq, time, actor and hashes.
#[derive(Debug)]
pub(crate) struct Change {
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl Change {
    pub(crate) fn new<B: Serialize, A: Serialize>(
        action: &'static str,
        entity: &'static str,
        entity_id: impl ToString,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<Change> {
        Ok(Change {
            action,
            entity,
            entity_id: entity_id.to_string(),
            before: before.map(serde_json::to_string).transpose()?,
            after: after.map(serde_json::to_string).transpose()?,
        })
    }
}

/// The entry hash: SHA-256 over the length-prefixed fields of `e` other than `hash` (so no
/// field boundary can be moved without changing the hash), lower-case hex.
pub fn entry_hash(e: &AuditEntry) -> String {
    let mut h = Sha256::new();
    let mut field = |tag: u8, value: Option<&[u8]>| {
        h.update([tag]);
        match value {
            None => h.update([0u8]),
            Some(v) => {
                h.update([1u8]);
                h.update((v.len() as u64).to_be_bytes());
                h.update(v);
            }
        }
    };
    field(b'p', Some(e.prev_hash.as_bytes()));
    field(b's', Some(e.seq.to_string().as_bytes()));
    field(b't', Some(e.at.as_bytes()));
    field(b'u', Some(e.actor.as_bytes()));
    field(b'a', Some(e.action.as_bytes()));
    field(b'e', Some(e.entity.as_bytes()));
    field(b'i', Some(e.entity_id.as_bytes()));
    field(b'b', e.before.as_deref().map(str::as_bytes));
    field(b'f', e.after.as_deref().map(str::as_bytes));
    hex::encode(h.finalize())
}

/// Appends `change` to the chain inside `tx` (which must hold the writer lock).
pub(crate) async fn append(
    tx: &mut Tx,
    at: &str,
    actor: &Actor,
    change: Change,
) -> Result<AuditEntry> {
    let head: Vec<(i64, String)> = fetch_all_tx!(
        tx,
        "SELECT seq, hash FROM audit_head WHERE id = 1",
        Vec::<crate::backend::Val>::new(),
        |r: &dyn Rec| Ok((r.int("seq")?, r.text("hash")?))
    )?;
    let (last_seq, prev_hash) = head
        .into_iter()
        .next()
        .unwrap_or((0, GENESIS_HASH.to_owned()));
    let mut entry = AuditEntry {
        seq: last_seq + 1,
        at: at.to_owned(),
        actor: actor.0.clone(),
        action: change.action.to_owned(),
        entity: change.entity.to_owned(),
        entity_id: change.entity_id,
        before: change.before,
        after: change.after,
        prev_hash,
        hash: String::new(),
    };
    entry.hash = entry_hash(&entry);
    exec_tx!(
        tx,
        "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        vals![
            entry.seq,
            entry.at.clone(),
            entry.actor.clone(),
            entry.action.clone(),
            entry.entity.clone(),
            entry.entity_id.clone(),
            entry.before.clone(),
            entry.after.clone(),
            entry.prev_hash.clone(),
            entry.hash.clone()
        ]
    );
    exec_tx!(
        tx,
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        vals![entry.seq, entry.hash.clone()]
    );
    Ok(entry)
}

fn entry_from(r: &dyn Rec) -> Result<AuditEntry> {
    Ok(AuditEntry {
        seq: r.int("seq")?,
        at: r.text("at")?,
        actor: r.text("actor")?,
        action: r.text("action")?,
        entity: r.text("entity")?,
        entity_id: r.text("entity_id")?,
        before: r.opt_text("before")?,
        after: r.opt_text("after")?,
        prev_hash: r.text("prev_hash")?,
        hash: r.text("hash")?,
    })
}

const ENTRY_COLS: &str =
    "seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash";

/// Filter for [`Store::audit_list`].
#[derive(Clone, Debug, Default)]
pub struct AuditFilter {
    pub entity: Option<String>,
    pub entity_id: Option<String>,
    /// Only entries with `seq` greater than this (paging).
    pub after_seq: Option<i64>,
    /// Newest first when true.
    pub newest_first: bool,
    /// At most this many entries (all when `None`).
    pub limit: Option<u32>,
}

/// One problem `audit verify` found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditProblem {
    pub seq: i64,
    /// `hash_mismatch` (the entry was edited), `broken_link` (its predecessor was edited or
    /// removed), `gap` (entries are missing before it), `head_mismatch` (the newest entries were
    /// removed or the head was edited).
    pub kind: &'static str,
    pub message: String,
}

/// The result of [`Store::audit_verify`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    pub entries: u64,
    pub head_seq: i64,
    pub head_hash: String,
    pub problems: Vec<AuditProblem>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Checks a run of entries in `seq` order, continuing from `(prev_seq, prev_hash)`.
fn check_run(entries: &[AuditEntry], prev: &mut (i64, String), problems: &mut Vec<AuditProblem>) {
    for e in entries {
        if e.seq != prev.0 + 1 {
            problems.push(AuditProblem {
                seq: e.seq,
                kind: "gap",
                message: format!("entries {}..{} are missing", prev.0 + 1, e.seq - 1),
            });
        }
        if e.prev_hash != prev.1 {
            problems.push(AuditProblem {
                seq: e.seq,
                kind: "broken_link",
                message: "prev_hash does not match the preceding entry's hash".into(),
            });
        }
        if entry_hash(e) != e.hash {
            problems.push(AuditProblem {
                seq: e.seq,
                kind: "hash_mismatch",
                message: "the entry's content does not match its hash (edited)".into(),
            });
        }
        *prev = (e.seq, e.hash.clone());
    }
}

impl Store {
    /// Lists audit entries.
    pub async fn audit_list(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut sql = format!("SELECT {ENTRY_COLS} FROM audit_log WHERE 1 = 1");
        let mut params = Vec::new();
        if let Some(e) = &filter.entity {
            params.push(crate::backend::Val::from(e.as_str()));
            sql.push_str(&format!(" AND entity = ${}", params.len()));
        }
        if let Some(id) = &filter.entity_id {
            params.push(crate::backend::Val::from(id.as_str()));
            sql.push_str(&format!(" AND entity_id = ${}", params.len()));
        }
        if let Some(s) = filter.after_seq {
            params.push(crate::backend::Val::from(s));
            sql.push_str(&format!(" AND seq > ${}", params.len()));
        }
        sql.push_str(if filter.newest_first {
            " ORDER BY seq DESC"
        } else {
            " ORDER BY seq"
        });
        if let Some(limit) = filter.limit {
            params.push(crate::backend::Val::from(i64::from(limit)));
            sql.push_str(&format!(" LIMIT ${}", params.len()));
        }
        fetch_all_pool!(&self.pool, sqlx::AssertSqlSafe(sql), params, entry_from)
    }

    /// Re-computes the whole chain and compares it with the stored head. Reads in pages so
    /// memory stays flat on long logs.
    #[tracing::instrument(skip_all)]
    pub async fn audit_verify(&self) -> Result<AuditReport> {
        const PAGE: i64 = 10_000;
        let mut prev = (0i64, GENESIS_HASH.to_owned());
        let mut problems = Vec::new();
        let mut entries = 0u64;
        loop {
            let page: Vec<AuditEntry> = fetch_all_pool!(
                &self.pool,
                "SELECT seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash \
                 FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                vals![prev.0, PAGE],
                entry_from
            )?;
            if page.is_empty() {
                break;
            }
            entries += page.len() as u64;
            check_run(&page, &mut prev, &mut problems);
        }
        let head: Vec<(i64, String)> = fetch_all_pool!(
            &self.pool,
            "SELECT seq, hash FROM audit_head WHERE id = 1",
            Vec::<crate::backend::Val>::new(),
            |r: &dyn Rec| Ok((r.int("seq")?, r.text("hash")?))
        )?;
        let (head_seq, head_hash) = head
            .into_iter()
            .next()
            .unwrap_or((0, GENESIS_HASH.to_owned()));
        if (head_seq, head_hash.as_str()) != (prev.0, prev.1.as_str()) {
            problems.push(AuditProblem {
                seq: head_seq,
                kind: "head_mismatch",
                message: format!(
                    "the recorded head is entry {head_seq} but the log ends at entry {}",
                    prev.0
                ),
            });
        }
        Ok(AuditReport {
            entries,
            head_seq,
            head_hash,
            problems,
        })
    }

    /// Appends one entry in its own transaction: for events that change nothing else (a
    /// rejected import attempt, an export). Writes that change data append inside their own
    /// transaction instead.
    pub async fn audit_note(
        &self,
        actor: &Actor,
        action: &'static str,
        entity: &'static str,
        entity_id: &str,
        detail: &serde_json::Value,
    ) -> Result<AuditEntry> {
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let e = append(
            &mut tx,
            &at,
            actor,
            Change::new::<(), _>(action, entity, entity_id, None, Some(detail))?,
        )
        .await?;
        tx.commit().await?;
        Ok(e)
    }
}
