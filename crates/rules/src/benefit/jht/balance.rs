//! Crediting JHT contributions with the development rates (hasil pengembangan), under the
//! convention the parameter `jht.crediting.monthly_compounding` selects (regulations.md
//! Decisions 3):
//!
//! * **yearly** (default): in each calendar year the opening balance earns the year's rate for
//!   the months elapsed, and each contribution earns it pro rata for the months it was held,
//!   counting its own month (a contribution for month `m` is held `13 - m` months of a full
//!   year); the development is added at the year end, so the balance compounds yearly. In the
//!   claim year the count stops before the claim month. This reproduces 15,804,319 for
//!   regulations.md §8 example 16;
//! * **monthly**: contributions are deposited at the end of their month and the balance earns
//!   the year's rate / 12 every month after (15,785,524 for example 16).
//!
//! The balance is held in nano-rupiah and rounded half up to rupiah once, when it is paid
//! (Decisions 8: round per payment). A year's rate is looked up only when something earns it,
//! so a claim in January does not need the rate of the year just begun.

use crate::error::CalcError;
use crate::money::Rupiah;
use crate::rate::{PPB, Rate};
use crate::rounding;
use crate::trace::{Ctx, Expr, Label};
use jiff::civil::Date;

/// One contribution: the first day of its month and its amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Deposit {
    pub month: Date,
    pub amount: Rupiah,
}

/// The credited balance on the claim date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Credited {
    pub contributions: Rupiah,
    pub development: Rupiah,
    pub balance: Rupiah,
}

const NANO: i128 = PPB as i128;

fn rate_of_year(ctx: &mut Ctx<'_>, year: i16) -> Result<Rate, CalcError> {
    let start = Date::new(year, 1, 1)
        .map_err(|_| CalcError::invalid("contributions", "a year out of range"))?;
    ctx.rate(&format!("jht.development_rate.{year}"), start)
}

/// Credits `deposits` (any order) up to `date`. Every deposit month must be on or before the
/// month of `date` (the caller checks and names the row).
pub fn credit(ctx: &mut Ctx<'_>, deposits: &[Deposit], date: Date) -> Result<Credited, CalcError> {
    let monthly = ctx.flag("jht.crediting.monthly_compounding", date)?;
    let mut sorted = deposits.to_vec();
    sorted.sort_by_key(|d| d.month);
    let contributions: Rupiah = sorted.iter().map(|d| d.amount).sum();
    let balance_nano = if monthly {
        monthly_compounding(ctx, &sorted, date)?
    } else {
        yearly(ctx, &sorted, date)?
    };
    let balance = rounding::half_up(balance_nano, NANO);
    let development = balance - contributions;
    ctx.formula(|| {
        (
            Label::new(
                "Saldo JHT = iuran + hasil pengembangan",
                "JHT balance = contributions + development",
            ),
            Expr::new()
                .money(contributions)
                .op("+")
                .money(development)
                .op("=")
                .money(balance),
            Some(balance.get()),
            Some("PP 46/2015"),
        )
    });
    Ok(Credited {
        contributions,
        development,
        balance,
    })
}

fn yearly(ctx: &mut Ctx<'_>, deposits: &[Deposit], date: Date) -> Result<i128, CalcError> {
    let Some(first) = deposits.first() else {
        return Ok(0);
    };
    let claim_month = i64::from(date.month());
    let mut balance: i128 = 0;
    for year in first.month.year()..=date.year() {
        // Months counted this year run up to `end` (exclusive, 1-based): all twelve in a past
        // year, those before the claim month in the claim year.
        let end = if year < date.year() { 13 } else { claim_month };
        let in_year: Vec<&Deposit> = deposits.iter().filter(|d| d.month.year() == year).collect();
        let opening = balance;
        // Σ amount × months held, in nano-rupiah-months.
        let held: i128 = in_year
            .iter()
            .map(|d| {
                let months = (end - i64::from(d.month.month())).max(0);
                i128::from(d.amount.get()) * NANO * i128::from(months)
            })
            .sum();
        let weight = opening * i128::from(end - 1) + held;
        let deposited: i128 = in_year
            .iter()
            .map(|d| i128::from(d.amount.get()) * NANO)
            .sum();
        let mut development = 0;
        if weight != 0 {
            let rate = rate_of_year(ctx, year)?;
            development = rounding::half_up_fine(weight * i128::from(rate.ppb()), 12 * NANO);
            let (open_rp, dev_rp) = (
                rounding::half_up(opening, NANO),
                rounding::half_up(development, NANO),
            );
            let months_open = end - 1;
            ctx.formula(|| {
                (
                    Label::owned(
                        format!("Hasil pengembangan JHT {year}"),
                        format!("JHT development {year}"),
                    ),
                    Expr::new()
                        .money(open_rp)
                        .op("×")
                        .rate(rate)
                        .op("×")
                        .num(months_open)
                        .op("/ 12 +")
                        .text(
                            "iuran tahun ini × tarif × bulan tersimpan / 12",
                            "this year's contributions × rate × months held / 12",
                        )
                        .op("=")
                        .money(dev_rp),
                    Some(dev_rp.get()),
                    Some("keputusan 3 (regulations.md): pengkreditan tahunan pro rata"),
                )
            });
        }
        balance = opening + deposited + development;
    }
    Ok(balance)
}

fn monthly_compounding(
    ctx: &mut Ctx<'_>,
    deposits: &[Deposit],
    date: Date,
) -> Result<i128, CalcError> {
    let Some(first) = deposits.first() else {
        return Ok(0);
    };
    let claim_month = date.first_of_month();
    let mut month = first.month;
    let mut balance: i128 = 0;
    let mut year_development: i128 = 0;
    let mut rate: Option<(i16, Rate)> = None;
    while month <= claim_month {
        // Interest for this month on what was deposited before it; none in the claim month.
        if month < claim_month && balance != 0 {
            let r = match rate {
                Some((y, r)) if y == month.year() => r,
                _ => {
                    let r = rate_of_year(ctx, month.year())?;
                    rate = Some((month.year(), r));
                    r
                }
            };
            let interest = rounding::half_up_fine(balance * i128::from(r.ppb()), 12 * NANO);
            balance += interest;
            year_development += interest;
        }
        balance += deposits
            .iter()
            .filter(|d| d.month == month)
            .map(|d| i128::from(d.amount.get()) * NANO)
            .sum::<i128>();
        let next = crate::dates::first_of_next_month(month, "contributions")?;
        if next.year() != month.year() || next > claim_month {
            let (year, dev) = (month.year(), rounding::half_up(year_development, NANO));
            if year_development != 0 {
                ctx.formula(|| {
                    (
                        Label::owned(
                            format!("Hasil pengembangan JHT {year} (bulanan)"),
                            format!("JHT development {year} (monthly compounding)"),
                        ),
                        Expr::new()
                            .text(
                                "Σ saldo bulanan × tarif / 12",
                                "Σ monthly balance × rate / 12",
                            )
                            .op("=")
                            .money(dev),
                        Some(dev.get()),
                        Some("keputusan 3 (regulations.md): alternatif bulanan"),
                    )
                });
            }
            year_development = 0;
        }
        month = next;
    }
    Ok(balance)
}
