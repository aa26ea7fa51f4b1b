//! JKP (Jaminan Kehilangan Pekerjaan) cash benefit on termination (PHK). `date` is the
//! termination date and chooses the regime (regulations.md Decisions 10): PP 37/2021 from
//! 2 Feb 2021 (claims from 1 Feb 2022): 45 % × 3 months then 25 % × 3 months, with 12 of the
//! last 24 months contributed and 6 consecutive; PP 6/2025 from 7 Feb 2025: 60 % × 6 months,
//! 12 of the last 24 months, cumulative. The wage is capped at Rp5,000,000. Resignation, total
//! disability, retirement and death do not qualify; a fixed-term contract (PKWT) qualifies
//! only when it was ended early.

use crate::error::CalcError;
use crate::input::{self, RawScenario};
use crate::money::Rupiah;
use crate::results::{BenefitResult, Component, MonthlyPayment, Program, Reason};
use crate::trace::{Ctx, Expr, Label};
use jiff::civil::Date;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ground {
    Termination,
    ContractEndEarly,
    ContractEnd,
    Resignation,
    Retirement,
    Death,
    TotalDisability,
}

impl Ground {
    fn parse(text: &str) -> Option<Ground> {
        Some(match text {
            "termination" => Ground::Termination,
            "contract_end_early" => Ground::ContractEndEarly,
            "contract_end" => Ground::ContractEnd,
            "resignation" => Ground::Resignation,
            "retirement" => Ground::Retirement,
            "death" => Ground::Death,
            "total_disability" => Ground::TotalDisability,
            _ => return None,
        })
    }
}

/// The first termination date of PP 6/2025; a label only, the rules come from parameters.
const PP_6_2025: Date = Date::constant(2025, 2, 7);

