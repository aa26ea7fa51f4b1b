//! JKK and JKM benefits: the worked examples of regulations.md §8 (9–12) as vectors, both sides
//! of 2 Dec 2019 (PP 82/2019), each outcome, input errors, and properties.

use jamsos_rules::Engine;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::embedded().expect("embedded parameters are valid"))
}

fn calc(s: Value) -> Value {
    let out = engine()
        .calculate_json(s.to_string().as_bytes(), true)
        .unwrap_or_else(|e| panic!("{s}: {e}"));
    serde_json::to_value(&out).unwrap()
}

fn err(s: Value) -> (String, String) {
    let e = engine()
        .calculate_json(s.to_string().as_bytes(), false)
        .expect_err("should fail");
    let o = e.to_object().error;
    (
        o.field.unwrap_or_else(|| o.parameter.unwrap_or_default()),
        o.message,
    )
}

fn component(r: &Value, code: &str) -> Option<i64> {
    r["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .map(|c| c["amount"].as_i64().unwrap())
}

fn jkk(date: &str, wage: i64, outcome: &str) -> Value {
    json!({"type":"benefit","program":"JKK","date":date,"segment":"PU","wage":wage,"outcome":outcome})
}

#[test]
fn example_9_jkk_death_old_regime_pak_asep() {
    // 48 × 4M = 192M + berkala 4.8M + funeral 3M + scholarship 12M (one child).
    let mut s = jkk("2019-06-10", 4_000_000, "death");
    s["children"] = json!([{"birth_date":"2010-03-01","level":"SD","grade":3}]);
    let r = calc(s);
    assert_eq!(r["regime"], "PP 44/2015");
    assert_eq!(component(&r, "death_lump_sum"), Some(192_000_000));
    assert_eq!(component(&r, "periodic_benefit"), Some(4_800_000));
    assert_eq!(component(&r, "funeral"), Some(3_000_000));
    assert_eq!(component(&r, "scholarship"), Some(12_000_000));
    assert_eq!(r["total"], 211_800_000);
    assert_eq!(r["eligible"], true);
}

#[test]
fn example_10_jkk_death_bpu_current_regime() {
    let s = json!({"type":"benefit","program":"JKK","date":"2024-05-01","segment":"BPU","income":1_000_000,"outcome":"death"});
    let r = calc(s);
    assert_eq!(r["regime"], "PP 82/2019");
    assert_eq!(component(&r, "death_lump_sum"), Some(48_000_000));
    assert_eq!(component(&r, "periodic_benefit"), Some(12_000_000));
    assert_eq!(component(&r, "funeral"), Some(10_000_000));
    assert_eq!(r["total"], 70_000_000);
}

#[test]
fn example_10_stmb_about_33000_a_day() {
    let s = json!({"type":"benefit","program":"JKK","date":"2024-05-01","segment":"BPU","income":1_000_000,
                   "outcome":"temporary_incapacity","incapacity_months":2});
    let r = calc(s);
    let c = &r["components"][0];
    assert_eq!(c["code"], "stmb");
    assert_eq!(c["per_day"], 33_333);
    assert!((c["per_day"].as_i64().unwrap() - 33_000).abs() < 1_000);
    assert_eq!(c["beneficiary"], "participant");
    assert_eq!(r["total"], 2_000_000);
}

#[test]
fn example_11_jkm_current_regime() {
    let r = calc(
        json!({"type":"benefit","program":"JKM","date":"2025-01-15","segment":"PU","membership_months":12}),
    );
    assert_eq!(component(&r, "death_lump_sum"), Some(20_000_000));
    assert_eq!(component(&r, "periodic_benefit"), Some(12_000_000));
    assert_eq!(component(&r, "funeral"), Some(10_000_000));
    assert_eq!(r["total"], 42_000_000);
    assert_eq!(r["regime"], "PP 82/2019");
}

#[test]
fn example_12_jkm_old_regime() {
    let r = calc(
        json!({"type":"benefit","program":"JKM","date":"2018-03-01","segment":"BPU","membership_months":12}),
    );
    assert_eq!(component(&r, "death_lump_sum"), Some(16_200_000));
    assert_eq!(component(&r, "periodic_benefit"), Some(4_800_000));
    assert_eq!(component(&r, "funeral"), Some(3_000_000));
    assert_eq!(r["total"], 24_000_000);
}

#[test]
fn both_sides_of_2_december_2019() {
    let before = calc(jkk("2019-12-01", 1_000_000, "death"));
    let after = calc(jkk("2019-12-02", 1_000_000, "death"));
    assert_eq!(before["regime"], "PP 44/2015");
    assert_eq!(after["regime"], "PP 82/2019");
    assert_eq!(before["total"], 48_000_000 + 4_800_000 + 3_000_000);
    assert_eq!(after["total"], 48_000_000 + 12_000_000 + 10_000_000);

    let jkm = |d: &str| {
        calc(
            json!({"type":"benefit","program":"JKM","date":d,"segment":"PU","membership_months":40}),
        )
    };
    assert_eq!(jkm("2019-12-01")["total"], 24_000_000);
    assert_eq!(jkm("2019-12-02")["total"], 42_000_000);

    // STMB: month 7–12 at 75 % before, 100 % after.
    let stmb = |d: &str| {
        let mut s = jkk(d, 4_000_000, "temporary_incapacity");
        s["incapacity_months"] = json!(14);
        calc(s)
    };
    let old = stmb("2019-12-01");
    let new = stmb("2019-12-02");
    let months = |r: &Value| -> Vec<i64> {
        r["components"][0]["months"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["amount"].as_i64().unwrap())
            .collect()
    };
    let mut want_old = vec![4_000_000; 6];
    want_old.extend([3_000_000; 6]);
    want_old.extend([2_000_000; 2]);
    let mut want_new = vec![4_000_000; 12];
    want_new.extend([2_000_000; 2]);
    assert_eq!(months(&old), want_old);
    assert_eq!(months(&new), want_new);
    assert_eq!(old["total"], want_old.iter().sum::<i64>());
    assert_eq!(new["total"], 52_000_000);
    assert_eq!(new["components"][0]["beneficiary"], "employer");

    // JKM scholarship membership: 5 years before, 3 years after.
    let kids = json!([{"birth_date":"2012-01-01","level":"SD","grade":2}]);
    let with = |d: &str, m: i64| {
        calc(
            json!({"type":"benefit","program":"JKM","date":d,"segment":"PU","membership_months":m,"children":kids}),
        )
    };
    assert_eq!(component(&with("2019-12-01", 40), "scholarship"), None);
    assert_eq!(
        component(&with("2019-12-01", 60), "scholarship"),
        Some(12_000_000)
    );
    assert_eq!(
        component(&with("2019-12-02", 40), "scholarship"),
        Some(1_500_000)
    );
}

#[test]
fn total_disability_both_regimes() {
    let old = calc(jkk("2018-01-01", 5_000_000, "total_disability"));
    assert_eq!(component(&old, "disability_lump_sum"), Some(280_000_000));
    assert_eq!(component(&old, "periodic_benefit"), Some(4_800_000));
    assert_eq!(component(&old, "funeral"), None);
    let new = calc(jkk("2022-01-01", 5_000_000, "total_disability"));
    assert_eq!(component(&new, "disability_lump_sum"), Some(280_000_000));
    assert_eq!(component(&new, "periodic_benefit"), Some(12_000_000));
    assert_eq!(new["total"], 292_000_000);
}

#[test]
fn partial_disability_table_and_function_loss() {
    // §3.1 illustration: one eye at Rp5M = 35 % × 80 × 5M = 140M.
    let mut s = jkk("2023-01-01", 5_000_000, "partial_disability");
    s["disability_percent"] = json!(35);
    let r = calc(s.clone());
    assert_eq!(r["total"], 140_000_000);
    let trace = r["trace"].to_string();
    assert!(
        trace.contains("sight_one_eye"),
        "the trace names the matching table rows"
    );
    // Function loss: 50 % × 35 % × 80 × 5M = 70M.
    s["function_loss_percent"] = json!(50);
    assert_eq!(calc(s.clone())["total"], 70_000_000);
    // As assessed, with a fraction: 7.5 % × 80 × 3,333,333 = 19,999,998.
    let mut s = jkk("2023-01-01", 3_333_333, "partial_disability");
    s["disability_percent"] = json!(7.5);
    let r = calc(s);
    assert_eq!(r["total"], 19_999_998);
    assert!(r["trace"].to_string().contains("as assessed"));
    // Rounding half up once on the exact product: 33 % × 7 % × 80 × 1,000,001 = 1,848,001.848
    let mut s = jkk("2023-01-01", 1_000_001, "partial_disability");
    s["disability_percent"] = json!(7);
    s["function_loss_percent"] = json!(33);
    assert_eq!(calc(s)["total"], 1_848_002);
}

#[test]
fn jkk_death_is_not_less_than_the_jkm_lump_sum() {
    let r = calc(jkk("2024-01-01", 400_000, "death"));
    assert_eq!(component(&r, "death_lump_sum"), Some(20_000_000));
    let warnings = r["warnings"].to_string();
    assert!(
        warnings.contains("jkk.death.floor_jkm_lump_sum"),
        "{warnings}"
    );
    // Above the floor the flag is not consulted, so no warning about it.
    let r = calc(jkk("2024-01-01", 500_000, "death"));
    assert_eq!(component(&r, "death_lump_sum"), Some(24_000_000));
    assert!(!r["warnings"].to_string().contains("floor"));
}

#[test]
fn jkk_scholarship_needs_no_membership_and_only_for_death_or_total_disability() {
    let kids = json!([{"birth_date":"2008-08-01","level":"SMA","grade":3}]);
    let mut s = jkk("2024-09-01", 4_000_000, "total_disability");
    s["children"] = kids.clone();
    let r = calc(s);
    assert_eq!(component(&r, "scholarship"), Some(3_000_000));
    let mut s = jkk("2024-09-01", 4_000_000, "partial_disability");
    s["disability_percent"] = json!(10);
    s["children"] = kids;
    let r = calc(s);
    assert_eq!(component(&r, "scholarship"), None);
    assert_eq!(r["reasons"][0]["code"], "scholarship_not_applicable");
}

#[test]
fn jkm_short_membership_keeps_the_cash_and_explains_the_missing_scholarship() {
    let r = calc(
        json!({"type":"benefit","program":"JKM","date":"2025-01-15","segment":"PU","membership_months":35,
                        "children":[{"birth_date":"2015-01-01","level":"SD","grade":4}]}),
    );
    assert_eq!(r["eligible"], true);
    assert_eq!(r["total"], 42_000_000);
    assert_eq!(component(&r, "scholarship"), None);
    assert_eq!(r["reasons"][0]["code"], "scholarship_membership_too_short");
    assert!(r["reasons"][0]["message"].as_str().unwrap().contains("36"));
    let r = calc(
        json!({"type":"benefit","program":"JKM","date":"2025-01-15","segment":"PU","membership_months":36,
                        "children":[{"birth_date":"2015-01-01","level":"SD","grade":4}]}),
    );
    assert_eq!(component(&r, "scholarship"), Some(1_500_000));
    assert_eq!(r["total"], 43_500_000);
}

#[test]
fn the_claim_deadline_is_in_the_trace() {
    let t = calc(jkk("2019-12-02", 1_000_000, "death"))["trace"].to_string();
    assert!(t.contains("claim by 2024-12-02"), "{t}");
    let t = calc(jkk("2019-12-01", 1_000_000, "death"))["trace"].to_string();
    assert!(t.contains("claim by 2021-12-01"), "{t}");
}

#[test]
fn input_errors_name_the_field() {
    assert_eq!(err(jkk("2024-01-01", 0, "death")).0, "wage");
    assert_eq!(err(jkk("2024-01-01", 1_000_000, "exploded")).0, "outcome");
    assert_eq!(
        err(jkk("2024-01-01", 1_000_000, "partial_disability")).0,
        "disability_percent"
    );
    let mut s = jkk("2024-01-01", 1_000_000, "partial_disability");
    s["disability_percent"] = json!(120);
    assert_eq!(err(s).0, "disability_percent");
    let mut s = jkk("2024-01-01", 1_000_000, "death");
    s["incapacity_months"] = json!(3);
    assert_eq!(err(s).0, "incapacity_months");
    let mut s = jkk("2024-01-01", 1_000_000, "temporary_incapacity");
    s["incapacity_months"] = json!(0);
    assert_eq!(err(s).0, "incapacity_months");
    let s = json!({"type":"benefit","program":"JKK","date":"2024-01-01","segment":"BPU","wage":1_000_000,"outcome":"death"});
    assert_eq!(err(s).0, "income");
    let s = json!({"type":"benefit","program":"JKK","date":"2024-01-01","segment":"PMI","wage":1_000_000,"outcome":"death"});
    assert_eq!(err(s).0, "segment");
    let s = json!({"type":"benefit","program":"JKM","date":"2024-01-01","segment":"PU"});
    assert_eq!(err(s).0, "membership_months");
    let s = json!({"type":"benefit","program":"JKM","date":"2024-01-01","segment":"PU","membership_months":-1});
    assert_eq!(err(s).0, "membership_months");
    // Before PP 44/2015 there are no parameters: a clear missing_parameter, not a guess.
    let e = engine()
        .calculate_json(
            jkk("2015-06-30", 1_000_000, "death").to_string().as_bytes(),
            false,
        )
        .unwrap_err();
    assert_eq!(e.code(), "missing_parameter");
}

fn payable_sum(r: &Value) -> i64 {
    r["components"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c.get("not_payable_now").is_none())
        .map(|c| c["amount"].as_i64().unwrap())
        .sum()
}

fn outcome_strategy() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(json!({"outcome":"death"})),
        Just(json!({"outcome":"total_disability"})),
        (1u32..=100).prop_map(|p| json!({"outcome":"partial_disability","disability_percent":p})),
        (1u32..=100, 1u32..=100).prop_map(|(p, f)| json!({"outcome":"partial_disability","disability_percent":p,"function_loss_percent":f})),
        (1i64..=40).prop_map(|m| json!({"outcome":"temporary_incapacity","incapacity_months":m})),
    ]
}

