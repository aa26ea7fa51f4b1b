//! A configurable minimum cell count (k-anonymity): one hand-made table suppressed at k = 5
//! and at k = 10, the validation of k, and the budget simulation's counts of people under the
//! same policy.

mod common;

use common::{FakeRules, m, r};
use jamsos_analytics::StatPeriod;
use jamsos_analytics::budget::{self, BudgetRequest, Package, Target};
use jamsos_analytics::budget_privacy::{self, Disclosure};
use jamsos_analytics::coverage::{self, CoverageQuery, RowRegion};
use jamsos_analytics::export::Value;
use jamsos_analytics::model::{EnrolledRecord, PotentialRecord, ProgramSet, Segment};
use jamsos_analytics::region::NoDirectory;
use jamsos_analytics::rules_port::FundedBy;
use jamsos_analytics::sector::Sector;
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Level, Month};
use serde_json::json;

const VILLAGES: [(&str, u64); 5] = [
    ("31.73.04.1001", 12),
    ("31.73.04.1002", 3),
    ("31.73.04.1003", 40),
    ("31.73.04.1004", 7),
    ("31.73.04.1005", 8),
];

fn village_data() -> (Vec<PotentialRecord>, Vec<EnrolledRecord>) {
    let p = VILLAGES
        .iter()
        .map(|(code, _)| PotentialRecord {
            region: r(code),
            sector: Sector::Division(14),
            period: StatPeriod::Year(2025),
            workers: 100,
            vulnerable_workers: 0,
            source: "test".to_owned(),
        })
        .collect();
    let e = VILLAGES
        .iter()
        .map(|(code, n)| EnrolledRecord {
            region: r(code),
            sector: Some(Sector::Division(14)),
            month: m("2026-02"),
            segment: Segment::Pu,
            vulnerable: false,
            programs: ProgramSet::parse("JKK;JKM").unwrap(),
            count: *n,
        })
        .collect();
    (p, e)
}

/// The village codes whose enrolled count is hidden, and whether the total is shown.
fn hidden_at(k: u64) -> (Vec<String>, Option<u64>) {
    let (p, e) = village_data();
    let mut q = CoverageQuery::new(m("2026-02"), Level::Village);
    q.within = Some(r("31.73.04"));
    q.policy = Policy::city_analyst(Policy::checked_min(k).unwrap());
    let t = coverage::coverage(&q, &p, &e, &NoDirectory);
    let hidden = t
        .rows
        .iter()
        .filter(|row| row.enrolled.is_none())
        .map(|row| match &row.region {
            RowRegion::Region(k) => k.to_string(),
            other => format!("{other:?}"),
        })
        .collect();
    // A hidden count takes its uncovered figure and rate with it.
    for row in &t.rows {
        assert_eq!(row.enrolled.is_none(), row.uncovered.is_none());
        assert_eq!(row.enrolled.is_none(), row.rate.is_none());
    }
    (hidden, t.total.enrolled)
}

#[test]
fn one_table_at_k_5_and_at_k_10() {
    // Villages 12, 3, 40, 7, 8 of Tambora; the district total 70 is published.
    // k = 5: 3 is under 5; alone it could be recovered from the total, so the smallest other
    // value, 7, is hidden too.
    assert_eq!(
        hidden_at(5),
        (
            vec!["31.73.04.1002".to_owned(), "31.73.04.1004".to_owned()],
            Some(70)
        )
    );
    // k = 10: 3, 7 and 8 are under 10; three hidden values cannot be told apart.
    assert_eq!(
        hidden_at(10),
        (
            vec![
                "31.73.04.1002".to_owned(),
                "31.73.04.1004".to_owned(),
                "31.73.04.1005".to_owned()
            ],
            Some(70)
        )
    );
}

#[test]
fn k_below_2_is_refused_with_a_reason() {
    let e = Policy::checked_min(1).unwrap_err();
    assert!(e.contains("at least 2"), "{e}");
    assert_eq!(Policy::checked_min(2), Ok(2));
    assert_eq!(
        Policy::city_analyst(10).caption().unwrap(),
        "sel < 10 disembunyikan / cells < 10 hidden"
    );
    assert_eq!(Policy::none().caption(), None);
}

/// Tambora garments: 2,000 workers of whom `vulnerable` vulnerable; `enrolled_v` vulnerable
/// and 300 other participants enrolled.
fn budget_data(vulnerable: u64, enrolled_v: u64) -> (Vec<PotentialRecord>, Vec<EnrolledRecord>) {
    let p = vec![PotentialRecord {
        region: r("31.73.04.1002"),
        sector: Sector::Division(14),
        period: StatPeriod::Year(2025),
        workers: 2000,
        vulnerable_workers: vulnerable,
        source: "test".to_owned(),
    }];
    let rec = |vulnerable: bool, count: u64| EnrolledRecord {
        region: r("31.73.04.1002"),
        sector: Some(Sector::Division(14)),
        month: m("2025-12"),
        segment: Segment::Bpu,
        vulnerable,
        programs: ProgramSet::parse("JKK;JKM").unwrap(),
        count,
    };
    (p, vec![rec(true, enrolled_v), rec(false, 300)])
}

