//! The REST API under `/api/v1` (besides `/api/v1/calc`, in [`crate::calc`]).

pub mod accounts;
pub mod idempotency;
pub mod registry_write;
