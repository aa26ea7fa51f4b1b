//! The database door on a small hand-checkable registry written through the store (SQLite
//! always; PostgreSQL too when `JAMSOS_TEST_POSTGRES_URL` is set):
//!
//! - Tambora (31.73.04): village 1001 has 12 PU workers at "CV Garmen Tambora" (KBLI 14111;
//!   10 at Rp5,500,000, 2 at Rp4,000,000) and 6 city-sponsored BPU workers (vulnerable);
//!   village 1002 has 1 sponsored BPU worker.
//! - Potential 2025: 1001/14 = 100 (80 vulnerable), 1002/14 = 50 (40), 1001/G = 40 (10).
//!   So Tambora: potential 190, enrolled 19 (rate 10.00 %), vulnerable 130 → 7 enrolled.
//! - Companies: CV Garmen Tambora (NIB match) reports 20 workers at Rp6,000,000; "Konveksi Maju"
//!   (unregistered) 8 workers at Rp5,000,000.

mod common;
use common::engines::engines;

use common::{FakeRules, m, r};
use jamsos_analytics::budget::{self, BudgetRequest, Package, Target};
use jamsos_analytics::compliance::{self, Category, ComplianceConfig, SizeClass};
use jamsos_analytics::coverage::{self, CoverageQuery, RowRegion};
use jamsos_analytics::db::{AnalyticsDb, DatasetQuery, DbError};
use jamsos_analytics::region::Kemendagri;
use jamsos_analytics::rules_port::FundedBy;
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Level, ProgramSet};
use jamsos_domain::model::{
    EmployerStatus, Programs, RiskClass, SizeClass as EmpSize, SponsorCode, SponsorKind,
};
use jamsos_domain::{KbliCode, Nib, Nik, RegionCode, Sex};
use jamsos_rules::Rupiah;
use jamsos_rules::results::{Program, Segment};
use jamsos_store::{Actor, NewEmployer, NewMembership, Person, Sponsor, Store};
use jiff::civil::date;

fn officer() -> Actor {
    Actor::new("test:officer")
}

const POTENTIAL: &str = "region_code,sector,period,workers,vulnerable_workers,source
31.73.04.1001,14,2025,100,80,test
31.73.04.1002,14,2025,50,40,test
31.73.04.1001,G,2025,40,10,test
";

const COMPANIES: &str = "nib,name,region_code,kbli,reported_workers,average_wage,npp
9120000000001,CV Garmen Tambora,31.73.04.1001,14111,20,6000000,
9120000000002,Konveksi Maju,31.73.04.1002,14111,8,5000000,
";

async fn seed(s: &Store) {
    let region = |c: &str| RegionCode::parse(c).unwrap();
    let sponsor = s
        .add_sponsor(
            &officer(),
            Sponsor {
                code: SponsorCode::parse("PEMKOT-JAKBAR").unwrap(),
                name: "Pemerintah Kota Administrasi Jakarta Barat".into(),
                kind: SponsorKind::CityGovernment,
                region: region("31.73"),
                basis: None,
                covers: vec![],
                synthetic: true,
            },
        )
        .await
        .unwrap();
    let employer = s
        .add_employer(
            &officer(),
            NewEmployer {
                legal_name: "CV Garmen Tambora".into(),
                nib: Some(Nib::parse("9120000000001").unwrap()),
                kbli: Some(KbliCode::parse("14111").unwrap()),
                risk_class: RiskClass::new(2).unwrap(),
                size_class: EmpSize::Small,
                region: region("31.73.04.1001"),
                address: "Jl. Contoh 1".into(),
                status: EmployerStatus::Active,
                synthetic: true,
            },
        )
        .await
        .unwrap();
    let pu = Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht, Program::Jp]);
    let bpu = Programs::of(&[Program::Jkk, Program::Jkm]);
    // 12 PU in 1001, 6 BPU in 1001, 1 BPU in 1002
    for i in 0..19u16 {
        let birth = date(1990, 1, 1 + (i % 28) as i8);
        let village = if i == 18 {
            "31.73.04.1002"
        } else {
            "31.73.04.1001"
        };
        let person = Person {
            nik: Nik::from_parts(region("31.73.04"), birth, Sex::Female, 100 + i).unwrap(),
            name: format!("Pekerja Uji {}", (b'A' + i as u8) as char),
            birth_date: birth,
            sex: Sex::Female,
            region: region(village),
            phone: None,
            died_on: None,
            synthetic: true,
        };
        s.add_person(&officer(), person.clone(), "test")
            .await
            .unwrap();
        let is_pu = i < 12;
        s.open_membership(
            &officer(),
            NewMembership {
                person: person.nik,
                employer: is_pu.then_some(employer.record.npp),
                segment: if is_pu { Segment::Pu } else { Segment::Bpu },
                programs: if is_pu { pu } else { bpu },
                start: date(2026, 1, 1),
                sponsor: (!is_pu).then(|| sponsor.record.code.clone()),
                occupation: None,
                role: None,
                initial_amount: Some(Rupiah(match i {
                    0..10 => 5_500_000,
                    10..12 => 4_000_000,
                    _ => 1_000_000,
                })),
                sector: None,
            },
        )
        .await
        .unwrap();
    }
}

