//! Budget simulation arithmetic with the rules double (BPU package Rp16,800 a month, JKM death
//! Rp42,000,000, JKK death Rp70,000,000 plus scholarships of Rp174,000,000).

mod common;

use common::{FakeRules, m, r};
use jamsos_analytics::StatPeriod;
use jamsos_analytics::budget::{self, Assumptions, BudgetRequest, Package, Target};
use jamsos_analytics::model::{EnrolledRecord, PotentialRecord, ProgramSet, Segment};
use jamsos_analytics::rules_port::FundedBy;
use jamsos_analytics::sector::Sector;
use jamsos_rules::{Rate, Rupiah};

fn data() -> (Vec<PotentialRecord>, Vec<EnrolledRecord>) {
    let p = vec![PotentialRecord {
        region: r("31.73.04.1002"),
        sector: Sector::Division(14),
        period: StatPeriod::Year(2025),
        workers: 2000,
        vulnerable_workers: 1200,
        source: "test".to_owned(),
    }];
    let e = vec![EnrolledRecord {
        region: r("31.73.04.1002"),
        sector: Some(Sector::Division(14)),
        month: m("2025-12"),
        segment: Segment::Bpu,
        vulnerable: true,
        programs: ProgramSet::parse("JKK;JKM").unwrap(),
        count: 200,
    }];
    (p, e)
}

fn request() -> BudgetRequest {
    BudgetRequest {
        start: m("2026-01"),
        months: 12,
        regions: vec![r("31.73.04"), r("31.73.04.1002")], // nested: counted once
        sectors: vec![],
        target: Target::AllUncoveredVulnerable,
        package: Package::default(),
        funded_by: FundedBy::Apbd,
        assumptions: None,
    }
}

#[test]
fn all_uncovered_vulnerable_for_a_year() {
    let (p, e) = data();
    let res = budget::simulate(&FakeRules, &request(), &p, &e).unwrap();
    // 1,200 vulnerable − 200 enrolled = 1,000 uncovered
    assert_eq!(res.cohort, 1000);
    assert_eq!(res.income, Rupiah(1_000_000));
    assert_eq!(res.per_person_first_month, Rupiah(16_800));
    assert_eq!(res.cost_first_month, Rupiah(16_800_000));
    // 1,000 × Rp16,800 × 12 = Rp201,600,000
    assert_eq!(res.cost_per_year, Rupiah(201_600_000));
    assert_eq!(res.cost_total, Rupiah(201_600_000));
    assert_eq!(res.monthly.len(), 12);
    // vulnerable coverage 200/1200 = 16.67 % → 1200/1200 = 100 %
    assert_eq!(res.coverage.vulnerable_before.bp(), Some(1667));
    assert_eq!(res.coverage.vulnerable_after.bp(), Some(10_000));
    // all workers 200/2000 = 10 % → 1200/2000 = 60 %
    assert_eq!(res.coverage.after.bp(), Some(6000));
    assert!(res.expected_benefits.is_none());
}

#[test]
fn a_count_for_six_months_and_per_year() {
    let (p, e) = data();
    let mut req = request();
    req.target = Target::Count(250);
    req.months = 6;
    let res = budget::simulate(&FakeRules, &req, &p, &e).unwrap();
    assert_eq!(res.cost_total, Rupiah(25_200_000)); // 250 × 16,800 × 6
    assert_eq!(res.cost_per_year, Rupiah(50_400_000)); // 250 × 16,800 × 12
    assert_eq!(res.monthly.len(), 6);
    req.target = Target::Count(5000);
    let res = budget::simulate(&FakeRules, &req, &p, &e).unwrap();
    assert_eq!(
        res.warnings.len(),
        1,
        "more than the uncovered vulnerable workers"
    );
}

#[test]
fn expected_benefits_under_stated_assumptions() {
    let (p, e) = data();
    let mut req = request();
    req.assumptions = Some(Assumptions {
        annual_death_rate: Rate::parse("0.3%").unwrap(),
        annual_work_accident_death_rate: Rate::parse("0.01%").unwrap(),
        children: Assumptions::default_children(m("2026-01")),
    });
    let res = budget::simulate(&FakeRules, &req, &p, &e).unwrap();
    let b = res.expected_benefits.unwrap();
    // 1,000 × 0.3 % = 3 deaths a year; 3 × Rp42,000,000 = Rp126,000,000 (no JKM scholarship
    // before 36 months of membership)
    assert_eq!(b.jkm_deaths, "3.00");
    assert_eq!(b.jkm_cash, Rupiah(126_000_000));
    // 1,000 × 0.01 % = 0.1 work-accident deaths: 0.1 × 70,000,000 and 0.1 × 174,000,000
    assert_eq!(b.jkk_deaths, "0.10");
    assert_eq!(b.jkk_cash, Rupiah(7_000_000));
    assert_eq!(b.scholarships, Rupiah(17_400_000));
    assert_eq!(b.total, Rupiah(150_400_000));
    assert_eq!(b.assumptions.children.len(), 2);
}
