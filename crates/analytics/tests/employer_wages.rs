//! The per-employer wage summaries (migration 0240: `employer_wage_summary`,
//! `employer_wage_hist`, kept by triggers) stay exact after every kind of registry write, on
//! SQLite and (when `JAMSOS_TEST_POSTGRES_URL` is set) PostgreSQL: after a script of writes —
//! memberships opened with and without a wage, wages raised, corrected, future-dated, edited and
//! deleted in SQL, a membership ended, moved to another employer, its programs changed, and one
//! deleted — the fast read (`AnalyticsDb::employers`) equals the plain recount
//! (`AnalyticsDb::employers_recount`) for several dates and minimum wages, the summary tables
//! equal a rebuild from scratch, and the final figures are the hand-counted ones below.

mod common;
use common::engines::engines;
use jamsos_analytics::compliance::WageStats;
use jamsos_analytics::db::AnalyticsDb;
use jamsos_analytics::region::RegionKey;
use jamsos_domain::model::{EmployerStatus, Programs, RiskClass, SizeClass};
use jamsos_domain::{Kpj, Nik, Npp, RegionCode, Sex};
use jamsos_rules::Rupiah;
use jamsos_rules::results::{Program, Segment};
use jamsos_store::{Actor, NewEmployer, NewMembership, Person, Store};
use jiff::civil::{Date, date};

fn officer() -> Actor {
    Actor::new("test:officer")
}

/// Runs one statement on either engine.
async fn exec(s: &Store, sql: &str) {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match (s.sqlite_pool(), s.postgres_pool()) {
        (Some(p), _) => {
            sqlx::query(sql).execute(p).await.unwrap();
        }
        (None, Some(p)) => {
            sqlx::query(sql).execute(p).await.unwrap();
        }
        _ => unreachable!(),
    }
}

async fn rows(s: &Store, sql: &str) -> Vec<(i64, String, i64, i64)> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    match (s.sqlite_pool(), s.postgres_pool()) {
        (Some(p), _) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
        (None, Some(p)) => sqlx::query_as(sql).fetch_all(p).await.unwrap(),
        _ => unreachable!(),
    }
}

/// The summaries rebuilt from scratch (the migration's backfill) against the stored ones.
const SUMMARY: &str = "SELECT employer_id, programs, active, wage_sum FROM employer_wage_summary \
     WHERE active <> 0 OR wage_sum <> 0 ORDER BY 1, 2";
const SUMMARY_RECOUNT: &str = "SELECT employer_id, programs, CAST(count(*) AS BIGINT), \
       CAST(COALESCE(sum(wage), 0) AS BIGINT) \
     FROM (SELECT m.employer_id, m.programs, \
             (SELECT w.amount FROM wage_history w WHERE w.membership_id = m.id \
                AND w.superseded_at IS NULL ORDER BY w.valid_from DESC LIMIT 1) AS wage \
           FROM memberships m WHERE m.end_date IS NULL AND m.employer_id IS NOT NULL) c \
     GROUP BY employer_id, programs ORDER BY 1, 2";
const HIST: &str = "SELECT employer_id, CAST(wage AS TEXT), active, CAST(0 AS BIGINT) FROM employer_wage_hist \
     WHERE active <> 0 ORDER BY 1, 2";
const HIST_RECOUNT: &str = "SELECT employer_id, CAST(wage AS TEXT), CAST(count(*) AS BIGINT), CAST(0 AS BIGINT) \
     FROM (SELECT m.employer_id, \
             COALESCE((SELECT w.amount FROM wage_history w WHERE w.membership_id = m.id \
                AND w.superseded_at IS NULL ORDER BY w.valid_from DESC LIMIT 1), -1) AS wage \
           FROM memberships m WHERE m.end_date IS NULL AND m.employer_id IS NOT NULL) c \
     GROUP BY employer_id, wage ORDER BY 1, 2";

async fn employer(s: &Store, name: &str, region: &str) -> Npp {
    s.add_employer(
        &officer(),
        NewEmployer {
            legal_name: name.into(),
            nib: None,
            kbli: None,
            risk_class: RiskClass::new(1).unwrap(),
            size_class: SizeClass::Small,
            region: RegionCode::parse(region).unwrap(),
            address: "Jl. Uji 1".into(),
            status: EmployerStatus::Active,
            synthetic: true,
        },
    )
    .await
    .unwrap()
    .record
    .npp
}

