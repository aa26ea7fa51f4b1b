//! `jamsos payments import` and `jamsos report flows` end to end through the binary, on the
//! seeded demo (whose ledger holds the February 2026 JKM hand-over: Rp87,000,000 in West
//! Jakarta).

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

fn jkm_paid(db: &std::path::Path) -> i64 {
    let o = jamsos(
        db,
        &[
            "report",
            "flows",
            "--within",
            "31.73",
            "--level",
            "regency",
            "--program",
            "JKM",
            "--json",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["kind"] == "benefit_paid")
        .map(|r| r["amount"].as_i64().unwrap())
        .sum()
}

#[test]
fn import_refuse_reverse_and_report() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = jamsos(&db, &["demo", "seed"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("payment ledger:"), "{}", text(&o));

    let o = jamsos(&db, &["report", "flows", "--within", "31"]);
    assert!(o.status.success(), "{}", text(&o));
    let first = String::from_utf8_lossy(&o.stdout)
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    assert!(
        first.contains("paid in Daerah Khusus Ibukota Jakarta so far"),
        "headline first: {first}"
    );
    assert_eq!(jkm_paid(&db), 87_000_000);

    // A benefit file with one unknown KPJ: exit 2, row and column named, nothing written.
    let found = jamsos(
        &db,
        &["person", "find", "--name", "a", "--limit", "1", "--json"],
    );
    let found: serde_json::Value = serde_json::from_slice(&found.stdout).unwrap();
    let nik = found[0]["nik"].as_str().unwrap().to_owned();
    let o = jamsos(&db, &["person", "show", &nik, "--json"]);
    let shown: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
    let kpj = shown["memberships"][0]["kpj"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| panic!("no KPJ in {}", text(&o)));
    let head = "reference,kpj,program,benefit,claim_reference,paid_on,amount,reverses\n";
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        format!(
            "{head}T-1,{kpj},JKM,funeral,K-1,2026-03-01,10000000,\n\
             T-2,19999999999,JKM,funeral,K-2,2026-03-01,10000000,\n"
        ),
    )
    .unwrap();
    let o = jamsos(
        &db,
        &["payments", "import", "benefits", bad.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("row 3, column kpj"), "{}", text(&o));
    assert_eq!(jkm_paid(&db), 87_000_000, "nothing written");

    // The valid row alone, then its reversal.
    let good = dir.path().join("good.csv");
    std::fs::write(
        &good,
        format!("{head}T-1,{kpj},JKM,funeral,K-1,2026-03-01,10.000.000,\n"),
    )
    .unwrap();
    let o = jamsos(
        &db,
        &["payments", "import", "benefits", good.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(jkm_paid(&db), 97_000_000);
    let rev = dir.path().join("rev.csv");
    std::fs::write(&rev, format!("{head}R-1,,,,,2026-03-05,,T-1\n")).unwrap();
    let o = jamsos(
        &db,
        &["payments", "import", "benefits", rev.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(jkm_paid(&db), 87_000_000);
}
