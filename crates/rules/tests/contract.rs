//! Conformance with the calculation contract (`shared/spec/calc-contract.md`): one scenario of
//! every shape the contract lists goes through `Engine::calculate_json`, and the result JSON is
//! checked field by field: the contract's fields with their JSON types, no field outside the
//! contract and the documented additions, totals that add up, rates as decimal-fraction
//! strings, amounts as integers, and a trace in which every formula cites its legal basis and
//! every parameter carries its basis, sources and confidence. Errors are checked for their
//! shape, and random combinations of fields must never panic.

use jamsos_rules::{CalcError, Engine};
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::embedded().unwrap())
}

fn run(scenario: &Value, trace: bool) -> Result<Value, CalcError> {
    let bytes = serde_json::to_vec(scenario).unwrap();
    let out = engine().calculate_json(&bytes, trace)?;
    Ok(serde_json::to_value(&out).unwrap())
}

fn ok(scenario: &Value) -> Value {
    run(scenario, true).unwrap_or_else(|e| panic!("{scenario} failed: {e}"))
}

// ---------------------------------------------------------------- every shape of the contract

fn contribution_scenarios() -> Vec<Value> {
    let mut v = vec![
        json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 5_729_876, "risk_class": 1}),
        json!({"type": "contribution", "date": "2025-03-15", "segment": "PU", "wage": 12_000_000, "risk_class": 3,
               "employer": {"sector": "textile_apparel", "workers": 120}}),
        json!({"type": "contribution", "date": "2020-10-01", "segment": "PU", "wage": 6_000_000, "risk_class": 5}),
        json!({"type": "contribution", "date": "2024-01-31", "segment": "PU", "wage": 4_000_000, "risk_class": 2,
               "programs": ["JKK", "JKM", "JHT"]}),
        json!({"type": "contribution", "date": "2026-04-01", "segment": "BPU", "income": 1_000_000}),
        json!({"type": "contribution", "date": "2026-01-20", "segment": "BPU", "income": 1_000_000, "sector": "transport"}),
        json!({"type": "contribution", "date": "2026-05-02", "segment": "BPU", "income": 1_000_000, "funded_by": "apbd"}),
        json!({"type": "contribution", "date": "2026-05-02", "segment": "BPU", "income": 1_000_000, "funded_by": "apbn"}),
        json!({"type": "contribution", "date": "2026-05-02", "segment": "BPU", "income": 1_000_000, "funded_by": "other_sponsor"}),
        json!({"type": "contribution", "date": "2025-05-02", "segment": "BPU", "income": 2_500_000, "funded_by": "self",
               "sector": "agriculture", "programs": "JKK;JKM;JHT"}),
        json!({"type": "contribution", "date": "2025-06-01", "segment": "JAKON", "contract_value": 850_000_000}),
        json!({"type": "contribution", "date": "2025-06-01", "segment": "JAKON", "wage": 5_000_000}),
    ];
    for package in [
        "pre_placement",
        "placement_24m",
        "placement_12m",
        "placement_6m",
        "extension_month",
    ] {
        v.push(json!({"type": "contribution", "date": "2025-06-01", "segment": "PMI", "package": package}));
    }
    v.push(json!({"type": "contribution", "date": "2025-06-01", "segment": "PMI", "package": "placement_24m",
                  "programs": ["JKK", "JKM", "JHT"], "overrides": {"pmi.jht.amount": 50_000}}));
    v
}

fn children() -> Value {
    json!([
        {"birth_date": "2012-05-01", "level": "SMP", "grade": 2, "married": false, "working": false},
        {"birth_date": "2015-05-01", "level": "SD", "grade": 5},
        {"birth_date": "2021-05-01", "level": "none"}
    ])
}

