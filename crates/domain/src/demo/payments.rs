//! Payment records for the West Jakarta demo, every amount computed by the rules engine:
//!
//! - **contributions** for the 12 contribution months before the demo's month (2025-02 …
//!   2026-01 for `AS_OF` 2026-03-01): for each membership in force on the month's first day,
//!   the engine's contribution for its wage or declared income that month (PU: the employer's
//!   risk class; BPU: `funded_by` the sponsor's budget or self), the payer's lines (employer +
//!   worker, participant, or the sponsor's budget; never the APBN's JKP line) summed per
//!   program and per payer
//!   — an employer or sponsor pays one transfer a month for all its participants, a self-paying
//!   participant their own. Most are paid by the 15th of the next month, about one in ten late
//!   (after the 15th), and some self-payers and employers skip a month (unpaid: no record);
//! - **benefits**: the February 2026 hand-over of JKM to the heirs of the two deceased
//!   participants (each payable-now component of the engine's JKM result: death lump sum,
//!   funeral, periodic benefit, the current school year's scholarship), the PPSU officer's JHT
//!   balance, and two JKK temporary-incapacity (STMB) payouts to garment workers. The JHT
//!   balance is the sum of his JHT contributions since 2019 as the engine computes them month
//!   by month, without development: the credited rates for 2021–2024 are not known
//!   (regulations.md, `jht.development_rate.*` unknown), so the demo states a balance rather
//!   than invent them.
//!
//! Deterministic for the dataset's seed. PMI and Jakon memberships (none in the demo) are
//! skipped.

use super::rng::Rng;
use super::{DemoDataset, WEST_JAKARTA_AS_OF};
use crate::ids::Kpj;
use crate::model::{FamilyMember, Membership, Relation, SponsorKind, WageRecord, wage_on};
use crate::payments::{
    BenefitKind, BenefitPayment, BenefitRow, ContributionPayment, ContributionRow, Entry, Payer,
    Row, month_text,
};
use jamsos_rules::input::{ChildInput, ProgramList, RawScenario};
use jamsos_rules::results::{CalcResult, Payer as LinePayer, Program, Segment};
use jamsos_rules::{CalcError, Engine, Rupiah};
use jiff::ToSpan;
use jiff::civil::{Date, date};
use std::collections::{BTreeMap, HashMap};

/// The demo's payment records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DemoPayments {
    pub contributions: Vec<ContributionRow>,
    pub benefits: Vec<BenefitRow>,
    /// Payments made after the 15th of the following month.
    pub late: usize,
    /// Monthly payments left unpaid (no record).
    pub unpaid: usize,
}

/// Amounts summed per program.
type ByProgram = BTreeMap<Program, Rupiah>;

/// The day the demo hands the JKM benefits over (February 2026).
pub const HAND_OVER: Date = date(2026, 2, 12);

fn months() -> Vec<Date> {
    let first = WEST_JAKARTA_AS_OF.first_of_month();
    (2..=13)
        .rev()
        .filter_map(|back| first.checked_sub(back.months()).ok())
        .collect()
}

fn programs(m: &Membership) -> ProgramList {
    ProgramList::Joined(m.programs.to_string())
}

/// The payer's lines of one contribution, by program. The engine names a sponsor's budget
/// (`funded_by` apbd, …) as the `government` payer: those lines are the sponsor's. For an
/// employer or a self-payer the government's lines (the APBN's JKP share) are not theirs.
fn payer_lines(
    engine: &Engine,
    raw: &RawScenario,
    sponsored: bool,
) -> Result<Vec<(Program, Rupiah)>, CalcError> {
    match engine.calculate(raw, false)?.result {
        CalcResult::Contribution(c) => Ok(c
            .lines
            .iter()
            .filter(|l| sponsored || l.payer != LinePayer::Government)
            .map(|l| (l.program, l.amount))
            .collect()),
        _ => Err(CalcError::invalid("type", "expected a contribution result")),
    }
}

fn children(family: &[&FamilyMember]) -> Option<Vec<ChildInput>> {
    let kids: Vec<ChildInput> = family
        .iter()
        .filter(|f| f.relation == Relation::Child && f.alive)
        .filter_map(|f| {
            Some(ChildInput {
                birth_date: Some(f.birth_date?.to_string()),
                level: Some(
                    f.education
                        .as_ref()
                        .map_or("none", |e| e.level.code())
                        .to_owned(),
                ),
                grade: f.education.as_ref().and_then(|e| e.grade).map(i64::from),
                married: Some(f.married),
                working: Some(f.working),
            })
        })
        .collect();
    (!kids.is_empty()).then_some(kids)
}

