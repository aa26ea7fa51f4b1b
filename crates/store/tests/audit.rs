//! Audit log: append-only (triggers), hash chain verification catches edits and removals.

mod common;

use jamsos_store::Actor;
use serde_json::json;

async fn three_entries(db: &common::TestDb) {
    let actor = Actor::new("test:alice");
    for i in 1..=3 {
        db.store
            .audit_note(
                &actor,
                "test.note",
                "test",
                &i.to_string(),
                &json!({ "n": i }),
            )
            .await
            .unwrap();
    }
}

#[tokio::test]
async fn an_intact_chain_verifies() {
    for db in common::engines().await {
        three_entries(&db).await;
        let report = db.store.audit_verify().await.unwrap();
        assert!(report.is_intact(), "{}: {:?}", db.name, report.problems);
        assert_eq!(report.entries, 3, "{}", db.name);
        assert_eq!(report.head_seq, 3, "{}", db.name);
    }
}

#[tokio::test]
async fn the_log_refuses_update_and_delete() {
    for db in common::engines().await {
        three_entries(&db).await;
        let e = common::raw_err(&db, "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2").await;
        assert!(e.contains("append-only"), "{}: {e}", db.name);
        let e = common::raw_err(&db, "DELETE FROM audit_log WHERE seq = 3").await;
        assert!(e.contains("append-only"), "{}: {e}", db.name);
    }
}

/// Statements that switch the append-only triggers off, as an attacker with DDL rights would.
fn disable_triggers(engine: &str) -> &'static str {
    if engine == "sqlite" {
        "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;"
    } else {
        "ALTER TABLE audit_log DISABLE TRIGGER USER;"
    }
}

#[tokio::test]
async fn verify_catches_an_edited_entry() {
    for db in common::engines().await {
        three_entries(&db).await;
        common::raw(&db, disable_triggers(db.name)).await;
        common::raw(
            &db,
            "UPDATE audit_log SET after = '{\"n\":20}' WHERE seq = 2",
        )
        .await;
        let report = db.store.audit_verify().await.unwrap();
        assert!(!report.is_intact(), "{}", db.name);
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.seq == 2 && p.kind == "hash_mismatch"),
            "{}: {:?}",
            db.name,
            report.problems
        );
    }
}

#[tokio::test]
async fn verify_catches_a_rehashed_edit_through_the_next_link() {
    for db in common::engines().await {
        three_entries(&db).await;
        common::raw(&db, disable_triggers(db.name)).await;
        // The forger recomputes entry 2's own hash, but entry 3 still points at the old one.
        let list = db.store.audit_list(&Default::default()).await.unwrap();
        let e2 = list.iter().find(|e| e.seq == 2).unwrap();
        let mut forged = e2.clone();
        forged.actor = "mallory".into();
        let forged = jamsos_store::audit::entry_hash(&forged);
        common::raw(
            &db,
            &format!("UPDATE audit_log SET actor = 'mallory', hash = '{forged}' WHERE seq = 2"),
        )
        .await;
        let report = db.store.audit_verify().await.unwrap();
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.seq == 3 && p.kind == "broken_link"),
            "{}: {:?}",
            db.name,
            report.problems
        );
    }
}

#[tokio::test]
async fn verify_catches_removed_entries_in_the_middle_and_at_the_end() {
    for db in common::engines().await {
        three_entries(&db).await;
        common::raw(&db, disable_triggers(db.name)).await;
        common::raw(&db, "DELETE FROM audit_log WHERE seq = 2").await;
        let report = db.store.audit_verify().await.unwrap();
        assert!(
            report
                .problems
                .iter()
                .any(|p| p.seq == 3 && p.kind == "gap"),
            "{}: {:?}",
            db.name,
            report.problems
        );

        common::raw(&db, "DELETE FROM audit_log WHERE seq = 3").await;
        let report = db.store.audit_verify().await.unwrap();
        assert!(
            report.problems.iter().any(|p| p.kind == "head_mismatch"),
            "{}: {:?}",
            db.name,
            report.problems
        );
    }
}