fn benefit_scenarios() -> Vec<Value> {
    let mut v = Vec::new();
    for (date, segment, wage_field) in [
        ("2026-03-01", "PU", "wage"),
        ("2019-06-01", "PU", "wage"),
        ("2026-03-01", "BPU", "income"),
    ] {
        let base = |extra: Value| {
            let mut s =
                json!({"type": "benefit", "program": "JKK", "date": date, "segment": segment});
            s[wage_field] = json!(5_000_000);
            for (k, x) in extra.as_object().unwrap() {
                s[k] = x.clone();
            }
            s
        };
        v.push(base(json!({"outcome": "death", "children": children()})));
        v.push(base(
            json!({"outcome": "total_disability", "children": children()}),
        ));
        v.push(base(
            json!({"outcome": "partial_disability", "disability_percent": 35}),
        ));
        v.push(base(
            json!({"outcome": "partial_disability", "disability_percent": 40, "function_loss_percent": 50}),
        ));
        v.push(base(
            json!({"outcome": "temporary_incapacity", "incapacity_months": 14}),
        ));
    }
    v.push(
        json!({"type": "benefit", "program": "JKM", "date": "2026-03-01", "segment": "PU",
                  "membership_months": 40, "children": children()}),
    );
    v.push(
        json!({"type": "benefit", "program": "JKM", "date": "2019-03-01", "segment": "BPU",
                  "membership_months": 70, "children": children()}),
    );
    v.push(
        json!({"type": "benefit", "program": "JKM", "date": "2026-03-01", "segment": "PU",
                  "membership_months": 10, "children": children()}),
    );
    for reason in [
        "retirement_age",
        "resignation",
        "termination",
        "contract_end",
        "death",
        "total_disability",
        "leaving_indonesia",
        "partial_retirement_preparation",
        "partial_housing",
    ] {
        v.push(
            json!({"type": "benefit", "program": "JHT", "date": "2026-03-01", "reason": reason,
                      "membership_start": "2012-01-01", "birth_date": "1969-05-01",
                      "work_end": "2026-01-15", "balance": 50_000_000}),
        );
        v.push(json!({"type": "benefit", "program": "JHT", "date": "2021-01-05", "reason": reason,
                      "membership_start": "2010-01-01", "birth_date": "1964-05-01", "work_end": "2020-11-30",
                      "contributions": [{"month": "2019-01", "amount": 228_000}, {"month": "2020-06", "amount": 228_000}]}));
    }
    v.push(json!({"type": "benefit", "program": "JP", "date": "2026-03-01", "outcome": "old_age",
                  "birth_date": "1967-01-15", "contribution_months": 190, "average_indexed_wage": 6_000_000}));
    v.push(json!({"type": "benefit", "program": "JP", "date": "2026-03-01", "outcome": "old_age",
                  "birth_date": "1966-01-15", "contribution_months": 100, "contributions_total": 20_000_000,
                  "average_indexed_wage": 6_000_000,
                  "overrides": {"jp.benefit.lump_sum_development_share": "0%"}}));
    v.push(json!({"type": "benefit", "program": "JP", "date": "2026-03-01", "outcome": "disability",
                  "birth_date": "1980-01-15", "contribution_months": 60, "membership_months": 70,
                  "event_after_registration_months": 60, "wage_history": [
                      {"year": 2021, "monthly_wage": 5_000_000}, {"year": 2022, "monthly_wage": 5_500_000}]}));
    for survivors in [
        json!({"spouse": true, "children": 2, "parents": 0}),
        json!({"spouse": false, "children": 1, "parents": 1}),
        json!({"spouse": false, "children": 0, "parents": 1}),
    ] {
        v.push(json!({"type": "benefit", "program": "JP", "date": "2026-03-01", "outcome": "death",
                      "birth_date": "1980-01-15", "contribution_months": 60, "membership_months": 70,
                      "wage_history": [{"year": 2020, "monthly_wage": 5_000_000}, {"year": 2021, "monthly_wage": 5_500_000}],
                      "survivors": survivors}));
    }
    v.push(
        json!({"type": "benefit", "program": "JKP", "date": "2026-03-01", "wage": 6_000_000,
                  "reason": "termination", "contribution_months_last_24": 12}),
    );
    v.push(json!({"type": "benefit", "program": "JKP", "date": "2024-03-01", "wage": 5_000_000,
                  "reason": "contract_end_early", "contribution_months_last_24": 12, "consecutive_months": 6}));
    v.push(
        json!({"type": "benefit", "program": "JKP", "date": "2026-03-01", "wage": 5_000_000,
                  "reason": "resignation", "contribution_months_last_24": 20}),
    );
    v
}

