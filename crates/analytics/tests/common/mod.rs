//! Shared test helpers: a rules double with hand-set amounts (NOT the law: every program costs
//! the employer 1 % of the wage), so compliance and budget arithmetic can be checked by hand;
//! the real engine is exercised in `engine.rs`.

#![allow(dead_code)]

use jamsos_analytics::rules_port::Rules;
use jamsos_analytics::{Month, RegionKey};
use jamsos_rules::results::{
    BenefitResult, Component, ContributionResult, Line, Payer, Program, Segment, Totals,
};
use jamsos_rules::{CalcError, RawScenario, Rupiah};
use jiff::civil::Date;

pub struct FakeRules;

fn programs(raw: &RawScenario) -> Vec<Program> {
    raw.programs
        .as_ref()
        .map(|p| p.items().into_iter().filter_map(Program::parse).collect())
        .unwrap_or_default()
}

impl Rules for FakeRules {
    fn contribution(&self, raw: &RawScenario) -> Result<ContributionResult, CalcError> {
        let date: Date = raw.date.as_deref().unwrap().parse().unwrap();
        let (segment, lines) = match raw.segment.as_deref() {
            Some("PU") => {
                let wage = raw.wage.unwrap();
                let lines = programs(raw)
                    .into_iter()
                    .map(|p| Line {
                        program: p,
                        payer: Payer::Employer,
                        base: None,
                        rate: None,
                        amount: Rupiah(wage / 100),
                    })
                    .collect::<Vec<_>>();
                (Segment::Pu, lines)
            }
            _ => {
                // the BPU minimum package: 16,800 a month whatever the date
                let lines = vec![Line {
                    program: Program::Jkk,
                    payer: Payer::Participant,
                    base: None,
                    rate: None,
                    amount: Rupiah(16_800),
                }];
                (Segment::Bpu, lines)
            }
        };
        Ok(ContributionResult {
            kind: "contribution",
            date,
            segment,
            totals: Totals::of(&lines),
            lines,
            allocations: Vec::new(),
        })
    }

    fn benefit(&self, raw: &RawScenario) -> Result<BenefitResult, CalcError> {
        let date: Date = raw.date.as_deref().unwrap().parse().unwrap();
        let jkk = raw.program.as_deref() == Some("JKK");
        let mut components = vec![Component::new(
            "death_lump_sum",
            Rupiah(if jkk { 70_000_000 } else { 42_000_000 }),
        )];
        if jkk || raw.membership_months.unwrap_or(0) >= 36 {
            let mut s = Component::new("scholarship", Rupiah(3_000_000));
            s.max_total = Some(Rupiah(174_000_000));
            components.push(s);
        }
        Ok(BenefitResult {
            kind: "benefit",
            program: if jkk { Program::Jkk } else { Program::Jkm },
            date,
            eligible: true,
            reasons: Vec::new(),
            components,
            total: Rupiah::ZERO,
            retirement_age: None,
            regime: None,
        }
        .with_total())
    }

    fn rupiah_param(&self, name: &str, date: Date) -> Result<Rupiah, CalcError> {
        match name {
            "minimum_wage.ump.dki_jakarta" => Ok(Rupiah(5_000_000)),
            "bpu.income.minimum" => Ok(Rupiah(1_000_000)),
            _ => Err(CalcError::MissingParameter {
                parameter: name.to_owned(),
                date,
                message: "not in the fake".to_owned(),
            }),
        }
    }
}

pub fn r(code: &str) -> RegionKey {
    RegionKey::parse(code).unwrap()
}

pub fn m(text: &str) -> Month {
    Month::parse(text).unwrap()
}
