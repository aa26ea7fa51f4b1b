//! The audit log's hash chain. Each entry commits to the previous one:
//! `hash = sha256(prev_hash || canonical_bytes(entry))`, where the canonical bytes are a compact
//! JSON object with a fixed key order (and recursively sorted keys inside `before`/`after`), so
//! the same entry always hashes the same whatever database or JSON library stored it. Editing,
//! removing, inserting or reordering any entry breaks the chain at that point; [`verify`] says
//! where. (Cutting entries off the END is only detectable against a head kept elsewhere:
//! [`verify_against`].)
//!
//! Time is passed in (the domain has no clock) and kept to whole microseconds, the precision
//! both SQLite text and PostgreSQL `timestamptz` round-trip.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::fmt;
use thiserror::Error;

/// Version tag inside the canonical bytes, so the format can evolve without ambiguity.
const FORMAT: u32 = 1;

/// A SHA-256 digest, shown and stored as 64 lower-case hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Hash32(pub [u8; 32]);

impl Hash32 {
    /// The `prev_hash` of the first entry.
    pub const GENESIS: Hash32 = Hash32([0; 32]);

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    pub fn from_hex(text: &str) -> Result<Hash32, hex::FromHexError> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(text.trim(), &mut out)?;
        Ok(Hash32(out))
    }
}

impl fmt::Display for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for Hash32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash32({})", self.to_hex())
    }
}

impl Serialize for Hash32 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_hex())
    }
}

impl<'de> Deserialize<'de> for Hash32 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Hash32::from_hex(&text).map_err(serde::de::Error::custom)
    }
}

/// A change about to be logged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditDraft {
    pub at: Timestamp,
    /// Who: a user name, `import:<file digest>`, `system`…
    pub actor: String,
    /// What: `person.create`, `membership.end`, `wage.add`…
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// A logged change, sealed into the chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// 1, 2, 3… without gaps.
    pub seq: u64,
    pub at: Timestamp,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub prev_hash: Hash32,
    pub hash: Hash32,
}

impl AuditDraft {
    /// Seals the draft as entry `seq` after an entry whose hash is `prev_hash`. The time is
    /// truncated to whole microseconds.
    pub fn seal(self, seq: u64, prev_hash: Hash32) -> AuditEntry {
        let at = truncate_to_micros(self.at);
        let mut entry = AuditEntry {
            seq,
            at,
            actor: self.actor,
            action: self.action,
            entity: self.entity,
            entity_id: self.entity_id,
            before: self.before,
            after: self.after,
            prev_hash,
            hash: Hash32::GENESIS,
        };
        entry.hash = entry.compute_hash();
        entry
    }
}

fn truncate_to_micros(at: Timestamp) -> Timestamp {
    Timestamp::from_microsecond(at.as_microsecond()).unwrap_or(at)
}

/// The end of a chain: the last sequence number and hash. Keep it to append, and keep a copy
/// outside the database to detect truncation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub seq: u64,
    pub hash: Hash32,
}

impl ChainHead {
    /// The head of an empty chain.
    pub const GENESIS: ChainHead = ChainHead {
        seq: 0,
        hash: Hash32::GENESIS,
    };

    /// The head after `entry`.
    pub fn of(entry: &AuditEntry) -> ChainHead {
        ChainHead {
            seq: entry.seq,
            hash: entry.hash,
        }
    }

    /// Seals `draft` as the next entry and advances the head.
    pub fn append(&mut self, draft: AuditDraft) -> AuditEntry {
        let entry = draft.seal(self.seq + 1, self.hash);
        *self = ChainHead::of(&entry);
        entry
    }
}

impl AuditEntry {
    /// The canonical bytes hashed for this entry (everything but `hash`).
    pub fn canonical_bytes(&self) -> Vec<u8> {
        let mut out = String::with_capacity(256);
        out.push_str("{\"format\":");
        out.push_str(&FORMAT.to_string());
        out.push_str(",\"seq\":");
        out.push_str(&self.seq.to_string());
        out.push_str(",\"at_us\":");
        out.push_str(&self.at.as_microsecond().to_string());
        for (key, value) in [
            ("actor", &self.actor),
            ("action", &self.action),
            ("entity", &self.entity),
            ("entity_id", &self.entity_id),
        ] {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            push_json_string(&mut out, value);
        }
        out.push_str(",\"before\":");
        push_canonical(&mut out, self.before.as_ref());
        out.push_str(",\"after\":");
        push_canonical(&mut out, self.after.as_ref());
        out.push_str(",\"prev_hash\":\"");
        out.push_str(&self.prev_hash.to_hex());
        out.push_str("\"}");
        out.into_bytes()
    }