fn late_fine_scenarios() -> Vec<Value> {
    vec![
        json!({"type": "late_fine", "segment": "PU", "contribution_month": "2026-01", "amount_due": 1_000_000, "paid_on": "2026-04-10"}),
        json!({"type": "late_fine", "segment": "PU", "contribution_month": "2020-09", "amount_due": 1_000_000, "paid_on": "2021-01-10"}),
        json!({"type": "late_fine", "segment": "BPU", "contribution_month": "2025-03", "amount_due": 16_800, "paid_on": "2025-03-10"}),
    ]
}

// ---------------------------------------------------------------- shape checks

fn keys(v: &Value) -> Vec<&str> {
    v.as_object()
        .unwrap_or_else(|| panic!("not an object: {v}"))
        .keys()
        .map(String::as_str)
        .collect()
}

/// `v` has every key of `required` and no key outside `required` ∪ `optional`.
fn has_fields(v: &Value, required: &[&str], optional: &[&str], what: &str) {
    for k in required {
        assert!(v.get(k).is_some(), "{what}: missing {k:?} in {v}");
    }
    for k in keys(v) {
        assert!(
            required.contains(&k) || optional.contains(&k),
            "{what}: field {k:?} is not in the contract (nor a documented addition) in {v}"
        );
    }
}

fn int(v: &Value, what: &str) -> i64 {
    v.as_i64()
        .unwrap_or_else(|| panic!("{what} must be a JSON integer, got {v}"))
}

fn is_iso_date(s: &str) -> bool {
    s.len() == 10
        && s.as_bytes()[4] == b'-'
        && s.as_bytes()[7] == b'-'
        && s.parse::<jiff::civil::Date>().is_ok()
}

fn is_month(s: &str) -> bool {
    s.len() == 7 && is_iso_date(&format!("{s}-01"))
}

fn date_str<'a>(v: &'a Value, what: &str) -> &'a str {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("{what} must be a string"));
    assert!(is_iso_date(s), "{what} {s:?} is not YYYY-MM-DD");
    s
}

/// A decimal fraction as a string: "0.0024", "0.5", "1", never a percent.
fn rate_str(v: &Value, what: &str) {
    let s = v
        .as_str()
        .unwrap_or_else(|| panic!("{what} must be a string, got {v}"));
    assert!(
        !s.contains('%'),
        "{what} {s:?} is a percent, not a fraction"
    );
    let (int_part, frac) = s.split_once('.').unwrap_or((s, "0"));
    assert!(
        !int_part.is_empty()
            && int_part.bytes().all(|b| b.is_ascii_digit())
            && frac.bytes().all(|b| b.is_ascii_digit()),
        "{what} {s:?} is not a decimal fraction"
    );
    let at_most_one = int_part == "0" || (int_part == "1" && frac.bytes().all(|b| b == b'0'));
    assert!(at_most_one, "{what} {s:?} is not in 0..1");
}

const PROGRAMS: &[&str] = &["JKK", "JKM", "JHT", "JP", "JKP"];
const PAYERS: &[&str] = &["employer", "worker", "participant", "government"];

