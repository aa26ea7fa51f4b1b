//! The payment ledger: all-or-nothing batches whose rows name registry records, reversals,
//! audit entries in the same transaction, and triggers refusing UPDATE/DELETE. On SQLite and,
//! when configured, PostgreSQL.
//!
//! Registry: employer "CV Garmen Tambora" (region 31.73.04.1001) with PU worker Siti (lives in
//! 31.73.04.1001); Budi, a self-paying BPU participant living in Tebet Timur (31.74.01.1001);
//! the sponsor PEMKOT-JAKBAR (31.73).

mod common;

use common::fixtures::*;
use jamsos_domain::model::Segment;
use jamsos_domain::payments::csv;
use jamsos_rules::Rupiah;
use jamsos_store::payments::{PaymentOutcome, PaymentSource};
use jamsos_store::{Actor, NewMembership, Person, Store};
use jiff::civil::date;

fn officer() -> Actor {
    Actor::new("test:officer")
}

/// Sets the registry up; returns (NPP, Siti's KPJ, Budi's KPJ).
async fn registry(s: &Store) -> (String, String, String) {
    let e = s
        .add_employer(&officer(), employer("CV Garmen Tambora"))
        .await
        .unwrap();
    s.add_sponsor(&officer(), city_sponsor()).await.unwrap();
    s.add_person(&officer(), siti(), "test").await.unwrap();
    let budi = Person {
        region: region("31.74.01.1001"),
        ..budi()
    };
    s.add_person(&officer(), budi.clone(), "test")
        .await
        .unwrap();
    let siti_m = s
        .open_membership(
            &officer(),
            NewMembership {
                person: siti().nik,
                employer: Some(e.record.npp),
                segment: Segment::Pu,
                programs: pu_programs(),
                start: date(2024, 1, 1),
                sponsor: None,
                occupation: None,
                sector: None,
                role: None,
                initial_amount: Some(Rupiah(5_729_876)),
            },
        )
        .await
        .unwrap();
    let budi_m = s
        .open_membership(
            &officer(),
            NewMembership {
                person: budi.nik,
                employer: None,
                segment: Segment::Bpu,
                programs: bpu_programs(),
                start: date(2024, 1, 1),
                sponsor: None,
                occupation: None,
                sector: None,
                role: None,
                initial_amount: Some(Rupiah(1_000_000)),
            },
        )
        .await
        .unwrap();
    (
        e.record.npp.to_string(),
        siti_m.record.kpj.to_string(),
        budi_m.record.kpj.to_string(),
    )
}

fn source(kind: &'static str, bytes: &[u8]) -> PaymentSource {
    PaymentSource {
        kind,
        file_name: format!("{kind}.csv"),
        sha256: jamsos_store::import::file_sha256(bytes),
    }
}

const C_HEAD: &str = "reference,payer_type,payer,month,paid_on,jkk,jkm,jht,jp,jkp,reverses\n";

async fn contributions(s: &Store, text: &str) -> PaymentOutcome {
    let rows = csv::contributions(text.as_bytes()).unwrap();
    s.record_contributions(&officer(), &source("contributions", text.as_bytes()), &rows)
        .await
        .unwrap()
}

async fn count(s: &Store, table: &str) -> i64 {
    let sql = format!("SELECT count(*) FROM {table}");
    match (s.sqlite_pool(), s.postgres_pool()) {
        (Some(p), _) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(p)
            .await
            .unwrap(),
        (_, Some(p)) => sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
            .fetch_one(p)
            .await
            .unwrap(),
        _ => unreachable!(),
    }
}

async fn exec(s: &Store, sql: &str) -> Result<u64, sqlx::Error> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match (s.sqlite_pool(), s.postgres_pool()) {
        (Some(p), _) => sqlx::query(sql).execute(p).await.map(|r| r.rows_affected()),
        (_, Some(p)) => sqlx::query(sql).execute(p).await.map(|r| r.rows_affected()),
        _ => unreachable!(),
    }
}

