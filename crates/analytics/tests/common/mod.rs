//! Shared test helpers: a rules double with hand-set amounts (NOT the law: every program costs
//! the employer 1 % of the wage), so compliance and budget arithmetic can be checked by hand;
//! the real engine is exercised in `engine.rs`.

#![allow(dead_code)]

pub mod engines;

use jamsos_analytics::rules_port::{BenefitPart, Rules};
use jamsos_analytics::{Month, RegionKey};
use jamsos_rules::results::{Program, Totals};
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
    fn contribution(&self, raw: &RawScenario) -> Result<Totals, CalcError> {
        let mut t = Totals::default();
        match raw.segment.as_deref() {
            Some("PU") => {
                // every program: 1 % of the wage, paid by the employer
                let wage = raw.wage.unwrap();
                t.employer = Rupiah(wage / 100 * programs(raw).len() as i64);
                t.all = t.employer;
            }
            _ => {
                // the BPU minimum package: 16,800 a month whatever the date
                t.participant = Rupiah(16_800);
                t.all = t.participant;
            }
        }
        Ok(t)
    }

    fn benefit(&self, raw: &RawScenario) -> Result<Vec<BenefitPart>, CalcError> {
        let jkk = raw.program.as_deref() == Some("JKK");
        let mut parts = vec![BenefitPart {
            code: "death_lump_sum".to_owned(),
            amount: Rupiah(if jkk { 70_000_000 } else { 42_000_000 }),
            max_total: None,
            payable_now: true,
        }];
        if jkk || raw.membership_months.unwrap_or(0) >= 36 {
            parts.push(BenefitPart {
                code: "scholarship".to_owned(),
                amount: Rupiah(3_000_000),
                max_total: Some(Rupiah(174_000_000)),
                payable_now: true,
            });
        }
        Ok(parts)
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