fn check_contribution(out: &Value) {
    has_fields(
        out,
        &["type", "date", "lines", "allocations", "totals", "warnings"],
        // additions: the segment, PP 49/2020 deferrals, the trace when asked
        &["segment", "deferred", "trace"],
        "contribution",
    );
    assert_eq!(out["type"], "contribution");
    date_str(&out["date"], "date");
    let lines = out["lines"].as_array().unwrap();
    assert!(!lines.is_empty(), "no lines: {out}");
    let mut sums = [0i64; 4];
    for l in lines.iter().chain(
        out.get("deferred")
            .and_then(Value::as_array)
            .into_iter()
            .flatten(),
    ) {
        // base and rate are null for a flat amount (BPU JKM, PMI packages), as results.rs says
        has_fields(
            l,
            &["program", "payer", "base", "rate", "amount"],
            &["covers"],
            "line",
        );
        assert!(PROGRAMS.contains(&l["program"].as_str().unwrap()), "{l}");
        assert!(PAYERS.contains(&l["payer"].as_str().unwrap()), "{l}");
        assert!(int(&l["amount"], "line amount") >= 0);
        // Null for a flat amount; a Jakon contract-value line has a base but a tiered rate.
        if !l["base"].is_null() {
            assert!(int(&l["base"], "line base") > 0);
        }
        if !l["rate"].is_null() {
            assert!(!l["base"].is_null(), "a rate without a base: {l}");
            rate_str(&l["rate"], "line rate");
        }
    }
    for l in lines {
        let i = PAYERS.iter().position(|p| *p == l["payer"]).unwrap();
        sums[i] += int(&l["amount"], "amount");
    }
    for a in out["allocations"].as_array().unwrap() {
        has_fields(
            a,
            &["from", "to", "base", "rate", "amount"],
            &[],
            "allocation",
        );
        assert!(PROGRAMS.contains(&a["from"].as_str().unwrap()));
        assert_eq!(a["to"], "JKP");
        int(&a["base"], "allocation base");
        rate_str(&a["rate"], "allocation rate");
        int(&a["amount"], "allocation amount");
    }
    let t = &out["totals"];
    has_fields(
        t,
        &["employer", "worker", "participant", "government", "all"],
        &[],
        "totals",
    );
    for (i, p) in PAYERS.iter().enumerate() {
        assert_eq!(int(&t[p], p), sums[i], "totals.{p} in {out}");
    }
    assert_eq!(
        int(&t["all"], "all"),
        sums.iter().sum::<i64>(),
        "totals.all = sum of lines"
    );
}

fn check_component(c: &Value) {
    has_fields(
        c,
        &["code", "amount"],
        &[
            "not_payable_now",
            "months",
            "schedule",
            "max_total",
            "beneficiary",
            "from",
            "per_day",
        ],
        "component",
    );
    assert!(int(&c["amount"], "component amount") >= 0);
    let code = c["code"].as_str().unwrap();
    if let Some(months) = c.get("months") {
        let mut sum = 0;
        for (i, m) in months.as_array().unwrap().iter().enumerate() {
            has_fields(m, &["month", "amount"], &[], "months entry");
            assert_eq!(int(&m["month"], "month"), i as i64 + 1);
            sum += int(&m["amount"], "month amount");
        }
        assert_eq!(
            sum,
            int(&c["amount"], "amount"),
            "{code}: amount = sum of months"
        );
    }
    if code == "scholarship" {
        let schedule = c["schedule"]
            .as_array()
            .expect("scholarship has a schedule");
        let max = int(&c["max_total"], "max_total");
        let mut sum = 0;
        for p in schedule {
            has_fields(
                p,
                &["child", "school_year", "level", "grade", "amount"],
                &["input_index"],
                "schedule entry",
            );
            assert!(matches!(int(&p["child"], "child"), 1 | 2));
            sum += int(&p["amount"], "schedule amount");
        }
        assert_eq!(sum, max, "max_total = the schedule's sum");
    }
    if let Some(f) = c.get("from") {
        assert!(is_month(f.as_str().unwrap()), "from {f} is not YYYY-MM");
    }
}

