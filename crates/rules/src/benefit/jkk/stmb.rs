//! STMB (Sementara Tidak Mampu Bekerja): the wage paid while a worker cannot work after a work
//! accident. Shares by month of incapacity come from `jkk.stmb.schedule` (PP 82/2019: 100 % for
//! 12 months, then 50 %; PP 44/2015: 100 % for 6, 75 % for 6, then 50 %). Each month pays
//! `share × monthly wage`, rounded half up. `per_day` is the first month's share of the wage
//! divided by `jkk.stmb.days_per_month` (30: the published example gives about Rp33,000 a day
//! at Rp1,000,000), rounded half up (Decisions 8). For PU the agency pays the employer, which
//! pays the worker; a BPU participant is paid directly.

use crate::error::CalcError;
use crate::money::Rupiah;
use crate::rate::{PPB, Rate};
use crate::results::{Component, MonthlyPayment, Segment};
use crate::rounding;
use crate::trace::{Ctx, Expr, Label};
use jiff::civil::Date;

/// The share for each month 1..=n, from a table keyed by the first month a share applies.
fn shares(
    table: &std::collections::BTreeMap<String, Rate>,
    date: Date,
) -> Result<Vec<(i64, Rate)>, CalcError> {
    let mut steps = Vec::with_capacity(table.len());
    for (k, r) in table {
        let from: i64 = k.parse().map_err(|_| CalcError::MissingParameter {
            parameter: "jkk.stmb.schedule".to_owned(),
            date,
            message: format!("key {k:?} is not a month number"),
        })?;
        steps.push((from, *r));
    }
    steps.sort_by_key(|(from, _)| *from);
    if steps.first().map(|(f, _)| *f) != Some(1) {
        return Err(CalcError::MissingParameter {
            parameter: "jkk.stmb.schedule".to_owned(),
            date,
            message: "the schedule must start at month 1".to_owned(),
        });
    }
    Ok(steps)
}

fn share_for(steps: &[(i64, Rate)], month: i64) -> Rate {
    steps
        .iter()
        .rev()
        .find(|(from, _)| *from <= month)
        .map_or(Rate::ZERO, |(_, r)| *r)
}

pub(super) fn stmb(
    ctx: &mut Ctx<'_>,
    date: Date,
    segment: Segment,
    wage: Rupiah,
    months: i64,
    citation: &'static str,
) -> Result<Component, CalcError> {
    let table = ctx.rate_table("jkk.stmb.schedule", date)?;
    let steps = shares(&table, date)?;
    let days = ctx.count("jkk.stmb.days_per_month", date)?;
    if days <= 0 {
        return Err(CalcError::MissingParameter {
            parameter: "jkk.stmb.days_per_month".to_owned(),
            date,
            message: "must be a positive number of days".to_owned(),
        });
    }
    let payments: Vec<MonthlyPayment> = (1..=months)
        .map(|m| MonthlyPayment {
            month: m,
            amount: share_for(&steps, m).of(wage),
        })
        .collect();
    let total: Rupiah = payments.iter().map(|p| p.amount).sum();
    let first = share_for(&steps, 1);
    let per_day = rounding::half_up(
        i128::from(wage.get()) * i128::from(first.ppb()),
        i128::from(PPB) * i128::from(days),
    );
    // One formula line per stretch of months at the same share.
    for (i, (from, rate)) in steps.iter().enumerate() {
        if *from > months {
            break;
        }
        let to = steps
            .get(i + 1)
            .map_or(months, |(next, _)| (*next - 1).min(months));
        let (from, rate) = (*from, *rate);
        let count = to - from + 1;
        let each = rate.of(wage);
        ctx.formula(|| {
            (
                Label::owned(
                    format!("STMB bulan {from}–{to}"),
                    format!("STMB months {from}–{to}"),
                ),
                Expr::new()
                    .num(count)
                    .op("×")
                    .rate(rate)
                    .op("×")
                    .money(wage)
                    .op("=")
                    .money(each.times(count)),
                Some(each.times(count).get()),
                Some(citation),
            )
        });
    }
    ctx.formula(|| {
        (
            Label::new("STMB per hari", "STMB per day"),
            Expr::new()
                .rate(first)
                .op("×")
                .money(wage)
                .op("÷")
                .num(days)
                .op("=")
                .money(per_day),
            Some(per_day.get()),
            Some("regulations.md Decisions 8; §8 example 10"),
        )
    });
    let mut component = Component::new("stmb", total);
    component.months = Some(payments);
    component.per_day = Some(per_day);
    component.beneficiary = Some(match segment {
        Segment::Bpu => "participant",
        _ => "employer",
    });
    Ok(component)
}
