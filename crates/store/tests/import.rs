//! Imports: all-or-nothing, valid-only with a rejected-rows file, idempotent re-import,
//! malformed files with a clear report and nothing written, registry conflicts.

mod common;

use common::fixtures::*;
use jamsos_domain::Sex;
use jamsos_store::import::{ImportContext, ImportKind, ImportMode, ImportRequest, ImportStatus};
use jamsos_store::{Actor, PersonQuery, StoreError};
use jiff::civil::date;

const HEADER: &str = "nik,name,birth_date,sex,region_code,npp,programs,start_date,wage";

fn row(nik: &str, name: &str, birth: &str, sex: &str) -> String {
    format!("{nik},{name},{birth},{sex},31.73.04.1001,10000001,JKK;JKM;JHT;JP,2025-01-01,5396761")
}

fn niks() -> Vec<String> {
    (1..=4)
        .map(|i| nik(date(1990, 1, i), Sex::Male, 10 + i as u16).to_string())
        .collect()
}

fn good_file() -> Vec<u8> {
    let n = niks();
    let mut lines = vec![HEADER.to_owned()];
    for (i, nik) in n.iter().enumerate() {
        lines.push(row(
            nik,
            &format!("Pekerja Nomor {}", ["Satu", "Dua", "Tiga", "Empat"][i]),
            &format!("1990-01-0{}", i + 1),
            "L",
        ));
    }
    (lines.join("\n") + "\n").into_bytes()
}

fn request(bytes: Vec<u8>, mode: ImportMode) -> ImportRequest {
    ImportRequest {
        kind: ImportKind::Workers,
        context: ImportContext::default(),
        mode,
        file_name: "pekerja.csv".into(),
        bytes,
    }
}

fn actor() -> Actor {
    Actor::new("test:importer")
}

async fn persons(db: &common::TestDb) -> usize {
    db.store
        .find_persons(&PersonQuery::Name(String::new()), 1000)
        .await
        .unwrap()
        .len()
}

#[tokio::test]
async fn a_valid_file_loads_once_and_a_second_time_changes_nothing() {
    for db in common::engines().await {
        let s = &db.store;
        s.add_employer(&actor(), employer("CV Garmen Tambora"))
            .await
            .unwrap();
        let out = s
            .import_file(
                &actor(),
                request(good_file(), ImportMode::AllOrNothing),
                &|_| {},
            )
            .await
            .unwrap();
        let ImportStatus::Applied { import_id } = out.status else {
            panic!("{:?}", out.status)
        };
        assert_eq!(out.counts.persons_created, 4, "{}", db.name);
        assert_eq!(out.counts.memberships_created, 4);
        assert_eq!(out.counts.wages_created, 4);
        assert_eq!(persons(&db).await, 4);
        let audit = s.audit_list(&Default::default()).await.unwrap();
        let last = audit.last().unwrap();
        assert_eq!(
            (last.action.as_str(), last.actor.as_str()),
            ("import.apply", "test:importer")
        );
        assert_eq!(last.after.as_ref().unwrap()["counts"]["persons_created"], 4);
        assert_eq!(last.entity_id, import_id.to_string());

        // The same file again: recognised by its hash, nothing written.
        let again = s
            .import_file(
                &actor(),
                request(good_file(), ImportMode::AllOrNothing),
                &|_| {},
            )
            .await
            .unwrap();
        assert_eq!(again.status, ImportStatus::AlreadyImported { import_id });
        assert_eq!(
            s.audit_list(&Default::default()).await.unwrap().len(),
            audit.len()
        );

        // The same rows in another file (a trailing blank line makes another hash): natural
        // keys recognise every row, nothing new is created.
        let mut other = good_file();
        other.extend_from_slice(b"\n");
        let out = s
            .import_file(&actor(), request(other, ImportMode::AllOrNothing), &|_| {})
            .await
            .unwrap();
        assert!(matches!(out.status, ImportStatus::Applied { .. }));
        assert_eq!(
            (
                out.counts.unchanged,
                out.counts.persons_created,
                out.counts.memberships_created,
                out.counts.wages_created
            ),
            (4, 0, 0, 0),
            "{}",
            db.name
        );
        assert_eq!(persons(&db).await, 4);
        assert!(s.audit_verify().await.unwrap().is_intact());
    }
}

