//! The average indexed monthly wage of the JP formula (PP 45/2015 Pasal 17(2)-(3)): each year's
//! monthly wage is carried forward to the claim year as a future value with general (BPS)
//! inflation as the compounding factor, as the article's official explanation says.
//!
//! Method (a documented project choice; the agency's worksheet is not public):
//! * a wage of year `y` is multiplied by (1 + inflation of `y`) × … × (1 + inflation of `Y-1`),
//!   where `Y` is the claim (or event) year; a wage of year `Y` is taken as it is;
//! * each `wage_history` entry is one year and weighs the same (the contract gives no months
//!   per year), so the average is the plain mean of the indexed monthly wages;
//! * products are held in nano-rupiah and the average is rounded half up to whole rupiah once.
//!
//! The entries are the wages JP contributions were paid on, that is already capped at the JP
//! wage cap of their time; the engine does not cap them again.

use crate::error::CalcError;
use crate::input::YearWage;
use crate::money::Rupiah;
use crate::rate::PPB;
use crate::rounding;
use crate::trace::{Ctx, Expr, Label};
use jiff::civil::Date;

/// The first year a JP contribution could be paid (the program began on 1 July 2015).
const FIRST_JP_YEAR: i64 = 2015;

/// The average indexed monthly wage of `history`, indexed to `claim_year`.
pub fn average_indexed(
    ctx: &mut Ctx<'_>,
    history: &[YearWage],
    claim_year: i64,
) -> Result<Rupiah, CalcError> {
    if history.is_empty() {
        return Err(CalcError::invalid(
            "wage_history",
            "give at least one year, or average_indexed_wage",
        ));
    }
    let mut seen = Vec::with_capacity(history.len());
    let mut sum_nano: i128 = 0;
    for (i, entry) in history.iter().enumerate() {
        let field = |f: &str| format!("wage_history[{i}].{f}");
        if entry.year < FIRST_JP_YEAR || entry.year > claim_year {
            return Err(CalcError::invalid(
                field("year"),
                format!(
                    "{} is outside the JP contribution years {FIRST_JP_YEAR}..{claim_year}",
                    entry.year
                ),
            ));
        }
        if seen.contains(&entry.year) {
            return Err(CalcError::invalid(
                field("year"),
                format!("{} appears twice", entry.year),
            ));
        }
        seen.push(entry.year);
        if entry.monthly_wage <= 0 {
            return Err(CalcError::invalid(
                field("monthly_wage"),
                "monthly_wage must be a positive whole number of rupiah",
            ));
        }
        let mut nano = i128::from(entry.monthly_wage) * i128::from(PPB);
        for year in entry.year..claim_year {
            let name = format!("jp.benefit.inflation.{year}");
            let start = Date::new(
                i16::try_from(year)
                    .map_err(|_| CalcError::invalid(field("year"), "out of range"))?,
                1,
                1,
            )
            .map_err(|_| CalcError::invalid(field("year"), "out of range"))?;
            let inflation = ctx.rate(&name, start)?;
            nano = rounding::half_up_fine(
                nano * i128::from(inflation.one_plus().ppb()),
                i128::from(PPB),
            );
        }
        sum_nano += nano;
        let indexed = rounding::half_up(nano, i128::from(PPB));
        let (from_year, wage) = (entry.year, Rupiah(entry.monthly_wage));
        ctx.formula(|| {
            (
                Label::owned(
                    format!("Upah {from_year} disesuaikan dengan inflasi sampai {claim_year}"),
                    format!("Wage of {from_year} indexed with inflation to {claim_year}"),
                ),
                Expr::new()
                    .money(wage)
                    .op("×")
                    .text("Π (1 + inflasi tahunan)", "Π (1 + yearly inflation)")
                    .op("=")
                    .money(indexed),
                Some(indexed.get()),
                Some("PP 45/2015 Pasal 17(3) dan penjelasannya"),
            )
        });
    }
    let n = i128::try_from(history.len()).unwrap_or(i128::MAX);
    let average = rounding::half_up(sum_nano, n * i128::from(PPB));
    let count = i64::try_from(history.len()).unwrap_or(i64::MAX);
    ctx.formula(|| {
        (
            Label::new(
                "Rata-rata upah bulanan tertimbang",
                "Average indexed monthly wage",
            ),
            Expr::new()
                .text("jumlah upah tertimbang", "sum of indexed wages")
                .op("/")
                .num(count)
                .op("=")
                .money(average),
            Some(average.get()),
            Some("PP 45/2015 Pasal 17(2)"),
        )
    });
    Ok(average)
}
