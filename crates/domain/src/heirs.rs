//! The legal order of heirs (*ahli waris*) over a participant's recorded family: maps the
//! registry's [`FamilyMember`] records onto `jamsos_rules::heirs` (regulations.md §4), which owns
//! the rule, its parameters (rank-2 sub-order, notarial wills) and its explanation.

use crate::model::{FamilyMember, Relation};
use jamsos_rules::heirs::{self as rules, HeirCandidate};
use jamsos_rules::{CalcError, ParamSet};
use jiff::civil::Date;

pub use jamsos_rules::heirs::HeirDetermination;

/// The rules crate's relation for a registry relation.
pub fn rules_relation(relation: Relation) -> rules::Relation {
    match relation {
        Relation::Spouse => rules::Relation::Spouse,
        Relation::Child => rules::Relation::Child,
        Relation::Parent => rules::Relation::Parent,
        Relation::Grandchild => rules::Relation::Grandchild,
        Relation::Grandparent => rules::Relation::Grandparent,
        Relation::Sibling => rules::Relation::FullSibling,
        Relation::InLaw => rules::Relation::ParentInLaw,
        Relation::WillDesignated => rules::Relation::WillDesignee,
    }
}

/// The heirs of a participant who died on `death_date`, among `family` (the participant's
/// recorded family members). Heirs are identified by their index in `family`, as a string
/// (`"0"`, `"1"`…): [`heir_indexes`] turns them back.
pub fn determine(
    params: &ParamSet,
    family: &[FamilyMember],
    death_date: Date,
) -> Result<HeirDetermination, CalcError> {
    let candidates: Vec<HeirCandidate> = family
        .iter()
        .enumerate()
        .map(|(i, m)| HeirCandidate {
            id: i.to_string(),
            relation: rules_relation(m.relation),
            alive: m.alive,
            notarial_will: m.relation == Relation::WillDesignated && m.notarial_will,
        })
        .collect();
    rules::determine_heirs(params, &candidates, death_date)
}

/// The indexes into `family` of the heirs a [`determine`] result names.
pub fn heir_indexes(d: &HeirDetermination) -> Vec<usize> {
    d.heirs.iter().filter_map(|id| id.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Nik;
    use jiff::civil::date;

    fn member(relation: Relation, alive: bool) -> FamilyMember {
        FamilyMember {
            participant: Nik::parse("3173045203900001").unwrap(),
            nik: None,
            name: "Sintetis".into(),
            relation,
            sex: None,
            birth_date: None,
            education: None,
            married: false,
            working: false,
            alive,
            notarial_will: false,
            synthetic: true,
        }
    }

    #[test]
    fn ranks_apply_in_order() {
        use Relation::*;
        let params = ParamSet::embedded().unwrap();
        let on = date(2026, 1, 14);
        let fam = vec![
            member(Parent, true),
            member(Spouse, true),
            member(Child, true),
        ];
        let d = determine(&params, &fam, on).unwrap();
        assert_eq!((d.rank, heir_indexes(&d)), (Some(1), vec![1, 2]));
        let fam = vec![
            member(InLaw, true),
            member(Spouse, false),
            member(Sibling, true),
        ];
        let d = determine(&params, &fam, on).unwrap();
        assert_eq!((d.rank, heir_indexes(&d)), (Some(3), vec![2]));
        let d = determine(&params, &[], on).unwrap();
        assert_eq!(d.rank, None);
        assert!(d.santunan_to_fund);
    }
}