async fn worker(s: &Store, i: u16, npp: Option<Npp>, wage: Option<i64>) -> (Kpj, i64) {
    let birth = date(1990, 1, 1 + (i % 28) as i8);
    let region = RegionCode::parse("31.73.04.1001").unwrap();
    let person = Person {
        nik: Nik::from_parts(
            RegionCode::parse("31.73.04").unwrap(),
            birth,
            Sex::Male,
            200 + i,
        )
        .unwrap(),
        name: format!("Pekerja Upah {}", (b'A' + i as u8) as char),
        birth_date: birth,
        sex: Sex::Male,
        region,
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
                employer: npp,
                segment: if npp.is_some() {
                    Segment::Pu
                } else {
                    Segment::Bpu
                },
                programs: Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht]),
                start: date(2026, 1, 1),
                sponsor: None,
                occupation: None,
                sector: None,
                role: None,
                initial_amount: wage.map(Rupiah),
            },
        )
        .await
        .unwrap();
    (m.record.kpj, m.id)
}

fn stats(active: u64, sum: i64, below: u64, below_sum: i64) -> WageStats {
    WageStats {
        active,
        wage_sum: Rupiah(sum),
        below_min: below,
        below_min_sum: Rupiah(below_sum),
    }
}

async fn check_against_recount(a: &AnalyticsDb, s: &Store, label: &str) {
    assert_eq!(
        rows(s, SUMMARY).await,
        rows(s, SUMMARY_RECOUNT).await,
        "{label}: summary"
    );
    assert_eq!(
        rows(s, HIST).await,
        rows(s, HIST_RECOUNT).await,
        "{label}: histogram"
    );
    let jakbar = RegionKey::parse("31.73").unwrap();
    let dates: [Date; 3] = [date(2026, 1, 15), date(2026, 3, 1), date(2027, 6, 1)];
    for within in [None, Some(&jakbar)] {
        for min in [None, Some(Rupiah(5_000_000)), Some(Rupiah(6_000_000))] {
            for d in dates {
                let fast = a.employers(within, min, d).await.unwrap();
                let slow = a.employers_recount(within, min, d).await.unwrap();
                assert_eq!(
                    fast, slow,
                    "{label}: within {within:?}, minimum {min:?}, {d}"
                );
            }
        }
    }
}

