//! `jamsos calc --batch`: formats, order, exit statuses, header errors, determinism across
//! thread counts, and the benchmark input generator.

mod common;
use common::jamsos;

const JKP: &str = r#"{"type":"benefit","program":"JKP","date":"2026-03-10","wage":6000000,"reason":"termination","contribution_months_last_24":14}"#;

#[test]
fn jsonl_answers_each_line_in_order_and_exits_2_on_any_failure() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    std::fs::write(&input, format!("{JKP}\n{{\"type\":1}}\n\n{JKP}\r\n")).unwrap();
    let r = jamsos(
        &[
            "calc",
            "--batch",
            input.to_str().unwrap(),
            "-o",
            output.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(r.status, 2, "{}", r.stderr);
    assert!(r.stderr.contains("2 of 4"), "{}", r.stderr);
    let text = std::fs::read_to_string(output).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["total"], 18_000_000);
    assert!(lines[0].get("trace").is_none(), "no trace unless --trace");
    assert_eq!(lines[1]["error"]["field"], "type");
    assert_eq!(lines[2]["error"]["code"], "invalid_input");
    assert_eq!(lines[3]["total"], 18_000_000);
}

#[test]
fn all_good_lines_exit_0() {
    let r = jamsos(
        &["calc", "--batch", "-", "--format", "jsonl", "--trace"],
        format!("{JKP}\n{JKP}").as_bytes(),
    );
    assert_eq!(r.status, 0, "{}", r.stderr);
    let text = r.text();
    assert_eq!(text.lines().count(), 2);
    assert!(text.lines().all(|l| l.contains("\"trace\":[")));
}

#[test]
fn csv_header_problems_stop_with_exit_2() {
    let r = jamsos(
        &["calc", "--batch", "-", "--format", "csv"],
        b"type;date;wagee\ncontribution;2026-03-01;1\n",
    );
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("\"wagee\""), "{}", r.stderr);
    let r = jamsos(&["calc", "--batch", "-", "--format", "csv"], b"");
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("header"), "{}", r.stderr);
}

#[test]
fn csv_accepts_semicolons_bom_crlf_and_quoted_lists() {
    let input = "\u{feff}id;type;program;date;wage;reason;contribution_months_last_24\r\n\
                 a;benefit;JKP;2026-03-10;6000000;termination;14\r\n\
                 \"b;1\";benefit;JKP;2026-03-10;6.000.000;termination;14\r\n";
    let r = jamsos(
        &["calc", "--batch", "-", "--format", "csv"],
        input.as_bytes(),
    );
    assert_eq!(r.status, 2, "{}", r.stderr);
    let text = r.text();
    let mut rows = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(str::to_owned).collect();
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][col("id")], "a");
    assert_eq!(&rows[0][col("jkp_cash")], "18000000");
    assert_eq!(&rows[0][col("eligible")], "true");
    assert_eq!(&rows[0][col("error")], "");
    assert_eq!(&rows[1][col("id")], "b;1");
    assert!(rows[1][col("error")].starts_with("invalid_input: wage:"));
    // No late-fine columns: the input has no contribution_month column.
    assert!(!header.iter().any(|h| h == "fine"));
}

#[test]
fn unknown_formats_and_missing_files_are_reported() {
    let r = jamsos(&["calc", "--batch", "people.dat"], b"");
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("--format"), "{}", r.stderr);
    let r = jamsos(&["calc", "--batch", "/nonexistent/people.csv"], b"");
    assert_eq!(r.status, 1);
    assert!(r.stderr.contains("/nonexistent/people.csv"));
}

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for format in ["csv", "jsonl"] {
        let input = dir.path().join(format!("bench.{format}"));
        let r = jamsos(
            &[
                "calc",
                "--gen-bench",
                "60000",
                "--format",
                format,
                "-o",
                input.to_str().unwrap(),
            ],
            b"",
        );
        assert_eq!(r.status, 0, "{}", r.stderr);
        let run = |threads: &str| {
            let r = jamsos(
                &[
                    "calc",
                    "--batch",
                    input.to_str().unwrap(),
                    "--threads",
                    threads,
                ],
                b"",
            );
            r.assert_no_panic();
            r.stdout
        };
        let one = run("1");
        let lines = one.iter().filter(|b| **b == b'\n').count();
        assert_eq!(lines, if format == "csv" { 60_001 } else { 60_000 });
        assert_eq!(one, run("2"), "{format}");
        assert_eq!(one, run("5"), "{format}");
    }
}

#[test]
fn gen_bench_is_deterministic() {
    let a = jamsos(&["calc", "--gen-bench", "1000", "--format", "csv"], b"");
    let b = jamsos(&["calc", "--gen-bench", "1000", "--format", "csv"], b"");
    assert_eq!(a.status, 0);
    assert_eq!(a.stdout, b.stdout);
    assert!(a.text().starts_with("type,date,segment,wage,risk_class,"));
}