fn file_with_bad_rows() -> Vec<u8> {
    let n = niks();
    let lines = [
        HEADER.to_owned(),
        row(&n[0], "Pekerja Satu", "1990-01-01", "L"),
        // NIK's birth part says 2 January, the declared date 3 January.
        row(&n[1], "Pekerja Dua", "1990-01-03", "L"),
        row(&n[2], "Pekerja Tiga", "1990-01-03", "L"),
        // 15 digits: a spreadsheet ate one.
        row("317304030190001", "Pekerja Empat", "1990-01-03", "L"),
    ];
    (lines.join("\n") + "\n").into_bytes()
}

#[tokio::test]
async fn invalid_rows_mean_nothing_written_and_a_report_naming_row_and_column() {
    for db in common::engines().await {
        let s = &db.store;
        s.add_employer(&actor(), employer("CV Garmen Tambora"))
            .await
            .unwrap();
        let before = s.audit_list(&Default::default()).await.unwrap().len();
        let out = s
            .import_file(
                &actor(),
                request(file_with_bad_rows(), ImportMode::AllOrNothing),
                &|_| {},
            )
            .await
            .unwrap();
        assert_eq!(out.status, ImportStatus::NothingWritten, "{}", db.name);
        let report = out.report.unwrap();
        assert_eq!(
            (report.rows_read, report.rows_valid, report.rows_rejected),
            (4, 2, 2)
        );
        let errors: Vec<_> = report
            .errors()
            .map(|i| (i.row, i.column.clone().unwrap_or_default()))
            .collect();
        assert!(
            errors.contains(&(3, "nik".into())) || errors.contains(&(3, "birth_date".into())),
            "{errors:?}"
        );
        assert!(
            errors.iter().any(|(r, c)| *r == 5 && c == "nik"),
            "{errors:?}"
        );
        assert_eq!(persons(&db).await, 0, "{}", db.name);
        assert_eq!(
            s.audit_list(&Default::default()).await.unwrap().len(),
            before
        );
        assert_eq!(s.import_by_hash(&out.file_sha256).await.unwrap(), None);
    }
}

#[tokio::test]
async fn valid_only_writes_the_good_rows_and_returns_the_rest() {
    for db in common::engines().await {
        let s = &db.store;
        s.add_employer(&actor(), employer("CV Garmen Tambora"))
            .await
            .unwrap();
        let out = s
            .import_file(
                &actor(),
                request(file_with_bad_rows(), ImportMode::ValidOnly),
                &|_| {},
            )
            .await
            .unwrap();
        assert!(
            matches!(out.status, ImportStatus::Applied { .. }),
            "{}",
            db.name
        );
        assert_eq!(out.counts.persons_created, 2);
        assert_eq!(out.counts.rejected, 2);
        assert_eq!(persons(&db).await, 2);
        let csv = String::from_utf8(out.rejected_csv.unwrap()).unwrap();
        let lines: Vec<_> = csv.lines().collect();
        assert_eq!(lines.len(), 3, "{csv}");
        assert!(
            lines[1].starts_with("3,") && lines[2].starts_with("5,"),
            "{csv}"
        );
        assert!(
            lines[2].contains("317304030190001"),
            "the sender gets their value back: {csv}"
        );
        let last = s
            .audit_list(&Default::default())
            .await
            .unwrap()
            .pop()
            .unwrap();
        assert_eq!(
            last.after.unwrap()["rejected_rows"],
            serde_json::json!([3, 5])
        );
    }
}

