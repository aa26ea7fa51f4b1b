//! The registry commands end to end through the binary: exit codes, masked lists, a refused
//! import that writes nothing, audit verification.

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
fn seed_list_masked_refuse_bad_import_and_verify() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");

    let o = jamsos(&db, &["demo", "seed"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("SYNTHETIC"));

    let o = jamsos(
        &db,
        &["person", "find", "--name", "a", "--limit", "3", "--json"],
    );
    assert!(o.status.success(), "{}", text(&o));
    let found: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let nik = found[0]["nik"].as_str().unwrap().to_owned();
    let o = jamsos(&db, &["person", "find", "--nik", &nik]);
    let table = text(&o);
    assert!(!table.contains(&nik), "lists mask the NIK: {table}");
    assert!(table.contains(&nik[..4]), "{table}");

    // An import with a bad NIK row: exit 2, nothing written, the row and column named.
    let csv = dir.path().join("bad.csv");
    std::fs::write(
        &csv,
        "nik,name,birth_date,sex,region_code,npp,programs,start_date,wage\n\
         3173040101900011,Satu,1990-01-01,L,31.73.04.1001,10000002,JKK;JKM,2025-01-01,5000000\n\
         3173040101900,Dua,1990-01-01,L,31.73.04.1001,10000002,JKK;JKM,2025-01-01,5000000\n",
    )
    .unwrap();
    let before = jamsos(&db, &["audit", "list", "--limit", "1", "--json"]);
    let o = jamsos(&db, &["import", "workers", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("NOTHING WRITTEN"), "{}", text(&o));
    assert!(text(&o).contains("row 3, column nik"), "{}", text(&o));
    let after = jamsos(&db, &["audit", "list", "--limit", "1", "--json"]);
    assert_eq!(
        before.stdout, after.stdout,
        "no audit entry for a refused import"
    );

    // --valid-only writes the good row and the rejected-rows file.
    let rejected = dir.path().join("rej.csv");
    let o = jamsos(
        &db,
        &[
            "import",
            "workers",
            csv.to_str().unwrap(),
            "--valid-only",
            "--rejected",
            rejected.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        std::fs::read_to_string(&rejected)
            .unwrap()
            .contains("3173040101900")
    );

    let o = jamsos(&db, &["audit", "verify"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("intact"));

    let o = jamsos(&db, &["employer", "show", "99999999"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
}
