//! Money flows read from the payment ledger, hand-checked, on SQLite and (when
//! `JAMSOS_TEST_POSTGRES_URL` is set) PostgreSQL.
//!
//! Registry: "CV Garmen Tambora" (31.73.04.1001) employs Siti (lives in 31.73.04.1001); Budi is
//! a self-paying BPU participant living in Tebet Timur (31.74.01.1001).
//!
//! Ledger (contributions reported by the month paid):
//! - C-1 employer, Jan 2026, paid 2026-01-15: JKK 13,752 + JKM 17,189 + JHT 326,603
//! - C-2 employer, Feb 2026, paid 2026-02-15: the same
//! - C-3 Budi, Jan 2026, paid 2026-01-31: JKK 10,000 + JKM 6,800
//! - C-4 Budi, Feb 2026, paid 2026-02-27: the same; then reversed by R-1 (paid 2026-03-02,
//!   reported in February, the month it corrects) and paid again as C-5 (2026-02-28)
//! - B-1 Budi, JKK STMB, 2026-02-05: 3,000,000; B-2 Siti, JHT balance, 2026-01-20: 25,000,000
//!
//! Expected: contributions each month JKK 23,752, JKM 23,989, JHT 326,603 (374,344; 748,688 in
//! all); by city over all months, 31.73: JKK 27,504, JKM 34,378, JHT 653,206 (2 payments each),
//! JHT benefit 25,000,000; 31.74: JKK 20,000, JKM 13,600 (2 payments each), JKK benefit
//! 3,000,000.

mod common;
use common::engines::{engines, sqlite};
use jamsos_analytics::flows::{self, FlowKind, FlowRecord, Granularity};
use jamsos_analytics::flows_db::{FlowQuery, flow_records};
use jamsos_analytics::flows_summary;
use jamsos_analytics::model::Program;
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Level, RegionKey};
use jamsos_domain::model::{EmployerStatus, Programs, RiskClass, SizeClass};
use jamsos_domain::payments::csv;
use jamsos_domain::{Nik, RegionCode, Sex};
use jamsos_rules::Rupiah;
use jamsos_rules::results::Segment;
use jamsos_store::payments::{PaymentOutcome, PaymentSource};
use jamsos_store::{Actor, NewEmployer, NewMembership, Person, Store};
use jiff::civil::date;
use proptest::prelude::*;

fn officer() -> Actor {
    Actor::new("test:officer")
}

fn region(c: &str) -> RegionCode {
    RegionCode::parse(c).unwrap()
}

/// The registry; returns (NPP, Siti's KPJ, Budi's KPJ).
async fn registry(s: &Store) -> (String, String, String) {
    let e = s
        .add_employer(
            &officer(),
            NewEmployer {
                legal_name: "CV Garmen Tambora".into(),
                nib: None,
                kbli: None,
                risk_class: RiskClass::new(2).unwrap(),
                size_class: SizeClass::Small,
                region: region("31.73.04.1001"),
                address: "Jl. Contoh 1".into(),
                status: EmployerStatus::Active,
                synthetic: true,
            },
        )
        .await
        .unwrap();
    let mut kpjs = Vec::new();
    for (i, (name, village, pu)) in [
        ("Siti Aminah", "31.73.04.1001", true),
        ("Budi Santoso", "31.74.01.1001", false),
    ]
    .into_iter()
    .enumerate()
    {
        let birth = date(1990, 1, 1 + i as i8);
        let person = Person {
            nik: Nik::from_parts(region("31.73.04"), birth, Sex::Female, 1 + i as u16).unwrap(),
            name: name.into(),
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
        let m = s
            .open_membership(
                &officer(),
                NewMembership {
                    person: person.nik,
                    employer: pu.then_some(e.record.npp),
                    segment: if pu { Segment::Pu } else { Segment::Bpu },
                    programs: if pu {
                        Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht, Program::Jp])
                    } else {
                        Programs::of(&[Program::Jkk, Program::Jkm])
                    },
                    start: date(2024, 1, 1),
                    sponsor: None,
                    occupation: None,
                    sector: None,
                    role: None,
                    initial_amount: Some(Rupiah(if pu { 5_729_876 } else { 1_000_000 })),
                },
            )
            .await
            .unwrap();
        kpjs.push(m.record.kpj.to_string());
    }
    (e.record.npp.to_string(), kpjs[0].clone(), kpjs[1].clone())
}

fn source(kind: &'static str, bytes: &[u8]) -> PaymentSource {
    PaymentSource {
        kind,
        file_name: format!("{kind}.csv"),
        sha256: jamsos_store::import::file_sha256(bytes),
    }
}

