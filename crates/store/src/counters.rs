//! Generated identifiers: NPP (8 digits) and KPJ (11 digits) come from sequence counters
//! advanced inside the writing transaction, so two writers never receive the same number and a
//! rolled-back transaction gives its numbers back.

use crate::backend::{Tx, bind_vals, fetch_all_tx, vals, with_tx};
use crate::error::{Result, StoreError};

/// Reserves `n` consecutive sequence numbers from counter `name`; returns the first.
pub(crate) async fn reserve(tx: &mut Tx, name: &'static str, n: u64) -> Result<u64> {
    let n = i64::try_from(n).map_err(|_| StoreError::Exhausted(name))?;
    let next: Vec<i64> = fetch_all_tx!(
        tx,
        "UPDATE id_counters SET next_value = next_value + $2 WHERE name = $1 RETURNING next_value",
        vals![name, n],
        |r: &dyn crate::backend::Rec| r.int("next_value")
    )?;
    let after = next.first().copied().ok_or(StoreError::Exhausted(name))?;
    u64::try_from(after - n).map_err(|_| StoreError::Exhausted(name))
}
