//! Late fines: §8 example 18, the PP 49/2020 rate and deadline, the counting convention as a
//! parameter, and input validation.

mod common;

use common::*;
use jamsos_rules::CalcError;
use serde_json::{Value, json};

fn fine(segment: &str, month: &str, amount: i64, paid_on: &str) -> Value {
    json!({"type": "late_fine", "segment": segment, "contribution_month": month,
           "amount_due": amount, "paid_on": paid_on})
}

#[test]
fn example_18_three_months_late_is_six_percent() {
    // January 2026 contributions: due 15 Feb 2026, a Sunday → Monday 16 Feb.
    let out = ok(fine("PU", "2026-01", 1_000_000, "2026-05-10"));
    assert_eq!(out["due_date"], "2026-02-16");
    assert_eq!(out["months_late"], 3);
    assert_eq!(out["fine"], 60_000);
    assert_eq!(out["components"][0]["code"], "late_fine");
    assert_eq!(out["components"][0]["amount"], 60_000);
    // The counting convention is low confidence: said so.
    assert!(
        out["warnings"]
            .to_string()
            .contains("fine.late.count_started_months")
    );
    assert!(
        out["trace"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["step"] == "parameter" && s["name"] == "fine.late.rate")
    );
}

#[test]
fn on_time_and_one_day_late() {
    let on_time = ok(fine("PU", "2026-03", 5_000_000, "2026-04-15"));
    assert_eq!(on_time["months_late"], 0);
    assert_eq!(on_time["fine"], 0);
    let early = ok(fine("PU", "2026-03", 5_000_000, "2026-03-20"));
    assert_eq!(early["fine"], 0);
    let one_day = ok(fine("PU", "2026-03", 5_000_000, "2026-04-16"));
    assert_eq!(one_day["months_late"], 1);
    assert_eq!(one_day["fine"], 100_000);
}

#[test]
fn counting_whole_months_only_is_an_override() {
    let mut s = fine("PU", "2026-01", 1_000_000, "2026-05-10");
    s["overrides"] = json!({"fine.late.count_started_months": false});
    let out = ok(s);
    assert_eq!(out["months_late"], 2);
    assert_eq!(out["fine"], 40_000);
    assert!(out["warnings"].to_string().contains("overridden"));
}

#[test]
fn pp49_2020_half_percent_and_the_30th() {
    // September 2020: due 30 Oct 2020 (a cuti bersama only, so still a working day).
    let out = ok(fine("PU", "2020-09", 1_000_000, "2020-11-15"));
    assert_eq!(out["due_date"], "2020-10-30");
    assert_eq!(out["months_late"], 1);
    assert_eq!(out["fine"], 5_000);
    // January 2021: 30 Feb does not exist → 28 Feb 2021 (Sunday) → Friday 26 Feb.
    let jan = ok(fine("PU", "2021-01", 1_000_000, "2021-02-26"));
    assert_eq!(jan["due_date"], "2021-02-26");
    assert_eq!(jan["fine"], 0);
    // February 2021: back to 2 % and the 15th of the next month.
    let feb = ok(fine("PU", "2021-02", 1_000_000, "2021-03-16"));
    assert_eq!(feb["due_date"], "2021-03-15");
    assert_eq!(feb["fine"], 20_000);
}

#[test]
fn bpu_due_the_15th_of_the_same_month_without_a_fine_by_default() {
    let out = ok(fine("BPU", "2026-04", 16_800, "2026-06-01"));
    assert_eq!(out["due_date"], "2026-04-15");
    assert_eq!(out["months_late"], 2);
    assert_eq!(out["fine"], 0);
    assert!(
        out["warnings"]
            .to_string()
            .contains("fine.late.applies_to_bpu")
    );
    let mut s = fine("BPU", "2026-04", 100_000, "2026-06-01");
    s["overrides"] = json!({"fine.late.applies_to_bpu": true});
    assert_eq!(ok(s)["fine"], 4_000);
}

#[test]
fn invalid_inputs_and_unknown_holidays() {
    assert_eq!(
        invalid_field(fine("JAKON", "2026-01", 1, "2026-05-10")),
        "segment"
    );
    assert_eq!(
        invalid_field(fine("XX", "2026-01", 1, "2026-05-10")),
        "segment"
    );
    assert_eq!(
        invalid_field(fine("PU", "2026-1", 1, "2026-05-10")),
        "contribution_month"
    );
    assert_eq!(
        invalid_field(fine("PU", "2026-01", 0, "2026-05-10")),
        "amount_due"
    );
    assert_eq!(
        invalid_field(fine("PU", "2026-01", 1, "10-05-2026")),
        "paid_on"
    );
    assert_eq!(
        invalid_field(
            json!({"type": "late_fine", "segment": "PU", "amount_due": 1, "paid_on": "2026-05-10"})
        ),
        "contribution_month"
    );
    // The 2028 holidays are not set yet: a due date in 2028 needs them.
    let e = run(fine("PU", "2027-12", 1_000_000, "2028-03-01")).unwrap_err();
    assert!(
        matches!(e, CalcError::MissingParameter { ref parameter, .. } if parameter == "calendar.public_holidays")
    );
}