fn date_strategy() -> impl Strategy<Value = String> {
    (2015i32..=2030, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| {
        let (y, m) = if y == 2015 && m < 7 {
            (2015, 7)
        } else {
            (y, m)
        };
        format!("{y:04}-{m:02}-{d:02}")
    })
}

proptest! {
    #[test]
    fn jkk_total_is_the_sum_of_payable_components_and_never_negative(
        date in date_strategy(), wage in 1i64..=200_000_000, o in outcome_strategy(), bpu in any::<bool>()
    ) {
        let mut s = o;
        s["type"] = json!("benefit"); s["program"] = json!("JKK"); s["date"] = json!(date);
        if bpu { s["segment"] = json!("BPU"); s["income"] = json!(wage); }
        else { s["segment"] = json!("PU"); s["wage"] = json!(wage); }
        let r = calc(s);
        prop_assert_eq!(r["total"].as_i64().unwrap(), payable_sum(&r));
        for c in r["components"].as_array().unwrap() {
            prop_assert!(c["amount"].as_i64().unwrap() >= 0);
        }
        prop_assert!(r["total"].as_i64().unwrap() > 0);
    }

    #[test]
    fn raising_the_wage_never_lowers_a_jkk_benefit(
        date in date_strategy(), wage in 1i64..=100_000_000, raise in 0i64..=50_000_000, o in outcome_strategy()
    ) {
        let mk = |w: i64| {
            let mut s = o.clone();
            s["type"] = json!("benefit"); s["program"] = json!("JKK"); s["date"] = json!(date);
            s["segment"] = json!("PU"); s["wage"] = json!(w);
            calc(s)
        };
        let low = mk(wage);
        let high = mk(wage + raise);
        prop_assert!(high["total"].as_i64().unwrap() >= low["total"].as_i64().unwrap());
        for (a, b) in low["components"].as_array().unwrap().iter().zip(high["components"].as_array().unwrap()) {
            prop_assert_eq!(&a["code"], &b["code"]);
            prop_assert!(b["amount"].as_i64().unwrap() >= a["amount"].as_i64().unwrap());
        }
    }

    #[test]
    fn jkm_total_is_the_sum_of_payable_components(
        date in date_strategy(), m in 0i64..=400, birth in 1995i32..=2025, level in 0usize..6
    ) {
        let levels = ["none", "TK", "SD", "SMP", "SMA", "PT"];
        let lvl = levels[level];
        let child = if lvl == "none" { json!({"birth_date": format!("{birth}-06-15"), "level": lvl}) }
                    else { json!({"birth_date": format!("{birth}-06-15"), "level": lvl, "grade": 1}) };
        let s = json!({"type":"benefit","program":"JKM","date":date,"segment":"PU","membership_months":m,"children":[child]});
        let out = match engine().calculate_json(s.to_string().as_bytes(), false) {
            Ok(out) => out,
            Err(e) => {
                // Only a child at school born after the event is refused.
                let field = e.to_object().error.field;
                prop_assert_eq!(field.as_deref(), Some("children[0].birth_date"));
                prop_assert!(lvl != "none");
                return Ok(());
            }
        };
        let r = serde_json::to_value(&out).unwrap();
        prop_assert_eq!(r["total"].as_i64().unwrap(), payable_sum(&r));
        for c in r["components"].as_array().unwrap() {
            prop_assert!(c["amount"].as_i64().unwrap() >= 0);
        }
    }
}