    /// `sha256(prev_hash || canonical_bytes)`.
    pub fn compute_hash(&self) -> Hash32 {
        let mut h = Sha256::new();
        h.update(self.prev_hash.0);
        h.update(self.canonical_bytes());
        Hash32(h.finalize().into())
    }
}

fn push_json_string(out: &mut String, s: &str) {
    // serde_json's string escaping is fixed by the JSON grammar and cannot fail for a &str.
    out.push_str(&serde_json::to_string(s).unwrap_or_default());
}

/// Compact JSON with object keys sorted (byte order) at every depth, whatever map order the
/// `serde_json` build in use keeps.
fn push_canonical(out: &mut String, value: Option<&Value>) {
    match value {
        None | Some(Value::Null) => out.push_str("null"),
        Some(Value::Bool(b)) => out.push_str(if *b { "true" } else { "false" }),
        Some(Value::Number(n)) => out.push_str(&n.to_string()),
        Some(Value::String(s)) => push_json_string(out, s),
        Some(Value::Array(items)) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_canonical(out, Some(v));
            }
            out.push(']');
        }
        Some(Value::Object(map)) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                push_json_string(out, k);
                out.push(':');
                push_canonical(out, map.get(k));
            }
            out.push('}');
        }
    }
}

/// Where and why a chain does not verify.
#[derive(Clone, Debug, PartialEq, Eq, Error, Serialize)]
#[error("audit chain broken at entry {seq}: {why}")]
pub struct ChainBreak {
    /// The sequence number of the first entry that does not verify (as stored, or as expected
    /// when entries are missing).
    pub seq: u64,
    pub kind: BreakKind,
    pub why: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BreakKind {
    /// The entry's content no longer matches its hash: it was edited.
    Edited,
    /// The entry does not point at the previous entry's hash: something before it was removed,
    /// inserted, reordered or edited-and-rehashed.
    Unlinked,
    /// Sequence numbers skip or go back: entries removed or reordered.
    Sequence,
    /// The chain ends before the head recorded elsewhere: entries cut off the end.
    Truncated,
}

/// Verifies a whole chain from its first entry (seq 1, genesis prev_hash).
pub fn verify(entries: &[AuditEntry]) -> Result<(), ChainBreak> {
    verify_from(ChainHead::GENESIS, entries).map(|_| ())
}

/// Verifies `entries` as the continuation of a chain whose head was `start` (so a long log can
/// be checked in pages); returns the new head.
pub fn verify_from(start: ChainHead, entries: &[AuditEntry]) -> Result<ChainHead, ChainBreak> {
    let mut head = start;
    for e in entries {
        let expected = head.seq + 1;
        if e.seq != expected {
            return Err(ChainBreak {
                seq: e.seq,
                kind: BreakKind::Sequence,
                why: format!(
                    "expected entry {expected} next, found {}: entries were removed or reordered",
                    e.seq
                ),
            });
        }
        if e.prev_hash != head.hash {
            return Err(ChainBreak {
                seq: e.seq,
                kind: BreakKind::Unlinked,
                why: format!(
                    "its prev_hash {} is not the hash of entry {} ({}): an earlier entry was \
                     removed, inserted, reordered or rewritten",
                    short(&e.prev_hash),
                    head.seq,
                    short(&head.hash)
                ),
            });
        }
        let actual = e.compute_hash();
        if actual != e.hash {
            return Err(ChainBreak {
                seq: e.seq,
                kind: BreakKind::Edited,
                why: format!(
                    "its content hashes to {} but {} is recorded: the entry was edited",
                    short(&actual),
                    short(&e.hash)
                ),
            });
        }
        head = ChainHead::of(e);
    }
    Ok(head)
}

/// Verifies a whole chain and checks that it reaches `expected` (a head kept outside the
/// database, e.g. printed in a report or stored by an external notary), detecting truncation.
pub fn verify_against(entries: &[AuditEntry], expected: ChainHead) -> Result<(), ChainBreak> {
    let head = verify_from(ChainHead::GENESIS, entries)?;
    if head.seq < expected.seq {
        return Err(ChainBreak {
            seq: head.seq + 1,
            kind: BreakKind::Truncated,
            why: format!(
                "the chain ends at entry {} but the recorded head is entry {}",
                head.seq, expected.seq
            ),
        });
    }
    if head.seq == expected.seq && head.hash != expected.hash {
        return Err(ChainBreak {
            seq: head.seq,
            kind: BreakKind::Edited,
            why: "the last entry differs from the recorded head".into(),
        });
    }
    Ok(())
}

fn short(h: &Hash32) -> String {
    h.to_hex().chars().take(12).collect()
}