fn check_benefit(out: &Value) {
    has_fields(
        out,
        &[
            "type",
            "program",
            "date",
            "eligible",
            "reasons",
            "components",
            "total",
            "warnings",
        ],
        &["retirement_age", "regime", "trace"],
        "benefit",
    );
    assert_eq!(out["type"], "benefit");
    date_str(&out["date"], "date");
    let eligible = out["eligible"].as_bool().expect("eligible is a bool");
    let reasons = out["reasons"].as_array().unwrap();
    for r in reasons {
        has_fields(r, &["code", "message"], &["message_id"], "reason");
    }
    if !eligible {
        assert!(!reasons.is_empty(), "not eligible without a reason: {out}");
    }
    let mut payable = 0;
    for c in out["components"].as_array().unwrap() {
        check_component(c);
        if c.get("not_payable_now") != Some(&json!(true)) {
            payable += int(&c["amount"], "amount");
        }
    }
    assert_eq!(
        int(&out["total"], "total"),
        payable,
        "total = payable components: {out}"
    );
    if out["program"] == "JP" {
        assert!(int(&out["retirement_age"], "retirement_age") >= 56);
        for c in out["components"].as_array().unwrap() {
            assert!(c["beneficiary"].is_string() && c["from"].is_string(), "{c}");
        }
    }
}

fn check_late_fine(out: &Value) {
    has_fields(
        out,
        &[
            "type",
            "due_date",
            "months_late",
            "fine",
            "components",
            "warnings",
        ],
        &[
            "segment",
            "contribution_month",
            "amount_due",
            "paid_on",
            "trace",
        ],
        "late_fine",
    );
    date_str(&out["due_date"], "due_date");
    assert!(int(&out["months_late"], "months_late") >= 0);
    let fine = int(&out["fine"], "fine");
    let comps = out["components"].as_array().unwrap();
    assert_eq!(comps.len(), 1);
    check_component(&comps[0]);
    assert_eq!(comps[0]["code"], "late_fine");
    assert_eq!(int(&comps[0]["amount"], "amount"), fine);
}

const CONFIDENCE: &[&str] = &[
    "high",
    "medium-high",
    "medium",
    "medium-low",
    "low",
    "derived",
];

fn check_trace(out: &Value) {
    let trace = out["trace"]
        .as_array()
        .unwrap_or_else(|| panic!("no trace: {out}"));
    assert!(!trace.is_empty());
    let mut formulas = 0;
    for s in trace {
        let basis = |s: &Value| {
            let b = s["legal_basis"].as_str().unwrap_or_default();
            assert!(
                !b.trim().is_empty(),
                "step without legal_basis in {}: {s}",
                out["type"]
            );
        };
        match s["step"].as_str().unwrap() {
            "input" => has_fields(s, &["step", "name", "value"], &[], "input step"),
            "parameter" => {
                has_fields(
                    s,
                    &[
                        "step",
                        "name",
                        "description",
                        "value",
                        "overridden",
                        "from",
                        "to",
                        "legal_basis",
                        "sources",
                        "confidence",
                    ],
                    &["value_in_force", "note"],
                    "parameter step",
                );
                basis(s);
                let overridden = s["overridden"].as_bool().unwrap();
                let sources = s["sources"].as_array().unwrap();
                // An override of a value the law does not give has no source but the caller.
                assert!(
                    overridden || !sources.is_empty(),
                    "parameter without sources: {s}"
                );
                assert!(
                    CONFIDENCE.contains(&s["confidence"].as_str().unwrap_or("?")) || overridden,
                    "{s}"
                );
                date_str(&s["from"], "parameter from");
            }
            "formula" => {
                formulas += 1;
                has_fields(
                    s,
                    &["step", "label", "formula", "formula_id", "legal_basis"],
                    &["result"],
                    "formula step",
                );
                basis(s);
            }
            "rule" => {
                has_fields(
                    s,
                    &["step", "label", "holds", "legal_basis"],
                    &[],
                    "rule step",
                );
                basis(s);
            }
            other => panic!("unknown step {other}"),
        }
    }
    let no_formula_needed = out["eligible"] == json!(false);
    assert!(
        formulas > 0 || no_formula_needed,
        "a result without any formula: {out}"
    );
}

