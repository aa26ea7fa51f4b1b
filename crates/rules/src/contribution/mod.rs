//! Contributions (iuran): PU, BPU, Jakon, PMI, with reliefs and the JKP recomposition.

use crate::error::CalcError;
use crate::input::RawScenario;
use crate::results::ContributionResult;
use crate::trace::Ctx;

pub fn calculate(_ctx: &mut Ctx<'_>, _raw: &RawScenario) -> Result<ContributionResult, CalcError> {
    Err(CalcError::invalid(
        "type",
        "contributions are not implemented yet",
    ))
}
