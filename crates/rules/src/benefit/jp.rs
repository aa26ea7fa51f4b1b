//! JP (Jaminan Pensiun) benefits, PP 45/2015: the old-age pension (MPHT) or, with under 15
//! years of contributions at retirement age, the lump sum; the disability pension (MPC); and
//! on death the widow/widower (MPJD), children's (MPA) or parent's (MPOT) pension.
//!
//! The formula benefit is 1 % × contribution months / 12 × average indexed monthly wage
//! (Pasal 17(2)). The minimum and maximum of Pasal 18 are applied to that formula benefit
//! *before* a survivor's share is taken (regulations.md Decisions 4); the trace says so.
//! `date` is the claim date for the old-age pension and the event date (death, determination
//! of total disability) otherwise.

mod schedule;
mod wage;

pub use schedule::{last_registration_month, retirement};

use crate::dates::{add_years, first_of_next_month, month_text};

use crate::error::CalcError;
use crate::input::{self, RawScenario, Survivors};
use crate::money::Rupiah;
use crate::rate::{PPB, Rate};
use crate::results::{BenefitResult, Component, Program, Reason};
use crate::rounding;
use crate::trace::{Ctx, Expr, Label};
use jiff::civil::Date;

const REGIME: &str = "PP 45/2015";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    OldAge,
    Disability,
    Death,
}

/// The scenario's JP fields, checked.
struct Request<'a> {
    date: Date,
    outcome: Outcome,
    birth: Date,
    contribution_months: i64,
    membership_months: i64,
    event_after_registration_months: Option<i64>,
    work_end: Option<Date>,
    raw: &'a RawScenario,
}

fn read(raw: &RawScenario) -> Result<Request<'_>, CalcError> {
    let date = input::date_field(&raw.date, "date")?;
    let outcome = match raw.outcome.as_deref() {
        Some("old_age") => Outcome::OldAge,
        Some("disability") => Outcome::Disability,
        Some("death") => Outcome::Death,
        Some(other) => {
            return Err(CalcError::invalid(
                "outcome",
                format!("{other:?} is not a JP outcome: old_age, disability or death"),
            ));
        }
        None => {
            return Err(CalcError::invalid(
                "outcome",
                "this field is required for JP: old_age, disability or death",
            ));
        }
    };
    let birth = input::date_field(&raw.birth_date, "birth_date")?;
    if birth >= date {
        return Err(CalcError::invalid("birth_date", "must be before the date"));
    }
    let contribution_months = input::required(&raw.contribution_months, "contribution_months")?;
    if contribution_months < 1 {
        return Err(CalcError::invalid(
            "contribution_months",
            "a JP participant has paid at least one month",
        ));
    }
    let membership_months = raw.membership_months.unwrap_or(contribution_months);
    if membership_months < contribution_months {
        return Err(CalcError::invalid(
            "membership_months",
            "cannot be fewer than contribution_months (months since registration include every month paid)",
        ));
    }
    if let Some(m) = raw.event_after_registration_months
        && m < 0
    {
        return Err(CalcError::invalid(
            "event_after_registration_months",
            "cannot be negative",
        ));
    }
    let work_end = raw
        .work_end
        .as_deref()
        .map(|t| input::parse_date(t, "work_end"))
        .transpose()?;
    Ok(Request {
        date,
        outcome,
        birth,
        contribution_months,
        membership_months,
        event_after_registration_months: raw.event_after_registration_months,
        work_end,
        raw,
    })
}

