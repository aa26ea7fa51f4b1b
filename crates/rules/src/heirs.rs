//! The legal order of heirs (*ahli waris*) for the JKK and JKM death benefits (and JHT paid on
//! death), regulations.md §4. Each rank inherits only when no one living is in a higher rank:
//!
//! 1. widow or widower (*janda/duda*) and children (*anak*), together;
//! 2. lineal blood relatives up to the second degree (*keturunan sedarah garis lurus ke atas dan
//!    ke bawah sampai derajat kedua*): parents, grandchildren, grandparents. The regulation states
//!    no order inside the rank; with `heirs.rank2_suborder` (default true, low confidence) this
//!    engine takes parents first (first degree), then grandchildren, then grandparents, the order
//!    the BPJS material lists them in. With the flag false they share the rank;
//! 3. full siblings (*saudara kandung*);
//! 4. parents-in-law (*mertua*);
//! 5. the person designated in the participant's will (*pihak yang ditunjuk dalam wasiat*); for a
//!    death under Permenaker 1/2025 the will must be a notarial deed (`heirs.will_must_be_notarial`);
//! 6. no heir and no will: the funeral cost goes to whoever arranged the funeral, the santunan to
//!    the Dana Jaminan Sosial.
//!
//! How a benefit is split among heirs of one rank is not in the sources: the result lists the
//! heirs without shares. JP survivors follow their own rules (PP 45/2015), not this order.
//!
//! Pure: the registry calls [`determine_heirs`] with a parameter set (e.g. `ParamSet::embedded()`
//! or `engine.params()`); no engine, no clock.

use crate::error::CalcError;
use crate::params::{Overrides, ParamSet};
use crate::trace::{Ctx, Label, Lang};
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

const BASIS: &str =
    "PP 44/2015 Pasal 37(5) (ahli waris); Permenaker 5/2021 as amended by Permenaker 1/2025";

/// How a person relates to the deceased participant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Widow or widower (*janda/duda*).
    Spouse,
    /// *Anak*.
    Child,
    /// *Orang tua*.
    Parent,
    /// *Cucu*.
    Grandchild,
    /// *Kakek/nenek*.
    Grandparent,
    /// *Saudara kandung*.
    FullSibling,
    /// *Mertua*.
    ParentInLaw,
    /// Designated in the participant's will (*wasiat*); see [`HeirCandidate::notarial_will`].
    WillDesignee,
    /// Arranged the funeral; not an heir, but receives the funeral cost when there is none.
    FuneralArranger,
}

impl Relation {
    fn names(self) -> (&'static str, &'static str) {
        match self {
            Relation::Spouse => ("janda/duda", "widow/widower"),
            Relation::Child => ("anak", "child"),
            Relation::Parent => ("orang tua", "parent"),
            Relation::Grandchild => ("cucu", "grandchild"),
            Relation::Grandparent => ("kakek/nenek", "grandparent"),
            Relation::FullSibling => ("saudara kandung", "full sibling"),
            Relation::ParentInLaw => ("mertua", "parent-in-law"),
            Relation::WillDesignee => ("penerima wasiat", "person designated in the will"),
            Relation::FuneralArranger => ("pengurus pemakaman", "funeral arranger"),
        }
    }
}

/// A person who may be an heir.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeirCandidate {
    /// The caller's identifier (a registry person id); returned as is.
    pub id: String,
    pub relation: Relation,
    /// Alive on the date the benefit is determined; the dead are skipped.
    pub alive: bool,
    /// For [`Relation::WillDesignee`]: whether the will is a notarial deed (*akta notaris*).
    #[serde(default)]
    pub notarial_will: bool,
}

/// One line of the explanation, in both languages, with its legal basis.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HeirReason {
    pub label: Label,
    pub legal_basis: &'static str,
}

