//! Benefits (manfaat): JKK, JKM (with scholarships), JHT, JP, JKP. Each program's module reads
//! its own fields from the scenario and says which field is wrong and why.

pub mod jht;
pub mod jkk;
pub mod jkm;
pub mod jkp;
pub mod jp;
pub mod scholarship;

use crate::error::CalcError;
use crate::input::RawScenario;
use crate::results::BenefitResult;
use crate::trace::Ctx;

pub fn calculate(ctx: &mut Ctx<'_>, raw: &RawScenario) -> Result<BenefitResult, CalcError> {
    match raw.program.as_deref() {
        Some("JKK") => jkk::calculate(ctx, raw),
        Some("JKM") => jkm::calculate(ctx, raw),
        Some("JHT") => jht::calculate(ctx, raw),
        Some("JP") => jp::calculate(ctx, raw),
        Some("JKP") => jkp::calculate(ctx, raw),
        Some(other) => Err(CalcError::invalid(
            "program",
            format!("{other:?} is not a program: JKK, JKM, JHT, JP or JKP"),
        )),
        None => Err(CalcError::invalid(
            "program",
            "this field is required for a benefit: JKK, JKM, JHT, JP or JKP",
        )),
    }
}