#[tokio::test]
async fn coverage_compliance_and_budget_from_the_database() {
    for db in engines().await {
        let s = &db.store;
        seed(s).await;
        let a = AnalyticsDb::of_store(s).unwrap();
        let imp = a
            .import_potential(POTENTIAL.as_bytes(), "potential.csv", &officer())
            .await
            .unwrap();
        assert_eq!(imp.rows, 3);
        let imp = a
            .import_companies(COMPANIES.as_bytes(), "companies.csv", &officer())
            .await
            .unwrap();
        assert_eq!(
            (imp.rows, imp.matched_nib, imp.matched_npp, imp.unmatched),
            (2, 1, 0, 1)
        );

        let tambora = r("31.73.04");
        let march = m("2026-03");
        let d = a
            .dataset(&DatasetQuery {
                within: Some(tambora.clone()),
                current: march,
                history_from: None,
                minimum_wage: Some(Rupiah(5_000_000)),
                wage_date: date(2026, 3, 1),
            })
            .await
            .unwrap();
        assert_eq!(d.potential.len(), 3);
        let enrolled: u64 = d.enrolled.iter().map(|e| e.count).sum();
        assert_eq!(enrolled, 19);
        let vulnerable: u64 = d
            .enrolled
            .iter()
            .filter(|e| e.vulnerable)
            .map(|e| e.count)
            .sum();
        assert_eq!(vulnerable, 7);

        // Coverage by kelurahan, unsuppressed: 1001 → 18 of 140; 1002 → 1 of 50; total 19/190.
        let mut q = CoverageQuery::new(march, Level::Village);
        q.within = Some(tambora.clone());
        q.policy = Policy::none();
        let t = coverage::coverage(&q, &d.potential, &d.enrolled, &Kemendagri::embedded());
        assert_eq!(t.total.potential, 190);
        assert_eq!(t.total.enrolled, Some(19));
        assert_eq!(t.total.rate.and_then(|r| r.bp()), Some(1000));
        assert_eq!(t.total.enrolled_vulnerable, Some(7));
        let row = |code: &str| {
            t.rows
                .iter()
                .find(|x| matches!(&x.region, RowRegion::Region(c) if c.to_string() == code))
                .unwrap()
                .clone()
        };
        assert_eq!(
            (
                row("31.73.04.1001").potential,
                row("31.73.04.1001").enrolled
            ),
            (140, Some(18))
        );
        assert_eq!(
            (
                row("31.73.04.1002").potential,
                row("31.73.04.1002").enrolled
            ),
            (50, Some(1))
        );
        // A city analyst (k = 5) does not see 1002's single participant, nor 1001's (it
        // would give it away by subtraction from the total).
        q.policy = Policy::city_analyst(5);
        let t5 = coverage::coverage(&q, &d.potential, &d.enrolled, &Kemendagri::embedded());
        assert!(
            t5.rows
                .iter()
                .all(|x| x.enrolled.is_none() || x.enrolled == Some(0) || x.enrolled == Some(19))
        );

        // Employers' wage statistics counted in SQL.
        let e = d.employer_facts(None);
        assert_eq!(e.len(), 1);
        let w = e[0].wages;
        assert_eq!(
            (w.active, w.wage_sum, w.below_min, w.below_min_sum),
            (12, Rupiah(63_000_000), 2, Rupiah(8_000_000))
        );
        assert_eq!(
            e[0].programs,
            ProgramSet::of(&[Program::Jkk, Program::Jkm, Program::Jht, Program::Jp])
        );

        // Compliance: Konveksi Maju unregistered (8 × 3 programs × 1 % × 5,000,000 = 1,200,000
        // with the test double); CV Garmen 8 missing workers (8 × 4 × 1 % × 6,000,000).
        let cfg = ComplianceConfig::new(date(2026, 3, 1));
        let rep = compliance::assess(&FakeRules, &cfg, &d.companies, &e).unwrap();
        let maju = rep
            .outreach
            .iter()
            .find(|x| x.company.name == "Konveksi Maju")
            .unwrap();
        assert_eq!(maju.size_class, SizeClass::Small);
        let pwbd = maju
            .findings
            .iter()
            .find(|f| f.category == Category::Pwbd)
            .unwrap();
        assert_eq!(
            (pwbd.workers, pwbd.monthly_shortfall),
            (8, Rupiah(1_200_000))
        );
        let garmen = rep
            .outreach
            .iter()
            .find(|x| x.company.name == "CV Garmen Tambora")
            .unwrap();
        let tk = garmen
            .findings
            .iter()
            .find(|f| f.category == Category::PdsTk)
            .unwrap();
        assert_eq!((tk.workers, tk.monthly_shortfall), (8, Rupiah(1_920_000)));
        assert_eq!(garmen.uncovered_workers, 8);

        // Budget: every uncovered vulnerable worker of Tambora (130 − 7 = 123) for a year at
        // the double's 16,800 a month: 123 × 16,800 × 12 = 24,796,800.
        let req = BudgetRequest {
            start: m("2026-04"),
            months: 12,
            regions: vec![tambora.clone()],
            sectors: Vec::new(),
            target: Target::AllUncoveredVulnerable,
            package: Package::default(),
            funded_by: FundedBy::Apbd,
            assumptions: None,
        };
        let b = budget::simulate(&FakeRules, &req, &d.potential, &d.enrolled).unwrap();
        assert_eq!(b.cohort, 123);
        assert_eq!(b.cost_per_year, Rupiah(24_796_800));

        // Month close: the snapshot reads back the same counts.
        assert!(a.snapshot_month(march).await.unwrap() > 0);
        let snap = a
            .enrolled_monthly(Some(&tambora), march, march)
            .await
            .unwrap();
        assert_eq!(snap.iter().map(|e| e.count).sum::<u64>(), 19);
    }
}

