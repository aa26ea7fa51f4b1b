//! JKK (Jaminan Kecelakaan Kerja) cash benefits for a work accident: death, permanent total or
//! partial disability, temporary incapacity (STMB), and the scholarship for the children of a
//! participant who dies or is totally disabled (no minimum membership on the JKK route).
//! Benefit levels follow the accident date (PP 44/2015, or PP 82/2019 from 2 Dec 2019);
//! "wage" is the reported wage (PU, JAKON) or the declared income (BPU). regulations.md §3.1.

pub mod regime;
mod stmb;

use crate::benefit::scholarship;
use crate::error::CalcError;
use crate::input::{RawScenario, date_field, percent_field, positive_money, required};
use crate::money::Rupiah;
use crate::params::{Period, Value};
use crate::rate::{PPB, Rate};
use crate::results::{BenefitResult, Component, Program, Reason, Segment};
use crate::rounding;
use crate::trace::{Ctx, Expr, Label};
use jiff::civil::Date;
use regime::{Regime, flat, periodic_benefit};

/// What the accident led to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum AccidentOutcome {
    Death,
    TotalDisability,
    PartialDisability {
        /// Anatomical table percentage (or as assessed by the examining doctor).
        disability: Rate,
        /// Share of the function lost, for a functional disability.
        function_loss: Option<Rate>,
    },
    TemporaryIncapacity {
        months: i64,
    },
}

/// The most STMB months a scenario may ask for (the law sets no end before healing; this only
/// bounds the size of the schedule).
pub const MAX_INCAPACITY_MONTHS: i64 = 1200;

/// The wage a JKK benefit is computed on, by segment.
pub fn benefit_wage(raw: &RawScenario) -> Result<(Segment, Rupiah), CalcError> {
    let text = required(&raw.segment, "segment")?;
    let segment = Segment::parse(&text).ok_or_else(|| {
        CalcError::invalid(
            "segment",
            format!("{text:?} is not a segment: PU, BPU, JAKON or PMI"),
        )
    })?;
    let wage = match segment {
        Segment::Pu | Segment::Jakon => positive_money(raw.wage, "wage")?,
        Segment::Bpu => positive_money(raw.income, "income")?,
        Segment::Pmi => {
            return Err(CalcError::invalid(
                "segment",
                "JKK benefits for PMI (migrant workers) follow Permenaker 4/2023 and are not modelled",
            ));
        }
    };
    Ok((segment, Rupiah(wage)))
}

fn parse_outcome(raw: &RawScenario) -> Result<AccidentOutcome, CalcError> {
    let text = required(&raw.outcome, "outcome")?;
    let outcome = match text.as_str() {
        "death" => AccidentOutcome::Death,
        "total_disability" => AccidentOutcome::TotalDisability,
        "partial_disability" => {
            let disability = percent_field(&raw.disability_percent, "disability_percent")?
                .ok_or_else(|| {
                    CalcError::invalid(
                        "disability_percent",
                        "required for a partial disability: the table percentage, or as assessed by the examining doctor",
                    )
                })?;
            if disability == Rate::ZERO {
                return Err(CalcError::invalid(
                    "disability_percent",
                    "a partial disability is more than 0 %",
                ));
            }
            let function_loss = percent_field(&raw.function_loss_percent, "function_loss_percent")?;
            if function_loss == Some(Rate::ZERO) {
                return Err(CalcError::invalid(
                    "function_loss_percent",
                    "a loss of function is more than 0 % (leave it out for an anatomical loss)",
                ));
            }
            AccidentOutcome::PartialDisability {
                disability,
                function_loss,
            }
        }
        "temporary_incapacity" => {
            let months = required(&raw.incapacity_months, "incapacity_months")?;
            if !(1..=MAX_INCAPACITY_MONTHS).contains(&months) {
                return Err(CalcError::invalid(
                    "incapacity_months",
                    format!(
                        "the months of incapacity are a whole number from 1 to {MAX_INCAPACITY_MONTHS}"
                    ),
                ));
            }
            AccidentOutcome::TemporaryIncapacity { months }
        }
        other => {
            return Err(CalcError::invalid(
                "outcome",
                format!(
                    "{other:?} is not a JKK outcome: death, total_disability, partial_disability or temporary_incapacity"
                ),
            ));
        }
    };
    // Fields that belong to another outcome are refused, so a typo in `outcome` cannot
    // silently drop an input.
    let partial = matches!(outcome, AccidentOutcome::PartialDisability { .. });
    if !partial && raw.disability_percent.is_some() {
        return Err(CalcError::invalid(
            "disability_percent",
            "applies only to outcome partial_disability",
        ));
    }
    if !partial && raw.function_loss_percent.is_some() {
        return Err(CalcError::invalid(
            "function_loss_percent",
            "applies only to outcome partial_disability",
        ));
    }
    if !matches!(outcome, AccidentOutcome::TemporaryIncapacity { .. })
        && raw.incapacity_months.is_some()
    {
        return Err(CalcError::invalid(
            "incapacity_months",
            "applies only to outcome temporary_incapacity",
        ));
    }
    Ok(outcome)
}