fn check(scenario: &Value) -> Value {
    let out = ok(scenario);
    match out["type"].as_str().unwrap() {
        "contribution" => check_contribution(&out),
        "benefit" => check_benefit(&out),
        "late_fine" => check_late_fine(&out),
        t => panic!("unknown type {t}"),
    }
    assert!(
        out["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .all(Value::is_string)
    );
    check_trace(&out);
    // Untraced: the same result, without trace.
    let mut plain = run(scenario, false).unwrap();
    assert!(
        plain.get("trace").is_none(),
        "trace present though not asked for"
    );
    let mut traced = out.clone();
    traced.as_object_mut().unwrap().remove("trace");
    plain.as_object_mut().unwrap().remove("trace");
    assert_eq!(
        plain, traced,
        "traced and untraced results differ for {scenario}"
    );
    out
}

#[test]
fn every_contribution_shape_conforms() {
    for s in contribution_scenarios() {
        check(&s);
    }
}

#[test]
fn every_benefit_shape_conforms() {
    let mut codes = std::collections::BTreeSet::new();
    for s in benefit_scenarios() {
        let out = check(&s);
        for c in out["components"].as_array().unwrap() {
            codes.insert(format!(
                "{}:{}",
                out["program"].as_str().unwrap(),
                c["code"].as_str().unwrap()
            ));
        }
    }
    // Every component code the contract lists appears in at least one scenario above.
    for code in [
        "JKK:death_lump_sum",
        "JKK:disability_lump_sum",
        "JKK:periodic_benefit",
        "JKK:funeral",
        "JKK:stmb",
        "JKK:scholarship",
        "JKM:death_lump_sum",
        "JKM:periodic_benefit",
        "JKM:funeral",
        "JKM:scholarship",
        "JHT:jht_balance",
        "JHT:jht_partial",
        "JP:monthly_pension",
        "JP:lump_sum",
        "JKP:jkp_cash",
    ] {
        assert!(
            codes.contains(code),
            "no scenario produced {code}: {codes:?}"
        );
    }
}

#[test]
fn every_late_fine_shape_conforms() {
    for s in late_fine_scenarios() {
        let out = check(&s);
        assert_eq!(out["type"], "late_fine");
    }
}

#[test]
fn jp_monthly_pension_states_beneficiary_and_from() {
    let out = ok(&benefit_scenarios()
        .into_iter()
        .find(|s| s["program"] == "JP" && s["survivors"]["spouse"] == json!(true))
        .unwrap());
    let c = &out["components"][0];
    assert_eq!(c["code"], "monthly_pension");
    assert_eq!(c["beneficiary"], "spouse");
    assert_eq!(c["from"], "2026-04");
}

// ---------------------------------------------------------------- errors

fn error_object(scenario: &Value) -> Value {
    match run(scenario, true) {
        Ok(v) => panic!("{scenario} should fail, got {v}"),
        Err(e) => {
            let obj = serde_json::to_value(e.to_object()).unwrap();
            assert_eq!(
                e.exit_status(),
                if e.code() == "invalid_input" { 2 } else { 3 }
            );
            obj
        }
    }
}

#[test]
fn invalid_input_names_the_field() {
    for (scenario, field) in [
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": -5, "risk_class": 1}),
            "wage",
        ),
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 5.5, "risk_class": 1}),
            "wage",
        ),
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 5_000_000, "risk_class": 6}),
            "risk_class",
        ),
        (
            json!({"type": "contribution", "date": "2026-02-30", "segment": "PU", "wage": 5_000_000, "risk_class": 1}),
            "date",
        ),
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "XX"}),
            "segment",
        ),
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "BPU", "income": 500_000}),
            "income",
        ),
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "BPU", "income": 1_000_000, "funded_by": "bank"}),
            "funded_by",
        ),
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PMI", "package": "placement_36m"}),
            "package",
        ),
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "BPU", "income": 1_000_000, "programs": ["JP"]}),
            "programs",
        ),
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 1, "risk_class": 1, "wagee": 3}),
            "wagee",
        ),
        (json!({"type": "refund"}), "type"),
        (
            json!({"type": "benefit", "program": "JKK", "date": "2026-03-01", "segment": "PU", "wage": 5_000_000, "outcome": "partial_disability"}),
            "disability_percent",
        ),
        (
            json!({"type": "benefit", "program": "JKM", "date": "2026-03-01", "segment": "PU"}),
            "membership_months",
        ),
        (
            json!({"type": "benefit", "program": "JHT", "date": "2026-03-01", "reason": "holiday"}),
            "reason",
        ),
        (
            json!({"type": "benefit", "program": "JP", "date": "2026-03-01", "outcome": "old_age", "birth_date": "1960-01-01",
                "contribution_months": 200, "wage_history": [{"year": 2010, "monthly_wage": 1}]}),
            "wage_history[0].year",
        ),
        (
            json!({"type": "benefit", "program": "JKP", "date": "2026-03-01", "wage": 5_000_000, "reason": "termination",
                "contribution_months_last_24": 30}),
            "contribution_months_last_24",
        ),
        (
            json!({"type": "late_fine", "segment": "PU", "contribution_month": "2026-13", "amount_due": 1, "paid_on": "2026-04-01"}),
            "contribution_month",
        ),
        (
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 5_000_000, "risk_class": 1,
                "overrides": {"no.such.parameter": "1%"}}),
            "overrides.no.such.parameter",
        ),
    ] {
        let obj = error_object(&scenario);
        let e = &obj["error"];
        has_fields(e, &["code", "field", "message"], &[], "error");
        assert_eq!(e["code"], "invalid_input", "{scenario}");
        assert_eq!(e["field"], field, "{scenario} → {obj}");
        assert!(!e["message"].as_str().unwrap().is_empty());
    }
}