fn months_between(from: Date, to: Date) -> i64 {
    let m = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month());
    m.max(0)
}

/// The payable-now components of a benefit scenario, as benefit payments.
fn benefit_rows(
    engine: &Engine,
    raw: &RawScenario,
    kpj: Kpj,
    program: Program,
    claim: &str,
    paid_on: Date,
) -> Result<Vec<BenefitPayment>, CalcError> {
    let CalcResult::Benefit(b) = engine.calculate(raw, false)?.result else {
        return Err(CalcError::invalid("type", "expected a benefit result"));
    };
    Ok(b.components
        .iter()
        .filter(|c| !c.not_payable_now && c.amount.get() > 0)
        .filter_map(|c| {
            Some(BenefitPayment {
                reference: format!("BYR-{claim}-{}", c.code.to_ascii_uppercase()),
                kpj,
                program,
                benefit: BenefitKind::parse(c.code)?,
                claim_reference: claim.to_owned(),
                paid_on,
                amount: c.amount,
            })
        })
        .collect())
}

/// Builds the demo's payment records (see the module docs).
pub fn payments(ds: &DemoDataset, engine: &Engine) -> Result<DemoPayments, CalcError> {
    let mut rng = Rng::new(ds.seed ^ 0x5041_594D_454E_5453); // "PAYMENTS"
    let mut wages: HashMap<Kpj, Vec<WageRecord>> = HashMap::new();
    for w in &ds.wages {
        wages.entry(w.kpj).or_default().push(w.clone());
    }
    let risk: HashMap<_, _> = ds
        .employers
        .iter()
        .map(|e| (e.npp, e.risk_class.get()))
        .collect();
    let sponsors: HashMap<_, _> = ds
        .sponsors
        .iter()
        .map(|s| (s.code.clone(), s.kind))
        .collect();
    let mut out = DemoPayments::default();

    for month in months() {
        // (payer kind, payer code) → the payer and its lines summed per program
        let mut due: BTreeMap<(&str, String), (Payer, ByProgram)> = BTreeMap::new();
        for m in ds.memberships.iter().filter(|m| m.is_active_on(month)) {
            let Some(amount) = wages.get(&m.kpj).and_then(|h| wage_on(h, month)) else {
                continue;
            };
            let base = RawScenario {
                kind: Some("contribution".into()),
                date: Some(month.to_string()),
                segment: Some(m.segment.code().to_owned()),
                programs: Some(programs(m)),
                ..RawScenario::default()
            };
            let (payer, raw) = match (m.segment, m.employer, &m.sponsor) {
                (Segment::Pu, Some(npp), _) => (
                    Payer::Employer(npp),
                    RawScenario {
                        wage: Some(amount.amount.get()),
                        risk_class: Some(i64::from(risk.get(&npp).copied().unwrap_or(1))),
                        ..base
                    },
                ),
                (Segment::Bpu, _, Some(code)) => {
                    let funded_by = match sponsors.get(code) {
                        Some(SponsorKind::Company | SponsorKind::Other) => "other_sponsor",
                        _ => "apbd",
                    };
                    (
                        Payer::Sponsor(code.clone()),
                        RawScenario {
                            income: Some(amount.amount.get()),
                            funded_by: Some(funded_by.into()),
                            ..base
                        },
                    )
                }
                (Segment::Bpu, _, None) => (
                    Payer::Participant(m.kpj),
                    RawScenario {
                        income: Some(amount.amount.get()),
                        funded_by: Some("self".into()),
                        ..base
                    },
                ),
                _ => continue,
            };
            let sponsored = matches!(payer, Payer::Sponsor(_));
            let lines = payer_lines(engine, &raw, sponsored)?;
            let entry = due
                .entry((payer.kind(), payer.code()))
                .or_insert_with(|| (payer, BTreeMap::new()));
            for (p, a) in lines {
                *entry.1.entry(p).or_default() += a;
            }
        }
        let next = month.checked_add(1.month()).unwrap_or(month);
        for ((kind, code), (payer, lines)) in due {
            // Sponsors (regional budgets) always pay; others skip a month now and then.
            if kind != "sponsor" && rng.chance(4) {
                out.unpaid += 1;
                continue;
            }
            let late = rng.chance(10);
            let day = if late {
                rng.range(16, 28)
            } else {
                rng.range(1, 15)
            };
            out.late += usize::from(late);
            let paid_on = next.with().day(day as i8).build().unwrap_or(next);
            out.contributions.push(Row {
                row: 0,
                entry: Entry::Payment(ContributionPayment {
                    reference: format!("IUR-{}-{code}", month_text(month)),
                    payer,
                    month,
                    paid_on,
                    lines: lines.into_iter().collect(),
                }),
            });
        }
    }

    // JKM to the heirs of the two deceased participants, handed over in February 2026.
    let persons: HashMap<_, _> = ds.persons.iter().map(|p| (p.nik, p)).collect();
    for death in &ds.deaths {
        let Some(m) = ds.memberships.iter().find(|m| m.kpj == death.kpj) else {
            continue;
        };
        let family: Vec<&FamilyMember> = ds
            .family
            .iter()
            .filter(|f| f.participant == death.participant)
            .collect();
        let raw = RawScenario {
            kind: Some("benefit".into()),
            date: Some(death.died_on.to_string()),
            program: Some("JKM".into()),
            segment: Some(m.segment.code().to_owned()),
            membership_months: Some(months_between(m.start, death.died_on)),
            children: children(&family),
            ..RawScenario::default()
        };
        let claim = format!("JKM-{}", death.kpj);
        for p in benefit_rows(engine, &raw, death.kpj, Program::Jkm, &claim, HAND_OVER)? {
            out.benefits.push(Row {
                row: 0,
                entry: Entry::Payment(p),
            });
        }
        // A PU participant's JHT balance goes to the heirs too (see the module docs).
        if m.programs.contains(Program::Jht) && m.segment == Segment::Pu {
            let (Some(npp), Some(person)) = (m.employer, persons.get(&death.participant)) else {
                continue;
            };
            let history = wages.get(&m.kpj).cloned().unwrap_or_default();
            let mut balance = 0i64;
            let mut month = m.start.first_of_month();
            while month <= death.died_on {
                if let Some(w) = wage_on(&history, month) {
                    let raw = RawScenario {
                        kind: Some("contribution".into()),
                        date: Some(month.to_string()),
                        segment: Some("PU".into()),
                        wage: Some(w.amount.get()),
                        risk_class: Some(i64::from(risk.get(&npp).copied().unwrap_or(1))),
                        // JHT alone: the other programs' history (JKP began in 2021) is moot
                        programs: Some(ProgramList::List(vec!["JHT".into()])),
                        ..RawScenario::default()
                    };
                    let jht: i64 = payer_lines(engine, &raw, false)?
                        .iter()
                        .filter(|(p, _)| *p == Program::Jht)
                        .map(|(_, a)| a.get())
                        .sum();
                    balance += jht;
                }
                month = match month.checked_add(1.month()) {
                    Ok(next) => next,
                    Err(_) => break,
                };
            }
            let raw = RawScenario {
                kind: Some("benefit".into()),
                date: Some(HAND_OVER.to_string()),
                program: Some("JHT".into()),
                reason: Some("death".into()),
                membership_start: Some(m.start.to_string()),
                birth_date: Some(person.birth_date.to_string()),
                work_end: Some(death.died_on.to_string()),
                balance: Some(balance),
                ..RawScenario::default()
            };
            let claim = format!("JHT-{}", death.kpj);
            for p in benefit_rows(engine, &raw, death.kpj, Program::Jht, &claim, HAND_OVER)? {
                out.benefits.push(Row {
                    row: 0,
                    entry: Entry::Payment(p),
                });
            }
        }
    }

    // Two JKK temporary-incapacity payouts to garment workers (risk class ≥ 2), after a work
    // accident in 2025: one and two months off work.
    let garment: Vec<&Membership> = ds
        .memberships
        .iter()
        .filter(|m| m.segment == Segment::Pu && m.end.is_none())
        .filter(|m| m.occupation.as_deref() == Some("penjahit konfeksi"))
        .collect();
    for (i, (accident, months_off)) in [(date(2025, 8, 12), 1i64), (date(2025, 11, 3), 2)]
        .into_iter()
        .enumerate()
    {
        let Some(m) = garment.get(i * 7) else {
            continue;
        };
        let Some(wage) = wages.get(&m.kpj).and_then(|h| wage_on(h, accident)) else {
            continue;
        };
        let raw = RawScenario {
            kind: Some("benefit".into()),
            date: Some(accident.to_string()),
            program: Some("JKK".into()),
            segment: Some("PU".into()),
            wage: Some(wage.amount.get()),
            outcome: Some("temporary_incapacity".into()),
            incapacity_months: Some(months_off),
            ..RawScenario::default()
        };
        let claim = format!("JKK-{}-{}", m.kpj, month_text(accident));
        let paid_on = accident
            .checked_add((months_off + 1).months())
            .unwrap_or(accident);
        for p in benefit_rows(engine, &raw, m.kpj, Program::Jkk, &claim, paid_on)? {
            out.benefits.push(Row {
                row: 0,
                entry: Entry::Payment(p),
            });
        }
    }
    Ok(out)
}
