//! Month-end snapshots reconstructed from membership history, on SQLite always and on
//! PostgreSQL when `JAMSOS_TEST_POSTGRES_URL` is set. A hand-checkable registry of six
//! memberships (end dates are the last day, inclusive), Tambora (31.73.04):
//!
//! | who | village | segment                  | start      | end        |
//! |-----|---------|--------------------------|------------|------------|
//! | P1  | 1001    | PU at a garment employer | 2026-01-15 | —          |
//! | P2  | 1001    | PU at the same           | 2026-01-01 | 2026-02-10 |
//! | P3  | 1002    | BPU, city-sponsored      | 2026-02-01 | —          |
//! | P4  | 1002    | BPU, self-paying         | 2026-02-28 | 2026-03-31 |
//! | P5  | 1001    | PU at the garment one    | 2026-03-31 | —          |
//! | P6  | 1002    | BPU, city-sponsored      | 2026-04-02 | 2026-04-20 |
//!
//! Active at each month's end (cells = distinct region × sector × segment × vulnerable ×
//! programs): Jan 31 P1 P2 → 2 (1 cell); Feb 28 P1 P3 P4 → 3 (3 cells, 1 vulnerable);
//! Mar 31 P1 P3 P4 P5 → 4 (3 cells, 1 vulnerable); Apr 30 P1 P3 P5 → 3 (2 cells, 1
//! vulnerable; P6 came and went within April). Today's open memberships: P1 P3 P5 → 3.

mod common;
use common::engines::engines;

use common::{m, r};
use jamsos_analytics::Level;
use jamsos_analytics::coverage::{self, CoverageQuery};
use jamsos_analytics::db::{AnalyticsDb, DatasetQuery};
use jamsos_analytics::db_history::{MonthSnapshot, Stamp};
use jamsos_analytics::history::backfill_months;
use jamsos_analytics::suppress::Policy;
use jamsos_domain::model::{
    EmployerStatus, Programs, RiskClass, SizeClass as EmpSize, SponsorCode, SponsorKind,
};
use jamsos_domain::{KbliCode, Nik, RegionCode, Sex};
use jamsos_rules::Rupiah;
use jamsos_rules::results::{Program, Segment};
use jamsos_store::{Actor, NewEmployer, NewMembership, Person, Sponsor, Store};
use jiff::civil::{Date, date};

fn officer() -> Actor {
    Actor::new("test:officer")
}

fn stamp() -> Stamp {
    Stamp {
        actor: Actor::new("test:month-close"),
        at: "2026-05-10T01:00:00Z".parse().unwrap(),
    }
}

/// (village, PU?, sponsored?, start, end)
const PEOPLE: [(&str, bool, bool, Date, Option<Date>); 6] = [
    ("31.73.04.1001", true, false, date(2026, 1, 15), None),
    (
        "31.73.04.1001",
        true,
        false,
        date(2026, 1, 1),
        Some(date(2026, 2, 10)),
    ),
    ("31.73.04.1002", false, true, date(2026, 2, 1), None),
    (
        "31.73.04.1002",
        false,
        false,
        date(2026, 2, 28),
        Some(date(2026, 3, 31)),
    ),
    ("31.73.04.1001", true, false, date(2026, 3, 31), None),
    (
        "31.73.04.1002",
        false,
        true,
        date(2026, 4, 2),
        Some(date(2026, 4, 20)),
    ),
];

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
                nib: None,
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
    for (i, (village, is_pu, sponsored, start, end)) in PEOPLE.into_iter().enumerate() {
        let birth = date(1990, 1, 1 + i as i8);
        let person = Person {
            nik: Nik::from_parts(region("31.73.04"), birth, Sex::Female, 200 + i as u16).unwrap(),
            name: format!("Pekerja Riwayat {}", (b'A' + i as u8) as char),
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
        let opened = s
            .open_membership(
                &officer(),
                NewMembership {
                    person: person.nik,
                    employer: is_pu.then_some(employer.record.npp),
                    segment: if is_pu { Segment::Pu } else { Segment::Bpu },
                    programs: if is_pu { pu } else { bpu },
                    start,
                    sponsor: sponsored.then(|| sponsor.record.code.clone()),
                    occupation: None,
                    sector: None,
                    role: None,
                    initial_amount: Some(Rupiah(if is_pu { 5_500_000 } else { 1_000_000 })),
                },
            )
            .await
            .unwrap();
        if let Some(end) = end {
            s.end_membership(&officer(), opened.record.kpj, opened.version, end, "test")
                .await
                .unwrap();
        }
    }
}

fn snap(month: &str, cells: u64, active: u64) -> MonthSnapshot {
    MonthSnapshot {
        month: m(month),
        cells,
        active,
    }
}

fn expected() -> Vec<MonthSnapshot> {
    vec![
        snap("2026-01", 1, 2),
        snap("2026-02", 3, 3),
        snap("2026-03", 3, 4),
        snap("2026-04", 2, 3),
    ]
}

/// Every stored month-end row of Tambora, sorted (to compare two writes).
async fn monthly_rows(a: &AnalyticsDb) -> Vec<String> {
    let mut rows: Vec<String> = a
        .enrolled_monthly(Some(&r("31.73.04")), m("2000-01"), m("2100-12"))
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            format!(
                "{} {} {:?} {:?} {} {:?} {}",
                e.month, e.region, e.sector, e.segment, e.vulnerable, e.programs, e.count
            )
        })
        .collect();
    rows.sort();
    rows
}

