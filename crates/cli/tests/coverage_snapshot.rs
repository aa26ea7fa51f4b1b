//! `jamsos coverage snapshot` through the binary on the demo registry: closed months rebuilt
//! from membership history, the same figures when run again, the open month refused.

use std::process::{Command, Output};

fn jamsos(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_jamsos"))
        .args(args)
        .env(
            "JAMSOS_DATABASE_URL",
            format!("sqlite://{}?mode=rwc", db.display()),
        )
        .env("USER", "tester")
        .output()
        .expect("run jamsos")
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn backfill_is_idempotent_and_refuses_the_open_month() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = jamsos(&db, &["demo", "seed"]);
    assert!(o.status.success(), "{}", text(&o));

    let args = [
        "coverage", "snapshot", "--from", "2025-10", "--to", "2026-03", "--json",
    ];
    let o = jamsos(&db, &args);
    assert!(o.status.success(), "{}", text(&o));
    let first: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let months: Vec<&str> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["month"].as_str().unwrap())
        .collect();
    assert_eq!(
        months,
        [
            "2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"
        ]
    );
    // The demo's members join every month up to March 2026: more active each month end,
    // apart from January 2026 when one of them died.
    let active: Vec<u64> = first
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["active"].as_u64().unwrap())
        .collect();
    assert!(active[0] > 0 && active[0] < active[5], "{active:?}");

    let o = jamsos(&db, &args);
    assert!(o.status.success(), "{}", text(&o));
    let again: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(first, again);

    // The current month is open: its figures are today's registry, never a snapshot.
    let current = jiff::Zoned::now().date().strftime("%Y-%m").to_string();
    let o = jamsos(&db, &["coverage", "snapshot", "--month", &current]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("not closed yet"), "{}", text(&o));
    let o = jamsos(
        &db,
        &[
            "coverage", "snapshot", "--month", "2026-01", "--from", "2025-01",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}
