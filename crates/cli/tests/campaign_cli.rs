//! `jamsos campaign create|list`, `jamsos import sponsored … --campaign`, and the report from
//! the database, end to end through the binary.

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
fn record_a_campaign_tag_an_import_and_report_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let o = jamsos(&db, &["demo", "seed"]);
    assert!(o.status.success(), "{}", text(&o));

    // Every bad field named, exit 2, nothing written.
    let o = jamsos(
        &db,
        &[
            "campaign",
            "create",
            "--code",
            "x",
            "--name",
            " ",
            "--region",
            "31.99",
            "--sector",
            "04",
            "--partner",
            "Forum",
            "--role",
            "church",
            "--start",
            "2026-13",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    for flag in [
        "--code", "--name", "--region", "--sector", "--role", "--start",
    ] {
        assert!(text(&o).contains(flag), "{flag}: {}", text(&o));
    }
    let create = [
        "campaign",
        "create",
        "--code",
        "tambora-konveksi-2026",
        "--name",
        "Konveksi Terlindungi Tambora",
        "--region",
        "31.73.04",
        "--sector",
        "14",
        "--partner",
        "Forum RW Kalianyar",
        "--role",
        "komunitas",
        "--start",
        "2026-01",
    ];
    let o = jamsos(&db, &create);
    assert!(o.status.success(), "{}", text(&o));
    let o = jamsos(&db, &create);
    assert_eq!(o.status.code(), Some(2), "duplicate code: {}", text(&o));

    // Five home garment workers (k = 5 shows them), tagged with the campaign.
    let csv = dir.path().join("rentan.csv");
    let mut lines = vec![
        "nik,name,birth_date,sex,region_code,occupation,declared_income,start_date,sektor"
            .to_owned(),
    ];
    for i in 1..=5 {
        lines.push(format!(
            "317304520394000{i},Penjahit Rumahan {},1994-03-12,P,31.73.04.1001,penjahit rumahan,1000000,2026-02-01,14",
            ["Satu", "Dua", "Tiga", "Empat", "Lima"][i - 1]
        ));
    }
    std::fs::write(&csv, lines.join("\n") + "\n").unwrap();
    let path = csv.to_str().unwrap();
    let o = jamsos(
        &db,
        &[
            "import",
            "sponsored",
            path,
            "--sponsor",
            "PEMKOT-JAKBAR",
            "--campaign",
            "nope",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("no campaign has the code \"nope\""),
        "{}",
        text(&o)
    );
    let o = jamsos(
        &db,
        &[
            "import",
            "sponsored",
            path,
            "--sponsor",
            "PEMKOT-JAKBAR",
            "--campaign",
            "tambora-konveksi-2026",
        ],
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("5 new membership(s) tagged"),
        "{}",
        text(&o)
    );

    let o = jamsos(&db, &["campaign", "list", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    // The demo seed records its own campaign (tambora-konveksi-2025) beside this one.
    let ours = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "tambora-konveksi-2026")
        .unwrap_or_else(|| panic!("not listed: {list}"));
    assert_eq!(ours["enrolments"], 5);

    // The report reads the same tags from the database.
    let o = jamsos(&db, &["campaign", "--as-of", "2026-03", "--json"]);
    assert!(o.status.success(), "{}", text(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let ours = r
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["campaign"]["id"] == "tambora-konveksi-2026")
        .unwrap_or_else(|| panic!("not reported: {r}"));
    assert_eq!(
        (
            ours["enrolments"].as_u64(),
            ours["enrolments_vulnerable"].as_u64()
        ),
        (Some(5), Some(5))
    );
}
