//! Analytics against the real rules engine and its embedded parameters.

mod common;

use common::{m, r};
use jamsos_analytics::StatPeriod;
use jamsos_analytics::budget::{self, BudgetRequest, Package, Target};
use jamsos_analytics::model::PotentialRecord;
use jamsos_analytics::rules_port::{self, FundedBy};
use jamsos_analytics::sector::Sector;
use jamsos_rules::{Engine, Rupiah};
use jiff::civil::date;

#[test]
fn dki_minimum_wage_by_date() {
    let e = Engine::embedded().unwrap();
    let jakbar = r("31.73.04");
    let ump = |y, mo, d| rules_port::minimum_wage(&e, &jakbar, date(y, mo, d)).unwrap();
    assert_eq!(ump(2024, 12, 31), Some(Rupiah(5_067_381)));
    assert_eq!(ump(2025, 1, 1), Some(Rupiah(5_396_761)));
    assert_eq!(ump(2025, 12, 31), Some(Rupiah(5_396_761)));
    assert_eq!(ump(2026, 1, 1), Some(Rupiah(5_729_876)));
    // before 2024 the parameter set holds no value: a missing_parameter error, not a guess
    let err = rules_port::minimum_wage(&e, &jakbar, date(2023, 12, 31)).unwrap_err();
    assert_eq!(err.code(), "missing_parameter");
    // no minimum wage recorded outside DKI: the check is skipped
    assert_eq!(
        rules_port::minimum_wage(&e, &r("36.71"), date(2026, 3, 1)).unwrap(),
        None
    );
}

fn one_thousand_uncovered() -> Vec<PotentialRecord> {
    vec![PotentialRecord {
        region: r("31.73.04.1002"),
        sector: Sector::Division(14),
        period: StatPeriod::Year(2025),
        workers: 1500,
        vulnerable_workers: 1000,
        source: "test".to_owned(),
    }]
}

#[test]
fn city_pays_the_bpu_minimum_for_a_year() {
    let e = Engine::embedded().unwrap();
    let req = BudgetRequest {
        start: m("2026-01"),
        months: 12,
        regions: vec![r("31.73")],
        sectors: vec![],
        target: Target::AllUncoveredVulnerable,
        package: Package::default(),
        funded_by: FundedBy::Apbd,
        assumptions: None,
    };
    let res = budget::simulate(&e, &req, &one_thousand_uncovered(), &[]).unwrap();
    assert_eq!(res.cohort, 1000);
    assert_eq!(res.income, Rupiah(1_000_000));
    // JKK 1 % × 1,000,000 + JKM 6,800 = 16,800; APBD-funded: no PP 50/2025 relief in 2026
    assert!(res.monthly.iter().all(|c| c.per_person == Rupiah(16_800)));
    // 1,000 × Rp16,800 × 12 = Rp201,600,000
    assert_eq!(res.cost_per_year, Rupiah(201_600_000));
}

#[test]
fn a_self_paying_cohort_gets_the_pp50_relief() {
    let e = Engine::embedded().unwrap();
    let req = BudgetRequest {
        start: m("2026-01"),
        months: 12,
        regions: vec![r("31.73")],
        sectors: vec![],
        target: Target::Count(1000),
        package: Package::default(),
        funded_by: FundedBy::OtherSponsor,
        assumptions: None,
    };
    let res = budget::simulate(&e, &req, &one_thousand_uncovered(), &[]).unwrap();
    // general sectors: 50 % from April to December 2026 → Rp8,400
    assert_eq!(res.monthly[2].per_person, Rupiah(16_800)); // March
    assert_eq!(res.monthly[3].per_person, Rupiah(8_400)); // April
    assert_eq!(res.monthly[11].per_person, Rupiah(8_400)); // December
    // 3 × 16,800,000 + 9 × 8,400,000 = 126,000,000
    assert_eq!(res.cost_per_year, Rupiah(126_000_000));
}

#[test]
fn compliance_shortfall_from_the_engine() {
    use jamsos_analytics::compliance::{self, CompanyReport, ComplianceConfig};
    // One unregistered apparel workshop of 10 (small: JKK, JKM, JHT) in Tambora, average wage
    // below the 2026 UMP, so the UMP is the wage basis: per worker JKK 0.24 % (risk class 1
    // assumed) 13,752 + JKM 0.30 % 17,190 + JHT 3.7 % 212,005 + 2 % 114,598 = 357,545;
    // × 10 = 3,575,450 a month.
    let e = Engine::embedded().unwrap();
    let c = CompanyReport {
        row: 2,
        nib: None,
        name: "Konveksi Kalianyar".to_owned(),
        region: r("31.73.04.1002"),
        kbli: "14111".to_owned(),
        sector: Sector::Division(14),
        reported_workers: 10,
        average_wage: Rupiah(4_000_000),
        npp: None,
    };
    let cfg = ComplianceConfig::new(date(2026, 3, 1));
    let rep = compliance::assess(&e, &cfg, &[c], &[]).unwrap();
    assert_eq!(rep.outreach[0].findings[0].wage, Rupiah(5_729_876));
    assert_eq!(rep.outreach[0].monthly_shortfall, Rupiah(3_575_450));
}
