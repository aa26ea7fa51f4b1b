//! The employer-size rule comes from the rules engine's parameters (Perpres 109/2013 Pasal 6,
//! `employer_size.toml`) through the rules port: both sides of its 1 Jul 2015 effective date,
//! a PDS program case computed by hand with the real engine, and a double's table honoured.

mod common;

use common::{FakeRules, r};
use jamsos_analytics::compliance::{
    self, Category, CompanyReport, ComplianceConfig, EmployerFacts, SizeClass, WageStats,
};
use jamsos_analytics::model::ProgramSet;
use jamsos_analytics::rules_port::{BenefitPart, Rules};
use jamsos_analytics::sector::Sector;
use jamsos_rules::employer_size::SizeRules;
use jamsos_rules::results::{Program, Totals};
use jamsos_rules::{CalcError, Engine, RawScenario, Rupiah};
use jiff::civil::{Date, date};

fn company(name: &str, workers: u64, wage: i64, npp: Option<&str>) -> CompanyReport {
    CompanyReport {
        row: 1,
        nib: None,
        name: name.to_owned(),
        region: r("31.73.04.1002"),
        kbli: "14111".to_owned(),
        sector: Sector::Division(14),
        reported_workers: workers,
        average_wage: Rupiah(wage),
        npp: npp.map(str::to_owned),
    }
}

#[test]
fn the_size_table_on_both_sides_of_1_july_2015() {
    let e = Engine::embedded().unwrap();
    let before = date(2015, 6, 30);
    // Before the Pasal 6(2) date the obligation is unknown: the report refuses, naming it.
    assert!(matches!(
        ComplianceConfig::from_rules(&e, before),
        Err(CalcError::MissingParameter { .. })
    ));
    let cfg = ComplianceConfig::new(before);
    assert!(matches!(
        compliance::assess(&e, &cfg, &[company("A", 3, 5_000_000, None)], &[]),
        Err(CalcError::MissingParameter { date, .. }) if date == before
    ));
    for d in [date(2015, 7, 1), date(2026, 3, 1)] {
        let cfg = ComplianceConfig::from_rules(&e, d).unwrap();
        let codes = |s: SizeClass| cfg.required_programs(s).codes();
        assert_eq!(codes(SizeClass::Micro), ["JKK", "JKM"], "{d}");
        assert_eq!(codes(SizeClass::Small), ["JKK", "JKM", "JHT"], "{d}");
        assert_eq!(codes(SizeClass::Medium), ["JKK", "JKM", "JHT", "JP"], "{d}");
        assert_eq!(codes(SizeClass::Large), ["JKK", "JKM", "JHT", "JP"], "{d}");
        assert_eq!(
            (cfg.small_from, cfg.medium_from, cfg.large_from),
            (5, 20, 100)
        );
        assert_eq!(cfg.assumed_risk_class, 1);
        // The embedded convenience agrees with the engine's own parameters.
        assert_eq!(
            ComplianceConfig::new(d).required_programs(SizeClass::Small),
            cfg.required_programs(SizeClass::Small)
        );
    }
}

#[test]
fn a_medium_employer_without_jp_by_hand() {
    // 25 reported workers: medium (20–99), so JKK, JKM, JHT and JP are due (Pasal 6(3) a).
    // Registered in JKK, JKM, JHT with its 25 workers at Rp8,000,000 (above the 2026 UMP and
    // equal to the reported average): the only finding is PDS program, JP.
    // JP in March 2026: 2 % employer + 1 % worker of the wage (under the Rp11,086,300 cap):
    // 8,000,000 × 3 % = 240,000 per worker; × 25 = Rp6,000,000 a month.
    let e = Engine::embedded().unwrap();
    let employer = EmployerFacts {
        npp: "12345678".to_owned(),
        nib: None,
        name: "PT Garmen Sedang".to_owned(),
        region: r("31.73.04.1002"),
        risk_class: 2,
        programs: ProgramSet::parse("JKK;JKM;JHT").unwrap(),
        wages: WageStats::from_wages(&[Rupiah(8_000_000); 25], Some(Rupiah(5_729_876))),
    };
    let cfg = ComplianceConfig::from_rules(&e, date(2026, 3, 1)).unwrap();
    let rep = compliance::assess(
        &e,
        &cfg,
        &[company("PT Garmen Sedang", 25, 8_000_000, Some("12345678"))],
        &[employer],
    )
    .unwrap();
    let a = &rep.outreach[0];
    assert_eq!(a.size_class, SizeClass::Medium);
    assert_eq!(a.findings.len(), 1, "{:?}", a.findings);
    let f = &a.findings[0];
    assert_eq!(f.category, Category::PdsProgram);
    assert_eq!(f.programs.codes(), ["JP"]);
    assert_eq!(f.workers, 25);
    assert_eq!(f.monthly_shortfall, Rupiah(6_000_000));
    assert_eq!(rep.monthly_shortfall, Rupiah(6_000_000));
}

/// The hand-set double, with a size table of its own: micro companies must also join JHT and
/// unregistered ones are assumed in risk class 3.
struct OwnTable;

impl Rules for OwnTable {
    fn contribution(&self, raw: &RawScenario) -> Result<Totals, CalcError> {
        FakeRules.contribution(raw)
    }
    fn benefit(&self, raw: &RawScenario) -> Result<Vec<BenefitPart>, CalcError> {
        FakeRules.benefit(raw)
    }
    fn rupiah_param(&self, name: &str, date: Date) -> Result<Rupiah, CalcError> {
        FakeRules.rupiah_param(name, date)
    }
    fn size_rules(&self, date: Date) -> Result<SizeRules, CalcError> {
        let mut r = FakeRules.size_rules(date)?;
        r.mandatory[0] = vec![Program::Jkk, Program::Jkm, Program::Jht];
        r.unregistered_risk_class = 3;
        Ok(r)
    }
}

#[test]
fn the_table_comes_through_the_rules_port() {
    // The double: every program 1 % of the wage; minimum wage Rp5,000,000.
    // An unregistered micro workshop of 3 at Rp4,000,000 → the minimum wage is the basis.
    let c = company("Konveksi Tiga", 3, 4_000_000, None);
    let d = date(2026, 3, 1);
    // Default table: JKK + JKM = 2 % × 5,000,000 = 100,000 per worker; × 3 = 300,000.
    let cfg = ComplianceConfig::from_rules(&FakeRules, d).unwrap();
    let rep = compliance::assess(&FakeRules, &cfg, std::slice::from_ref(&c), &[]).unwrap();
    assert_eq!(rep.outreach[0].findings[0].category, Category::Pwbd);
    assert_eq!(rep.outreach[0].monthly_shortfall, Rupiah(300_000));
    // The double's table adds JHT: 3 % × 5,000,000 × 3 = 450,000; its risk class is stated.
    let cfg = ComplianceConfig::from_rules(&OwnTable, d).unwrap();
    assert_eq!(cfg.assumed_risk_class, 3);
    let rep = compliance::assess(&OwnTable, &cfg, &[c], &[]).unwrap();
    assert_eq!(
        rep.outreach[0].findings[0].programs.codes(),
        ["JKK", "JKM", "JHT"]
    );
    assert_eq!(rep.outreach[0].monthly_shortfall, Rupiah(450_000));
}