/// Who receives a death benefit, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HeirDetermination {
    /// 1–5 as in the module header; `None` when there is no heir.
    pub rank: Option<u8>,
    /// The ids of the heirs, in the input order.
    pub heirs: Vec<String>,
    /// When there is no heir: the ids of those who arranged the funeral (they receive the funeral
    /// cost).
    pub funeral_cost_to: Vec<String>,
    /// When there is no heir: the santunan goes to the Dana Jaminan Sosial.
    pub santunan_to_fund: bool,
    pub explanation: Vec<HeirReason>,
    /// Caveats: a rule used below high confidence, an override used.
    pub warnings: Vec<Label>,
}

/// [`determine_heirs_with`] without overrides.
pub fn determine_heirs(
    params: &ParamSet,
    candidates: &[HeirCandidate],
    death_date: Date,
) -> Result<HeirDetermination, CalcError> {
    determine_heirs_with(params, None, candidates, death_date)
}

/// The heirs of a participant who died on `death_date`, among `candidates`. `overrides` may set
/// `heirs.rank2_suborder` or `heirs.will_must_be_notarial` (the latter is unknown for deaths in
/// early 2025, when Permenaker 1/2025 took force on a date not found).
pub fn determine_heirs_with(
    params: &ParamSet,
    overrides: Option<Overrides>,
    candidates: &[HeirCandidate],
    death_date: Date,
) -> Result<HeirDetermination, CalcError> {
    validate(candidates)?;
    let mut ctx = Ctx::new(params, overrides, false);
    let mut explanation = Vec::new();
    let alive: Vec<&HeirCandidate> = candidates.iter().filter(|c| c.alive).collect();
    let dead = candidates.len() - alive.len();
    if dead > 0 {
        explanation.push(reason(
            format!("{dead} calon ahli waris telah meninggal dan tidak diperhitungkan"),
            format!("{dead} candidate(s) have died and are not considered"),
            BASIS,
        ));
    }
    let of = |rels: &[Relation]| -> Vec<String> {
        alive
            .iter()
            .filter(|c| rels.contains(&c.relation))
            .map(|c| c.id.clone())
            .collect()
    };
    let mut tiers: Vec<(u8, Vec<Relation>)> = vec![(1, vec![Relation::Spouse, Relation::Child])];
    let has_rank2 = alive.iter().any(|c| {
        matches!(
            c.relation,
            Relation::Parent | Relation::Grandchild | Relation::Grandparent
        )
    });
    // The low-confidence sub-order flag is read only when rank 2 can decide the outcome.
    if has_rank2 && of(&[Relation::Spouse, Relation::Child]).is_empty() {
        if ctx.flag("heirs.rank2_suborder", death_date)? {
            explanation.push(reason(
                "Peringkat 2 diambil berurutan: orang tua, lalu cucu, lalu kakek/nenek (urutan materi BPJS; peraturan tidak menyebut urutan)".to_owned(),
                "Rank 2 is taken in order: parents, then grandchildren, then grandparents (the BPJS material's order; the regulation states none)".to_owned(),
                "PP 44/2015 (keturunan sedarah garis lurus sampai derajat kedua); regulations.md §4",
            ));
            tiers.push((2, vec![Relation::Parent]));
            tiers.push((2, vec![Relation::Grandchild]));
            tiers.push((2, vec![Relation::Grandparent]));
        } else {
            tiers.push((
                2,
                vec![
                    Relation::Parent,
                    Relation::Grandchild,
                    Relation::Grandparent,
                ],
            ));
        }
    }
    tiers.push((3, vec![Relation::FullSibling]));
    tiers.push((4, vec![Relation::ParentInLaw]));
    for (rank, rels) in &tiers {
        let heirs = of(rels);
        if heirs.is_empty() {
            continue;
        }
        let (id_names, en_names) = names(rels);
        explanation.push(reason(
            format!(
                "Ahli waris peringkat {rank} ({id_names}): {} orang; tidak ada ahli waris yang hidup pada peringkat yang lebih tinggi",
                heirs.len()
            ),
            format!(
                "Heirs of rank {rank} ({en_names}): {} person(s); no living heir in a higher rank",
                heirs.len()
            ),
            BASIS,
        ));
        return Ok(finish(ctx, Some(*rank), heirs, explanation));
    }
    // Rank 5: a will.
    let designees: Vec<&&HeirCandidate> = alive
        .iter()
        .filter(|c| c.relation == Relation::WillDesignee)
        .collect();
    if !designees.is_empty() {
        let must_be_notarial = ctx.flag("heirs.will_must_be_notarial", death_date)?;
        let valid: Vec<String> = designees
            .iter()
            .filter(|c| c.notarial_will || !must_be_notarial)
            .map(|c| c.id.clone())
            .collect();
        if valid.len() < designees.len() {
            explanation.push(reason(
                "Wasiat yang bukan akta notaris tidak berlaku untuk kematian sejak Permenaker 1/2025".to_owned(),
                "A will that is not a notarial deed does not count for a death under Permenaker 1/2025".to_owned(),
                "Permenaker 5/2021 as amended by Permenaker 1/2025",
            ));
        }
        if !valid.is_empty() {
            explanation.push(reason(
                format!(
                    "Tidak ada ahli waris peringkat 1–4: pihak yang ditunjuk dalam wasiat ({} orang) menerima manfaat",
                    valid.len()
                ),
                format!(
                    "No heir of ranks 1–4: the person(s) designated in the will ({}) receive the benefit",
                    valid.len()
                ),
                BASIS,
            ));
            return Ok(finish(ctx, Some(5), valid, explanation));
        }
    }
    let arrangers: Vec<String> = alive
        .iter()
        .filter(|c| c.relation == Relation::FuneralArranger)
        .map(|c| c.id.clone())
        .collect();
    explanation.push(reason(
        "Tidak ada ahli waris dan tidak ada wasiat: biaya pemakaman dibayarkan kepada pihak yang mengurus pemakaman, santunan diserahkan ke Dana Jaminan Sosial".to_owned(),
        "No heir and no will: the funeral cost goes to whoever arranged the funeral, the santunan to the Dana Jaminan Sosial".to_owned(),
        BASIS,
    ));
    let mut out = finish(ctx, None, Vec::new(), explanation);
    out.funeral_cost_to = arrangers;
    out.santunan_to_fund = true;
    Ok(out)
}