#[test]
fn extreme_inputs_do_not_crash() {
    for outcome in ["death", "total_disability"] {
        let mut s = jkk("9999-12-31", i64::MAX, outcome);
        s["children"] = json!([{"birth_date":"9999-01-01","level":"none"},{"birth_date":"9990-01-01","level":"SD","grade":3}]);
        let r = calc(s);
        assert!(r["total"].as_i64().unwrap() > 0);
    }
    let mut s = jkk("2024-01-01", i64::MAX, "temporary_incapacity");
    s["incapacity_months"] = json!(1200);
    assert_eq!(calc(s)["total"], i64::MAX);
    let mut s = jkk("2024-01-01", i64::MAX, "partial_disability");
    s["disability_percent"] = json!(99.999999);
    s["function_loss_percent"] = json!(100);
    assert!(calc(s)["total"].as_i64().unwrap() > 0);
}

#[test]
fn jakon_uses_the_wage_and_pu_stmb_goes_through_the_employer() {
    let s = json!({"type":"benefit","program":"JKK","date":"2024-05-01","segment":"JAKON","wage":2_000_000,"outcome":"death"});
    assert_eq!(calc(s)["components"][0]["amount"], 96_000_000);
    let mut s = jkk("2024-05-01", 3_000_000, "temporary_incapacity");
    s["incapacity_months"] = json!(1);
    let r = calc(s);
    assert_eq!(r["components"][0]["beneficiary"], "employer");
    assert_eq!(r["components"][0]["per_day"], 100_000);
}