fn request(target: Target) -> BudgetRequest {
    BudgetRequest {
        start: Month::parse("2026-01").unwrap(),
        months: 12,
        regions: vec![r("31.73.04")],
        sectors: vec![],
        target,
        package: Package::default(),
        funded_by: FundedBy::Apbd,
        assumptions: None,
    }
}

#[test]
fn a_budget_cohort_of_fewer_than_k_people_is_hidden_with_what_gives_it_back() {
    // 1,003 vulnerable, 1,000 enrolled: all uncovered vulnerable = 3 people.
    let (p, e) = budget_data(1003, 1000);
    let req = request(Target::AllUncoveredVulnerable);
    let res = budget::simulate(&FakeRules, &req, &p, &e).unwrap();
    assert_eq!(res.cohort, 3);
    let d = budget_privacy::disclosure(&res, req.target, Policy::city_analyst(5));
    assert_eq!(
        d,
        Disclosure {
            min_count: Some(5),
            cohort: true,
            enrolled: false,
            // 1,003 − cohort would give it back
            enrolled_vulnerable: true,
        }
    );
    let v = budget_privacy::publish(&res, &d);
    for hidden in [
        &v["cohort"],
        &v["cost_first_month"],
        &v["cost_per_year"],
        &v["cost_total"],
        &v["monthly"][0]["total"],
        &v["monthly"][11]["total"],
        &v["coverage"]["enrolled_vulnerable_before"],
        &v["coverage"]["vulnerable_before"],
        &v["coverage"]["enrolled_after"],
        &v["coverage"]["after"],
    ] {
        assert!(hidden.is_null(), "{v}");
    }
    // The per-person price is the rules engine's, not a count: shown. So is the enrolled
    // count of all workers (1,300 ≥ k).
    assert_eq!(v["per_person_first_month"], json!(16_800));
    assert_eq!(v["monthly"][0]["per_person"], json!(16_800));
    assert_eq!(v["coverage"]["enrolled_before"], json!(1300));
    assert_eq!(v["min_count"], json!(5));
    // At k = 3 the same cohort is shown.
    let d3 = budget_privacy::disclosure(&res, req.target, Policy::city_analyst(3));
    assert!(!d3.any());
    assert_eq!(budget_privacy::publish(&res, &d3)["cohort"], json!(3));
    // Agency roles: nothing hidden.
    assert!(!budget_privacy::disclosure(&res, req.target, Policy::none()).any());

    // The export: the cohort and cost cells are `*`, the price is not, the policy is stated.
    let sheets = budget_privacy::sheets(&res, &d);
    let cell = |label: &str| {
        sheets[0]
            .rows
            .iter()
            .find(|row| matches!(&row[0], Value::Text(t) if t.starts_with(label)))
            .map(|row| row[1].clone())
            .unwrap()
    };
    assert_eq!(cell("jumlah peserta"), Value::Hidden);
    assert_eq!(cell("biaya per tahun"), Value::Hidden);
    assert_eq!(cell("cakupan rentan sebelum"), Value::Hidden);
    assert!(matches!(cell("iuran per orang"), Value::Money(_)));
    assert!(matches!(cell("cakupan sebelum"), Value::Rate(_)));
    assert!(sheets[1].rows.iter().all(|row| row[2] == Value::Hidden));
    assert!(
        sheets[0]
            .notes
            .contains(&"sel < 5 disembunyikan / cells < 5 hidden".to_owned())
    );
}

#[test]
fn few_enrolled_hides_them_and_a_cohort_that_gives_them_back() {
    // 1,200 vulnerable, only 3 enrolled: all uncovered = 1,197 would give the 3 back.
    let (p, e) = budget_data(1200, 3);
    let req = request(Target::AllUncoveredVulnerable);
    let res = budget::simulate(&FakeRules, &req, &p, &e).unwrap();
    assert_eq!(res.cohort, 1197);
    let d = budget_privacy::disclosure(&res, req.target, Policy::city_analyst(5));
    assert!(d.cohort && d.enrolled_vulnerable && !d.enrolled);
    assert!(budget_privacy::publish(&res, &d)["cohort"].is_null());

    // A count the sponsor chose is not a count of people: shown, with its costs; the enrolled
    // vulnerable stay hidden, and the warning no longer names the uncovered number.
    let req = request(Target::Count(1500));
    let res = budget::simulate(&FakeRules, &req, &p, &e).unwrap();
    assert!(res.warnings[0].contains("1197"), "{:?}", res.warnings);
    let d = budget_privacy::disclosure(&res, req.target, Policy::city_analyst(5));
    assert!(!d.cohort && d.enrolled_vulnerable);
    let v = budget_privacy::publish(&res, &d);
    assert_eq!(v["cohort"], json!(1500));
    assert_eq!(v["cost_per_year"], json!(1500 * 16_800 * 12));
    assert!(v["coverage"]["vulnerable_before"].is_null());
    let w = v["warnings"][0].as_str().unwrap();
    assert!(!w.contains("1197") && w.contains("1500"), "{w}");
}
