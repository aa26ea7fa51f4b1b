//! JHT payouts: regulations.md §8 example 16 (Kemnaker "Koko" simulation, as a tolerance test
//! between the two documented conventions) and example 17 (20M at 5 % → 21M), withdrawal rules
//! on both sides of their dates, missing development rates, and properties.

use jamsos_rules::{CalcError, Engine};
use proptest::prelude::*;
use serde_json::{Map, Value, json};

fn engine() -> Engine {
    Engine::embedded().expect("embedded parameters are valid")
}

fn run(e: &Engine, scenario: &Value) -> Result<Value, CalcError> {
    let bytes = serde_json::to_vec(scenario).expect("json");
    let out = e.calculate_json(&bytes, true)?;
    Ok(serde_json::to_value(&out).expect("serializes"))
}

/// 60 monthly contributions of Rp228,000 (5.7 % of Rp4,000,000) from `first_year`.
fn koko_contributions(first_year: i32) -> Value {
    let rows: Vec<Value> = (0..60)
        .map(|i| {
            json!({"month": format!("{}-{:02}", first_year + i / 12, i % 12 + 1), "amount": 228_000})
        })
        .collect();
    Value::Array(rows)
}

/// Overrides giving every year from `from` to `to` the same development rate.
fn every_year(from: i32, to: i32, rate: &str) -> Map<String, Value> {
    (from..=to)
        .map(|y| (format!("jht.development_rate.{y}"), json!(rate)))
        .collect()
}

fn koko(monthly: bool) -> Value {
    let mut overrides = every_year(2017, 2022, "5.7%");
    if monthly {
        overrides.insert("jht.crediting.monthly_compounding".into(), json!(true));
    }
    json!({"type": "benefit", "program": "JHT", "date": "2022-01-20", "reason": "termination",
        "work_end": "2021-12-15", "birth_date": "1992-01-01",
        "contributions": koko_contributions(2017), "overrides": overrides})
}

#[test]
fn example_16_lies_between_the_documented_conventions() {
    let e = engine();
    let yearly = run(&e, &koko(false)).unwrap();
    let monthly = run(&e, &koko(true)).unwrap();
    let y = yearly["total"].as_i64().unwrap();
    let m = monthly["total"].as_i64().unwrap();
    // regulations.md §8 example 16: monthly compounding gives 15,785,524, yearly pro-rata
    // crediting 15,804,319; the published figure is 15,800,316.
    assert_eq!(y, 15_804_319);
    assert_eq!(m, 15_785_524);
    for v in [y, m] {
        assert!((15_785_524..=15_804_319).contains(&v));
        assert!(
            (v - 15_800_316).abs() <= 15_000,
            "{v} too far from the published figure"
        );
    }
    assert_eq!(yearly["components"][0]["code"], "jht_balance");
    assert_eq!(yearly["components"][0]["beneficiary"], "participant");
    // The overrides are warned about.
    assert!(yearly["warnings"].as_array().unwrap().iter().any(|w| {
        w.as_str()
            .unwrap()
            .contains("jht.development_rate.2019 was overridden")
    }));
}

fn depok(date: &str, overrides: Map<String, Value>) -> Value {
    json!({"type": "benefit", "program": "JHT", "date": date, "reason": "death",
        "contributions": [{"month": "2025-01", "amount": 20_000_000}], "overrides": overrides})
}