pub fn calculate(ctx: &mut Ctx<'_>, raw: &RawScenario) -> Result<BenefitResult, CalcError> {
    let req = read(raw)?;
    ctx.input("outcome", || serde_json::json!(raw.outcome));
    ctx.input("birth_date", || serde_json::json!(raw.birth_date));
    ctx.input("contribution_months", || {
        serde_json::json!(req.contribution_months)
    });
    ctx.input("membership_months", || {
        serde_json::json!(req.membership_months)
    });
    let (retirement_age, reached) = retirement(ctx, req.birth)?;
    let reached_text = reached.to_string();
    ctx.rule(
        Label::owned(
            format!("Usia pensiun {retirement_age} tahun dicapai pada {reached_text}"),
            format!("Retirement age {retirement_age} is reached on {reached_text}"),
        ),
        req.date >= reached,
        Some("PP 45/2015 Pasal 15"),
    );
    let mut result = BenefitResult {
        kind: "benefit",
        program: Program::Jp,
        date: req.date,
        eligible: true,
        reasons: Vec::new(),
        components: Vec::new(),
        total: Rupiah::ZERO,
        retirement_age: Some(retirement_age),
        regime: Some(REGIME),
    };
    match req.outcome {
        Outcome::OldAge => old_age(ctx, &req, reached, &mut result)?,
        Outcome::Disability => disability(ctx, &req, reached, &mut result)?,
        Outcome::Death => death(ctx, &req, reached, &mut result)?,
    }
    Ok(result.with_total())
}

fn refuse(result: &mut BenefitResult, reason: Reason) {
    result.eligible = false;
    result.reasons.push(reason);
}

fn old_age(
    ctx: &mut Ctx<'_>,
    req: &Request<'_>,
    reached: Date,
    result: &mut BenefitResult,
) -> Result<(), CalcError> {
    if req.date < reached {
        refuse(
            result,
            Reason::new(
                "before_retirement_age",
                format!("Usia pensiun baru tercapai pada {reached}"),
                format!("Retirement age is reached only on {reached}"),
            ),
        );
        return Ok(());
    }
    let min_months = ctx.count("jp.benefit.min_contribution_months", req.date)?;
    let full = req.contribution_months >= min_months;
    ctx.rule(
        Label::owned(
            format!("Masa iur {} ≥ {min_months} bulan", req.contribution_months),
            format!(
                "Contribution months {} ≥ {min_months}",
                req.contribution_months
            ),
        ),
        full,
        Some("PP 45/2015 Pasal 19(1), 24(1)"),
    );
    // The entitlement runs from the 1st of the month after retirement age (Pasal 19(3)); a
    // participant still employed may defer it to the end of work, at most 3 years (Pasal 15(4)).
    let mut start_after = reached;
    if let Some(end) = req.work_end
        && end > reached
    {
        let years = ctx.count("jp.benefit.deferral_max_years", reached)?;
        let latest = add_years(reached, years, "work_end")?;
        start_after = end.min(latest);
        ctx.rule(
            Label::new(
                "Pensiun ditunda sampai berhenti bekerja (paling lama 3 tahun)",
                "Pension deferred to the end of work (at most 3 years)",
            ),
            end <= latest,
            Some("PP 45/2015 Pasal 15(4)"),
        );
    }
    let from = first_of_next_month(start_after, "date")?;
    if !full {
        let amount = lump_sum(ctx, req)?;
        result.components.push(with_from(
            Component::new("lump_sum", amount),
            "participant",
            first_of_next_month(reached, "date")?,
        ));
        return Ok(());
    }
    let formula = formula_benefit(ctx, req, req.contribution_months)?;
    let monthly = clamp_min_max(ctx, formula, from, false)?;
    result.components.push(with_from(
        Component::new("monthly_pension", monthly),
        "participant",
        from,
    ));
    Ok(())
}