fn validate(candidates: &[HeirCandidate]) -> Result<(), CalcError> {
    for (i, c) in candidates.iter().enumerate() {
        if c.id.trim().is_empty() {
            return Err(CalcError::invalid(
                format!("candidates[{i}].id"),
                "every candidate needs an id",
            ));
        }
        if candidates.iter().take(i).any(|p| p.id == c.id) {
            return Err(CalcError::invalid(
                format!("candidates[{i}].id"),
                format!("the id {:?} is given twice", c.id),
            ));
        }
        if c.notarial_will && c.relation != Relation::WillDesignee {
            return Err(CalcError::invalid(
                format!("candidates[{i}].notarial_will"),
                "only a person designated in a will (will_designee) has a will",
            ));
        }
    }
    Ok(())
}

fn names(rels: &[Relation]) -> (String, String) {
    let id: Vec<&str> = rels.iter().map(|r| r.names().0).collect();
    let en: Vec<&str> = rels.iter().map(|r| r.names().1).collect();
    (id.join(", "), en.join(", "))
}

fn reason(id: String, en: String, legal_basis: &'static str) -> HeirReason {
    HeirReason {
        label: Label::owned(id, en),
        legal_basis,
    }
}

fn finish(
    ctx: Ctx<'_>,
    rank: Option<u8>,
    heirs: Vec<String>,
    explanation: Vec<HeirReason>,
) -> HeirDetermination {
    let (_, warnings) = ctx.finish();
    HeirDetermination {
        rank,
        heirs,
        funeral_cost_to: Vec::new(),
        santunan_to_fund: false,
        explanation,
        warnings: warnings
            .iter()
            .map(|w| Label::owned(w.render(Lang::Id), w.render(Lang::En)))
            .collect(),
    }
}
