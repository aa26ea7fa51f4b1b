//! Benefits (manfaat): JKK, JKM (with scholarships), JHT, JP, JKP.

use crate::error::CalcError;
use crate::input::RawScenario;
use crate::results::BenefitResult;
use crate::trace::Ctx;

pub fn calculate(_ctx: &mut Ctx<'_>, _raw: &RawScenario) -> Result<BenefitResult, CalcError> {
    Err(CalcError::invalid(
        "type",
        "benefits are not implemented yet",
    ))
}