fn disability(
    ctx: &mut Ctx<'_>,
    req: &Request<'_>,
    reached: Date,
    result: &mut BenefitResult,
) -> Result<(), CalcError> {
    if req.date >= reached {
        refuse(
            result,
            Reason::new(
                "disability_after_retirement_age",
                "Cacat total tetap setelah usia pensiun: yang berlaku manfaat pensiun hari tua",
                "Total disability after retirement age: the old-age pension applies instead",
            ),
        );
        return Ok(());
    }
    let min_months = ctx.count("jp.benefit.min_contribution_months", req.date)?;
    let mut months = req.contribution_months;
    if months < min_months {
        let density_ok = density_holds(ctx, req)?;
        let after = match req.event_after_registration_months {
            Some(m) => m,
            None => {
                ctx.warn(crate::trace::Warning::Note(Label::new(
                    "event_after_registration_months tidak diisi: dianggap sama dengan membership_months",
                    "event_after_registration_months not given: taken as membership_months",
                )));
                req.membership_months
            }
        };
        let needed = ctx.count(
            "jp.benefit.disability_min_months_after_registration",
            req.date,
        )?;
        let event_ok = after >= needed;
        ctx.rule(
            Label::owned(
                format!("Kejadian {after} bulan setelah terdaftar (≥ {needed})"),
                format!("Event {after} months after registration (≥ {needed})"),
            ),
            event_ok,
            Some("PP 45/2015 Pasal 20(3)(b)"),
        );
        // Without both conditions the pension is computed on the actual months (Pasal 20(2));
        // the 15-year masa iur is a floor granted only when they hold (Pasal 20(3)).
        if density_ok && event_ok {
            months = min_months;
        }
        fifteen_year_rule(
            ctx,
            density_ok && event_ok,
            months,
            "PP 45/2015 Pasal 20(3)",
        );
    }
    let from = first_of_next_month(req.date, "date")?;
    let formula = formula_benefit(ctx, req, months)?;
    let monthly = clamp_min_max(ctx, formula, from, false)?;
    result.components.push(with_from(
        Component::new("monthly_pension", monthly),
        "participant",
        from,
    ));
    Ok(())
}

fn death(
    ctx: &mut Ctx<'_>,
    req: &Request<'_>,
    reached: Date,
    result: &mut BenefitResult,
) -> Result<(), CalcError> {
    let survivors = req.raw.survivors.clone().ok_or_else(|| {
        CalcError::invalid(
            "survivors",
            "required for death: {\"spouse\": true|false, \"children\": n, \"parents\": n}",
        )
    })?;
    ctx.input("survivors", || {
        serde_json::json!({"spouse": survivors.spouse, "children": survivors.children, "parents": survivors.parents})
    });
    if survivors.children < 0 || survivors.parents < 0 {
        return Err(CalcError::invalid(
            "survivors",
            "children and parents are counts (0 or more)",
        ));
    }
    let Some((beneficiary, share_param, citation)) = beneficiary(&survivors) else {
        refuse(
            result,
            Reason::new(
                "no_entitled_survivor",
                "Tidak ada janda/duda, anak, atau orang tua yang berhak",
                "No widow/widower, child or parent is entitled",
            ),
        );
        return Ok(());
    };
    if beneficiary == "children" {
        let max = ctx.count("jp.benefit.max_children", req.date)?;
        let limit = ctx.count("jp.benefit.child_age_limit", req.date)?;
        ctx.rule(
            Label::owned(
                format!("Paling banyak {max} anak berbagi manfaat pensiun anak, sampai usia {limit} tahun, bekerja, atau menikah"),
                format!("At most {max} children share the children's pension, until age {limit}, work or marriage"),
            ),
            survivors.children <= max,
            Some("PP 45/2015 Pasal 14(1)(c), 22(5)"),
        );
    }
    let min_months = ctx.count("jp.benefit.min_contribution_months", req.date)?;
    let before_retirement = req.date < reached;
    let mut months = req.contribution_months;
    if months < min_months {
        let rule_holds = if before_retirement {
            let needed = ctx.count("jp.benefit.survivor_min_membership_months", req.date)?;
            let member_ok = req.membership_months >= needed;
            ctx.rule(
                Label::owned(
                    format!("Kepesertaan {} bulan ≥ {needed}", req.membership_months),
                    format!("Membership {} months ≥ {needed}", req.membership_months),
                ),
                member_ok,
                Some("PP 45/2015 Pasal 21(3)(a)"),
            );
            let density_ok = density_holds(ctx, req)?;
            member_ok && density_ok
        } else {
            false
        };
        fifteen_year_rule(
            ctx,
            rule_holds,
            min_months,
            "PP 45/2015 Pasal 21(3), 22(3), 23(3)",
        );
        if !rule_holds {
            // Permenaker 29/2015 Pasal 26(2)-(3): without the conditions the survivor's benefit
            // is paid at once as accumulated contributions plus development. After retirement
            // age with under 15 years the participant's own lump sum (Pasal 24) passes on.
            let amount = lump_sum(ctx, req)?;
            result.components.push(with_from(
                Component::new("lump_sum", amount),
                beneficiary,
                first_of_next_month(req.date, "date")?,
            ));
            return Ok(());
        }
        months = min_months;
    }
    let from = first_of_next_month(req.date, "date")?;
    let formula = formula_benefit(ctx, req, months)?;
    let base = clamp_min_max(ctx, formula, from, true)?;
    let share = ctx.rate(share_param, req.date)?;
    let amount = share.of(base);
    ctx.formula(|| {
        (
            Label::owned(
                format!("Manfaat pensiun untuk {}", beneficiary_id(beneficiary)),
                format!("Pension for the {beneficiary}"),
            ),
            Expr::new()
                .money(base)
                .op("×")
                .rate(share)
                .op("=")
                .money(amount),
            Some(amount.get()),
            Some(citation),
        )
    });
    result.components.push(with_from(
        Component::new("monthly_pension", amount),
        beneficiary,
        from,
    ));
    Ok(())
}