async fn contributions(s: &Store, text: &str) -> PaymentOutcome {
    let rows = csv::contributions(text.as_bytes()).unwrap();
    s.record_contributions(&officer(), &source("contributions", text.as_bytes()), &rows)
        .await
        .unwrap()
}

async fn benefits(s: &Store, text: &str) -> PaymentOutcome {
    let rows = csv::benefits(text.as_bytes()).unwrap();
    s.record_benefits(&officer(), &source("benefits", text.as_bytes()), &rows)
        .await
        .unwrap()
}

const C_HEAD: &str = "reference,payer_type,payer,month,paid_on,jkk,jkm,jht,jp,jkp,reverses\n";
const B_HEAD: &str = "reference,kpj,program,benefit,claim_reference,paid_on,amount,reverses\n";

async fn ledger(s: &Store) {
    let (npp, siti, budi) = registry(s).await;
    let c = format!(
        "{C_HEAD}C-1,employer,{npp},2026-01,2026-01-15,13752,17189,326603,,\n\
         C-2,employer,{npp},2026-02,2026-02-15,13752,17189,326603,,\n\
         C-3,participant,{budi},2026-01,2026-01-31,10000,6800,,,\n\
         C-4,participant,{budi},2026-02,2026-02-27,10000,6800,,,\n"
    );
    assert!(matches!(
        contributions(s, &c).await,
        PaymentOutcome::Applied { payments: 4, .. }
    ));
    let fix = format!(
        "{C_HEAD}R-1,,,,2026-03-02,,,,,,C-4\n\
         C-5,participant,{budi},2026-02,2026-02-28,10000,6800,,,\n"
    );
    assert!(matches!(
        contributions(s, &fix).await,
        PaymentOutcome::Applied {
            reversals: 1,
            payments: 1,
            net: 0,
            ..
        }
    ));
    let b = format!(
        "{B_HEAD}B-1,{budi},JKK,stmb,K-1,2026-02-05,3000000,\n\
         B-2,{siti},JHT,jht_balance,K-2,2026-01-20,25000000,\n"
    );
    assert!(matches!(
        benefits(s, &b).await,
        PaymentOutcome::Applied { payments: 2, .. }
    ));
}

fn query(within: Option<&str>, level: Level, program: Option<Program>) -> FlowQuery {
    FlowQuery {
        within: within.map(|w| RegionKey::parse(w).unwrap()),
        level,
        program,
    }
}

fn cell(
    rows: &[flows::FlowRow],
    kind: FlowKind,
    program: Program,
    region: Option<&str>,
    period: &str,
) -> (Option<i64>, Option<u64>) {
    let r = rows
        .iter()
        .find(|r| {
            r.kind == kind
                && r.program == program
                && r.period == period
                && r.region.as_ref().map(|k| k.to_string()).as_deref() == region
        })
        .unwrap_or_else(|| panic!("no row {kind:?} {program:?} {region:?} {period}: {rows:#?}"));
    (r.amount.map(|a| a.get()), r.cases)
}

