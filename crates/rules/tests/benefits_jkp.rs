//! JKP cash benefit: regulations.md §8 examples 14 and 15, both sides of 7 Feb 2025 (PP 6/2025),
//! eligibility refusals, and properties (total = sum of months, never above cap × rate × months).

use jamsos_rules::{CalcError, Engine};
use proptest::prelude::*;
use serde_json::{Value, json};

fn engine() -> Engine {
    Engine::embedded().expect("embedded parameters are valid")
}

fn run(e: &Engine, scenario: Value) -> Result<Value, CalcError> {
    let bytes = serde_json::to_vec(&scenario).expect("json");
    let out = e.calculate_json(&bytes, true)?;
    Ok(serde_json::to_value(&out).expect("serializes"))
}

fn jkp(date: &str, wage: i64, reason: &str, last_24: i64, consecutive: Option<i64>) -> Value {
    let mut s = json!({"type": "benefit", "program": "JKP", "date": date, "wage": wage,
        "reason": reason, "contribution_months_last_24": last_24});
    if let Some(c) = consecutive {
        s["consecutive_months"] = json!(c);
    }
    s
}

fn months(out: &Value) -> Vec<i64> {
    out["components"][0]["months"]
        .as_array()
        .expect("months")
        .iter()
        .map(|m| m["amount"].as_i64().expect("amount"))
        .collect()
}

#[test]
fn example_14_pp_37_2021_pays_10_5_million() {
    let out = run(
        &engine(),
        jkp("2024-06-10", 5_000_000, "termination", 20, Some(12)),
    )
    .unwrap();
    assert_eq!(out["eligible"], true);
    assert_eq!(out["regime"], "PP 37/2021");
    assert_eq!(
        months(&out),
        vec![
            2_250_000, 2_250_000, 2_250_000, 1_250_000, 1_250_000, 1_250_000
        ]
    );
    assert_eq!(out["components"][0]["code"], "jkp_cash");
    assert_eq!(out["components"][0]["amount"], 10_500_000);
    assert_eq!(out["total"], 10_500_000);
}

#[test]
fn example_15_pp_6_2025_caps_the_wage_and_pays_18_million() {
    let out = run(
        &engine(),
        jkp("2026-03-02", 6_000_000, "termination", 12, None),
    )
    .unwrap();
    assert_eq!(out["regime"], "PP 6/2025");
    assert_eq!(months(&out), vec![3_000_000; 6]);
    assert_eq!(out["total"], 18_000_000);
}

#[test]
fn both_sides_of_7_february_2025() {
    let e = engine();
    let before = run(&e, jkp("2025-02-06", 6_000_000, "termination", 12, Some(6))).unwrap();
    assert_eq!(before["total"], 10_500_000);
    let after = run(&e, jkp("2025-02-07", 6_000_000, "termination", 12, Some(6))).unwrap();
    assert_eq!(after["total"], 18_000_000);
    // The consecutive-month condition holds before and is gone after.
    let before = run(&e, jkp("2025-02-06", 4_000_000, "termination", 12, Some(5))).unwrap();
    assert_eq!(before["eligible"], false);
    assert_eq!(before["reasons"][0]["code"], "too_few_consecutive_months");
    let after = run(&e, jkp("2025-02-07", 4_000_000, "termination", 12, Some(5))).unwrap();
    assert_eq!(after["eligible"], true);
    assert_eq!(after["total"], 14_400_000);
    // Before 7 Feb 2025 consecutive_months is required; after it is not.
    let err = run(&e, jkp("2025-02-06", 4_000_000, "termination", 12, None)).unwrap_err();
    assert!(
        matches!(err, CalcError::InvalidInput { ref field, .. } if field == "consecutive_months")
    );
}

#[test]
fn program_start_and_first_claim_date() {
    let e = engine();
    let out = run(
        &e,
        jkp("2021-02-01", 5_000_000, "termination", 24, Some(24)),
    )
    .unwrap();
    assert_eq!(out["reasons"][0]["code"], "no_jkp_program");
    let out = run(
        &e,
        jkp("2022-01-31", 5_000_000, "termination", 12, Some(12)),
    )
    .unwrap();
    assert_eq!(out["reasons"][0]["code"], "before_first_claim_date");
    let out = run(
        &e,
        jkp("2022-02-01", 5_000_000, "termination", 12, Some(12)),
    )
    .unwrap();
    assert_eq!(out["total"], 10_500_000);
}

#[test]
fn excluded_reasons_and_too_few_months() {
    let e = engine();
    for reason in [
        "resignation",
        "retirement",
        "death",
        "total_disability",
        "contract_end",
    ] {
        let out = run(&e, jkp("2026-01-05", 5_000_000, reason, 24, Some(24))).unwrap();
        assert_eq!(out["eligible"], false, "{reason}");
        assert_eq!(out["total"], 0);
        assert_eq!(out["components"], json!([]));
    }
    let out = run(
        &e,
        jkp("2026-01-05", 5_000_000, "contract_end_early", 12, None),
    )
    .unwrap();
    assert_eq!(out["eligible"], true);
    let out = run(&e, jkp("2026-01-05", 5_000_000, "termination", 11, None)).unwrap();
    assert_eq!(out["reasons"][0]["code"], "too_few_contribution_months");
}

#[test]
fn bad_input_names_the_field() {
    let e = engine();
    let err = run(&e, jkp("2026-01-05", 5_000_000, "fired", 12, None)).unwrap_err();
    assert!(matches!(err, CalcError::InvalidInput { ref field, .. } if field == "reason"));
    let err = run(&e, jkp("2026-01-05", 5_000_000, "termination", 25, None)).unwrap_err();
    assert!(
        matches!(err, CalcError::InvalidInput { ref field, .. } if field == "contribution_months_last_24")
    );
    let err = run(&e, jkp("2026-01-05", 0, "termination", 12, None)).unwrap_err();
    assert!(matches!(err, CalcError::InvalidInput { ref field, .. } if field == "wage"));
}

#[test]
fn the_trace_cites_the_regulation() {
    let out = run(
        &engine(),
        jkp("2026-03-02", 6_000_000, "termination", 12, None),
    )
    .unwrap();
    let trace = out["trace"].as_array().unwrap();
    assert!(
        trace
            .iter()
            .any(|s| s["name"] == "jkp.benefit.monthly_rates"
                && s["legal_basis"].as_str().unwrap().contains("PP 6/2025"))
    );
}

proptest! {
    #[test]
    fn totals_sum_the_months_and_respect_the_cap(
        wage in 1i64..50_000_000,
        last_24 in 0i64..=24,
        day in 0i64..2_000,
    ) {
        let e = engine();
        let date = jiff::civil::date(2022, 2, 1)
            .checked_add(jiff::Span::new().days(day))
            .unwrap()
            .to_string();
        let out = run(&e, jkp(&date, wage, "termination", last_24, Some(last_24))).unwrap();
        let total = out["total"].as_i64().unwrap();
        let payable: i64 = out["components"].as_array().unwrap().iter()
            .map(|c| c["amount"].as_i64().unwrap()).sum();
        prop_assert_eq!(total, payable);
        prop_assert!(total >= 0);
        if out["eligible"] == true {
            let ms = months(&out);
            prop_assert_eq!(ms.iter().sum::<i64>(), total);
            prop_assert!(ms.iter().all(|m| *m > 0));
            // Never above cap × the highest rate × months (60 % × 5M × 6 = 18M).
            prop_assert!(total <= 18_000_000);
            prop_assert!(ms.iter().all(|m| *m <= 3_000_000));
        } else {
            prop_assert_eq!(total, 0);
        }
    }
}
