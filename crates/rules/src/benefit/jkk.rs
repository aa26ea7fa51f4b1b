//! JKK benefit.

use crate::error::CalcError;
use crate::input::RawScenario;
use crate::results::BenefitResult;
use crate::trace::Ctx;

pub fn calculate(_ctx: &mut Ctx<'_>, _raw: &RawScenario) -> Result<BenefitResult, CalcError> {
    Err(CalcError::invalid(
        "program",
        "JKK benefits are not implemented yet",
    ))
}
