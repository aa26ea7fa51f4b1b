//! The three doors give the same answer: every scenario is run in single mode, in a JSON Lines
//! batch (with and without `--trace`) and in a CSV batch (`,` and `;` delimited), and the
//! results are compared figure by figure, errors included.

mod common;
use common::jamsos;
use serde_json::{Value, json};
use std::collections::BTreeSet;

fn scenarios() -> Vec<Value> {
    let mut s = Vec::new();
    // Contributions: PU over risk classes and wages around the caps, BPU, Jakon, PMI.
    for (i, wage) in [
        4_000_000, 5_000_000, 5_729_876, 11_086_300, 12_000_000, 25_000_000,
    ]
    .into_iter()
    .enumerate()
    {
        for date in ["2025-01-15", "2025-06-01", "2026-02-28", "2026-03-01"] {
            s.push(
                json!({"type": "contribution", "date": date, "segment": "PU",
                "wage": wage, "risk_class": i % 5 + 1}),
            );
        }
    }
    s.push(
        json!({"type": "contribution", "date": "2025-06-01", "segment": "PU", "wage": 6_000_000,
        "risk_class": 3, "employer": {"sector": "textile_apparel", "workers": 120}}),
    );
    s.push(
        json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 6_000_000,
        "risk_class": 2, "programs": ["JKK", "JKM"]}),
    );
    s.push(
        json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 6_000_000,
        "risk_class": 2, "overrides": {"pu.jkm.rate": "0.5%"}}),
    );
    for (sector, funded) in [
        (None, None),
        (Some("transport"), None),
        (None, Some("apbd")),
    ] {
        let mut b = json!({"type": "contribution", "date": "2026-05-01", "segment": "BPU",
            "income": 3_500_000});
        if let Some(x) = sector {
            b["sector"] = json!(x);
        }
        if let Some(x) = funded {
            b["funded_by"] = json!(x);
        }
        s.push(b);
    }
    s.push(
        json!({"type": "contribution", "date": "2026-03-01", "segment": "JAKON",
        "contract_value": 150_000_000}),
    );
    s.push(
        json!({"type": "contribution", "date": "2026-03-01", "segment": "PMI",
        "package": "placement_24m"}),
    );
    // Benefits.
    for (date, last24, reason) in [
        ("2026-03-10", 14, "termination"),
        ("2024-06-10", 14, "termination"),
        ("2026-03-10", 8, "termination"),
        ("2026-03-10", 20, "resignation"),
    ] {
        s.push(
            json!({"type": "benefit", "program": "JKP", "date": date, "wage": 6_000_000,
            "reason": reason, "contribution_months_last_24": last24, "consecutive_months": 6}),
        );
    }
    s.push(
        json!({"type": "benefit", "program": "JP", "outcome": "old_age", "date": "2026-03-10",
        "birth_date": "1967-01-01", "contribution_months": 180, "average_indexed_wage": 5_000_000}),
    );
    s.push(json!({"type": "benefit", "program": "JP", "outcome": "death", "date": "2026-03-10",
        "birth_date": "1985-05-05", "contribution_months": 60, "membership_months": 70,
        "average_indexed_wage": 4_000_000, "survivors": {"spouse": true, "children": 2, "parents": 0}}));
    s.push(
        json!({"type": "benefit", "program": "JHT", "date": "2024-01-15", "reason": "death",
        "balance": 25_000_000}),
    );
    s.push(
        json!({"type": "benefit", "program": "JKM", "date": "2026-03-10",
        "segment": "PU", "membership_months": 40}),
    );
    s.push(
        json!({"type": "benefit", "program": "JKK", "date": "2026-03-10", "segment": "PU",
        "wage": 5_000_000, "outcome": "death"}),
    );
    // Late fines.
    s.push(
        json!({"type": "late_fine", "segment": "PU", "contribution_month": "2026-01",
        "amount_due": 1_000_000, "paid_on": "2026-03-20"}),
    );
    // Errors.
    s.push(json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": -5}));
    s.push(json!({"type": "benefit", "program": "XYZ", "date": "2026-03-01"}));
    s.push(
        json!({"type": "contribution", "date": "2026-02-30", "segment": "PU",
        "wage": 5_000_000, "risk_class": 1}),
    );
    s.push(json!({"date": "2026-03-01"}));
    s
}

fn single(s: &Value) -> (i32, Value) {
    let r = jamsos(&["calc"], s.to_string().as_bytes());
    r.assert_no_panic();
    (r.status, r.json())
}

fn jsonl(scenarios: &[Value], trace: bool) -> (i32, Vec<Value>) {
    let input: String = scenarios.iter().map(|s| s.to_string() + "\n").collect();
    let mut args = vec!["calc", "--batch", "-", "--format", "jsonl"];
    if trace {
        args.push("--trace");
    }
    let r = jamsos(&args, input.as_bytes());
    r.assert_no_panic();
    let lines = r
        .text()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    (r.status, lines)
}

/// A scenario as a flat CSV row (the documented flattening).
fn flatten(s: &Value) -> Vec<(String, String)> {
    let mut cells = Vec::new();
    for (k, v) in s.as_object().unwrap() {
        match (k.as_str(), v) {
            ("employer" | "survivors", Value::Object(o)) => {
                for (sub, x) in o {
                    cells.push((format!("{k}_{sub}"), plain(x)));
                }
            }
            ("programs", Value::Array(a)) => cells.push((
                k.clone(),
                a.iter()
                    .map(|p| p.as_str().unwrap())
                    .collect::<Vec<_>>()
                    .join(";"),
            )),
            ("overrides", Value::Object(o)) => {
                for (name, x) in o {
                    cells.push((format!("overrides.{name}"), plain(x)));
                }
            }
            _ => cells.push((k.clone(), plain(v))),
        }
    }
    cells
}

