//! The legal order of heirs (*ahli waris*) for JHT, JKM and JKK death benefits, over a
//! participant's recorded family (regulations.md §4: PP 44/2015 Pasal 37(5); Permenaker 5/2021
//! as amended by Permenaker 1/2025). Each rank applies only if no one in a higher rank exists:
//! 1 widow/widower and children; 2 lineal relatives to the 2nd degree (parents, grandchildren,
//! grandparents — treated as one rank, the sub-order is unconfirmed); 3 full siblings;
//! 4 parents-in-law; 5 the person designated in a (notarial) will.
//!
//! SEAM: the rules crate is gaining `jamsos_rules::heirs` with the authoritative order; once it
//! lands in main this module should map [`FamilyMember`] onto it and delegate, keeping this
//! signature for the store and the CLI.

use crate::model::{FamilyMember, Relation};
use serde::Serialize;

/// The five ranks of §4.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HeirRank {
    SpouseAndChildren = 1,
    LinealSecondDegree = 2,
    Siblings = 3,
    ParentsInLaw = 4,
    WillDesignated = 5,
}

impl HeirRank {
    /// The rank a relation belongs to.
    pub fn of(relation: Relation) -> HeirRank {
        match relation {
            Relation::Spouse | Relation::Child => HeirRank::SpouseAndChildren,
            Relation::Parent | Relation::Grandchild | Relation::Grandparent => {
                HeirRank::LinealSecondDegree
            }
            Relation::Sibling => HeirRank::Siblings,
            Relation::InLaw => HeirRank::ParentsInLaw,
            Relation::WillDesignated => HeirRank::WillDesignated,
        }
    }

    pub fn number(self) -> u8 {
        self as u8
    }
}

/// Who inherits: the highest rank with a living member, and the indexes (into the slice given)
/// of the members of that rank. `rank: None` means no heir: the JKM/JKK funeral cost goes to
/// whoever arranged the funeral and the santunan to the Dana Jaminan Sosial (§4).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HeirOrder {
    pub rank: Option<HeirRank>,
    pub heirs: Vec<usize>,
}

/// Orders a deceased participant's family by §4. Only living members count; a will-designated
/// person counts only with a notarial will (Permenaker 1/2025).
pub fn heir_order(family: &[FamilyMember]) -> HeirOrder {
    let eligible =
        |m: &FamilyMember| m.alive && (m.relation != Relation::WillDesignated || m.notarial_will);
    let rank = family
        .iter()
        .filter(|m| eligible(m))
        .map(|m| HeirRank::of(m.relation))
        .min();
    let heirs = family
        .iter()
        .enumerate()
        .filter(|(_, m)| eligible(m) && Some(HeirRank::of(m.relation)) == rank)
        .map(|(i, _)| i)
        .collect();
    HeirOrder { rank, heirs }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Nik;

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
        let fam = vec![
            member(Parent, true),
            member(Spouse, true),
            member(Child, true),
        ];
        assert_eq!(
            heir_order(&fam),
            HeirOrder {
                rank: Some(HeirRank::SpouseAndChildren),
                heirs: vec![1, 2]
            }
        );
        let fam = vec![
            member(InLaw, true),
            member(Spouse, false),
            member(Sibling, true),
        ];
        assert_eq!(heir_order(&fam).rank, Some(HeirRank::Siblings));
        assert_eq!(heir_order(&fam).heirs, vec![2]);
        let fam = vec![
            member(Grandparent, true),
            member(Grandchild, true),
            member(Sibling, true),
        ];
        assert_eq!(heir_order(&fam).heirs, vec![0, 1]);
        let mut will = member(WillDesignated, true);
        assert_eq!(heir_order(std::slice::from_ref(&will)).rank, None);
        will.notarial_will = true;
        assert_eq!(heir_order(&[will]).rank, Some(HeirRank::WillDesignated));
        assert_eq!(heir_order(&[]).rank, None);
    }
}
