//! No input, however malformed, may crash the engine or the command (calc-contract.md,
//! Errors). Property tests over arbitrary bytes and over arbitrary JSON values shaped like
//! scenarios (real field names, plausible and absurd values), in process and through the binary.

mod common;
use common::jamsos;
use jamsos_rules::explain::{explain, explain_error};
use jamsos_rules::{Engine, Lang};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use serde_json::{Map, Value, json};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::embedded().expect("embedded parameters"))
}

const FIELDS: &[&str] = &[
    "type",
    "date",
    "overrides",
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
];

const WORDS: &[&str] = &[
    "contribution",
    "benefit",
    "late_fine",
    "PU",
    "BPU",
    "JAKON",
    "PMI",
    "JKK",
    "JKM",
    "JHT",
    "JP",
    "JKP",
    "death",
    "total_disability",
    "partial_disability",
    "temporary_incapacity",
    "old_age",
    "disability",
    "termination",
    "resignation",
    "retirement",
    "retirement_age",
    "contract_end",
    "contract_end_early",
    "leaving_indonesia",
    "partial_housing",
    "transport",
    "apbd",
    "apbn",
    "self",
    "textile_apparel",
    "pre_placement",
    "placement_24m",
    "extension_month",
    "TK",
    "SD",
    "SMP",
    "SMA",
    "PT",
    "none",
    "0.5%",
    "JKK;JKM",
];

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-100i64..400).prop_map(Value::from),
        (1_000_000i64..30_000_000).prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        proptest::sample::select(WORDS).prop_map(Value::from),
        (1900i32..2101, 0u32..14, 0u32..33)
            .prop_map(|(y, m, d)| json!(format!("{y:04}-{m:02}-{d:02}"))),
        (1900i32..2101, 0u32..14).prop_map(|(y, m)| json!(format!("{y:04}-{m:02}"))),
        ".{0,12}".prop_map(Value::from),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(
                prop_oneof![
                    proptest::sample::select(
                        &[
                            "birth_date",
                            "level",
                            "grade",
                            "married",
                            "working",
                            "month",
                            "amount",
                            "year",
                            "monthly_wage",
                            "spouse",
                            "children",
                            "parents",
                            "sector",
                            "workers",
                            "pu.jkm.rate",
                            "jkp.benefit.wage_cap",
                        ][..]
                    )
                    .prop_map(str::to_owned),
                    "[a-z_.]{1,8}",
                ],
                inner,
                0..4
            )
            .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn scenario() -> impl Strategy<Value = Value> {
    (
        proptest::sample::select(&["contribution", "benefit", "late_fine", "other"][..]),
        proptest::collection::vec((proptest::sample::select(FIELDS), value()), 0..12),
        proptest::option::of(".{0,6}"),
    )
        .prop_map(|(kind, fields, stray)| {
            let mut m = Map::new();
            m.insert("type".into(), json!(kind));
            for (k, v) in fields {
                m.insert(k.to_owned(), v);
            }
            if let Some(s) = stray {
                m.insert(s, json!(1));
            }
            Value::Object(m)
        })
}

/// Calculates and renders every way the doors can; any panic fails the test.
fn exercise(bytes: &[u8]) {
    for trace in [true, false] {
        match engine().calculate_json(bytes, trace) {
            Ok(outcome) => {
                serde_json::to_vec(&outcome).expect("a result serializes");
                explain(&outcome, Lang::Id);
                explain(&outcome, Lang::En);
            }
            Err(e) => {
                serde_json::to_vec(&e.to_object()).expect("an error serializes");
                explain_error(&e, Lang::Id);
                explain_error(&e, Lang::En);
            }
        }
    }
}

proptest! {
    #![proptest_config(Config { cases: 2000, ..Config::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        exercise(&bytes);
    }

    #[test]
    fn arbitrary_text_never_panics(text in ".{0,200}") {
        exercise(text.as_bytes());
    }

    #[test]
    fn scenario_shaped_json_never_panics(s in scenario()) {
        exercise(s.to_string().as_bytes());
    }
}

/// The same kind of inputs through the binary: one JSON Lines batch, one CSV batch and a few
/// single runs. A fixed seed keeps the test reproducible.
#[test]
fn the_binary_survives_scenario_shaped_json() {
    let mut runner = TestRunner::deterministic();
    let values: Vec<Value> = (0..600)
        .map(|_| scenario().new_tree(&mut runner).expect("a value").current())
        .collect();
    let jsonl: String = values.iter().map(|v| v.to_string() + "\n").collect();
    let r = jamsos(
        &["calc", "--batch", "-", "--format", "jsonl", "--trace"],
        jsonl.as_bytes(),
    );
    r.assert_no_panic();
    assert!(matches!(r.status, 0 | 2), "{}", r.stderr);
    assert_eq!(r.text().lines().count(), values.len());

    // CSV: every top-level value as a cell (JSON text for non-strings) under its field name.
    let mut csv_text = String::from(
        "type,date,segment,wage,risk_class,income,program,outcome,reason,programs,sector\n",
    );
    for v in &values {
        let cell = |k: &str| match v.get(k) {
            None => String::new(),
            Some(Value::String(s)) => format!("\"{}\"", s.replace('"', "\"\"")),
            Some(other) => format!("\"{}\"", other.to_string().replace('"', "\"\"")),
        };
        let row: Vec<String> = [
            "type",
            "date",
            "segment",
            "wage",
            "risk_class",
            "income",
            "program",
            "outcome",
            "reason",
            "programs",
            "sector",
        ]
        .iter()
        .map(|k| cell(k))
        .collect();
        csv_text.push_str(&row.join(","));
        csv_text.push('\n');
    }
    let r = jamsos(
        &["calc", "--batch", "-", "--format", "csv"],
        csv_text.as_bytes(),
    );
    r.assert_no_panic();
    assert!(matches!(r.status, 0 | 2), "{}", r.stderr);
    let rows = csv::Reader::from_reader(&r.stdout[..]).records().count();
    assert_eq!(rows, values.len());

    for v in values.iter().take(25) {
        for args in [&["calc"][..], &["calc", "--explain", "--lang", "en"][..]] {
            let r = jamsos(args, v.to_string().as_bytes());
            r.assert_no_panic();
            assert!(matches!(r.status, 0 | 2 | 3), "{v}: {}", r.stderr);
        }
    }
}