#[tokio::test]
async fn the_hand_checked_ledger_reports_by_month_region_and_program() {
    use FlowKind::*;
    for db in engines().await {
        let s = &db.store;
        ledger(s).await;

        // By month, at province level (both cities are in DKI Jakarta, 31).
        let recs = flow_records(s, &query(Some("31"), Level::Province, None))
            .await
            .unwrap();
        let rows = flows::report(
            &recs,
            None,
            Level::Province,
            Granularity::Month,
            Policy::none(),
        );
        for month in ["2026-01", "2026-02"] {
            let jkk = cell(
                &rows,
                ContributionCollected,
                Program::Jkk,
                Some("31"),
                month,
            );
            assert_eq!(jkk, (Some(23_752), Some(2)), "{month}");
            let jkm = cell(
                &rows,
                ContributionCollected,
                Program::Jkm,
                Some("31"),
                month,
            );
            assert_eq!(jkm, (Some(23_989), Some(2)), "{month}");
            let jht = cell(
                &rows,
                ContributionCollected,
                Program::Jht,
                Some("31"),
                month,
            );
            assert_eq!(jht, (Some(326_603), Some(1)), "{month}");
        }
        assert_eq!(
            cell(&rows, BenefitPaid, Program::Jht, Some("31"), "2026-01"),
            (Some(25_000_000), Some(1))
        );
        assert_eq!(
            cell(&rows, BenefitPaid, Program::Jkk, Some("31"), "2026-02"),
            (Some(3_000_000), Some(1))
        );
        assert!(
            !rows.iter().any(|r| r.period == "2026-03"),
            "the reversal nets in February"
        );

        // By city over all months.
        let recs = flow_records(s, &query(None, Level::Regency, None))
            .await
            .unwrap();
        let rows = flows::report(
            &recs,
            None,
            Level::Regency,
            Granularity::All,
            Policy::none(),
        );
        let c = |p, r| cell(&rows, ContributionCollected, p, Some(r), "all");
        assert_eq!(c(Program::Jkk, "31.73"), (Some(27_504), Some(2)));
        assert_eq!(c(Program::Jkm, "31.73"), (Some(34_378), Some(2)));
        assert_eq!(c(Program::Jht, "31.73"), (Some(653_206), Some(2)));
        assert_eq!(c(Program::Jkk, "31.74"), (Some(20_000), Some(2)));
        assert_eq!(c(Program::Jkm, "31.74"), (Some(13_600), Some(2)));
        assert_eq!(
            cell(&rows, BenefitPaid, Program::Jkk, Some("31.74"), "all"),
            (Some(3_000_000), Some(1))
        );
        assert_eq!(rows.len(), 7, "{rows:#?}");

        // The headline and its suppression: one benefit is below k = 5 for a city analyst.
        let t = flows_summary::totals(&recs, None, Policy::none());
        assert_eq!(t.contributions_collected.amount, Some(Rupiah(748_688)));
        assert_eq!(t.benefits_paid.amount, Some(Rupiah(28_000_000)));
        assert_eq!(
            flows_summary::headline(&t, "DKI Jakarta"),
            "Rp28.0 million paid in DKI Jakarta so far (2026-01 to 2026-02); Rp748,688 collected"
        );
        let k = flows_summary::totals(
            &recs,
            Some(&RegionKey::parse("31.74").unwrap()),
            Policy::default(),
        );
        assert_eq!(
            k.benefits_paid.amount, None,
            "one benefit in the city: withheld"
        );

        // Filters: a region and a program.
        let recs = flow_records(s, &query(Some("31.74"), Level::Village, Some(Program::Jkm)))
            .await
            .unwrap();
        assert_eq!(recs.len(), 2, "{recs:#?}");
        assert!(recs.iter().all(|r| r.kind == ContributionCollected
            && r.region.to_string() == "31.74.01.1001"
            && r.amount == Rupiah(6_800)
            && r.cases == 1));
    }
}

fn sum(records: &[FlowRecord], kind: FlowKind) -> i64 {
    records
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.amount.get())
        .sum()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Whatever payments and reversals are recorded, the report's totals (at any level and
    /// granularity, unsuppressed) equal the sum of the ledger's payments minus its reversals.
    #[test]
    fn report_totals_equal_the_sum_of_the_records(
        payments in prop::collection::vec(
            (0usize..3, 1u8..=12, 1u8..=28, prop::collection::vec(0i64..2_000_000, 5), any::<bool>()),
            1..12,
        ),
        level in 0usize..4,
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let db = sqlite().await;
            let s = &db.store;
            let (npp, _siti, budi) = registry(s).await;
            let payers = [("employer", npp.as_str()), ("participant", budi.as_str()), ("employer", npp.as_str())];
            let mut text = C_HEAD.to_owned();
            let mut expected = 0i64;
            let mut reversed = Vec::new();
            for (i, (payer, month, day, amounts, reverse)) in payments.iter().enumerate() {
                let (kind, code) = payers[*payer];
                let cells: Vec<String> = amounts.iter().map(i64::to_string).collect();
                text.push_str(&format!(
                    "P-{i},{kind},{code},2025-{month:02},2025-{month:02}-{day:02},{},\n",
                    cells.join(",")
                ));
                if *reverse {
                    reversed.push(i);
                } else {
                    expected += amounts.iter().sum::<i64>();
                }
            }
            let out = contributions(s, &text).await;
            prop_assert!(matches!(out, PaymentOutcome::Applied { .. }), "{out:?}");
            if !reversed.is_empty() {
                let mut rev = C_HEAD.to_owned();
                for i in &reversed {
                    rev.push_str(&format!("R-{i},,,,2026-01-01,,,,,,P-{i}\n"));
                }
                let out = contributions(s, &rev).await;
                prop_assert!(matches!(out, PaymentOutcome::Applied { .. }), "{out:?}");
            }
            let level = [Level::Province, Level::Regency, Level::District, Level::Village][level];
            let recs = flow_records(s, &query(None, level, None)).await.unwrap();
            prop_assert_eq!(sum(&recs, FlowKind::ContributionCollected), expected);
            for g in [Granularity::Month, Granularity::Year, Granularity::All] {
                let rows = flows::report(&recs, None, level, g, Policy::none());
                let total: i64 = rows.iter().filter_map(|r| r.amount).map(|a| a.get()).sum();
                prop_assert_eq!(total, expected);
            }
            Ok(())
        })?;
    }
}
