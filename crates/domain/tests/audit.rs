//! The audit hash chain detects edits, removals, insertions, reordering and (against a kept
//! head) truncation; its canonical bytes are stable.

use jamsos_domain::audit::{
    AuditDraft, AuditEntry, BreakKind, ChainHead, Hash32, verify, verify_against, verify_from,
};
use jiff::Timestamp;
use serde_json::json;

fn draft(i: i64) -> AuditDraft {
    AuditDraft {
        at: Timestamp::from_second(1_771_000_000 + i).unwrap(),
        actor: "officer:ani".into(),
        action: "person.update".into(),
        entity: "person".into(),
        entity_id: format!("p{i}"),
        before: Some(json!({"name": "Budi", "phone": null, "n": i})),
        after: Some(json!({"name": "Budi Santoso", "phone": "+628123", "n": i})),
    }
}

fn chain(n: i64) -> Vec<AuditEntry> {
    let mut head = ChainHead::GENESIS;
    (1..=n).map(|i| head.append(draft(i))).collect()
}

#[test]
fn intact_chain_verifies() {
    let c = chain(6);
    verify(&c).unwrap();
    assert_eq!(c[0].prev_hash, Hash32::GENESIS);
    assert_eq!(c[1].prev_hash, c[0].hash);
    assert_eq!(
        c.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5, 6]
    );
    verify_against(&c, ChainHead::of(&c[5])).unwrap();
    // Paged verification gives the same head.
    let mid = verify_from(ChainHead::GENESIS, &c[..3]).unwrap();
    assert_eq!(verify_from(mid, &c[3..]).unwrap(), ChainHead::of(&c[5]));
    verify(&[]).unwrap();
}

#[test]
fn edit_is_detected_where_it_happened() {
    let mut c = chain(6);
    c[2].after = Some(json!({"name": "Someone Else", "phone": "+628123", "n": 3}));
    let b = verify(&c).unwrap_err();
    assert_eq!((b.seq, b.kind), (3, BreakKind::Edited));
    let mut c = chain(6);
    c[3].actor = "admin".into();
    assert_eq!(verify(&c).unwrap_err().seq, 4);
    let mut c = chain(6);
    c[4].at = Timestamp::from_second(0).unwrap();
    assert_eq!(verify(&c).unwrap_err().seq, 5);
}

#[test]
fn edit_with_rehash_breaks_the_next_link() {
    let mut c = chain(6);
    c[2].after = None;
    c[2].hash = c[2].compute_hash();
    let b = verify(&c).unwrap_err();
    assert_eq!((b.seq, b.kind), (4, BreakKind::Unlinked));
}

#[test]
fn removal_insertion_and_reordering() {
    let mut c = chain(6);
    c.remove(2);
    let b = verify(&c).unwrap_err();
    assert_eq!((b.seq, b.kind), (4, BreakKind::Sequence));

    // Removal with renumbering: the link breaks instead.
    let mut c = chain(6);
    c.remove(2);
    for e in &mut c[2..] {
        e.seq -= 1;
    }
    let b = verify(&c).unwrap_err();
    assert_eq!((b.seq, b.kind), (3, BreakKind::Unlinked));

    let mut c = chain(6);
    c.swap(1, 2);
    assert_eq!(verify(&c).unwrap_err().kind, BreakKind::Sequence);

    let mut c = chain(6);
    let forged = draft(99).seal(3, c[1].hash);
    c.insert(2, forged);
    // The forged entry links correctly, but the original entry 3 now follows another 3.
    let b = verify(&c).unwrap_err();
    assert_eq!((b.seq, b.kind), (3, BreakKind::Sequence));
    assert!(
        b.to_string().contains("expected entry 4 next, found 3"),
        "{b}"
    );
}

#[test]
fn truncation_needs_a_kept_head() {
    let c = chain(6);
    let head = ChainHead::of(&c[5]);
    verify(&c[..4]).unwrap(); // undetectable from the entries alone
    let b = verify_against(&c[..4], head).unwrap_err();
    assert_eq!((b.seq, b.kind), (5, BreakKind::Truncated));
}

#[test]
fn canonical_bytes_are_stable() {
    let mut d = draft(1);
    // Sub-microsecond precision is dropped at sealing so stores of either engine round-trip.
    d.at = Timestamp::new(1_771_000_001, 123_456_789).unwrap();
    d.before = Some(json!({"z": 1, "a": {"y": [1, "é\"x"], "b": true}}));
    let e = d.seal(1, Hash32::GENESIS);
    assert_eq!(e.at, Timestamp::new(1_771_000_001, 123_456_000).unwrap());
    assert_eq!(
        String::from_utf8(e.canonical_bytes()).unwrap(),
        r#"{"format":1,"seq":1,"at_us":1771000001123456,"actor":"officer:ani","action":"person.update","entity":"person","entity_id":"p1","before":{"a":{"b":true,"y":[1,"é\"x"]},"z":1},"after":{"n":1,"name":"Budi Santoso","phone":"+628123"},"prev_hash":"0000000000000000000000000000000000000000000000000000000000000000"}"#
    );
    // JSON round trip (as a store would do) keeps the hash valid.
    let back: AuditEntry = serde_json::from_str(&serde_json::to_string(&e).unwrap()).unwrap();
    verify(&[back]).unwrap();
    assert_eq!(Hash32::from_hex(&e.hash.to_hex()).unwrap(), e.hash);
}