#[test]
fn example_17_twenty_million_at_5_percent_is_21_million_after_a_year() {
    let e = engine();
    let out = run(&e, &depok("2026-01-10", every_year(2025, 2025, "5%"))).unwrap();
    assert_eq!(out["total"], 21_000_000);
    assert_eq!(out["components"][0]["beneficiary"], "heirs");
    // Compounding in the next year: 21M × 1.05.
    let out = run(&e, &depok("2027-01-10", every_year(2025, 2026, "5%"))).unwrap();
    assert_eq!(out["total"], 22_050_000);
    // With the declared 2025 rate (5.51 %, medium) and no override.
    let out = run(&e, &depok("2026-01-10", Map::new())).unwrap();
    assert_eq!(out["total"], 21_102_000);
    assert!(
        out["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().contains("jht.development_rate.2025"))
    );
}

#[test]
fn a_missing_rate_names_its_year_unless_overridden() {
    let e = engine();
    let s = json!({"type": "benefit", "program": "JHT", "date": "2024-01-15", "reason": "death",
        "contributions": [{"month": "2022-06", "amount": 1_000_000}]});
    let err = run(&e, &s).unwrap_err();
    match err {
        CalcError::MissingParameter { parameter, .. } => {
            assert_eq!(parameter, "jht.development_rate.2022");
        }
        other => panic!("expected missing_parameter, got {other:?}"),
    }
    let mut s = s;
    s["overrides"] = Value::Object(every_year(2022, 2023, "6%"));
    let out = run(&e, &s).unwrap();
    // 1M × 6 % × 7/12 = 35,000 in 2022; then 1,035,000 × 1.06 = 1,097,100.
    assert_eq!(out["total"], 1_097_100);
    // A claim in March of a year whose rate is not declared needs that year's rate.
    let s = json!({"type": "benefit", "program": "JHT", "date": "2026-03-01", "reason": "death",
        "contributions": [{"month": "2025-06", "amount": 1_000_000}]});
    match run(&e, &s).unwrap_err() {
        CalcError::MissingParameter { parameter, .. } => {
            assert_eq!(parameter, "jht.development_rate.2026")
        }
        other => panic!("{other:?}"),
    }
}

fn leaving(reason: &str, date: &str, work_end: &str) -> Value {
    json!({"type": "benefit", "program": "JHT", "date": date, "reason": reason,
        "work_end": work_end, "birth_date": "1990-05-05", "balance": 10_000_000})
}

#[test]
fn waiting_period_both_sides() {
    let e = engine();
    let out = run(&e, &leaving("resignation", "2024-04-09", "2024-03-10")).unwrap();
    assert_eq!(out["eligible"], false);
    assert_eq!(out["reasons"][0]["code"], "waiting_period_not_over");
    assert_eq!(out["total"], 0);
    let out = run(&e, &leaving("resignation", "2024-04-10", "2024-03-10")).unwrap();
    assert_eq!(out["eligible"], true);
    assert_eq!(out["total"], 10_000_000);
    assert_eq!(out["regime"], "Permenaker 4/2022");
}

#[test]
fn contract_end_before_and_after_permenaker_4_2022() {
    let e = engine();
    // Permenaker 19/2015: the end of a contract waited a month like a PHK.
    let out = run(&e, &leaving("contract_end", "2022-04-25", "2022-04-01")).unwrap();
    assert_eq!(out["eligible"], false);
    assert_eq!(out["regime"], "Permenaker 19/2015");
    // Permenaker 4/2022 Pasal 6(2): paid at the end of the contract.
    let out = run(&e, &leaving("contract_end", "2022-04-26", "2022-04-26")).unwrap();
    assert_eq!(out["eligible"], true);
}

#[test]
fn leaving_work_paid_only_at_56_under_the_first_pp_46_2015() {
    let e = engine();
    let out = run(&e, &leaving("termination", "2015-08-31", "2015-07-15")).unwrap();
    assert_eq!(out["reasons"][0]["code"], "paid_at_retirement_age_only");
    let out = run(&e, &leaving("termination", "2015-09-01", "2015-07-15")).unwrap();
    assert_eq!(out["eligible"], true);
}

#[test]
fn retirement_age_56_both_sides() {
    let e = engine();
    let s = |date: &str| {
        json!({"type": "benefit", "program": "JHT", "date": date, "reason": "retirement_age",
            "birth_date": "1970-03-15", "balance": 50_000_000})
    };
    let out = run(&e, &s("2026-03-14")).unwrap();
    assert_eq!(out["reasons"][0]["code"], "below_retirement_age");
    let out = run(&e, &s("2026-03-15")).unwrap();
    assert_eq!(out["total"], 50_000_000);
}

#[test]
fn partial_payouts_need_ten_years() {
    let e = engine();
    let s = |reason: &str, date: &str| {
        json!({"type": "benefit", "program": "JHT", "date": date, "reason": reason,
            "membership_start": "2014-06-01", "balance": 80_000_001})
    };
    let out = run(&e, &s("partial_housing", "2024-05-31")).unwrap();
    assert_eq!(out["reasons"][0]["code"], "membership_under_10_years");
    let out = run(&e, &s("partial_housing", "2024-06-01")).unwrap();
    assert_eq!(out["components"][0]["code"], "jht_partial");
    assert_eq!(out["total"], 24_000_000); // 30 % of 80,000,001, half up
    let out = run(&e, &s("partial_retirement_preparation", "2024-06-01")).unwrap();
    assert_eq!(out["total"], 8_000_000);
}

#[test]
fn bad_input_names_the_field() {
    let e = engine();
    let s = json!({"type": "benefit", "program": "JHT", "date": "2024-01-15", "reason": "death",
        "contributions": [{"month": "2024-02", "amount": 1}]});
    match run(&e, &s).unwrap_err() {
        CalcError::InvalidInput { field, .. } => assert_eq!(field, "contributions[0].month"),
        other => panic!("{other:?}"),
    }
    let s = json!({"type": "benefit", "program": "JHT", "date": "2024-01-15", "reason": "death",
        "balance": 5, "contributions": []});
    assert!(run(&e, &s).is_err());
    let s = json!({"type": "benefit", "program": "JHT", "date": "2024-01-15", "reason": "quit",
        "balance": 5});
    match run(&e, &s).unwrap_err() {
        CalcError::InvalidInput { field, .. } => assert_eq!(field, "reason"),
        other => panic!("{other:?}"),
    }
}

proptest! {
    #[test]
    fn more_or_earlier_money_never_lowers_the_balance(
        amounts in proptest::collection::vec(1i64..10_000_000, 1..30),
        extra in 1i64..10_000_000,
        monthly in any::<bool>(),
    ) {
        let e = engine();
        let rows: Vec<Value> = amounts.iter().enumerate().map(|(i, a)| {
            json!({"month": format!("{}-{:02}", 2016 + i / 12, i % 12 + 1), "amount": a})
        }).collect();
        let mut overrides = every_year(2016, 2024, "5%");
        overrides.insert("jht.crediting.monthly_compounding".into(), json!(monthly));
        let s = json!({"type": "benefit", "program": "JHT", "date": "2024-01-01",
            "reason": "death", "contributions": rows.clone(), "overrides": overrides.clone()});
        let out = run(&e, &s).unwrap();
        let total = out["total"].as_i64().unwrap();
        let paid: i64 = amounts.iter().sum();
        prop_assert!(total >= paid, "development is never negative at a positive rate");
        let sum: i64 = out["components"].as_array().unwrap().iter()
            .map(|c| c["amount"].as_i64().unwrap()).sum();
        prop_assert_eq!(total, sum);
        let mut more = rows;
        more.push(json!({"month": "2016-01", "amount": extra}));
        let s2 = json!({"type": "benefit", "program": "JHT", "date": "2024-01-01",
            "reason": "death", "contributions": more, "overrides": overrides});
        let bigger = run(&e, &s2).unwrap()["total"].as_i64().unwrap();
        prop_assert!(bigger >= total + extra);
    }
}
