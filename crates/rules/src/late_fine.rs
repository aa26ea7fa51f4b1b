//! Late fines (denda) on contributions paid after the due date.

use crate::error::CalcError;
use crate::input::RawScenario;
use crate::results::LateFineResult;
use crate::trace::Ctx;

pub fn calculate(_ctx: &mut Ctx<'_>, _raw: &RawScenario) -> Result<LateFineResult, CalcError> {
    Err(CalcError::invalid(
        "type",
        "late fines are not implemented yet",
    ))
}
