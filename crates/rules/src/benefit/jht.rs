//! JHT (Jaminan Hari Tua) payouts: who may take the balance on `date` (the claim date), and
//! how much. The balance is given (`balance`) or built from `contributions` credited with the
//! yearly development rates ([`balance`]).
//!
//! Withdrawal rules (Permenaker 19/2015 until 25 Apr 2022, Permenaker 4/2022 from 26 Apr 2022;
//! Permenaker 2/2022 never took effect): the whole balance at age 56, on death, total
//! disability or leaving Indonesia for good; after resignation or dismissal once a 1-month
//! waiting period from the end of work has passed; at the end of a fixed-term contract; and,
//! while still working after at least 10 years of membership, once, up to 10 % (retirement
//! preparation) or 30 % (housing).

mod balance;

pub use balance::{Credited, Deposit, credit};

use crate::dates::{add_months, add_years, age_on};
use crate::error::CalcError;
use crate::input::{self, RawScenario};
use crate::money::Rupiah;
use crate::results::{BenefitResult, Component, Program, Reason};
use crate::trace::{Ctx, Label, Warning};
use jiff::civil::Date;

/// Why the participant claims, as the contract names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ground {
    RetirementAge,
    Resignation,
    Termination,
    ContractEnd,
    Death,
    TotalDisability,
    LeavingIndonesia,
    PartialRetirementPreparation,
    PartialHousing,
}

impl Ground {
    pub fn parse(text: &str) -> Option<Ground> {
        Some(match text {
            "retirement_age" => Ground::RetirementAge,
            "resignation" => Ground::Resignation,
            "termination" => Ground::Termination,
            "contract_end" => Ground::ContractEnd,
            "death" => Ground::Death,
            "total_disability" => Ground::TotalDisability,
            "leaving_indonesia" => Ground::LeavingIndonesia,
            "partial_retirement_preparation" => Ground::PartialRetirementPreparation,
            "partial_housing" => Ground::PartialHousing,
            _ => return None,
        })
    }

    fn is_partial(self) -> bool {
        matches!(
            self,
            Ground::PartialRetirementPreparation | Ground::PartialHousing
        )
    }
}

fn regime(date: Date) -> &'static str {
    // A label only: every rule value comes from the parameters.
    if date >= Date::constant(2022, 4, 26) {
        "Permenaker 4/2022"
    } else {
        "Permenaker 19/2015"
    }
}