fn plain(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn csv_batch(scenarios: &[Value], delimiter: u8) -> (i32, Vec<Vec<(String, String)>>) {
    let rows: Vec<_> = scenarios.iter().map(flatten).collect();
    let columns: BTreeSet<String> = rows.iter().flatten().map(|(k, _)| k.clone()).collect();
    let columns: Vec<String> = columns.into_iter().collect();
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    let mut header = vec!["id".to_owned()];
    header.extend(columns.iter().cloned());
    w.write_record(&header).unwrap();
    for (i, row) in rows.iter().enumerate() {
        let mut rec = vec![format!("S{i}")];
        for c in &columns {
            rec.push(
                row.iter()
                    .find(|(k, _)| k == c)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default(),
            );
        }
        w.write_record(&rec).unwrap();
    }
    let input = w.into_inner().unwrap();
    let r = jamsos(&["calc", "--batch", "-", "--format", "csv"], &input);
    r.assert_no_panic();
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(&r.stdout[..]);
    let names: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let out = reader
        .records()
        .map(|rec| {
            let rec = rec.unwrap();
            names
                .iter()
                .cloned()
                .zip(rec.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    (r.status, out)
}

fn cell<'a>(row: &'a [(String, String)], name: &str) -> &'a str {
    row.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// The CSV row says what the single-mode JSON says.
fn assert_csv_matches(i: usize, json: &Value, row: &[(String, String)]) {
    assert_eq!(cell(row, "id"), format!("S{i}"));
    if let Some(err) = json.get("error") {
        let expected = format!(
            "{}: {}",
            err["code"].as_str().unwrap(),
            err.get("field")
                .or(err.get("parameter"))
                .and_then(Value::as_str)
                .unwrap()
        );
        assert!(
            cell(row, "error").starts_with(&expected),
            "scenario {i}: {} vs {expected}",
            cell(row, "error")
        );
        return;
    }
    assert_eq!(cell(row, "error"), "", "scenario {i}");
    match json["type"].as_str().unwrap() {
        "contribution" => {
            for p in ["employer", "worker", "participant", "government", "all"] {
                assert_eq!(
                    cell(row, &format!("total_{p}")),
                    json["totals"][p].to_string(),
                    "scenario {i} total_{p}"
                );
            }
            let mut sums = std::collections::BTreeMap::<String, i64>::new();
            for l in json["lines"].as_array().unwrap() {
                let key = format!(
                    "{}_{}",
                    l["program"].as_str().unwrap(),
                    l["payer"].as_str().unwrap()
                );
                *sums.entry(key).or_default() += l["amount"].as_i64().unwrap();
            }
            for (k, v) in row {
                if k.contains('_') && k.starts_with(['J']) {
                    let expected = sums.get(k).map(i64::to_string).unwrap_or_default();
                    assert_eq!(*v, expected, "scenario {i} column {k}");
                }
            }
        }
        "benefit" => {
            assert_eq!(
                cell(row, "eligible"),
                json["eligible"].to_string(),
                "scenario {i}"
            );
            assert_eq!(
                cell(row, "total"),
                json["total"].to_string(),
                "scenario {i}"
            );
            for c in json["components"].as_array().unwrap() {
                assert_eq!(
                    cell(row, c["code"].as_str().unwrap()),
                    c["amount"].to_string(),
                    "scenario {i}"
                );
            }
        }
        "late_fine" => {
            assert_eq!(cell(row, "fine"), json["fine"].to_string());
            assert_eq!(cell(row, "months_late"), json["months_late"].to_string());
            assert_eq!(cell(row, "due_date"), json["due_date"].as_str().unwrap());
        }
        other => panic!("{other}"),
    }
}

#[test]
fn single_jsonl_and_csv_agree() {
    let scenarios = scenarios();
    let singles: Vec<(i32, Value)> = scenarios.iter().map(single).collect();
    let any_failed = singles.iter().any(|(st, _)| *st != 0);
    // The comparison must mostly be of real results, not of errors.
    let ok = singles.iter().filter(|(st, _)| *st == 0).count();
    assert!(
        ok + 6 >= scenarios.len(),
        "only {ok} of {} succeeded: {singles:?}",
        scenarios.len()
    );

    let (status, traced) = jsonl(&scenarios, true);
    assert_eq!(status, if any_failed { 2 } else { 0 });
    let (_, untraced) = jsonl(&scenarios, false);
    assert_eq!(traced.len(), scenarios.len());
    assert_eq!(untraced.len(), scenarios.len());
    for (i, (_, s)) in singles.iter().enumerate() {
        assert_eq!(&traced[i], s, "scenario {i} with --trace");
        let mut without = s.clone();
        if let Some(o) = without.as_object_mut() {
            o.remove("trace");
        }
        assert_eq!(untraced[i], without, "scenario {i} without trace");
    }

    for delimiter in [b',', b';'] {
        let (status, rows) = csv_batch(&scenarios, delimiter);
        assert_eq!(status, if any_failed { 2 } else { 0 });
        assert_eq!(rows.len(), scenarios.len());
        for (i, (_, s)) in singles.iter().enumerate() {
            assert_csv_matches(i, s, &rows[i]);
        }
    }
}
