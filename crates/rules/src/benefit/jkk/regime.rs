//! Which benefit levels apply to an accident or a death: PP 44/2015 (events from 1 Jul 2015) or
//! PP 82/2019 (events from 2 Dec 2019, the day it was promulgated and took force; regulations.md
//! Decisions 10). Shared by JKK, JKM and the scholarship. The switch date is itself a parameter
//! (`jkk_jkm.pp82_2019.in_force`), so the trace shows where it comes from.

use crate::error::CalcError;
use crate::money::Rupiah;
use crate::trace::{Ctx, Expr, Label};
use jiff::civil::Date;

/// The regulation whose JKK/JKM benefit levels apply to an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Regime {
    /// PP 44/2015 as first enacted (events 1 Jul 2015 – 1 Dec 2019).
    Pp44_2015,
    /// PP 44/2015 as amended by PP 82/2019 (events from 2 Dec 2019).
    Pp82_2019,
}

impl Regime {
    /// The `regime` value of a benefit result.
    pub fn label(self) -> &'static str {
        match self {
            Regime::Pp44_2015 => "PP 44/2015",
            Regime::Pp82_2019 => "PP 82/2019",
        }
    }

    /// The regime in force for an event (accident or death) on `event`.
    pub fn of(ctx: &mut Ctx<'_>, event: Date) -> Result<Regime, CalcError> {
        let switch = ctx.date("jkk_jkm.pp82_2019.in_force", event)?;
        let new = event >= switch;
        ctx.rule(
            Label::owned(
                format!("Peristiwa pada {event} ≥ {switch}: besaran manfaat PP 82/2019 berlaku"),
                format!("Event on {event} ≥ {switch}: the PP 82/2019 benefit levels apply"),
            ),
            new,
            Some("PP 82/2019 Pasal II"),
        );
        Ok(if new {
            Regime::Pp82_2019
        } else {
            Regime::Pp44_2015
        })
    }
}

/// `months × monthly` of a santunan berkala paid at once (both read from parameters), traced.
pub fn periodic_benefit(
    ctx: &mut Ctx<'_>,
    monthly_param: &str,
    months_param: &str,
    date: Date,
    citation: &'static str,
) -> Result<Rupiah, CalcError> {
    let monthly = ctx.rupiah(monthly_param, date)?;
    let months = ctx.count(months_param, date)?;
    let amount = monthly.times(months);
    ctx.formula(|| {
        (
            Label::new(
                "Santunan berkala, dibayar sekaligus",
                "Periodic benefit (santunan berkala), paid at once",
            ),
            Expr::new()
                .num(months)
                .op("×")
                .money(monthly)
                .op("=")
                .money(amount),
            Some(amount.get()),
            Some(citation),
        )
    });
    Ok(amount)
}

/// A flat amount read from a parameter, traced as a formula line of its own.
pub fn flat(
    ctx: &mut Ctx<'_>,
    param: &str,
    date: Date,
    label: Label,
    citation: &'static str,
) -> Result<Rupiah, CalcError> {
    let amount = ctx.rupiah(param, date)?;
    ctx.formula(|| {
        (
            label,
            Expr::new().money(amount),
            Some(amount.get()),
            Some(citation),
        )
    });
    Ok(amount)
}
