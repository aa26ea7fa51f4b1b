//! # jamsos-store
//!
//! The registry's system of record on an embedded SQLite file (the default: nothing to
//! install) or PostgreSQL (production), chosen by a database URL. One schema, migrated on
//! start (`migrations/sqlite` and `migrations/postgres` hold the same tables).
//!
//! Everything goes through [`Store`], a cheap-to-clone handle with async methods:
//! - employers, persons, memberships, wage history, sponsors, family members (`registry`);
//! - bulk imports of validated worker lists (`import`), optionally tagged with an outreach
//!   campaign (`campaigns`);
//! - the append-only, hash-chained audit log (`audit`);
//! - small aggregates for dashboards (`stats`);
//! - the append-only payment ledger: contributions collected, benefits paid (`payments`).
//!
//! Every write that changes money or membership runs in ONE transaction together with its
//! audit entry: the transaction first takes the writer lock (`BEGIN IMMEDIATE` on SQLite, an
//! advisory lock on PostgreSQL), reads the chain head, writes, appends the entry, commits.
//! Nothing is overwritten silently: each change is an audit entry with before/after JSON, and
//! wages are effective-dated rows that are superseded, never updated.

pub mod audit;
mod backend;
pub mod campaigns;
mod connect;
mod counters;
pub mod demo;
mod error;
pub mod import;
pub mod payments;
mod payments_demo;
pub mod registry;
pub mod stats;
mod text;

pub use backend::Engine;
pub use campaigns::CampaignListing;
pub use connect::Store;
pub use error::{Result, StoreError};
pub use registry::types::*;

/// Who performs a change: recorded in every audit entry (`cli:alice`, `web:officer-17`,
/// `import`, ...). Never a NIK or any other personal identifier.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Actor(pub String);

impl Actor {
    pub fn new(name: impl Into<String>) -> Actor {
        Actor(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Actor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
