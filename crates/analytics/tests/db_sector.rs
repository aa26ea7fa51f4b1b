//! Vulnerable coverage by sector from the database (migration 0210): a sponsored (BPU) member
//! counts in the sector the sponsored list gives, so the Tambora garment gap (KBLI division
//! 14, home garment workers) is no longer always 0.
//!
//! Hand-checkable registry, Tambora (31.73.04):
//! - village 1001: 2 PU workers at "CV Garmen Tambora" (KBLI 14111); 3 city-sponsored home
//!   garment workers (sector 14) and 1 sponsored worker without a sector;
//! - village 1002: 1 sponsored street vendor in section G.
//! - Potential 2026: 1001/14 = 50 (20 vulnerable), 1002/14 = 30 (10), 1001/G = 40 (10).
//!
//! So division 14: potential 80, enrolled 2 + 3 = 5 (6.25 %), vulnerable 30 → 3 enrolled
//! (10.00 %). Section G: vulnerable 10 → 1 (10.00 %). All of Tambora: enrolled 7, vulnerable 5.

mod common;

use common::{m, r};
use jamsos_analytics::coverage::{self, CoverageQuery};
use jamsos_analytics::db::{AnalyticsDb, DatasetQuery};
use jamsos_analytics::demo::Dataset;
use jamsos_analytics::region::Kemendagri;
use jamsos_analytics::sector::Sector;
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Level, Month, RegionKey};
use jamsos_domain::model::{
    EmployerStatus, Programs, RiskClass, SizeClass, SponsorCode, SponsorKind,
};
use jamsos_domain::{KbliCode, Nik, RegionCode, Sex};
use jamsos_rules::Rupiah;
use jamsos_rules::results::{Program, Segment};
use jamsos_store::import::{ImportContext, ImportKind, ImportMode, ImportRequest};
use jamsos_store::{Actor, NewEmployer, NewMembership, Person, Sponsor, Store};
use jiff::civil::date;

fn officer() -> Actor {
    Actor::new("test:officer")
}

fn region(c: &str) -> RegionCode {
    RegionCode::parse(c).unwrap()
}

const POTENTIAL: &str = "region_code,sector,period,workers,vulnerable_workers,source
31.73.04.1001,14,2026,50,20,test
31.73.04.1002,14,2026,30,10,test
31.73.04.1001,G,2026,40,10,test
";

async fn store() -> (Store, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("s.db").display());
    (Store::connect(&url).await.unwrap(), dir)
}

async fn seed(s: &Store) {
    s.add_sponsor(
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
                nib: None,
                kbli: Some(KbliCode::parse("14111").unwrap()),
                risk_class: RiskClass::new(2).unwrap(),
                size_class: SizeClass::Micro,
                region: region("31.73.04.1001"),
                address: "Jl. Contoh 1".into(),
                status: EmployerStatus::Active,
                synthetic: true,
            },
        )
        .await
        .unwrap();
    for i in 0..2u16 {
        let birth = date(1990, 1, 1 + i as i8);
        let person = Person {
            nik: Nik::from_parts(region("31.73.04"), birth, Sex::Female, 200 + i).unwrap(),
            name: format!("Penjahit Uji {}", (b'A' + i as u8) as char),
            birth_date: birth,
            sex: Sex::Female,
            region: region("31.73.04.1001"),
            phone: None,
            died_on: None,
            synthetic: true,
        };
        s.add_person(&officer(), person.clone(), "test")
            .await
            .unwrap();
        s.open_membership(
            &officer(),
            NewMembership {
                person: person.nik,
                employer: Some(employer.record.npp),
                segment: Segment::Pu,
                programs: Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht, Program::Jp]),
                start: date(2026, 1, 1),
                sponsor: None,
                occupation: None,
                role: None,
                initial_amount: Some(Rupiah(5_500_000)),
                sector: None,
            },
        )
        .await
        .unwrap();
    }
    let nik = |day: i8, serial: u16| {
        Nik::from_parts(region("31.73.04"), date(1995, 5, day), Sex::Female, serial)
            .unwrap()
            .to_string()
    };
    let csv = format!(
        "nik,name,birth_date,sex,region_code,occupation,declared_income,start_date,sektor\n\
         {},Ani Penjahit,1995-05-01,P,31.73.04.1001,penjahit rumahan,1000000,2026-01-01,14\n\
         {},Bunga Penjahit,1995-05-02,P,31.73.04.1001,penjahit rumahan,1000000,2026-01-01,14111\n\
         {},Cici Penjahit,1995-05-03,P,31.73.04.1001,penjahit rumahan,1000000,2026-01-01,14\n\
         {},Dewi Pekerja,1995-05-04,P,31.73.04.1001,buruh harian,1000000,2026-01-01,\n\
         {},Eka Pedagang,1995-05-05,P,31.73.04.1002,pedagang kaki lima,1000000,2026-01-01,G\n",
        nik(1, 301),
        nik(2, 302),
        nik(3, 303),
        nik(4, 304),
        nik(5, 305)
    );
    let out = s
        .import_file(
            &officer(),
            ImportRequest {
                kind: ImportKind::Sponsored,
                context: ImportContext {
                    employer: None,
                    sponsor: Some(SponsorCode::parse("PEMKOT-JAKBAR").unwrap()),
                },
                mode: ImportMode::AllOrNothing,
                file_name: "rentan.csv".into(),
                bytes: csv.into_bytes(),
            },
            &|_| {},
        )
        .await
        .unwrap();
    assert_eq!(out.counts.memberships_created, 5, "{out:?}");
}