#[tokio::test]
async fn a_valid_file_is_written_with_its_regions_and_audit_entries() {
    for db in common::engines().await {
        let s = &db.store;
        let (npp, _siti, budi) = registry(s).await;
        let audit_before = s.audit_list(&Default::default()).await.unwrap().len();
        let text = format!(
            "{C_HEAD}C-1,employer,{npp},2026-01,2026-02-10,13752,17189,326603,,\n\
             C-2,participant,{budi},2026-01,2026-01-31,10000,6800,,,\n\
             C-3,sponsor,PEMKOT-JAKBAR,2026-01,2026-02-12,10000,6800,,,\n"
        );
        let out = contributions(s, &text).await;
        let PaymentOutcome::Applied {
            payments,
            reversals,
            lines,
            net,
            ..
        } = out
        else {
            panic!("{}: {out:?}", db.name)
        };
        // 357,544 + 16,800 + 16,800
        assert_eq!(
            (payments, reversals, lines, net),
            (3, 0, 7, 391_144),
            "{}",
            db.name
        );
        assert_eq!(count(s, "contributions_collected").await, 7);
        let audit = s.audit_list(&Default::default()).await.unwrap();
        assert_eq!(audit.len() - audit_before, 3, "one audit entry per payment");
        assert!(
            audit
                .iter()
                .any(|e| e.action == "payment.contribution" && e.entity_id == "C-2")
        );
        assert!(s.audit_verify().await.unwrap().is_intact());

        // Regions were stamped at write time: the employer's, the participant's residence, the
        // sponsor's.
        let sql = "SELECT count(*) FROM contributions_collected WHERE \
                   (reference = 'C-1' AND region_code = '31.73.04.1001' AND flow_month = '2026-02') \
                   OR (reference = 'C-2' AND region_code = '31.74.01.1001' AND flow_month = '2026-01') \
                   OR (reference = 'C-3' AND region_code = '31.73' AND contribution_month = '2026-01')";
        let n: i64 = match (s.sqlite_pool(), s.postgres_pool()) {
            (Some(p), _) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
            (_, Some(p)) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
            _ => unreachable!(),
        };
        assert_eq!(n, 7, "{}", db.name);

        // The same file again changes nothing.
        assert!(matches!(
            contributions(s, &text).await,
            PaymentOutcome::AlreadyImported { .. }
        ));
    }
}

#[tokio::test]
async fn an_unresolvable_row_writes_nothing_and_names_row_and_column() {
    for db in common::engines().await {
        let s = &db.store;
        let (npp, siti, _budi) = registry(s).await;
        let text = format!(
            "{C_HEAD}C-1,employer,{npp},2026-01,2026-02-10,13752,17189,,,\n\
             C-2,employer,99999999,2026-01,2026-02-10,13752,17189,,,\n\
             C-3,participant,{siti},2026-01,2026-02-10,10000,6800,,,\n\
             C-4,,,,2026-02-11,,,,,,NOPE\n"
        );
        let PaymentOutcome::Rejected { issues } = contributions(s, &text).await else {
            panic!("{}: expected a rejection", db.name)
        };
        let at = |row: usize, col: &str| issues.iter().any(|i| i.row == row && i.column == col);
        assert!(at(3, "payer"), "{}: unknown NPP: {issues:?}", db.name);
        assert!(
            at(4, "payer"),
            "a PU member does not pay herself: {issues:?}"
        );
        assert!(at(5, "reverses"), "nothing to reverse: {issues:?}");
        assert!(!issues.iter().any(|i| i.row == 2), "row 2 is fine");
        assert_eq!(count(s, "contributions_collected").await, 0, "{}", db.name);
        assert_eq!(count(s, "payment_imports").await, 0, "{}", db.name);

        // A file-level problem (bad cell) is caught before the store: row and column again.
        let bad = format!("{C_HEAD}C-9,employer,{npp},2026-01,2026-02-10,12.5,,,,\n");
        let issues = csv::contributions(bad.as_bytes()).unwrap_err();
        assert_eq!((issues[0].row, issues[0].column.as_str()), (2, "jkk"));
    }
}

#[tokio::test]
async fn reversals_cancel_once_and_benefits_resolve_the_participant() {
    for db in common::engines().await {
        let s = &db.store;
        let (npp, siti, budi) = registry(s).await;
        let text = format!("{C_HEAD}C-1,employer,{npp},2026-01,2026-02-10,13752,17189,,,\n");
        contributions(s, &text).await;
        let rev = format!("{C_HEAD}R-1,,,,2026-03-01,,,,,,C-1\n");
        let out = contributions(s, &rev).await;
        assert!(
            matches!(
                out,
                PaymentOutcome::Applied {
                    reversals: 1,
                    lines: 2,
                    net: -30_941,
                    ..
                }
            ),
            "{}: {out:?}",
            db.name
        );
        // The reversal is reported in the month of the payment it cancels.
        let n: i64 = {
            let sql = "SELECT count(*) FROM contributions_collected \
                       WHERE entry = 'reversal' AND flow_month = '2026-02' AND paid_on = '2026-03-01'";
            match (s.sqlite_pool(), s.postgres_pool()) {
                (Some(p), _) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
                (_, Some(p)) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
                _ => unreachable!(),
            }
        };
        assert_eq!(n, 2, "{}", db.name);
        let again = format!("{C_HEAD}R-2,,,,2026-03-02,,,,,,C-1\n");
        let PaymentOutcome::Rejected { issues } = contributions(s, &again).await else {
            panic!("{}: a second reversal must be refused", db.name)
        };
        assert_eq!((issues[0].row, issues[0].column.as_str()), (2, "reverses"));

        let b = format!(
            "reference,kpj,program,benefit,claim_reference,paid_on,amount,reverses\n\
             B-1,{budi},JKK,stmb,K-1,2026-02-05,3000000,\n\
             B-2,{siti},JHT,jht_balance,K-2,2026-01-20,25000000,\n"
        );
        let rows = csv::benefits(b.as_bytes()).unwrap();
        let out = s
            .record_benefits(&officer(), &source("benefits", b.as_bytes()), &rows)
            .await
            .unwrap();
        assert!(
            matches!(
                out,
                PaymentOutcome::Applied {
                    payments: 2,
                    net: 28_000_000,
                    ..
                }
            ),
            "{}: {out:?}",
            db.name
        );
        let unknown = "reference,kpj,program,benefit,claim_reference,paid_on,amount,reverses\n\
                       B-3,19999999999,JKM,funeral,K-3,2026-02-05,10000000,\n";
        let rows = csv::benefits(unknown.as_bytes()).unwrap();
        let PaymentOutcome::Rejected { issues } = s
            .record_benefits(&officer(), &source("benefits", unknown.as_bytes()), &rows)
            .await
            .unwrap()
        else {
            panic!("unknown KPJ must be refused")
        };
        assert_eq!((issues[0].row, issues[0].column.as_str()), (2, "kpj"));
        assert_eq!(count(s, "benefits_paid").await, 2);
    }
}

