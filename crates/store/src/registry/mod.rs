//! The registry: employers, sponsors, persons (with NIK-conflict and near-duplicate review),
//! memberships with effective-dated wages, and family members. Every write is one transaction
//! with its audit entry.

pub(crate) mod codec;
pub(crate) mod employers;
pub(crate) mod family;
pub(crate) mod memberships;
pub(crate) mod persons;
pub mod types;

pub use types::*;

use crate::error::{Result, StoreError};

/// Rejects blank required text.
pub(crate) fn required(field: &'static str, value: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(StoreError::invalid(field, "must not be empty"));
    }
    Ok(())
}

/// Parses a stored identifier, reporting corruption with the row it came from.
pub(crate) fn parse_id<T, E: std::fmt::Display>(
    entity: &'static str,
    id: i64,
    text: &str,
    parse: impl Fn(&str) -> std::result::Result<T, E>,
) -> Result<T> {
    parse(text).map_err(|e| StoreError::corrupt(entity, id, e))
}
