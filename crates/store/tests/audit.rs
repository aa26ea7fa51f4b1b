//! Audit log: append-only (triggers), hash chain verification catches edits and removals.

mod common;

use jamsos_store::Actor;
use jamsos_store::audit::BreakKind;
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
        assert!(report.is_intact(), "{}: {:?}", db.name, report.broken);
        assert_eq!(report.entries, 3, "{}", db.name);
        assert_eq!(report.recorded_head.seq, 3, "{}", db.name);
        assert_eq!(report.recorded_head, report.chain_head);
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
        let b = report.broken.expect("edit detected");
        assert_eq!((b.seq, b.kind), (2, BreakKind::Edited), "{}: {b}", db.name);
        assert_eq!(report.entries, 1);
    }
}

#[tokio::test]
async fn verify_catches_a_rehashed_edit_through_the_next_link() {
    for db in common::engines().await {
        three_entries(&db).await;
        common::raw(&db, disable_triggers(db.name)).await;
        // The forger recomputes entry 2's own hash, but entry 3 still points at the old one.
        let list = db.store.audit_list(&Default::default()).await.unwrap();
        let mut forged = list.iter().find(|e| e.seq == 2).unwrap().clone();
        forged.actor = "mallory".into();
        let hash = forged.compute_hash().to_hex();
        common::raw(
            &db,
            &format!("UPDATE audit_log SET actor = 'mallory', hash = '{hash}' WHERE seq = 2"),
        )
        .await;
        let b = db
            .store
            .audit_verify()
            .await
            .unwrap()
            .broken
            .expect("forgery detected");
        assert_eq!(
            (b.seq, b.kind),
            (3, BreakKind::Unlinked),
            "{}: {b}",
            db.name
        );
    }
}

#[tokio::test]
async fn verify_catches_a_removed_entry_in_the_middle() {
    for db in common::engines().await {
        three_entries(&db).await;
        common::raw(&db, disable_triggers(db.name)).await;
        common::raw(&db, "DELETE FROM audit_log WHERE seq = 2").await;
        let b = db
            .store
            .audit_verify()
            .await
            .unwrap()
            .broken
            .expect("removal detected");
        assert_eq!(
            (b.seq, b.kind),
            (3, BreakKind::Sequence),
            "{}: {b}",
            db.name
        );
    }
}

#[tokio::test]
async fn verify_catches_entries_cut_off_the_end() {
    for db in common::engines().await {
        three_entries(&db).await;
        let kept = db.store.audit_verify().await.unwrap().chain_head;
        common::raw(&db, disable_triggers(db.name)).await;
        common::raw(&db, "DELETE FROM audit_log WHERE seq = 3").await;
        let b = db
            .store
            .audit_verify()
            .await
            .unwrap()
            .broken
            .expect("truncation detected");
        assert_eq!(b.kind, BreakKind::Truncated, "{}: {b}", db.name);

        // A forger who also rewinds audit_head is caught by a head kept outside the database.
        let entries = db.store.audit_list(&Default::default()).await.unwrap();
        let last = entries.last().unwrap();
        common::raw(
            &db,
            &format!("UPDATE audit_head SET seq = 2, hash = '{}'", last.hash),
        )
        .await;
        assert!(
            db.store.audit_verify().await.unwrap().is_intact(),
            "{}",
            db.name
        );
        let b = db
            .store
            .audit_verify_against(Some(kept))
            .await
            .unwrap()
            .broken
            .expect("caught");
        assert_eq!(b.kind, BreakKind::Truncated, "{}: {b}", db.name);
    }
}