fn cite(regime: Regime) -> &'static str {
    match regime {
        Regime::Pp44_2015 => "PP 44/2015 Lampiran III",
        Regime::Pp82_2019 => "PP 44/2015 Lampiran III as amended by PP 82/2019",
    }
}

/// `rate × months × wage`, exact then rounded half up (Decisions 8).
fn share_of_months(rate: Rate, months: i64, wage: Rupiah) -> Rupiah {
    rate.of(wage.times(months))
}

pub fn calculate(ctx: &mut Ctx<'_>, raw: &RawScenario) -> Result<BenefitResult, CalcError> {
    let date = date_field(&raw.date, "date")?;
    let (segment, wage) = benefit_wage(raw)?;
    let outcome = parse_outcome(raw)?;
    let children = match &raw.children {
        Some(list) => Some(scholarship::parse_children(list, date)?),
        None => None,
    };
    ctx.input("date", || serde_json::json!(date.to_string()));
    ctx.input("segment", || serde_json::json!(segment.code()));
    ctx.input(
        if segment == Segment::Bpu {
            "income"
        } else {
            "wage"
        },
        || serde_json::json!(wage.get()),
    );
    ctx.input("outcome", || serde_json::json!(raw.outcome));
    let regime = Regime::of(ctx, date)?;
    let citation = cite(regime);
    let mut components = Vec::new();
    let mut reasons = Vec::new();
    let months = ctx.count("jkk.lump_sum_months", date)?;
    match outcome {
        AccidentOutcome::Death => {
            components.push(Component::new(
                "death_lump_sum",
                death_lump_sum(ctx, date, wage, months, citation)?,
            ));
            let periodic = periodic_benefit(
                ctx,
                "jkk.death.periodic_monthly",
                "jkk.death.periodic_months",
                date,
                citation,
            )?;
            components.push(Component::new("periodic_benefit", periodic));
            let funeral = flat(
                ctx,
                "jkk.funeral",
                date,
                Label::new("Biaya pemakaman", "Funeral cost"),
                citation,
            )?;
            components.push(Component::new("funeral", funeral));
        }
        AccidentOutcome::TotalDisability => {
            let rate = ctx.rate("jkk.total_disability.rate", date)?;
            let amount = share_of_months(rate, months, wage);
            ctx.formula(|| {
                (
                    Label::new(
                        "Santunan cacat total tetap",
                        "Permanent total disability lump sum",
                    ),
                    Expr::new()
                        .rate(rate)
                        .op("×")
                        .num(months)
                        .op("×")
                        .money(wage)
                        .op("=")
                        .money(amount),
                    Some(amount.get()),
                    Some(citation),
                )
            });
            components.push(Component::new("disability_lump_sum", amount));
            let periodic = periodic_benefit(
                ctx,
                "jkk.total_disability.periodic_monthly",
                "jkk.total_disability.periodic_months",
                date,
                citation,
            )?;
            components.push(Component::new("periodic_benefit", periodic));
        }
        AccidentOutcome::PartialDisability {
            disability,
            function_loss,
        } => {
            note_table_rows(ctx, date, disability)?;
            let amount = partial_disability(disability, function_loss, months, wage);
            ctx.formula(|| {
                let expr = match function_loss {
                    Some(f) => Expr::new().rate(f).op("×").rate(disability),
                    None => Expr::new().rate(disability),
                };
                (
                    match function_loss {
                        Some(_) => Label::new(
                            "Santunan cacat sebagian fungsi: % hilang fungsi × % tabel × 80 × upah",
                            "Partial functional disability: % function lost × table % × 80 × wage",
                        ),
                        None => Label::new(
                            "Santunan cacat sebagian anatomis: % tabel × 80 × upah",
                            "Partial anatomical disability: table % × 80 × wage",
                        ),
                    },
                    expr.op("×")
                        .num(months)
                        .op("×")
                        .money(wage)
                        .op("=")
                        .money(amount),
                    Some(amount.get()),
                    Some(citation),
                )
            });
            components.push(Component::new("disability_lump_sum", amount));
        }
        AccidentOutcome::TemporaryIncapacity { months: n } => {
            components.push(stmb::stmb(ctx, date, segment, wage, n, citation)?);
        }
    }
    claim_deadline(ctx, date)?;
    let entitles_scholarship = matches!(
        outcome,
        AccidentOutcome::Death | AccidentOutcome::TotalDisability
    );
    match children {
        Some(children) if entitles_scholarship => {
            let min = ctx.count("scholarship.jkk_min_membership_months", date)?;
            ctx.rule(
                Label::owned(
                    format!("Jalur JKK: masa iur minimum untuk beasiswa {min} bulan"),
                    format!("JKK route: minimum membership for the scholarship {min} months"),
                ),
                min == 0,
                Some("PP 82/2019 Lampiran"),
            );
            let out = scholarship::calculate(ctx, regime, date, &children)?;
            components.extend(out.component);
            reasons.extend(out.reasons);
        }
        Some(children) if !children.is_empty() => reasons.push(Reason::new(
            "scholarship_not_applicable",
            "Beasiswa hanya untuk anak peserta yang meninggal dunia atau cacat total tetap",
            "The scholarship is only for the children of a participant who dies or is permanently totally disabled",
        )),
        _ => {}
    }
    Ok(BenefitResult {
        kind: "benefit",
        program: Program::Jkk,
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

/// `60 % × 80 × wage`, and not less than the JKM lump sum where the rule says so. The floor's
/// flag (medium or low confidence) is read only when the floor would change the amount, so a
/// result warns about it only when it matters.
fn death_lump_sum(
    ctx: &mut Ctx<'_>,
    date: Date,
    wage: Rupiah,
    months: i64,
    citation: &'static str,
) -> Result<Rupiah, CalcError> {
    let rate = ctx.rate("jkk.death.rate", date)?;
    let formula = share_of_months(rate, months, wage);
    ctx.formula(|| {
        (
            Label::new("Santunan kematian JKK", "JKK death lump sum"),
            Expr::new()
                .rate(rate)
                .op("×")
                .num(months)
                .op("×")
                .money(wage)
                .op("=")
                .money(formula),
            Some(formula.get()),
            Some(citation),
        )
    });
    let jkm = ctx.rupiah("jkm.lump_sum", date)?;
    if formula >= jkm {
        ctx.rule(
            Label::owned(
                format!(
                    "Santunan kematian JKK tidak kurang dari santunan JKM {}",
                    jkm.to_id_string()
                ),
                format!(
                    "The JKK death lump sum is not less than the JKM lump sum {}",
                    jkm.to_en_string()
                ),
            ),
            true,
            Some(citation),
        );
        return Ok(formula);
    }
    let floor = ctx.flag("jkk.death.floor_jkm_lump_sum", date)?;
    ctx.rule(
        Label::owned(
            format!(
                "Santunan kematian JKK tidak kurang dari santunan JKM {}",
                jkm.to_id_string()
            ),
            format!(
                "The JKK death lump sum is not less than the JKM lump sum {}",
                jkm.to_en_string()
            ),
        ),
        floor,
        Some(citation),
    );
    Ok(if floor { jkm } else { formula })
}

/// `[function loss ×] table % × months × wage`, exact, rounded half up once.
fn partial_disability(
    disability: Rate,
    function_loss: Option<Rate>,
    months: i64,
    wage: Rupiah,
) -> Rupiah {
    let base = i128::from(wage.times(months).get());
    match function_loss {
        None => rounding::half_up(base * i128::from(disability.ppb()), i128::from(PPB)),
        Some(f) => rounding::half_up(
            base * i128::from(disability.ppb()) * i128::from(f.ppb()),
            i128::from(PPB) * i128::from(PPB),
        ),
    }
}

/// Says in the trace whether the percentage matches known rows of the anatomical table, or is
/// taken as assessed by the examining doctor (regulations.md Decisions 6).
fn note_table_rows(ctx: &mut Ctx<'_>, date: Date, disability: Rate) -> Result<(), CalcError> {
    if !ctx.tracing() {
        return Ok(());
    }
    // Explanation only: the amount rests on the percentage given, not on the table, so the
    // table is read without recording it as a value used (a traced and an untraced run must
    // carry the same warnings).
    let rows: Vec<&str> = match ctx.params().period("jkk.disability.anatomical_table", date) {
        Ok(Period {
            value: Value::RateTable(table),
            ..
        }) => table
            .iter()
            .filter(|(_, r)| **r == disability)
            .map(|(k, _)| k.as_str())
            .collect(),
        _ => Vec::new(),
    };
    let matched = !rows.is_empty();
    let pct = disability.to_percent_string();
    let list = rows.join(", ");
    ctx.rule(
        if matched {
            Label::owned(
                format!("{pct} sama dengan baris tabel cacat: {list}"),
                format!("{pct} equals rows of the disability table: {list}"),
            )
        } else {
            Label::owned(
                format!("{pct} bukan baris tabel yang diketahui: diterima sesuai penilaian dokter pemeriksa"),
                format!("{pct} is not a known table row: accepted as assessed by the examining doctor"),
            )
        },
        matched,
        Some("PP 44/2015 Lampiran III (tabel cacat); regulations.md Decisions 6"),
    );
    Ok(())
}

/// The last day to claim, recorded in the trace (the contract has no claim date to check).
fn claim_deadline(ctx: &mut Ctx<'_>, date: Date) -> Result<(), CalcError> {
    let years = ctx.count("jkk.claim_expiry_years", date)?;
    let deadline = crate::dates::add_years(date, years, "date").ok();
    if let Some(deadline) = deadline {
        ctx.rule(
            Label::owned(
                format!("Hak klaim JKK kedaluwarsa {years} tahun setelah kecelakaan: ajukan paling lambat {deadline}"),
                format!("The JKK claim expires {years} years after the accident: claim by {deadline}"),
            ),
            true,
            Some("PP 44/2015 Pasal 26 (as amended by PP 82/2019)"),
        );
    }
    Ok(())
}
