//! JP dates: the retirement age a participant reaches under the rising schedule of PP 45/2015
//! Pasal 15 and the last month a worker can still be registered. Plain calendar arithmetic is
//! in [`crate::dates`].

use crate::dates::{add_months, add_years};
use crate::error::CalcError;
use crate::params::ParamSet;
use crate::trace::Ctx;
use jiff::civil::Date;

const RETIREMENT_AGE: &str = "jp.benefit.retirement_age";
const CUTOFF_MONTHS: &str = "jp.benefit.registration_cutoff_months";

/// When a participant born on `birth` reaches JP retirement age: the first birthday whose age
/// is at least the retirement age in force on that birthday (Pasal 15(1)-(3)). Returns the age
/// and the date. Before JP began (1 Jul 2015) the first value of the schedule applies.
pub fn retirement(ctx: &mut Ctx<'_>, birth: Date) -> Result<(i64, Date), CalcError> {
    let start = ctx
        .params()
        .get(RETIREMENT_AGE)
        .and_then(|p| p.periods.first())
        .map(|p| p.from)
        .ok_or_else(|| CalcError::MissingParameter {
            parameter: RETIREMENT_AGE.to_owned(),
            date: birth,
            message: "the parameter set does not define it".to_owned(),
        })?;
    let age_in_force = |ctx: &mut Ctx<'_>, d: Date| ctx.count(RETIREMENT_AGE, d.max(start));
    // Ages never fall, so the search starts at the lowest age the schedule gives.
    let mut age = age_in_force(ctx, birth)?.max(1);
    // Guard against an override that no birthday can reach.
    while age <= 150 {
        let birthday = add_years(birth, age, "birth_date")?;
        let required = age_in_force(ctx, birthday)?;
        if age >= required {
            return Ok((age, birthday));
        }
        age = required;
    }
    Err(CalcError::invalid(
        "overrides.jp.benefit.retirement_age",
        "no birthday reaches the retirement age given",
    ))
}

/// The last month (its first day) in which a worker born on `birth_date` can still be
/// registered in JP: the month that lies `jp.benefit.registration_cutoff_months` before the
/// day the worker reaches retirement age. regulations.md §8 example 24: born 16 Jul 1965,
/// retirement age 58 in 2023, last month June 2023.
pub fn last_registration_month(birth_date: Date, params: &ParamSet) -> Result<Date, CalcError> {
    let mut ctx = Ctx::new(params, None, false);
    let (_, reached) = retirement(&mut ctx, birth_date)?;
    let cutoff = ctx.count(CUTOFF_MONTHS, reached)?;
    Ok(add_months(reached, -cutoff, "birth_date")?.first_of_month())
}
