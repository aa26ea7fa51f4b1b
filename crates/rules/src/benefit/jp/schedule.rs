//! JP dates: ages, the retirement age a participant reaches under the rising schedule of
//! PP 45/2015 Pasal 15, the last month a worker can still be registered, and month arithmetic
//! shared with the other benefit modules.

use crate::error::CalcError;
use crate::params::ParamSet;
use crate::trace::Ctx;
use jiff::ToSpan;
use jiff::civil::Date;

const RETIREMENT_AGE: &str = "jp.benefit.retirement_age";
const CUTOFF_MONTHS: &str = "jp.benefit.registration_cutoff_months";

/// Completed years of age on `date` (the birthday itself counts).
pub fn age_on(birth: Date, date: Date) -> i64 {
    let years = i64::from(date.year()) - i64::from(birth.year());
    if (date.month(), date.day()) < (birth.month(), birth.day()) {
        years - 1
    } else {
        years
    }
}

/// `date` plus whole years (29 February falls back to 28 February), or an error naming `field`.
pub fn add_years(date: Date, years: i64, field: &str) -> Result<Date, CalcError> {
    date.checked_add(years.years())
        .map_err(|_| CalcError::invalid(field, "the date is out of the supported range"))
}

/// `date` plus whole months (the day is clamped to the month's length).
pub fn add_months(date: Date, months: i64, field: &str) -> Result<Date, CalcError> {
    date.checked_add(months.months())
        .map_err(|_| CalcError::invalid(field, "the date is out of the supported range"))
}

/// The first day of the month after `date` (when monthly JP entitlements begin).
pub fn first_of_next_month(date: Date, field: &str) -> Result<Date, CalcError> {
    add_months(date.first_of_month(), 1, field)
}

/// `YYYY-MM` of a date.
pub fn month_text(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ages_count_the_birthday() {
        assert_eq!(age_on(date(1965, 7, 16), date(2023, 7, 15)), 57);
        assert_eq!(age_on(date(1965, 7, 16), date(2023, 7, 16)), 58);
        assert_eq!(month_text(date(2023, 6, 1)), "2023-06");
        assert_eq!(
            first_of_next_month(date(2023, 12, 31), "d").unwrap(),
            date(2024, 1, 1)
        );
    }
}