async fn dataset(a: &AnalyticsDb, within: &RegionKey, month: Month) -> Dataset {
    a.dataset(&DatasetQuery {
        within: Some(within.clone()),
        current: month,
        history_from: None,
        minimum_wage: None,
        wage_date: date(2026, 3, 1),
    })
    .await
    .unwrap()
}

fn total(
    d: &Dataset,
    within: &RegionKey,
    month: Month,
    sectors: &[Sector],
) -> coverage::CoverageRow {
    let mut q = CoverageQuery::new(month, Level::District);
    q.within = Some(within.clone());
    q.sectors = sectors.to_vec();
    q.policy = Policy::none();
    coverage::coverage(&q, &d.potential, &d.enrolled, &Kemendagri::embedded()).total
}

#[tokio::test]
async fn sponsored_members_count_in_their_own_sector() {
    let (s, _dir) = store().await;
    seed(&s).await;
    let a = AnalyticsDb::of_store(&s).unwrap();
    a.import_potential(POTENTIAL.as_bytes(), "potential.csv", &officer())
        .await
        .unwrap();
    let (tambora, march) = (r("31.73.04"), m("2026-03"));
    let d = dataset(&a, &tambora, march).await;

    let garment = total(&d, &tambora, march, &[Sector::Division(14)]);
    assert_eq!((garment.potential, garment.enrolled), (80, Some(5)));
    assert_eq!(garment.rate.and_then(|x| x.bp()), Some(625));
    assert_eq!(
        (garment.potential_vulnerable, garment.enrolled_vulnerable),
        (30, Some(3))
    );
    assert_eq!(garment.rate_vulnerable.and_then(|x| x.bp()), Some(1000));

    let trade = total(&d, &tambora, march, &[Sector::Section('G')]);
    assert_eq!(
        (trade.potential_vulnerable, trade.enrolled_vulnerable),
        (10, Some(1))
    );

    let all = total(&d, &tambora, march, &[]);
    assert_eq!((all.enrolled, all.enrolled_vulnerable), (Some(7), Some(5)));
}

/// The West Jakarta demo (`jamsos serve --demo`): its 24 city-sponsored home garment workers
/// in Tambora (HOME_GARMENT_WORKERS, all open, all sector 14) are Tambora's vulnerable garment
/// coverage — before 0210 it was 0.
#[tokio::test]
async fn the_demo_shows_tamboras_vulnerable_garment_coverage() {
    let (s, _dir) = store().await;
    let data = jamsos_domain::demo::west_jakarta(1);
    s.seed_demo(&Actor::new("demo"), &data).await.unwrap();
    let a = AnalyticsDb::of_store(&s).unwrap();
    a.seed_demo(&r("31.73"), 2026)
        .await
        .unwrap()
        .expect("seeded");
    let (tambora, march) = (r("31.73.04"), m("2026-03"));
    let d = dataset(&a, &tambora, march).await;
    let garment = total(&d, &tambora, march, &[Sector::Division(14)]);
    let expected = jamsos_domain::demo::WEST_JAKARTA_HOME_GARMENT_WORKERS as u64;
    assert_eq!(expected, 24);
    assert_eq!(garment.enrolled_vulnerable, Some(expected));
    assert!(garment.potential_vulnerable > expected, "{garment:?}");
    let bp = garment.rate_vulnerable.and_then(|x| x.bp()).unwrap();
    assert!(bp > 0, "{garment:?}");
    // The rate is what it says: 24 over the vulnerable garment potential, in basis points.
    let want =
        (expected * 10_000 + garment.potential_vulnerable / 2) / garment.potential_vulnerable;
    assert!((bp - want as i64).abs() <= 1, "{bp} vs {want}");
    // Nowhere else in West Jakarta is a vulnerable worker in division 14.
    let city = dataset(&a, &r("31.73"), march).await;
    let city_garment = total(&city, &r("31.73"), march, &[Sector::Division(14)]);
    assert_eq!(city_garment.enrolled_vulnerable, Some(expected));
}