#[tokio::test]
async fn backfill_reconstructs_month_ends_and_is_idempotent() {
    for db in engines().await {
        let s = &db.store;
        seed(s).await;
        let a = AnalyticsDb::of_store(s).unwrap();
        let today = date(2026, 5, 10);
        let first = a.first_membership_month().await.unwrap();
        assert_eq!(first, Some(m("2026-01")));
        // Default range: every closed month since the first membership; May is still open.
        let months = backfill_months(None, None, first, today).unwrap();
        assert_eq!(
            months,
            vec![m("2026-01"), m("2026-02"), m("2026-03"), m("2026-04")]
        );
        assert!(backfill_months(None, Some(m("2026-05")), first, today).is_err());

        let once = a.backfill_snapshots(&months, &stamp()).await.unwrap();
        assert_eq!(once, expected());
        let rows = monthly_rows(&a).await;
        assert_eq!(rows.len(), 1 + 3 + 3 + 2);
        // Vulnerable participants: P3 from February on.
        let vulnerable = |month: &str| {
            rows.iter()
                .filter(|r| r.starts_with(month) && r.contains(" true "))
                .count()
        };
        assert_eq!(
            (
                vulnerable("2026-01"),
                vulnerable("2026-02"),
                vulnerable("2026-04")
            ),
            (0, 1, 1)
        );

        // Re-running replaces the months' rows: the same rows, no duplicates.
        let twice = a.backfill_snapshots(&months, &stamp()).await.unwrap();
        assert_eq!(twice, expected());
        assert_eq!(monthly_rows(&a).await, rows);
        let runs = a.snapshot_runs().await.unwrap();
        assert_eq!(runs.len(), 4);
        assert!(runs.iter().all(|r| r.source == "history"));
        assert_eq!(
            runs.iter().map(|r| r.active).collect::<Vec<_>>(),
            vec![2, 3, 4, 3]
        );

        // The trend: closed months from the snapshots, the open month from coverage_current.
        let d = a
            .dataset(&DatasetQuery {
                within: Some(r("31.73.04")),
                current: m("2026-05"),
                history_from: Some(m("2026-01")),
                minimum_wage: None,
                wage_date: today,
            })
            .await
            .unwrap();
        let mut q = CoverageQuery::new(m("2026-05"), Level::Village);
        q.within = Some(r("31.73.04"));
        q.policy = Policy::none();
        let trend = coverage::trend(
            &q,
            &m("2026-01").through(m("2026-05")),
            &d.potential,
            &d.enrolled,
        );
        let enrolled: Vec<_> = trend.iter().map(|p| p.enrolled).collect();
        assert_eq!(enrolled, vec![Some(2), Some(3), Some(4), Some(3), Some(3)]);
        let vulnerable: Vec<_> = trend.iter().map(|p| p.enrolled_vulnerable).collect();
        assert_eq!(
            vulnerable,
            vec![Some(0), Some(1), Some(1), Some(1), Some(1)]
        );
    }
}

#[tokio::test]
async fn month_close_writes_exactly_the_missing_closed_months() {
    for db in engines().await {
        let s = &db.store;
        let a = AnalyticsDb::of_store(s).unwrap();
        // An empty registry: nothing to close.
        let r0 = a.close_months(date(2026, 5, 10), &stamp()).await.unwrap();
        assert!(r0.written.is_empty() && r0.taken.is_empty());
        seed(s).await;

        // February was backfilled by hand; on 3 April the closed months are Jan–Mar.
        a.backfill_snapshots(&[m("2026-02")], &stamp())
            .await
            .unwrap();
        let r1 = a.close_months(date(2026, 4, 3), &stamp()).await.unwrap();
        assert_eq!(
            r1.written,
            vec![snap("2026-01", 1, 2), snap("2026-03", 3, 4)]
        );
        assert!(r1.taken.is_empty());
        // The same day again: nothing missing.
        let r2 = a.close_months(date(2026, 4, 30), &stamp()).await.unwrap();
        assert!(r2.written.is_empty());
        // May: April has closed.
        let r3 = a.close_months(date(2026, 5, 1), &stamp()).await.unwrap();
        assert_eq!(r3.written, vec![snap("2026-04", 2, 3)]);
        let runs = a.snapshot_runs().await.unwrap();
        assert_eq!(
            runs.iter().map(|r| r.month).collect::<Vec<_>>(),
            m("2026-01").through(m("2026-04"))
        );
        assert_eq!(runs[0].actor, "test:month-close");
    }
}

#[tokio::test]
async fn two_servers_closing_at_once_write_each_month_once() {
    for db in engines().await {
        let s = &db.store;
        seed(s).await;
        let a = AnalyticsDb::of_store(s).unwrap();
        let b = AnalyticsDb::of_store(s).unwrap();
        let today = date(2026, 5, 10);
        let st = stamp();
        let (ra, rb) = tokio::join!(a.close_months(today, &st), b.close_months(today, &st));
        let (ra, rb) = (ra.unwrap(), rb.unwrap());
        let mut written: Vec<_> = ra.written.iter().chain(&rb.written).cloned().collect();
        written.sort_by_key(|w| w.month);
        assert_eq!(written, expected());
        assert_eq!(monthly_rows(&a).await.len(), 1 + 3 + 3 + 2);
    }
}