/// Who receives the survivor's pension, the share parameter and its article (Pasal 21-23).
fn beneficiary(s: &Survivors) -> Option<(&'static str, &'static str, &'static str)> {
    if s.spouse {
        Some((
            "spouse",
            "jp.benefit.spouse_share",
            "PP 45/2015 Pasal 21(2)",
        ))
    } else if s.children > 0 {
        Some((
            "children",
            "jp.benefit.child_share",
            "PP 45/2015 Pasal 22(2)",
        ))
    } else if s.parents > 0 {
        Some((
            "parent",
            "jp.benefit.parent_share",
            "PP 45/2015 Pasal 23(2)",
        ))
    } else {
        None
    }
}

fn beneficiary_id(code: &str) -> &'static str {
    match code {
        "spouse" => "janda/duda",
        "children" => "anak",
        "parent" => "orang tua",
        _ => "peserta",
    }
}

fn with_from(mut c: Component, beneficiary: &'static str, from: Date) -> Component {
    c.beneficiary = Some(beneficiary);
    c.from = Some(month_text(from));
    c
}

/// Contribution density (months paid / months of membership) against the 80 % minimum.
fn density_holds(ctx: &mut Ctx<'_>, req: &Request<'_>) -> Result<bool, CalcError> {
    let min = ctx.rate("jp.benefit.min_density", req.date)?;
    // paid / member ≥ min  ⇔  paid × 10⁹ ≥ min × member (exact).
    let holds = i128::from(req.contribution_months) * i128::from(PPB)
        >= i128::from(min.ppb()) * i128::from(req.membership_months);
    let (paid, member) = (req.contribution_months, req.membership_months);
    ctx.rule(
        Label::owned(
            format!(
                "Kepadatan iuran {paid}/{member} bulan ≥ {}",
                min.to_percent_string_id()
            ),
            format!(
                "Contribution density {paid}/{member} months ≥ {}",
                min.to_percent_string()
            ),
        ),
        holds,
        Some("PP 45/2015 Pasal 20(3)(a), 21(3)(b)"),
    );
    Ok(holds)
}

fn fifteen_year_rule(ctx: &mut Ctx<'_>, holds: bool, months: i64, citation: &'static str) {
    ctx.rule(
        Label::owned(
            format!("Masa iur kurang dari 15 tahun: dihitung {months} bulan bila syarat terpenuhi"),
            format!(
                "Under 15 years of contributions: {months} months are used when the conditions hold"
            ),
        ),
        holds,
        Some(citation),
    );
}