#[tokio::test]
async fn employer_wage_summaries_stay_exact_after_every_write() {
    for db in engines().await {
        let s = &db.store;
        let a = AnalyticsDb::of_store(s).unwrap();
        let garmen = employer(s, "CV Garmen Upah", "31.73.04.1001").await;
        let bandung = employer(s, "CV Bandung Upah", "32.73.01.1001").await;
        // Garmen: 4 workers at 4.5 M, 5 M, 5.5 M, 6 M; one without a wage; Bandung: 2 at 3 M.
        let (k0, _) = worker(s, 0, Some(garmen), Some(4_500_000)).await;
        let (k1, m1) = worker(s, 1, Some(garmen), Some(5_000_000)).await;
        let (k2, m2) = worker(s, 2, Some(garmen), Some(5_500_000)).await;
        let (_k3, m3) = worker(s, 3, Some(garmen), Some(6_000_000)).await;
        let (_k4, _) = worker(s, 4, Some(garmen), None).await;
        let (_k5, m5) = worker(s, 5, Some(bandung), Some(3_000_000)).await;
        let (_k6, _) = worker(s, 6, Some(bandung), Some(3_000_000)).await;
        let (_k7, _) = worker(s, 7, None, Some(1_000_000)).await; // BPU: no employer
        check_against_recount(&a, s, "opened").await;

        // k0 raised to 4.8 M from February, then that raise corrected to 4.9 M (supersedes).
        s.set_wage(&officer(), k0, date(2026, 2, 1), Rupiah(4_800_000), "raise")
            .await
            .unwrap();
        s.set_wage(
            &officer(),
            k0,
            date(2026, 2, 1),
            Rupiah(4_900_000),
            "correction",
        )
        .await
        .unwrap();
        // k1 gets a raise to 7 M recorded ahead, from 2027.
        s.set_wage(
            &officer(),
            k1,
            date(2027, 1, 1),
            Rupiah(7_000_000),
            "next year",
        )
        .await
        .unwrap();
        check_against_recount(&a, s, "wages set").await;

        // k2 ends; m3's programs change; m5 moves to Garmen; the wage row of m3 is edited in
        // SQL; the only wage of m2 (ended) is deleted; m1's future wage is deleted again and
        // re-recorded; the membership of worker 6's colleague m5... deleted at the end.
        let version = s.membership(k2).await.unwrap().unwrap().version;
        s.end_membership(&officer(), k2, version, date(2026, 2, 28), "left")
            .await
            .unwrap();
        exec(
            s,
            &format!("UPDATE memberships SET programs = 'JKK,JKM,JHT,JP' WHERE id = {m3}"),
        )
        .await;
        exec(
            s,
            &format!("UPDATE wage_history SET amount = 6200000 WHERE membership_id = {m3}"),
        )
        .await;
        exec(s, &format!("UPDATE memberships SET employer_id = (SELECT id FROM employers WHERE npp = '{garmen}') WHERE id = {m5}")).await;
        exec(
            s,
            &format!("DELETE FROM wage_history WHERE membership_id = {m2}"),
        )
        .await;
        check_against_recount(&a, s, "edited").await;
        exec(
            s,
            &format!(
                "DELETE FROM wage_history WHERE membership_id = {m1} AND valid_from = '2027-01-01'"
            ),
        )
        .await;
        check_against_recount(&a, s, "future wage deleted").await;
        s.set_wage(&officer(), k1, date(2027, 1, 1), Rupiah(7_000_000), "again")
            .await
            .unwrap();
        exec(
            s,
            &format!("DELETE FROM campaign_enrolments WHERE membership_id = {m5}"),
        )
        .await;
        exec(
            s,
            &format!("DELETE FROM wage_history WHERE membership_id = {m5}"),
        )
        .await;
        exec(s, &format!("DELETE FROM memberships WHERE id = {m5}")).await;
        check_against_recount(&a, s, "deleted").await;

        // By hand, on 2026-03-01 with a minimum of 5,000,000, Garmen has k0 4.9 M, k1 5 M (its
        // 7 M starts in 2027), m3 6.2 M, worker 4 without a wage: 4 active, sum 16.1 M, one
        // below (4.9 M). In 2027 k1 is at 7 M: sum 18.1 M. Bandung: one worker at 3 M (no
        // minimum recorded for province 32 here: the caller gives one minimum for all).
        let at = |d: Date| {
            let a = a.clone();
            async move { a.employers(None, Some(Rupiah(5_000_000)), d).await.unwrap() }
        };
        let now = at(date(2026, 3, 1)).await;
        let later = at(date(2027, 6, 1)).await;
        let by_npp = |v: &[jamsos_analytics::compliance::EmployerFacts], n: Npp| {
            v.iter().find(|e| e.npp == n.to_string()).unwrap().clone()
        };
        assert_eq!(
            by_npp(&now, garmen).wages,
            stats(4, 16_100_000, 1, 4_900_000)
        );
        assert_eq!(
            by_npp(&later, garmen).wages,
            stats(4, 18_100_000, 1, 4_900_000)
        );
        assert_eq!(
            by_npp(&now, bandung).wages,
            stats(1, 3_000_000, 1, 3_000_000)
        );
        assert_eq!(
            by_npp(&now, garmen).programs.codes(),
            vec!["JKK", "JKM", "JHT", "JP"]
        );
        // Per province: only DKI has a minimum; Bandung's 3 M is then not "below".
        let per_province = a
            .employers_with(
                None,
                &|p| (p == "31").then_some(Rupiah(5_000_000)),
                date(2026, 3, 1),
            )
            .await
            .unwrap();
        assert_eq!(
            by_npp(&per_province, bandung).wages,
            stats(1, 3_000_000, 0, 0)
        );
        assert_eq!(
            by_npp(&per_province, garmen).wages,
            stats(4, 16_100_000, 1, 4_900_000)
        );
    }
}