#[tokio::test]
async fn imports_write_nothing_unless_valid() {
    for db in engines().await {
        let a = AnalyticsDb::of_store(&db.store).unwrap();
        // a bad row: nothing written
        let bad = "region_code,sector,period,workers,vulnerable_workers,source
31.73.04.1001,14,2025,100,80,test
31.73.04.1002,14,2025,50,60,test
";
        match a
            .import_potential(bad.as_bytes(), "bad.csv", &officer())
            .await
        {
            Err(DbError::Invalid(r)) => assert_eq!(r.errors[0].row, 3),
            other => panic!("expected invalid, got {other:?}"),
        }
        assert!(a.potential(None).await.unwrap().is_empty());
        a.import_potential(POTENTIAL.as_bytes(), "p.csv", &officer())
            .await
            .unwrap();
        // the same file again: refused
        assert!(matches!(
            a.import_potential(POTENTIAL.as_bytes(), "p.csv", &officer())
                .await,
            Err(DbError::AlreadyImported(_))
        ));
        // a district-wide figure over the stored villages: refused, nothing written
        let coarse = "region_code,sector,period,workers,vulnerable_workers,source
31.73.05.1001,14,2025,10,1,test
31.73.04,14,2025,900,700,test
";
        match a
            .import_potential(coarse.as_bytes(), "coarse.csv", &officer())
            .await
        {
            Err(DbError::Invalid(r)) => assert!(!r.errors.is_empty(), "{r:?}"),
            other => panic!("expected overlap, got {other:?}"),
        }
        assert_eq!(a.potential(None).await.unwrap().len(), 3);
    }
}