pub fn calculate(ctx: &mut Ctx<'_>, raw: &RawScenario) -> Result<BenefitResult, CalcError> {
    let date = input::date_field(&raw.date, "date")?;
    let ground_text = input::required(&raw.reason, "reason")?;
    let ground = Ground::parse(&ground_text).ok_or_else(|| {
        CalcError::invalid(
            "reason",
            format!(
                "{ground_text:?} is not a JHT reason: retirement_age, resignation, termination, contract_end, death, total_disability, leaving_indonesia, partial_retirement_preparation or partial_housing"
            ),
        )
    })?;
    let birth = raw
        .birth_date
        .as_deref()
        .map(|t| input::parse_date(t, "birth_date"))
        .transpose()?;
    if birth.is_some_and(|b| b >= date) {
        return Err(CalcError::invalid("birth_date", "must be before the date"));
    }
    let source = read_source(raw, date)?;
    ctx.input("reason", || serde_json::json!(ground_text));

    let mut result = BenefitResult {
        kind: "benefit",
        program: Program::Jht,
        date,
        eligible: true,
        reasons: Vec::new(),
        components: Vec::new(),
        total: Rupiah::ZERO,
        retirement_age: None,
        regime: Some(regime(date)),
    };
    if let Some(reason) = refusal(ctx, raw, ground, date, birth)? {
        result.eligible = false;
        result.reasons.push(reason);
        return Ok(result.with_total());
    }
    let balance = match source {
        Source::Balance(b) => {
            ctx.input("balance", || serde_json::json!(b.get()));
            b
        }
        Source::Contributions(deposits) => credit(ctx, &deposits, date)?.balance,
    };
    let beneficiary = if ground == Ground::Death {
        "heirs"
    } else {
        "participant"
    };
    let mut component = if ground.is_partial() {
        let name = if ground == Ground::PartialHousing {
            "jht.partial.housing_rate"
        } else {
            "jht.partial.retirement_preparation_rate"
        };
        let rate = ctx.rate(name, date)?;
        let amount = rate.of(balance);
        ctx.formula(|| {
            (
                Label::new(
                    "Pengambilan sebagian JHT (paling banyak)",
                    "Partial JHT payout (at most)",
                ),
                crate::trace::Expr::new()
                    .money(balance)
                    .op("×")
                    .rate(rate)
                    .op("=")
                    .money(amount),
                Some(amount.get()),
                Some("PP 46/2015 Pasal 22(5)"),
            )
        });
        ctx.warn(Warning::Note(Label::new(
            "Pengambilan sebagian hanya sekali; mesin tidak dapat memeriksa pengambilan sebelumnya",
            "A partial payout is allowed once only; the engine cannot check for an earlier one",
        )));
        Component::new("jht_partial", amount)
    } else {
        ctx.formula(|| {
            (
                Label::new(
                    "Saldo JHT dibayar penuh sekaligus",
                    "The whole JHT balance is paid at once",
                ),
                crate::trace::Expr::new().money(balance),
                Some(balance.get()),
                Some("PP 46/2015 Pasal 26 (diubah PP 60/2015)"),
            )
        });
        Component::new("jht_balance", balance)
    };
    component.beneficiary = Some(beneficiary);
    result.components.push(component);
    Ok(result.with_total())
}

enum Source {
    Balance(Rupiah),
    Contributions(Vec<Deposit>),
}

fn read_source(raw: &RawScenario, date: Date) -> Result<Source, CalcError> {
    match (raw.balance, &raw.contributions) {
        (Some(_), Some(_)) => Err(CalcError::invalid(
            "contributions",
            "give either balance or contributions, not both",
        )),
        (Some(b), None) => Ok(Source::Balance(Rupiah(input::positive_money(
            Some(b),
            "balance",
        )?))),
        (None, Some(rows)) => {
            if rows.is_empty() {
                return Err(CalcError::invalid(
                    "contributions",
                    "give at least one month, or the balance",
                ));
            }
            let claim_month = date.first_of_month();
            let mut deposits = Vec::with_capacity(rows.len());
            for (i, row) in rows.iter().enumerate() {
                let month = input::parse_month(&row.month, &format!("contributions[{i}].month"))?;
                if month > claim_month {
                    return Err(CalcError::invalid(
                        format!("contributions[{i}].month"),
                        format!("{} is after the claim date {date}", row.month),
                    ));
                }
                let amount =
                    input::positive_money(Some(row.amount), &format!("contributions[{i}].amount"))?;
                deposits.push(Deposit {
                    month,
                    amount: Rupiah(amount),
                });
            }
            Ok(Source::Contributions(deposits))
        }
        (None, None) => Err(CalcError::invalid(
            "balance",
            "give the balance, or contributions to credit",
        )),
    }
}

