//! Contributions (iuran): PU, BPU, Jakon and PMI, with the reliefs (PP 49/2020, PP 7/2025 +
//! PP 36/2025, PP 50/2025) and the JKP recomposition, as the calculation contract shapes them.
//!
//! **Which rules apply.** The contract's `date` is any day of the contribution month, and every
//! day of a month must give the same result, so a contribution month is governed by the rules
//! in force on its **last day** ([`rule_date`]). Parameters keep their legal dates: a rule in
//! force from day 2..31 of a month (JKP from 2 Feb 2021, PP 6/2025 from 7 Feb 2025) governs
//! that whole month, as PP 7/2025, signed on 7 Feb 2025, explicitly covers February 2025.
//!
//! **Payers.** PU: `employer` and `worker`; the JKP line is `government`. BPU, Jakon and PMI
//! pay as `participant`, except BPU funded from the national or a regional budget
//! (`funded_by` `apbn`/`apbd`), whose lines are `government` (the contract's payer for money
//! from the state; DKI's RT/RW heads are an example, §8 example 25). An `other_sponsor` pays on
//! the participant's behalf and stays `participant`.
//!
//! **Two paths, one set of rules.** [`calculate`] runs the rules through [`trace::Ctx`]
//! (overrides, trace); [`RateBook`] runs the same rules on values compiled per month, for
//! batches. See [`env`].
//!
//! [`trace::Ctx`]: crate::trace::Ctx

pub mod book;
pub mod env;
pub mod ids;
pub mod request;
mod rules;
pub mod sheet;

pub use book::{FastResult, RateBook};
pub use request::Request;

use crate::error::CalcError;
use crate::input::RawScenario;
use crate::results::ContributionResult;
use crate::trace::Ctx;
use env::CtxEnv;
use jiff::civil::Date;
use sheet::Sheet;

/// The date whose rules govern the contribution month containing `date`: its last day
/// (see [`crate::dates::contribution_rule_date`]).
pub fn rule_date(date: Date) -> Date {
    crate::dates::contribution_rule_date(date)
}

/// Calculates a contribution scenario through `ctx` (traced when `ctx` traces).
pub fn calculate(ctx: &mut Ctx<'_>, raw: &RawScenario) -> Result<ContributionResult, CalcError> {
    let req = Request::from_raw(raw)?;
    calculate_request(ctx, &req)
}

/// Calculates a checked request through `ctx`.
pub fn calculate_request(
    ctx: &mut Ctx<'_>,
    req: &Request,
) -> Result<ContributionResult, CalcError> {
    let mut env = CtxEnv {
        ctx,
        date: rule_date(req.date),
    };
    let mut sheet = Sheet::new();
    rules::compute(&mut env, req, &mut sheet)?;
    Ok(sheet.to_result(req.date, req.segment()))
}