#[tokio::test]
async fn the_ledger_refuses_update_and_delete() {
    for db in common::engines().await {
        let s = &db.store;
        let (npp, siti, _) = registry(s).await;
        contributions(
            s,
            &format!("{C_HEAD}C-1,employer,{npp},2026-01,2026-02-10,13752,17189,,,\n"),
        )
        .await;
        let b = format!(
            "reference,kpj,program,benefit,claim_reference,paid_on,amount,reverses\n\
             B-2,{siti},JHT,jht_balance,K-2,2026-01-20,25000000,\n"
        );
        let rows = csv::benefits(b.as_bytes()).unwrap();
        s.record_benefits(&officer(), &source("benefits", b.as_bytes()), &rows)
            .await
            .unwrap();
        for sql in [
            "UPDATE contributions_collected SET amount = 1",
            "DELETE FROM contributions_collected",
            "UPDATE benefits_paid SET amount = 1",
            "DELETE FROM benefits_paid",
        ] {
            let err = exec(s, sql).await.expect_err(sql);
            assert!(
                err.to_string().contains("append-only"),
                "{}: {sql}: {err}",
                db.name
            );
        }
        assert_eq!(count(s, "contributions_collected").await, 2);
        assert_eq!(count(s, "benefits_paid").await, 1);
    }
}

#[tokio::test]
async fn the_demo_ledger_seeds_once_with_the_jkm_hand_over() {
    let dataset = jamsos_domain::demo::west_jakarta(2026);
    let engine = jamsos_rules::Engine::embedded().unwrap();
    let expected = jamsos_domain::demo::payments(&dataset, &engine).unwrap();
    for db in common::engines().await {
        let s = &db.store;
        let actor = Actor::new("test:demo");
        s.seed_demo(&actor, &dataset).await.unwrap();
        let (c, b) = s
            .seed_demo_payments(&actor, &dataset, &engine)
            .await
            .unwrap();
        let PaymentOutcome::Applied { payments, .. } = c else {
            panic!("{}: {c:?}", db.name)
        };
        assert_eq!(
            payments as usize,
            expected.contributions.len(),
            "{}",
            db.name
        );
        let PaymentOutcome::Applied { payments, .. } = b else {
            panic!("{}: {b:?}", db.name)
        };
        assert_eq!(payments as usize, expected.benefits.len(), "{}", db.name);
        // The JKM to the two families counts under their homes in Sukabumi Selatan and Slipi.
        let sql = "SELECT count(DISTINCT region_code) FROM benefits_paid \
                   WHERE program = 'JKM' AND paid_on = '2026-02-12' \
                   AND region_code IN ('31.73.05.1003', '31.73.07.1002')";
        let n: i64 = match (s.sqlite_pool(), s.postgres_pool()) {
            (Some(p), _) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
            (_, Some(p)) => sqlx::query_scalar(sql).fetch_one(p).await.unwrap(),
            _ => unreachable!(),
        };
        assert_eq!(n, 2, "{}", db.name);
        let (c, b) = s
            .seed_demo_payments(&actor, &dataset, &engine)
            .await
            .unwrap();
        assert!(matches!(c, PaymentOutcome::AlreadyImported { .. }));
        assert!(matches!(b, PaymentOutcome::AlreadyImported { .. }));
        assert!(s.audit_verify().await.unwrap().is_intact());
    }
}