/// 1 % × months / 12 × average indexed monthly wage, rounded half up (Pasal 17(2)).
fn formula_benefit(ctx: &mut Ctx<'_>, req: &Request<'_>, months: i64) -> Result<Rupiah, CalcError> {
    let raw = req.raw;
    let wage = match (raw.average_indexed_wage, &raw.wage_history) {
        (Some(_), Some(_)) => {
            return Err(CalcError::invalid(
                "wage_history",
                "give either average_indexed_wage or wage_history, not both",
            ));
        }
        (Some(w), None) => Rupiah(input::positive_money(Some(w), "average_indexed_wage")?),
        (None, Some(history)) => wage::average_indexed(ctx, history, i64::from(req.date.year()))?,
        (None, None) => {
            return Err(CalcError::invalid(
                "average_indexed_wage",
                "the pension formula needs average_indexed_wage or wage_history",
            ));
        }
    };
    let accrual = ctx.rate("jp.benefit.accrual_rate", req.date)?;
    let amount = rounding::half_up(
        i128::from(wage.get()) * i128::from(months) * i128::from(accrual.ppb()),
        12 * i128::from(PPB),
    );
    ctx.formula(|| {
        (
            Label::new("Formula manfaat pensiun", "Pension formula benefit"),
            Expr::new()
                .rate(accrual)
                .op("×")
                .num(months)
                .op("/ 12 ×")
                .money(wage)
                .op("=")
                .money(amount),
            Some(amount.get()),
            Some("PP 45/2015 Pasal 17(2)"),
        )
    });
    Ok(amount)
}

/// The formula benefit held within the minimum and maximum in force when the entitlement
/// starts (Pasal 18), before any survivor's share (Decisions 4).
fn clamp_min_max(
    ctx: &mut Ctx<'_>,
    formula: Rupiah,
    from: Date,
    survivor: bool,
) -> Result<Rupiah, CalcError> {
    let min = ctx.rupiah("jp.benefit.minimum", from)?;
    let max = ctx.rupiah("jp.benefit.maximum", from)?;
    let clamped = formula.max(min).min(max);
    ctx.formula(|| {
        (
            if survivor {
                Label::new(
                    "Batas paling sedikit dan paling banyak diterapkan pada formula manfaat, sebelum porsi ahli waris (keputusan 4)",
                    "Minimum and maximum applied to the formula benefit, before the survivor's share (Decisions 4)",
                )
            } else {
                Label::new(
                    "Batas paling sedikit dan paling banyak manfaat pensiun",
                    "Minimum and maximum monthly pension",
                )
            },
            Expr::new()
                .op("min(max(")
                .money(formula)
                .op(",")
                .money(min)
                .op("),")
                .money(max)
                .op(")")
                .op("=")
                .money(clamped),
            Some(clamped.get()),
            Some("PP 45/2015 Pasal 18"),
        )
    });
    Ok(clamped)
}

/// Accumulated contributions plus development (Pasal 24): the development is not published,
/// so it is a parameter the caller must supply (`"0%"` gives the contributions alone).
fn lump_sum(ctx: &mut Ctx<'_>, req: &Request<'_>) -> Result<Rupiah, CalcError> {
    let paid = Rupiah(input::positive_money(
        req.raw.contributions_total,
        "contributions_total",
    )?);
    let share: Rate = ctx.rate("jp.benefit.lump_sum_development_share", req.date)?;
    let development = share.of(paid);
    let amount = paid + development;
    ctx.formula(|| {
        (
            Label::new(
                "Manfaat sekaligus: akumulasi iuran + hasil pengembangan",
                "Lump sum: accumulated contributions + development",
            ),
            Expr::new()
                .money(paid)
                .op("+")
                .money(paid)
                .op("×")
                .rate(share)
                .op("=")
                .money(amount),
            Some(amount.get()),
            Some("PP 45/2015 Pasal 24; Permenaker 29/2015 Pasal 26(2)-(3)"),
        )
    });
    Ok(amount)
}