/// Why the balance cannot be paid on `date` for `ground`, or `None` when it can.
fn refusal(
    ctx: &mut Ctx<'_>,
    raw: &RawScenario,
    ground: Ground,
    date: Date,
    birth: Option<Date>,
) -> Result<Option<Reason>, CalcError> {
    let retirement_age = ctx.count("jht.withdrawal.retirement_age", date)?;
    let at_retirement_age = birth.map(|b| age_on(b, date) >= retirement_age);
    match ground {
        Ground::RetirementAge => {
            let Some(birth) = birth else {
                return Err(CalcError::invalid(
                    "birth_date",
                    "required to check the retirement age",
                ));
            };
            let age = age_on(birth, date);
            let holds = age >= retirement_age;
            ctx.rule(
                Label::owned(
                    format!("Usia {age} ≥ usia pensiun JHT {retirement_age}"),
                    format!("Age {age} ≥ JHT retirement age {retirement_age}"),
                ),
                holds,
                Some("Permenaker 4/2022 Pasal 6(1)"),
            );
            Ok((!holds).then(|| {
                Reason::new(
                    "below_retirement_age",
                    format!("Usia {age} tahun, belum {retirement_age} tahun"),
                    format!("Aged {age}, not yet {retirement_age}"),
                )
            }))
        }
        Ground::Resignation | Ground::Termination | Ground::ContractEnd => {
            let work_end = input::date_field(&raw.work_end, "work_end")?;
            if at_retirement_age == Some(true) {
                ctx.rule(
                    Label::new(
                        "Usia pensiun JHT sudah tercapai: tanpa masa tunggu",
                        "JHT retirement age reached: no waiting period",
                    ),
                    true,
                    Some("Permenaker 4/2022 Pasal 6(1)"),
                );
                return Ok(None);
            }
            let allowed = ctx.flag("jht.withdrawal.on_leaving_work", date)?;
            ctx.rule(
                Label::new(
                    "Saldo dapat dibayar saat berhenti bekerja sebelum usia pensiun",
                    "The balance may be paid on leaving work before retirement age",
                ),
                allowed,
                Some("PP 60/2015; Permenaker 19/2015; Permenaker 4/2022"),
            );
            if !allowed {
                return Ok(Some(Reason::new(
                    "paid_at_retirement_age_only",
                    format!("Pada tanggal ini saldo JHT baru dibayar pada usia {retirement_age}"),
                    format!("On this date the JHT balance is paid only at age {retirement_age}"),
                )));
            }
            let name = if ground == Ground::ContractEnd {
                "jht.withdrawal.contract_end_waiting_months"
            } else {
                "jht.withdrawal.waiting_months"
            };
            let months = ctx.count(name, date)?;
            let ready = add_months(work_end, months, "work_end")?;
            let holds = date >= ready;
            ctx.rule(
                Label::owned(
                    format!("Masa tunggu {months} bulan sejak {work_end} selesai pada {ready}"),
                    format!("Waiting period of {months} month(s) from {work_end} ends on {ready}"),
                ),
                holds,
                Some("Permenaker 4/2022 Pasal 6(2), 8-11"),
            );
            Ok((!holds).then(|| {
                Reason::new(
                    "waiting_period_not_over",
                    format!("Masa tunggu belum selesai: saldo dapat dibayar mulai {ready}"),
                    format!("The waiting period is not over: payable from {ready}"),
                )
            }))
        }
        Ground::Death | Ground::TotalDisability | Ground::LeavingIndonesia => Ok(None),
        Ground::PartialRetirementPreparation | Ground::PartialHousing => {
            let start = input::date_field(&raw.membership_start, "membership_start")?;
            if start > date {
                return Err(CalcError::invalid(
                    "membership_start",
                    "must be on or before the date",
                ));
            }
            let years = ctx.count("jht.partial.min_membership_years", date)?;
            let ready = add_years(start, years, "membership_start")?;
            let holds = date >= ready;
            ctx.rule(
                Label::owned(
                    format!("Kepesertaan sejak {start} mencapai {years} tahun pada {ready}"),
                    format!("Membership since {start} reaches {years} years on {ready}"),
                ),
                holds,
                Some("PP 46/2015 Pasal 22(4)"),
            );
            Ok((!holds).then(|| {
                Reason::new(
                    "membership_under_10_years",
                    format!("Kepesertaan kurang dari {years} tahun (tercapai {ready})"),
                    format!("Membership is under {years} years (reached on {ready})"),
                )
            }))
        }
    }
}