#[tokio::test]
async fn malformed_files_are_refused_before_anything_is_written() {
    for db in common::engines().await {
        let s = &db.store;
        let cases: Vec<(&str, Vec<u8>)> = vec![
            ("empty", Vec::new()),
            ("header only", format!("{HEADER}\n").into_bytes()),
            ("wrong columns", b"nama_perusahaan,alamat\nCV A,Jl. B\n".to_vec()),
            ("windows-1252", b"nik,name,birth_date,sex,region_code,npp,programs,start_date,wage\n3173040101900011,Jos\xe9,1990-01-01,L,31.73.04.1001,10000001,JKK;JKM,2025-01-01,5000000\n".to_vec()),
        ];
        for (what, bytes) in cases {
            let res = s
                .import_file(&actor(), request(bytes, ImportMode::ValidOnly), &|_| {})
                .await;
            match res {
                Err(StoreError::ImportFile(e)) => assert!(!e.to_string().is_empty(), "{what}"),
                Ok(out) => assert_ne!(
                    std::mem::discriminant(&out.status),
                    std::mem::discriminant(&ImportStatus::Applied { import_id: 0 }),
                    "{}: {what} was applied",
                    db.name
                ),
                Err(other) => panic!("{what}: {other}"),
            }
        }
        assert_eq!(persons(&db).await, 0, "{}", db.name);
        assert!(s.audit_list(&Default::default()).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn rows_the_registry_cannot_place_fail_the_whole_file() {
    for db in common::engines().await {
        let s = &db.store;
        // No employer 10000001 registered.
        let out = s
            .import_file(
                &actor(),
                request(good_file(), ImportMode::AllOrNothing),
                &|_| {},
            )
            .await
            .unwrap();
        assert_eq!(out.status, ImportStatus::NothingWritten, "{}", db.name);
        assert_eq!(out.store_rejections.len(), 4);
        assert_eq!(out.store_rejections[0].code, "unknown_employer");
        assert_eq!(persons(&db).await, 0);
    }
}

#[tokio::test]
async fn a_nik_held_by_someone_else_opens_a_review_and_near_duplicates_are_listed() {
    for db in common::engines().await {
        let s = &db.store;
        s.add_employer(&actor(), employer("CV Garmen Tambora"))
            .await
            .unwrap();
        let n = niks();
        // The registry knows n[0] as another person.
        let mut p = person("Ahmad Fauzi", date(1990, 1, 1), Sex::Male, 11);
        p.nik = n[0].parse().unwrap();
        s.add_person(&actor(), p, "test").await.unwrap();
        // And someone named like row 2, same birth date, under another NIK.
        s.add_person(
            &actor(),
            person("Pekerja Nomor Dua", date(1990, 1, 2), Sex::Male, 99),
            "test",
        )
        .await
        .unwrap();

        let out = s
            .import_file(
                &actor(),
                request(good_file(), ImportMode::AllOrNothing),
                &|_| {},
            )
            .await
            .unwrap();
        assert!(
            matches!(out.status, ImportStatus::Applied { .. }),
            "{}",
            db.name
        );
        assert_eq!(out.counts.conflicts, 1);
        assert_eq!(out.counts.persons_created, 3);
        let reviews = s.reviews("open", 10).await.unwrap();
        let kinds: Vec<_> = reviews
            .iter()
            .map(|r| (r.kind.as_str(), r.row_number))
            .collect();
        assert!(kinds.contains(&("nik_conflict", Some(2))), "{kinds:?}");
        assert!(kinds.contains(&("near_duplicate", Some(3))), "{kinds:?}");
        // The existing person was not touched.
        let found = s
            .find_persons(&PersonQuery::Nik(n[0].parse().unwrap()), 5)
            .await
            .unwrap();
        assert_eq!(found[0].record.name, "Ahmad Fauzi");
    }
}