#[test]
fn missing_parameter_names_the_parameter_and_date() {
    for (scenario, parameter) in [
        (
            json!({"type": "contribution", "date": "2025-06-01", "segment": "PMI", "package": "placement_24m",
                "programs": ["JKK", "JKM", "JHT"]}),
            "pmi.jht.amount",
        ),
        (
            json!({"type": "benefit", "program": "JP", "date": "2026-03-01", "outcome": "old_age", "birth_date": "1966-01-15",
                "contribution_months": 100, "average_indexed_wage": 6_000_000, "contributions_total": 20_000_000}),
            "jp.benefit.lump_sum_development_share",
        ),
        (
            json!({"type": "benefit", "program": "JHT", "date": "2024-03-01", "reason": "resignation",
                "membership_start": "2020-01-01", "birth_date": "1990-01-01", "work_end": "2024-01-01",
                "contributions": [{"month": "2022-01", "amount": 228_000}]}),
            "jht.development_rate.2022",
        ),
    ] {
        let obj = error_object(&scenario);
        let e = &obj["error"];
        has_fields(e, &["code", "parameter", "date", "message"], &[], "error");
        assert_eq!(e["code"], "missing_parameter");
        assert_eq!(e["parameter"], parameter, "{obj}");
        date_str(&e["date"], "error date");
    }
}

// ---------------------------------------------------------------- no input panics

