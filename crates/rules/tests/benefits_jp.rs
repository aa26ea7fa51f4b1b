//! JP benefits: regulations.md §8 example 24 (last registration month), the retirement-age
//! schedule across its year boundaries, the formula with minimum/maximum (and their year
//! boundaries), survivors and the 15-year rule, disability, the lump sum, indexed wages, and
//! properties (between min and max, more months never lower the pension).

use jamsos_rules::benefit::jp::last_registration_month;
use jamsos_rules::{CalcError, Engine};
use jiff::civil::date;
use proptest::prelude::*;
use serde_json::{Value, json};

fn engine() -> Engine {
    Engine::embedded().expect("embedded parameters are valid")
}

fn run(e: &Engine, scenario: &Value) -> Result<Value, CalcError> {
    let bytes = serde_json::to_vec(scenario).expect("json");
    let out = e.calculate_json(&bytes, true)?;
    Ok(serde_json::to_value(&out).expect("serializes"))
}

fn old_age(date: &str, birth: &str, months: i64, wage: i64) -> Value {
    json!({"type": "benefit", "program": "JP", "outcome": "old_age", "date": date,
        "birth_date": birth, "contribution_months": months, "average_indexed_wage": wage})
}

fn pension(out: &Value) -> (i64, String, String) {
    let c = &out["components"][0];
    assert_eq!(c["code"], "monthly_pension", "{out}");
    (
        c["amount"].as_i64().unwrap(),
        c["beneficiary"].as_str().unwrap().to_owned(),
        c["from"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn example_24_last_registration_month_is_june_2023() {
    let e = engine();
    assert_eq!(
        last_registration_month(date(1965, 7, 16), e.params()).unwrap(),
        date(2023, 6, 1)
    );
    // Reaching 56 in 2018 (age 56 still in force): last month the one before.
    assert_eq!(
        last_registration_month(date(1962, 12, 31), e.params()).unwrap(),
        date(2018, 11, 1)
    );
}

#[test]
fn retirement_age_schedule_year_boundaries() {
    let e = engine();
    let age = |birth: &str| {
        // A claim date before anyone here retires: only the schedule is consulted.
        run(&e, &old_age("2015-07-02", birth, 200, 5_000_000)).unwrap()["retirement_age"]
            .as_i64()
            .unwrap()
    };
    // 56 until 2018; 57 from 1 Jan 2019.
    assert_eq!(age("1962-12-31"), 56);
    assert_eq!(age("1963-01-01"), 57);
    // 57 until 2021; 58 from 1 Jan 2022.
    assert_eq!(age("1964-12-31"), 57);
    assert_eq!(age("1965-01-01"), 58);
    // 64 in 2040-2042, 65 from 2043 (final).
    assert_eq!(age("1978-12-31"), 64);
    assert_eq!(age("1979-01-01"), 65);
    assert_eq!(age("1990-06-01"), 65);
}

#[test]
fn old_age_pension_formula_and_start_month() {
    let e = engine();
    // Born 10 Jan 1967: 59 on 10 Jan 2026 (59 in force 2025-2027); pension from Feb 2026.
    let out = run(&e, &old_age("2026-03-01", "1967-01-10", 200, 5_000_000)).unwrap();
    assert_eq!(out["eligible"], true);
    assert_eq!(out["retirement_age"], 59);
    // 1 % × 200/12 × 5,000,000 = 833,333.33 → 833,333.
    assert_eq!(
        pension(&out),
        (833_333, "participant".into(), "2026-02".into())
    );
    assert_eq!(out["total"], 833_333);
    let before = run(&e, &old_age("2026-01-09", "1967-01-10", 200, 5_000_000)).unwrap();
    assert_eq!(before["eligible"], false);
    assert_eq!(before["reasons"][0]["code"], "before_retirement_age");
}

#[test]
fn minimum_and_maximum_with_their_february_start() {
    let e = engine();
    // 1 % × 15 × 2,000,000 = 300,000, below every minimum. Born 10 Dec 1966: 58 in Dec 2024
    // (58 in force), pension from Jan 2025, still under the 2024 minimum.
    let jan = run(&e, &old_age("2026-03-01", "1966-12-10", 180, 2_000_000)).unwrap();
    assert_eq!(
        pension(&jan),
        (393_500, "participant".into(), "2025-01".into())
    );
    let feb = run(&e, &old_age("2026-03-01", "1967-01-10", 180, 2_000_000)).unwrap();
    assert_eq!(pension(&feb).0, 411_400); // from Feb 2026: the 2026 minimum
    // Both sides of 1 Feb 2026 for a disability pension (15-year rule: 300,000 formula).
    let dec = run(&e, &disability("2025-12-31", 36, 12)).unwrap();
    assert_eq!(
        pension(&dec),
        (399_700, "participant".into(), "2026-01".into())
    );
    let jan = run(&e, &disability("2026-01-15", 36, 12)).unwrap();
    assert_eq!(
        pension(&jan),
        (411_400, "participant".into(), "2026-02".into())
    );
    let max = run(&e, &old_age("2026-03-01", "1967-01-10", 300, 30_000_000)).unwrap();
    assert_eq!(pension(&max).0, 4_932_300);
}

fn disability(date: &str, months: i64, event_after: i64) -> Value {
    json!({"type": "benefit", "program": "JP", "outcome": "disability", "date": date,
        "birth_date": "1980-01-01", "contribution_months": months,
        "event_after_registration_months": event_after, "average_indexed_wage": 2_000_000})
}

#[test]
fn minimum_year_boundary_and_unknown_2018_values() {
    let e = engine();
    // Disability determined 31 Dec 2018: entitlement from Jan 2019, still the 2018 values,
    // which are NOT FOUND.
    match run(&e, &disability("2018-12-31", 36, 12)).unwrap_err() {
        CalcError::MissingParameter { parameter, .. } => {
            assert_eq!(parameter, "jp.benefit.minimum")
        }
        other => panic!("{other:?}"),
    }
    let mut s = disability("2018-12-31", 36, 12);
    s["overrides"] = json!({"jp.benefit.minimum": 331_000, "jp.benefit.maximum": 3_960_000});
    assert_eq!(pension(&run(&e, &s).unwrap()).0, 331_000);
    // Determined 15 Jan 2019: from Feb 2019, the 2019 minimum 341,400.
    let out = run(&e, &disability("2019-01-15", 36, 12)).unwrap();
    assert_eq!(
        pension(&out),
        (341_400, "participant".into(), "2019-02".into())
    );
}

#[test]
fn disability_uses_15_years_only_with_density_and_a_month_after_registration() {
    let e = engine();
    let s = |event_after: i64| {
        let mut s = disability("2026-03-10", 24, event_after);
        s["average_indexed_wage"] = json!(6_000_000);
        s
    };
    // 15 years: 1 % × 15 × 6,000,000 = 900,000.
    assert_eq!(pension(&run(&e, &s(12)).unwrap()).0, 900_000);
    // Event in the month of registration: the actual 24 months, 120,000, lifted to the minimum.
    assert_eq!(pension(&run(&e, &s(0)).unwrap()).0, 411_400);
    let after = disability("2045-01-01", 24, 12);
    let out = run(&e, &after).unwrap();
    assert_eq!(out["reasons"][0]["code"], "disability_after_retirement_age");
}

fn death(months: i64, membership: i64, survivors: Value) -> Value {
    json!({"type": "benefit", "program": "JP", "outcome": "death", "date": "2026-03-10",
        "birth_date": "1985-05-05", "contribution_months": months,
        "membership_months": membership, "average_indexed_wage": 4_000_000,
        "survivors": survivors})
}

#[test]
fn survivors_shares_after_the_minimum() {
    let e = engine();
    // 15-year rule (36 months, density 36/40 = 90 %): 1 % × 15 × 4M = 600,000.
    let spouse = run(&e, &death(36, 40, json!({"spouse": true, "children": 2}))).unwrap();
    assert_eq!(
        pension(&spouse),
        (300_000, "spouse".into(), "2026-04".into())
    );
    let children = run(&e, &death(36, 40, json!({"spouse": false, "children": 3}))).unwrap();
    assert_eq!(
        pension(&children),
        (300_000, "children".into(), "2026-04".into())
    );
    let parent = run(&e, &death(36, 40, json!({"parents": 1}))).unwrap();
    assert_eq!(
        pension(&parent),
        (120_000, "parent".into(), "2026-04".into())
    );
    let none = run(&e, &death(36, 40, json!({}))).unwrap();
    assert_eq!(none["reasons"][0]["code"], "no_entitled_survivor");
    // The minimum is applied before the share: 300,000 → 411,400, then 50 % = 205,700.
    let mut low = death(36, 40, json!({"spouse": true}));
    low["average_indexed_wage"] = json!(2_000_000);
    let out = run(&e, &low).unwrap();
    assert_eq!(pension(&out).0, 205_700);
    assert!(out["trace"].as_array().unwrap().iter().any(|s| {
        s["label"]["en"]
            .as_str()
            .is_some_and(|t| t.contains("before the survivor's share"))
    }));
}

#[test]
fn death_without_the_15_year_conditions_is_a_lump_sum() {
    let e = engine();
    // Density 30/40 = 75 % < 80 %.
    let mut s = death(30, 40, json!({"spouse": true}));
    s["contributions_total"] = json!(3_600_000);
    match run(&e, &s).unwrap_err() {
        CalcError::MissingParameter { parameter, .. } => {
            assert_eq!(parameter, "jp.benefit.lump_sum_development_share")
        }
        other => panic!("{other:?}"),
    }
    s["overrides"] = json!({"jp.benefit.lump_sum_development_share": "10%"});
    let out = run(&e, &s).unwrap();
    assert_eq!(out["components"][0]["code"], "lump_sum");
    assert_eq!(out["total"], 3_960_000);
    // Membership under a year also fails the rule.
    let mut s = death(11, 11, json!({"spouse": true}));
    s["contributions_total"] = json!(1_000_000);
    s["overrides"] = json!({"jp.benefit.lump_sum_development_share": "0%"});
    assert_eq!(run(&e, &s).unwrap()["components"][0]["code"], "lump_sum");
}

#[test]
fn old_age_with_under_15_years_is_a_lump_sum() {
    let e = engine();
    let mut s = old_age("2026-03-01", "1967-01-10", 179, 5_000_000);
    s["contributions_total"] = json!(8_000_000);
    s["overrides"] = json!({"jp.benefit.lump_sum_development_share": "0%"});
    let out = run(&e, &s).unwrap();
    assert_eq!(out["components"][0]["code"], "lump_sum");
    assert_eq!(out["components"][0]["from"], "2026-02");
    assert_eq!(out["total"], 8_000_000);
    s.as_object_mut().unwrap().remove("contributions_total");
    match run(&e, &s).unwrap_err() {
        CalcError::InvalidInput { field, .. } => assert_eq!(field, "contributions_total"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn wage_history_is_indexed_with_inflation_to_the_claim_year() {
    let e = engine();
    let mut s = old_age("2026-03-01", "1967-01-10", 200, 1);
    s.as_object_mut().unwrap().remove("average_indexed_wage");
    s["wage_history"] = json!([
        {"year": 2024, "monthly_wage": 4_000_000},
        {"year": 2025, "monthly_wage": 4_000_000},
        {"year": 2026, "monthly_wage": 4_000_000}
    ]);
    // 4M × 1.0157 × 1.0292, 4M × 1.0292, 4M → mean 4,099,411; × 1 % × 200/12 = 683,235.
    let out = run(&e, &s).unwrap();
    assert_eq!(pension(&out).0, 683_235);
    s["wage_history"] = json!([{"year": 2027, "monthly_wage": 4_000_000}]);
    match run(&e, &s).unwrap_err() {
        CalcError::InvalidInput { field, .. } => assert_eq!(field, "wage_history[0].year"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn deferral_to_the_end_of_work_is_capped_at_three_years() {
    let e = engine();
    let mut s = old_age("2027-06-01", "1967-01-10", 200, 5_000_000);
    s["work_end"] = json!("2027-05-20");
    assert_eq!(pension(&run(&e, &s).unwrap()).2, "2027-06");
    s["date"] = json!("2030-06-01");
    s["work_end"] = json!("2030-05-20");
    assert_eq!(pension(&run(&e, &s).unwrap()).2, "2029-02");
}

#[test]
fn bad_input_names_the_field() {
    let e = engine();
    let mut s = old_age("2026-03-01", "1967-01-10", 200, 5_000_000);
    s["membership_months"] = json!(100);
    match run(&e, &s).unwrap_err() {
        CalcError::InvalidInput { field, .. } => assert_eq!(field, "membership_months"),
        other => panic!("{other:?}"),
    }
    let mut s = old_age("2026-03-01", "1967-01-10", 200, 5_000_000);
    s["outcome"] = json!("retired");
    match run(&e, &s).unwrap_err() {
        CalcError::InvalidInput { field, .. } => assert_eq!(field, "outcome"),
        other => panic!("{other:?}"),
    }
}

proptest! {
    #[test]
    fn pension_is_between_min_and_max_and_grows_with_months(
        months in 180i64..600,
        more in 0i64..120,
        wage in 1i64..60_000_000,
    ) {
        let e = engine();
        let a = run(&e, &old_age("2026-03-01", "1967-01-10", months, wage)).unwrap();
        let b = run(&e, &old_age("2026-03-01", "1967-01-10", months + more, wage)).unwrap();
        let (pa, pb) = (pension(&a).0, pension(&b).0);
        prop_assert!((411_400..=4_932_300).contains(&pa));
        prop_assert!(pb >= pa);
        prop_assert_eq!(a["total"].as_i64().unwrap(), pa);
    }

    #[test]
    fn survivor_pensions_never_fall_with_more_months(
        months in 12i64..400,
        more in 0i64..60,
        wage in 1i64..60_000_000,
    ) {
        let e = engine();
        let mut a = death(months, months, json!({"spouse": true}));
        a["average_indexed_wage"] = json!(wage);
        let mut b = death(months + more, months + more, json!({"spouse": true}));
        b["average_indexed_wage"] = json!(wage);
        let (pa, pb) = (pension(&run(&e, &a).unwrap()).0, pension(&run(&e, &b).unwrap()).0);
        prop_assert!((205_700..=2_466_150).contains(&pa));
        prop_assert!(pb >= pa);
    }
}
