//! JKM (Jaminan Kematian): cash for the heirs of a participant who dies other than by a work
//! accident: lump sum, periodic benefit paid at once, funeral cost, and the scholarship when the
//! participant had contributed long enough (36 months under PP 82/2019; 5 years under PP
//! 44/2015). Levels follow the death date. Same amounts for every segment. regulations.md §3.2.

use super::jkk::regime::{Regime, flat, periodic_benefit};
use crate::benefit::scholarship;
use crate::error::CalcError;
use crate::input::{RawScenario, date_field, required};
use crate::money::Rupiah;
use crate::results::{BenefitResult, Component, Program, Reason, Segment};
use crate::trace::{Ctx, Label};

fn cite(regime: Regime) -> &'static str {
    match regime {
        Regime::Pp44_2015 => "PP 44/2015 Pasal 34",
        Regime::Pp82_2019 => "PP 44/2015 Pasal 34 as amended by PP 82/2019",
    }
}

pub fn calculate(ctx: &mut Ctx<'_>, raw: &RawScenario) -> Result<BenefitResult, CalcError> {
    let date = date_field(&raw.date, "date")?;
    let text = required(&raw.segment, "segment")?;
    let segment = Segment::parse(&text).ok_or_else(|| {
        CalcError::invalid(
            "segment",
            format!("{text:?} is not a segment: PU, BPU, JAKON or PMI"),
        )
    })?;
    let membership = required(&raw.membership_months, "membership_months")?;
    if membership < 0 {
        return Err(CalcError::invalid(
            "membership_months",
            "the months of contributions paid are a whole number ≥ 0",
        ));
    }
    let children = match &raw.children {
        Some(list) => Some(scholarship::parse_children(list, date)?),
        None => None,
    };
    ctx.input("date", || serde_json::json!(date.to_string()));
    ctx.input("segment", || serde_json::json!(segment.code()));
    ctx.input("membership_months", || serde_json::json!(membership));
    let regime = Regime::of(ctx, date)?;
    let citation = cite(regime);
    let mut components = Vec::new();
    let mut reasons = Vec::new();
    let lump = flat(
        ctx,
        "jkm.lump_sum",
        date,
        Label::new("Santunan kematian sekaligus", "Lump-sum death benefit"),
        citation,
    )?;
    components.push(Component::new("death_lump_sum", lump));
    let periodic = periodic_benefit(
        ctx,
        "jkm.periodic_monthly",
        "jkm.periodic_months",
        date,
        citation,
    )?;
    components.push(Component::new("periodic_benefit", periodic));
    let funeral = flat(
        ctx,
        "jkm.funeral",
        date,
        Label::new("Biaya pemakaman", "Funeral cost"),
        citation,
    )?;
    components.push(Component::new("funeral", funeral));

    if let Some(children) = children.filter(|c| !c.is_empty()) {
        let min = ctx.count("scholarship.jkm_min_membership_months", date)?;
        let enough = membership >= min;
        ctx.rule(
            Label::owned(
                format!("Masa iur {membership} bulan ≥ {min} bulan yang disyaratkan untuk beasiswa JKM"),
                format!("Membership of {membership} months ≥ the {min} months the JKM scholarship requires"),
            ),
            enough,
            Some(citation),
        );
        if enough {
            let out = scholarship::calculate(ctx, regime, date, &children)?;
            components.extend(out.component);
            reasons.extend(out.reasons);
        } else {
            reasons.push(Reason::new(
                "scholarship_membership_too_short",
                format!("Beasiswa JKM mensyaratkan masa iur paling sedikit {min} bulan; peserta baru {membership} bulan"),
                format!("The JKM scholarship requires at least {min} months of contributions; the participant had {membership}"),
            ));
        }
    }
    Ok(BenefitResult {
        kind: "benefit",
        program: Program::Jkm,
        date,
        eligible: true,
        reasons,
        components,
        total: Rupiah::ZERO,
        retirement_age: None,
        regime: Some(regime.label()),
    }
    .with_total())
}