const FIELDS: &[&str] = &[
    "type",
    "date",
    "segment",
    "wage",
    "risk_class",
    "employer",
    "income",
    "sector",
    "funded_by",
    "contract_value",
    "package",
    "programs",
    "program",
    "outcome",
    "disability_percent",
    "function_loss_percent",
    "incapacity_months",
    "children",
    "membership_months",
    "reason",
    "membership_start",
    "birth_date",
    "work_end",
    "balance",
    "contributions",
    "contribution_months",
    "event_after_registration_months",
    "average_indexed_wage",
    "wage_history",
    "contributions_total",
    "survivors",
    "contribution_months_last_24",
    "consecutive_months",
    "contribution_month",
    "amount_due",
    "paid_on",
    "overrides",
];

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just(0i64),
            Just(-1),
            Just(1),
            Just(12),
            Just(24),
            Just(180),
            Just(1_000_000),
            Just(5_000_000),
            Just(i64::MAX)
        ]
        .prop_map(Value::from),
        prop::sample::select(vec![
            "5.5",
            "-0.25",
            "1e300",
            "35",
            "100.0000000001",
            "0.0000000001"
        ])
        .prop_map(|t| serde_json::from_str::<Value>(t).unwrap()),
        prop_oneof![
            Just("contribution"),
            Just("benefit"),
            Just("late_fine"),
            Just("PU"),
            Just("BPU"),
            Just("JAKON"),
            Just("PMI"),
            Just("JKK"),
            Just("JKM"),
            Just("JHT"),
            Just("JP"),
            Just("JKP"),
            Just("death"),
            Just("old_age"),
            Just("disability"),
            Just("total_disability"),
            Just("partial_disability"),
            Just("temporary_incapacity"),
            Just("termination"),
            Just("resignation"),
            Just("partial_housing"),
            Just("transport"),
            Just("apbd"),
            Just("placement_24m"),
            Just("2026-03-01"),
            Just("2019-12-01"),
            Just("2015-06-30"),
            Just("9999-12-31"),
            Just("0001-01-01"),
            Just("2026-03"),
            Just("2020-02-29"),
            Just(""),
            Just("JKK;JKM"),
            Just("2026-02-30"),
            Just("-0001-01-01"),
        ]
        .prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map(
                prop_oneof![
                    Just("sector".to_owned()),
                    Just("workers".to_owned()),
                    Just("birth_date".to_owned()),
                    Just("level".to_owned()),
                    Just("grade".to_owned()),
                    Just("month".to_owned()),
                    Just("amount".to_owned()),
                    Just("year".to_owned()),
                    Just("monthly_wage".to_owned()),
                    Just("spouse".to_owned()),
                    Just("children".to_owned()),
                    Just("parents".to_owned()),
                    Just("jp.wage_cap".to_owned()),
                    Just("married".to_owned()),
                ],
                inner,
                0..4,
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn any_scenario() -> impl Strategy<Value = Value> {
    prop::collection::btree_map(prop::sample::select(FIELDS), any_value(), 0..12).prop_map(|m| {
        Value::Object(
            m.into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<Map<_, _>>(),
        )
    })
}

/// A valid scenario with one field replaced.
fn mutated_scenario() -> impl Strategy<Value = Value> {
    let all: Vec<Value> = contribution_scenarios()
        .into_iter()
        .chain(benefit_scenarios())
        .chain(late_fine_scenarios())
        .collect();
    (
        prop::sample::select(all),
        prop::sample::select(FIELDS),
        any_value(),
    )
        .prop_map(|(mut s, f, v)| {
            s[f] = v;
            s
        })
}

fn no_panic(s: &Value) {
    for trace in [false, true] {
        if let Ok(out) = run(s, trace) {
            match out["type"].as_str() {
                Some("contribution") => check_contribution(&out),
                Some("benefit") => check_benefit(&out),
                Some("late_fine") => check_late_fine(&out),
                other => panic!("unknown result type {other:?}"),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_fields_never_panic(s in any_scenario()) {
        no_panic(&s);
    }

    #[test]
    fn one_wrong_field_never_panics(s in mutated_scenario()) {
        no_panic(&s);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = engine().calculate_json(&bytes, true);
    }
}