pub fn calculate(ctx: &mut Ctx<'_>, raw: &RawScenario) -> Result<BenefitResult, CalcError> {
    let date = input::date_field(&raw.date, "date")?;
    let wage = Rupiah(input::positive_money(raw.wage, "wage")?);
    let reason_text = input::required(&raw.reason, "reason")?;
    let ground = Ground::parse(&reason_text).ok_or_else(|| {
        CalcError::invalid(
            "reason",
            format!(
                "{reason_text:?} is not a JKP reason: termination, contract_end_early, contract_end, resignation, retirement, death or total_disability"
            ),
        )
    })?;
    let months_24 = input::required(
        &raw.contribution_months_last_24,
        "contribution_months_last_24",
    )?;
    if !(0..=24).contains(&months_24) {
        return Err(CalcError::invalid(
            "contribution_months_last_24",
            "a count of months between 0 and 24",
        ));
    }
    if let Some(c) = raw.consecutive_months
        && (c < 0 || c.min(24) > months_24)
    {
        return Err(CalcError::invalid(
            "consecutive_months",
            "cannot be negative, nor more than contribution_months_last_24 (within the window)",
        ));
    }
    ctx.input("wage", || serde_json::json!(wage.get()));
    ctx.input("reason", || serde_json::json!(reason_text));
    ctx.input("contribution_months_last_24", || {
        serde_json::json!(months_24)
    });
    ctx.input("consecutive_months", || {
        serde_json::json!(raw.consecutive_months)
    });

    let mut result = BenefitResult {
        kind: "benefit",
        program: Program::Jkp,
        date,
        eligible: true,
        reasons: Vec::new(),
        components: Vec::new(),
        total: Rupiah::ZERO,
        retirement_age: None,
        regime: None,
    };
    let in_force = ctx.flag("jkp.benefit.program_in_force", date)?;
    if !in_force {
        result.eligible = false;
        result.reasons.push(Reason::new(
            "no_jkp_program",
            "Program JKP belum ada pada tanggal PHK (PP 37/2021 berlaku 2 Februari 2021)",
            "JKP did not exist on the termination date (PP 37/2021 began on 2 Feb 2021)",
        ));
        return Ok(result.with_total());
    }
    result.regime = Some(if date >= PP_6_2025 {
        "PP 6/2025"
    } else {
        "PP 37/2021"
    });
    let first_claim = ctx.date("jkp.benefit.first_claim_date", date)?;
    if date < first_claim {
        result.reasons.push(Reason::new(
            "before_first_claim_date",
            format!("Manfaat JKP baru dapat diajukan untuk PHK sejak {first_claim}"),
            format!("JKP cash is payable only for terminations from {first_claim}"),
        ));
    }
    if let Some(reason) = excluded(ground) {
        result.reasons.push(reason);
    }
    ctx.rule(
        Label::new(
            "Alasan PHK memenuhi syarat (bukan mengundurkan diri, cacat total tetap, pensiun, meninggal, atau PKWT yang berakhir sesuai jangka waktu)",
            "The reason qualifies (not resignation, total disability, retirement, death, or a PKWT that ran its term)",
        ),
        excluded(ground).is_none(),
        Some("PP 37/2021 Pasal 20"),
    );

    let needed = ctx.count("jkp.benefit.min_contribution_months", date)?;
    let window = ctx.count("jkp.benefit.window_months", date)?;
    let enough = months_24 >= needed;
    ctx.rule(
        Label::owned(
            format!("Iuran {months_24} bulan dalam {window} bulan terakhir ≥ {needed}"),
            format!("{months_24} months contributed in the last {window} ≥ {needed}"),
        ),
        enough,
        Some("PP 37/2021 Pasal 19(3); PP 6/2025"),
    );
    if !enough {
        result.reasons.push(Reason::new(
            "too_few_contribution_months",
            format!("Iuran {months_24} bulan dalam {window} bulan terakhir, perlu {needed}"),
            format!("{months_24} months contributed in the last {window}, {needed} needed"),
        ));
    }
    let consecutive_needed = ctx.count("jkp.benefit.min_consecutive_months", date)?;
    if consecutive_needed > 0 {
        let consecutive = raw.consecutive_months.ok_or_else(|| {
            CalcError::invalid(
                "consecutive_months",
                "required for a termination before 7 Feb 2025 (PP 37/2021 asks for consecutive months)",
            )
        })?;
        let holds = consecutive >= consecutive_needed;
        ctx.rule(
            Label::owned(
                format!("{consecutive} bulan berturut-turut sebelum PHK ≥ {consecutive_needed}"),
                format!(
                    "{consecutive} consecutive months before termination ≥ {consecutive_needed}"
                ),
            ),
            holds,
            Some("PP 37/2021 Pasal 19(3)"),
        );
        if !holds {
            result.reasons.push(Reason::new(
                "too_few_consecutive_months",
                format!("{consecutive} bulan berturut-turut, perlu {consecutive_needed}"),
                format!("{consecutive} consecutive months, {consecutive_needed} needed"),
            ));
        }
    }
    if !result.reasons.is_empty() {
        result.eligible = false;
        return Ok(result.with_total());
    }

    let cap = ctx.rupiah("jkp.benefit.wage_cap", date)?;
    let base = wage.min(cap);
    ctx.formula(|| {
        (
            Label::new("Upah dasar manfaat JKP", "JKP benefit wage"),
            Expr::new()
                .op("min(")
                .money(wage)
                .op(",")
                .money(cap)
                .op(")")
                .op("=")
                .money(base),
            Some(base.get()),
            Some("PP 37/2021 Pasal 21(2)"),
        )
    });
    let table = ctx.rate_table("jkp.benefit.monthly_rates", date)?;
    let mut schedule = Vec::with_capacity(table.len());
    for (key, rate) in &table {
        let month: i64 = key.parse().map_err(|_| CalcError::MissingParameter {
            parameter: "jkp.benefit.monthly_rates".to_owned(),
            date,
            message: format!("key {key:?} is not a month number"),
        })?;
        schedule.push((month, *rate));
    }
    schedule.sort_by_key(|(m, _)| *m);
    let mut months = Vec::with_capacity(schedule.len());
    for (month, rate) in schedule {
        let amount = rate.of(base);
        ctx.formula(|| {
            (
                Label::owned(format!("Bulan ke-{month}"), format!("Month {month}")),
                Expr::new()
                    .money(base)
                    .op("×")
                    .rate(rate)
                    .op("=")
                    .money(amount),
                Some(amount.get()),
                Some("PP 37/2021 Pasal 21, diubah PP 6/2025"),
            )
        });
        months.push(MonthlyPayment { month, amount });
    }
    let total: Rupiah = months.iter().map(|m| m.amount).sum();
    let claim_months = ctx.count("jkp.benefit.claim_window_months", date)?;
    ctx.rule(
        Label::owned(
            format!("Klaim diajukan paling lama {claim_months} bulan sejak PHK"),
            format!("The claim must be filed within {claim_months} months of termination"),
        ),
        true,
        Some("PP 37/2021 Pasal 40, diubah PP 6/2025"),
    );
    let mut component = Component::new("jkp_cash", total);
    component.months = Some(months);
    component.beneficiary = Some("participant");
    result.components.push(component);
    Ok(result.with_total())
}

fn excluded(ground: Ground) -> Option<Reason> {
    let (code, id, en) = match ground {
        Ground::Termination | Ground::ContractEndEarly => return None,
        Ground::ContractEnd => (
            "contract_ran_its_term",
            "PKWT berakhir sesuai jangka waktunya: hanya PKWT yang diakhiri sebelum waktunya yang berhak",
            "The fixed-term contract ran its term: only a PKWT ended early qualifies",
        ),
        Ground::Resignation => (
            "excluded_reason",
            "Mengundurkan diri tidak berhak atas JKP",
            "Resignation does not qualify for JKP",
        ),
        Ground::Retirement => (
            "excluded_reason",
            "Pensiun tidak berhak atas JKP",
            "Retirement does not qualify for JKP",
        ),
        Ground::Death => (
            "excluded_reason",
            "Meninggal dunia tidak berhak atas JKP",
            "Death does not qualify for JKP",
        ),
        Ground::TotalDisability => (
            "excluded_reason",
            "Cacat total tetap tidak berhak atas JKP",
            "Total disability does not qualify for JKP",
        ),
    };
    Some(Reason::new(code, id, en))
}
