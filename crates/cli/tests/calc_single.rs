//! `jamsos calc` on one scenario: results, explanations, error objects and exit statuses, and
//! malformed input of every kind.

mod common;
use common::jamsos;

const JKP: &str = r#"{"type":"benefit","program":"JKP","date":"2026-03-10","wage":6000000,
    "reason":"termination","contribution_months_last_24":14}"#;

#[test]
fn prints_the_result_with_trace_and_warnings() {
    let r = jamsos(&["calc"], JKP.as_bytes());
    assert_eq!(r.status, 0, "{}", r.stderr);
    let v = r.json();
    assert_eq!(v["components"][0]["code"], "jkp_cash");
    assert_eq!(v["total"], 18_000_000);
    assert!(v["trace"].as_array().is_some_and(|t| !t.is_empty()));
    assert!(v["warnings"].is_array());
}

#[test]
fn reads_a_file_argument_and_writes_output_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("s.json");
    let output = dir.path().join("r.json");
    std::fs::write(&input, JKP).unwrap();
    let r = jamsos(
        &[
            "calc",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(output).unwrap()).unwrap();
    assert_eq!(v["total"], 18_000_000);
}

#[test]
fn explains_in_both_languages_with_the_same_sections() {
    let id = jamsos(&["calc", "--explain"], JKP.as_bytes());
    let en = jamsos(&["calc", "--explain", "--lang", "en"], JKP.as_bytes());
    assert_eq!(id.status, 0);
    assert_eq!(en.status, 0);
    let (id, en) = (id.text(), en.text());
    for (i, e) in jamsos_rules::explain::SECTIONS {
        assert!(id.contains(&format!("\n{i}\n")), "{i} missing:\n{id}");
        assert!(en.contains(&format!("\n{e}\n")), "{e} missing:\n{en}");
    }
    assert!(id.contains("Rp18.000.000"), "{id}");
    assert!(en.contains("Rp18,000,000"), "{en}");
    assert!(id.contains("10 Maret 2026"));
    assert!(en.contains("10 March 2026"));
}

#[test]
fn invalid_input_prints_the_error_object_and_exits_2() {
    let r = jamsos(&["calc"], br#"{"type":"contribution","wage":5.5}"#);
    assert_eq!(r.status, 2);
    let v = r.json();
    assert_eq!(v["error"]["code"], "invalid_input");
    assert_eq!(v["error"]["field"], "wage");
    let r = jamsos(&["calc", "--explain"], br#"{"type":"nope"}"#);
    assert_eq!(r.status, 2);
    assert!(r.text().contains("kolom: type"), "{}", r.text());
}

#[test]
fn a_missing_parameter_exits_3_naming_it() {
    // No JHT development rate is declared for 2026 (regulations.md: NOT FOUND).
    let s = br#"{"type":"benefit","program":"JHT","date":"2026-03-01","reason":"death",
        "contributions":[{"month":"2025-06","amount":1000000}]}"#;
    let r = jamsos(&["calc"], s);
    assert_eq!(r.status, 3, "{}", r.text());
    let v = r.json();
    assert_eq!(v["error"]["code"], "missing_parameter");
    assert!(
        v["error"]["parameter"]
            .as_str()
            .unwrap()
            .starts_with("jht.development_rate")
    );
    assert!(
        v["error"]["date"]
            .as_str()
            .is_some_and(|d| d.starts_with("2026-"))
    );
}

#[test]
fn an_unreadable_file_exits_1_with_a_message() {
    let r = jamsos(&["calc", "/nonexistent/scenario.json"], b"");
    assert_eq!(r.status, 1);
    assert!(
        r.stderr.contains("/nonexistent/scenario.json"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn malformed_input_never_crashes() {
    let deep_array = "[".repeat(100_000);
    let deep_object = r#"{"children":"#.to_owned() + &"[".repeat(50_000);
    let cases: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"   \n".to_vec(),
        b"\xff\xfe\x00garbage".to_vec(),
        b"{\"type\":\"contribution\",\"segment\":\"\xff\"}".to_vec(),
        b"\xEF\xBB\xBF".to_vec(),
        b"null".to_vec(),
        b"[]".to_vec(),
        b"{".to_vec(),
        b"{}".to_vec(),
        b"{} {}".to_vec(),
        deep_array.into_bytes(),
        deep_object.into_bytes(),
        br#"{"type":"contribution","wage":1e400}"#.to_vec(),
        br#"{"type":"contribution","wage":99999999999999999999999999}"#.to_vec(),
        br#"{"type":"contribution","date":"2026-03-01","segment":"PU","wage":9223372036854775807,"risk_class":5}"#.to_vec(),
        br#"{"type":"benefit","program":"JKP","date":"9999-12-31","wage":9223372036854775807,"reason":"termination","contribution_months_last_24":9223372036854775807}"#.to_vec(),
        br#"{"type":"benefit","program":"JP","outcome":"old_age","date":"2026-03-01","birth_date":"1900-01-01","contribution_months":-9223372036854775808,"average_indexed_wage":9223372036854775807}"#.to_vec(),
        br#"{"type":"late_fine","segment":"PU","contribution_month":"-001-01","amount_due":1,"paid_on":"2026-01-01"}"#.to_vec(),
        br#"{"type":"contribution","overrides":{"x":{"a":[1,2,{"b":null}]}}}"#.to_vec(),
        vec![0u8; 10_000],
    ];
    for (i, c) in cases.iter().enumerate() {
        for args in [&["calc"][..], &["calc", "--explain"][..]] {
            let r = jamsos(args, c);
            r.assert_no_panic();
            assert!(
                matches!(r.status, 0 | 2 | 3),
                "case {i}: status {} ({})",
                r.status,
                r.stderr
            );
            if r.status != 0 && args.len() == 1 {
                assert!(r.json()["error"]["code"].is_string(), "case {i}");
            }
        }
    }
}
