//! `jamsos params` and `--params DIR`: export, edit, check, and use a parameter directory.

mod common;
use common::jamsos;

const JKP: &str = r#"{"type":"benefit","program":"JKP","date":"2026-03-10","wage":6000000,"reason":"termination","contribution_months_last_24":14}"#;

#[test]
fn export_check_and_use_an_edited_directory() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let r = jamsos(&["params", "export", d], b"");
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(dir.path().join("jkp_benefits.toml").exists());
    // Exporting again refuses to overwrite.
    assert_eq!(jamsos(&["params", "export", d], b"").status, 1);

    let r = jamsos(&["params", "check", d], b"");
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert!(r.text().contains("valid"), "{}", r.text());
    assert!(r.text().contains("0 parameters differ"), "{}", r.text());

    // The same directory gives the same result as the embedded set.
    let embedded = jamsos(&["calc"], JKP.as_bytes());
    let from_dir = jamsos(&["--params", d, "calc"], JKP.as_bytes());
    assert_eq!(from_dir.status, 0, "{}", from_dir.stderr);
    assert_eq!(embedded.json(), from_dir.json());

    // An analyst's what-if: raise the JKP wage cap.
    let path = dir.path().join("jkp_benefits.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("value = 5000000"));
    std::fs::write(
        &path,
        text.replacen("value = 5000000", "value = 6000000", 1),
    )
    .unwrap();
    let r = jamsos(&["calc", "--params", d], JKP.as_bytes());
    assert_eq!(r.status, 0, "{}", r.stderr);
    assert_eq!(r.json()["total"], 21_600_000);
    let r = jamsos(&["params", "check", d], b"");
    assert!(r.text().contains("1 parameters differ"), "{}", r.text());
}

#[test]
fn a_bad_file_is_named_with_its_location_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    assert_eq!(jamsos(&["params", "export", d], b"").status, 0);
    let path = dir.path().join("jkp_benefits.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("confidence = \"high\"", "confidence = \"sure\"", 1),
    )
    .unwrap();
    for args in [&["params", "check", d][..], &["--params", d, "calc"][..]] {
        let r = jamsos(args, JKP.as_bytes());
        assert_eq!(r.status, 2, "{args:?}");
        assert!(r.stderr.contains("jkp_benefits.toml"), "{}", r.stderr);
        assert!(r.stderr.contains("period"), "{}", r.stderr);
        assert!(r.stderr.contains("sure"), "{}", r.stderr);
    }
    std::fs::write(&path, "[[param]\nname=").unwrap();
    let r = jamsos(&["params", "check", d], b"");
    assert_eq!(r.status, 2);
    assert!(
        r.stderr.contains("jkp_benefits.toml: line 1"),
        "{}",
        r.stderr
    );
    let r = jamsos(&["params", "check", "/nonexistent/params"], b"");
    assert_eq!(r.status, 2);
    let empty = tempfile::tempdir().unwrap();
    let r = jamsos(&["params", "check", empty.path().to_str().unwrap()], b"");
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("no *.toml"), "{}", r.stderr);
}

#[test]
fn list_and_show() {
    let r = jamsos(&["params", "list", "--date", "2026-03-01"], b"");
    assert_eq!(r.status, 0, "{}", r.stderr);
    let text = r.text();
    let line = text
        .lines()
        .find(|l| l.starts_with("jkp.benefit.wage_cap "))
        .expect("listed");
    assert!(
        line.contains("Rp5,000,000") && line.contains("high"),
        "{line}"
    );
    let r = jamsos(&["params", "list", "--date", "2020-01-01"], b"");
    assert!(r.text().contains("(not in force)"));

    let r = jamsos(&["params", "show", "jkp.benefit.monthly_rates"], b"");
    assert_eq!(r.status, 0);
    let text = r.text();
    assert!(text.contains("PP 6/2025"), "{text}");
    assert!(text.contains("2025-02-07 – (open)"), "{text}");
    assert!(text.contains("source:"), "{text}");
    let r = jamsos(&["params", "show", "jkp.benefit"], b"");
    assert_eq!(r.status, 2);
    assert!(r.stderr.contains("similar"), "{}", r.stderr);
}
