//! The audit log: append-only, hash-chained. Each entry commits to the previous one
//! (`prev_hash`), so editing or removing any entry breaks the chain from there on, and
//! `audit_head` (rewritten on every append) catches removal of the newest entries.
//!
//! Appends happen inside the caller's write transaction, after the writer lock is taken, so
//! entries and the changes they describe commit or roll back together and the chain is linear.

use crate::backend::{
    Rec, Tx, Val, bind_vals, exec_tx, fetch_all_pool, fetch_all_tx, vals, with_pool, with_tx,
};
use crate::error::{Result, StoreError};
use crate::{Actor, Store};
use jamsos_domain::audit::{AuditDraft, ChainBreak, ChainHead, Hash32, verify_from};
use jiff::Timestamp;
use serde::Serialize;

pub use jamsos_domain::audit::{AuditEntry, BreakKind};

/// What a write wants recorded; the store adds seq, time, actor and hashes.
#[derive(Debug)]
pub(crate) struct Change {
    pub action: &'static str,
    pub entity: &'static str,
    pub entity_id: String,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
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
            before: before.map(serde_json::to_value).transpose()?,
            after: after.map(serde_json::to_value).transpose()?,
        })
    }
}

/// Reads the chain head inside `tx`.
async fn head_tx(tx: &mut Tx) -> Result<ChainHead> {
    let head: Vec<ChainHead> = fetch_all_tx!(
        tx,
        "SELECT seq, hash FROM audit_head WHERE id = 1",
        Vec::<Val>::new(),
        head_from
    )?;
    Ok(head.into_iter().next().unwrap_or(ChainHead::GENESIS))
}

fn head_from(r: &dyn Rec) -> Result<ChainHead> {
    let seq = r.int("seq")?;
    Ok(ChainHead {
        seq: u64::try_from(seq).map_err(|e| StoreError::corrupt("audit_head", seq, e))?,
        hash: Hash32::from_hex(&r.text("hash")?)
            .map_err(|e| StoreError::corrupt("audit_head", seq, e))?,
    })
}

fn json_text(v: &Option<serde_json::Value>) -> Result<Option<String>> {
    Ok(v.as_ref().map(serde_json::to_string).transpose()?)
}

/// Appends `change` to the chain inside `tx` (which must hold the writer lock). `at` is the
/// stored instant text of the write (microsecond precision, as the chain hashes it).
pub(crate) async fn append(
    tx: &mut Tx,
    at: &str,
    actor: &Actor,
    change: Change,
) -> Result<AuditEntry> {
    let at_ts: Timestamp = at
        .parse()
        .map_err(|e| StoreError::corrupt("audit time", at, e))?;
    let mut head = head_tx(tx).await?;
    let entry = head.append(AuditDraft {
        at: at_ts,
        actor: actor.0.clone(),
        action: change.action.to_owned(),
        entity: change.entity.to_owned(),
        entity_id: change.entity_id,
        before: change.before,
        after: change.after,
    });
    let seq = i64::try_from(entry.seq).map_err(|_| StoreError::Exhausted("audit sequence"))?;
    exec_tx!(
        tx,
        "INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        vals![
            seq,
            crate::text::timestamp(entry.at),
            entry.actor.clone(),
            entry.action.clone(),
            entry.entity.clone(),
            entry.entity_id.clone(),
            json_text(&entry.before)?,
            json_text(&entry.after)?,
            entry.prev_hash.to_hex(),
            entry.hash.to_hex()
        ]
    )?;
    exec_tx!(
        tx,
        "INSERT INTO audit_head (id, seq, hash) VALUES (1, $1, $2) \
         ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash",
        vals![seq, entry.hash.to_hex()]
    )?;
    Ok(entry)
}

