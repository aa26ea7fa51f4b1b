//! The legal order of heirs (regulations.md §4): each rank only when no living heir is higher,
//! the rank-2 sub-order flag, the notarial will since Permenaker 1/2025, and the no-heir route.

use jamsos_rules::ParamSet;
use jamsos_rules::heirs::{HeirCandidate, Relation, determine_heirs, determine_heirs_with};
use jamsos_rules::params::Overrides;
use jiff::civil::{Date, date};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::sync::OnceLock;

fn params() -> &'static ParamSet {
    static P: OnceLock<ParamSet> = OnceLock::new();
    P.get_or_init(|| ParamSet::embedded().expect("embedded parameters are valid"))
}

fn c(id: &str, relation: Relation) -> HeirCandidate {
    HeirCandidate {
        id: id.to_owned(),
        relation,
        alive: true,
        notarial_will: false,
    }
}

fn dead(mut h: HeirCandidate) -> HeirCandidate {
    h.alive = false;
    h
}

const D: Date = date(2024, 6, 1);

#[test]
fn spouse_and_children_share_rank_1() {
    let all = [
        c("parent", Relation::Parent),
        c("wife", Relation::Spouse),
        c("sibling", Relation::FullSibling),
        c("kid", Relation::Child),
    ];
    let h = determine_heirs(params(), &all, D).unwrap();
    assert_eq!(h.rank, Some(1));
    assert_eq!(h.heirs, ["wife", "kid"]);
    assert!(!h.santunan_to_fund);
    // Rank 1 decided: the low-confidence rank-2 flag was not consulted.
    assert!(h.warnings.is_empty());
    assert!(h.explanation.iter().any(|r| r.label.en.contains("rank 1")));
}

#[test]
fn only_children_is_rank_1_too() {
    let h = determine_heirs(
        params(),
        &[c("kid", Relation::Child), c("mum", Relation::Parent)],
        D,
    )
    .unwrap();
    assert_eq!((h.rank, h.heirs), (Some(1), vec!["kid".to_owned()]));
}

#[test]
fn dead_candidates_are_skipped() {
    let all = [
        dead(c("wife", Relation::Spouse)),
        c("mum", Relation::Parent),
        c("grandkid", Relation::Grandchild),
    ];
    let h = determine_heirs(params(), &all, D).unwrap();
    assert_eq!(h.rank, Some(2));
    assert_eq!(h.heirs, ["mum"]);
    assert!(
        h.explanation
            .iter()
            .any(|r| r.label.en.contains("have died"))
    );
}

#[test]
fn rank_2_suborder_and_its_override() {
    let all = [
        c("grandpa", Relation::Grandparent),
        c("grandkid", Relation::Grandchild),
        c("sibling", Relation::FullSibling),
    ];
    let h = determine_heirs(params(), &all, D).unwrap();
    assert_eq!(h.rank, Some(2));
    assert_eq!(h.heirs, ["grandkid"]);
    // The sub-order is this engine's reading (low confidence): the result says so.
    assert!(
        h.warnings
            .iter()
            .any(|w| w.en.contains("heirs.rank2_suborder"))
    );

    let ov = Overrides(BTreeMap::from([(
        "heirs.rank2_suborder".to_owned(),
        serde_json::json!(false),
    )]));
    let h = determine_heirs_with(params(), Some(ov), &all, D).unwrap();
    assert_eq!(h.rank, Some(2));
    assert_eq!(h.heirs, ["grandpa", "grandkid"]);
    assert!(h.warnings.iter().any(|w| w.en.contains("overridden")));
}

#[test]
fn siblings_then_parents_in_law() {
    let h = determine_heirs(
        params(),
        &[
            c("inlaw", Relation::ParentInLaw),
            c("bro", Relation::FullSibling),
        ],
        D,
    )
    .unwrap();
    assert_eq!((h.rank, h.heirs), (Some(3), vec!["bro".to_owned()]));
    let h = determine_heirs(
        params(),
        &[
            c("inlaw", Relation::ParentInLaw),
            c("friend", Relation::WillDesignee),
        ],
        D,
    )
    .unwrap();
    assert_eq!((h.rank, h.heirs), (Some(4), vec!["inlaw".to_owned()]));
}

#[test]
fn a_will_must_be_notarial_since_permenaker_1_2025() {
    let plain = [
        c("friend", Relation::WillDesignee),
        c("neighbour", Relation::FuneralArranger),
    ];
    // 2024: any will.
    let h = determine_heirs(params(), &plain, date(2024, 12, 31)).unwrap();
    assert_eq!(
        (h.rank, h.heirs.clone()),
        (Some(5), vec!["friend".to_owned()])
    );
    // 2026: the plain will does not count; no heir.
    let h = determine_heirs(params(), &plain, date(2026, 1, 10)).unwrap();
    assert_eq!(h.rank, None);
    assert!(h.heirs.is_empty());
    assert_eq!(h.funeral_cost_to, ["neighbour"]);
    assert!(h.santunan_to_fund);
    assert!(
        h.explanation
            .iter()
            .any(|r| r.label.en.contains("notarial"))
    );
    // A notarial will counts.
    let mut notarial = c("friend", Relation::WillDesignee);
    notarial.notarial_will = true;
    let h = determine_heirs(params(), &[notarial.clone()], date(2026, 1, 10)).unwrap();
    assert_eq!(h.rank, Some(5));
    // Early 2025 (date of force not found): a clear missing parameter unless overridden.
    let e = determine_heirs(params(), &plain, date(2025, 2, 1)).unwrap_err();
    assert_eq!(e.code(), "missing_parameter");
    let ov = Overrides(BTreeMap::from([(
        "heirs.will_must_be_notarial".to_owned(),
        serde_json::json!(true),
    )]));
    let h = determine_heirs_with(params(), Some(ov), &plain, date(2025, 2, 1)).unwrap();
    assert_eq!(h.rank, None);
    // With a higher rank present the will is never reached, so the unknown window does not matter.
    let h = determine_heirs(
        params(),
        &[c("kid", Relation::Child), notarial],
        date(2025, 2, 1),
    )
    .unwrap();
    assert_eq!(h.rank, Some(1));
}

#[test]
fn nobody_at_all() {
    let h = determine_heirs(params(), &[], D).unwrap();
    assert_eq!(h.rank, None);
    assert!(h.funeral_cost_to.is_empty());
    assert!(h.santunan_to_fund);
    assert!(!h.explanation.is_empty());
    assert!(!h.explanation[0].label.id.is_empty());
}

#[test]
fn bad_candidates_name_the_field() {
    let e = determine_heirs(
        params(),
        &[c("a", Relation::Child), c("a", Relation::Spouse)],
        D,
    )
    .unwrap_err();
    assert_eq!(
        e.to_object().error.field.as_deref(),
        Some("candidates[1].id")
    );
    let e = determine_heirs(params(), &[c(" ", Relation::Child)], D).unwrap_err();
    assert_eq!(
        e.to_object().error.field.as_deref(),
        Some("candidates[0].id")
    );
    let mut x = c("x", Relation::Child);
    x.notarial_will = true;
    let e = determine_heirs(params(), &[x], D).unwrap_err();
    assert_eq!(
        e.to_object().error.field.as_deref(),
        Some("candidates[0].notarial_will")
    );
}

#[test]
fn candidates_read_from_json() {
    let list: Vec<HeirCandidate> = serde_json::from_str(
        r#"[{"id":"p1","relation":"parent_in_law","alive":true},{"id":"p2","relation":"will_designee","alive":true,"notarial_will":true}]"#,
    )
    .unwrap();
    let h = determine_heirs(params(), &list, D).unwrap();
    assert_eq!(h.rank, Some(4));
    let json = serde_json::to_value(&h).unwrap();
    assert_eq!(json["heirs"][0], "p1");
    assert!(
        json["explanation"][0]["legal_basis"]
            .as_str()
            .unwrap()
            .contains("PP 44/2015")
    );
}

fn relation() -> impl Strategy<Value = Relation> {
    prop_oneof![
        Just(Relation::Spouse),
        Just(Relation::Child),
        Just(Relation::Parent),
        Just(Relation::Grandchild),
        Just(Relation::Grandparent),
        Just(Relation::FullSibling),
        Just(Relation::ParentInLaw),
        Just(Relation::WillDesignee),
        Just(Relation::FuneralArranger),
    ]
}

fn rank_of(r: Relation) -> Option<u8> {
    match r {
        Relation::Spouse | Relation::Child => Some(1),
        Relation::Parent | Relation::Grandchild | Relation::Grandparent => Some(2),
        Relation::FullSibling => Some(3),
        Relation::ParentInLaw => Some(4),
        Relation::WillDesignee => Some(5),
        Relation::FuneralArranger => None,
    }
}

proptest! {
    #[test]
    fn the_highest_living_rank_inherits(
        people in proptest::collection::vec((relation(), any::<bool>(), any::<bool>()), 0..10),
        late in any::<bool>()
    ) {
        // 2024: any will counts; 2026: only a notarial will (Permenaker 1/2025).
        let day = if late { date(2026, 3, 1) } else { D };
        let list: Vec<HeirCandidate> = people.iter().enumerate().map(|(i, (r, alive, notarial))| HeirCandidate {
            id: format!("p{i}"), relation: *r, alive: *alive,
            notarial_will: *notarial && *r == Relation::WillDesignee,
        }).collect();
        let h = determine_heirs(params(), &list, day).unwrap();
        let counts = |c: &&HeirCandidate| c.alive && !(late && c.relation == Relation::WillDesignee && !c.notarial_will);
        let best = list.iter().filter(counts).filter_map(|c| rank_of(c.relation)).min();
        prop_assert_eq!(h.rank, best);
        for id in &h.heirs {
            let who = list.iter().find(|c| &c.id == id).unwrap();
            prop_assert!(who.alive);
            prop_assert_eq!(rank_of(who.relation), h.rank);
        }
        prop_assert_eq!(h.heirs.is_empty(), h.rank.is_none());
        prop_assert_eq!(h.santunan_to_fund, h.rank.is_none());
    }
}