fn entry_from(r: &dyn Rec) -> Result<AuditEntry> {
    let seq = r.int("seq")?;
    let bad = |e: &dyn std::fmt::Display| StoreError::corrupt("audit entry", seq, e);
    let json = |col: &str| -> Result<Option<serde_json::Value>> {
        r.opt_text(col)?
            .map(|t| serde_json::from_str(&t).map_err(|e| bad(&e)))
            .transpose()
    };
    Ok(AuditEntry {
        seq: u64::try_from(seq).map_err(|e| bad(&e))?,
        at: r.text("at")?.parse().map_err(|e| bad(&e))?,
        actor: r.text("actor")?,
        action: r.text("action")?,
        entity: r.text("entity")?,
        entity_id: r.text("entity_id")?,
        before: json("before")?,
        after: json("after")?,
        prev_hash: Hash32::from_hex(&r.text("prev_hash")?).map_err(|e| bad(&e))?,
        hash: Hash32::from_hex(&r.text("hash")?).map_err(|e| bad(&e))?,
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

/// The result of [`Store::audit_verify`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AuditReport {
    /// Entries checked (up to the first break).
    pub entries: u64,
    /// The head recorded in the database (`audit_head`).
    pub recorded_head: ChainHead,
    /// The head the chain actually reaches.
    pub chain_head: ChainHead,
    /// The first break found, if any.
    pub broken: Option<ChainBreak>,
}

impl AuditReport {
    pub fn is_intact(&self) -> bool {
        self.broken.is_none()
    }
}

impl Store {
    /// Lists audit entries.
    pub async fn audit_list(&self, filter: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut sql = format!("SELECT {ENTRY_COLS} FROM audit_log WHERE 1 = 1");
        let mut params: Vec<Val> = Vec::new();
        if let Some(e) = &filter.entity {
            params.push(Val::from(e.as_str()));
            sql.push_str(&format!(" AND entity = ${}", params.len()));
        }
        if let Some(id) = &filter.entity_id {
            params.push(Val::from(id.as_str()));
            sql.push_str(&format!(" AND entity_id = ${}", params.len()));
        }
        if let Some(s) = filter.after_seq {
            params.push(Val::from(s));
            sql.push_str(&format!(" AND seq > ${}", params.len()));
        }
        sql.push_str(if filter.newest_first {
            " ORDER BY seq DESC"
        } else {
            " ORDER BY seq"
        });
        if let Some(limit) = filter.limit {
            params.push(Val::from(i64::from(limit)));
            sql.push_str(&format!(" LIMIT ${}", params.len()));
        }
        fetch_all_pool!(&self.pool, sqlx::AssertSqlSafe(sql), params, entry_from)
    }

    /// Re-computes the whole chain (jamsos-domain's verification) and compares its end with
    /// the recorded head, and with `expected` when the caller kept a head outside the database
    /// (the only way to detect entries cut off the end by someone who also rewrote the head).
    /// Reads in pages so memory stays flat on long logs; stops at the first break.
    #[tracing::instrument(skip_all)]
    pub async fn audit_verify_against(&self, expected: Option<ChainHead>) -> Result<AuditReport> {
        const PAGE: i64 = 10_000;
        let mut head = ChainHead::GENESIS;
        let mut entries = 0u64;
        let mut broken = None;
        loop {
            let after =
                i64::try_from(head.seq).map_err(|_| StoreError::Exhausted("audit sequence"))?;
            let page: Vec<AuditEntry> = fetch_all_pool!(
                &self.pool,
                "SELECT seq, at, actor, action, entity, entity_id, before, after, prev_hash, hash \
                 FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT $2",
                vals![after, PAGE],
                entry_from
            )?;
            if page.is_empty() {
                break;
            }
            match verify_from(head, &page) {
                Ok(h) => {
                    entries += page.len() as u64;
                    head = h;
                }
                Err(b) => {
                    entries += page.iter().take_while(|e| e.seq < b.seq).count() as u64;
                    broken = Some(b);
                    break;
                }
            }
        }
        let recorded: Vec<ChainHead> = fetch_all_pool!(
            &self.pool,
            "SELECT seq, hash FROM audit_head WHERE id = 1",
            Vec::<Val>::new(),
            head_from
        )?;
        let recorded_head = recorded.into_iter().next().unwrap_or(ChainHead::GENESIS);
        if broken.is_none() {
            for (what, want) in [
                ("recorded in audit_head", Some(recorded_head)),
                ("given", expected),
            ] {
                let Some(want) = want else { continue };
                if want.seq > head.seq || (want.seq == head.seq && want.hash != head.hash) {
                    broken = Some(ChainBreak {
                        seq: head.seq + 1,
                        kind: BreakKind::Truncated,
                        why: format!(
                            "the chain ends at entry {} ({}) but the head {what} is entry {} ({})",
                            head.seq, head.hash, want.seq, want.hash
                        ),
                    });
                    break;
                }
            }
        }
        Ok(AuditReport {
            entries,
            recorded_head,
            chain_head: head,
            broken,
        })
    }

    /// [`Store::audit_verify_against`] with no head kept outside the database.
    pub async fn audit_verify(&self) -> Result<AuditReport> {
        self.audit_verify_against(None).await
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
