//! Family members of a participant: the facts the heir order (regulations.md §4), survivors'
//! pensions (§3.5) and scholarships (§3.3) are decided on.

use super::sex::Sex;
use crate::ids::Nik;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyMember {
    /// The participant this person is family of.
    pub participant: Nik,
    /// The family member's own NIK, when known (young children may have none yet on file).
    pub nik: Option<Nik>,
    pub name: String,
    pub relation: Relation,
    pub sex: Option<Sex>,
    pub birth_date: Option<Date>,
    pub education: Option<Education>,
    pub married: bool,
    pub working: bool,
    pub alive: bool,
    /// For `WillDesignated`: the will is a notarial deed (required since Permenaker 1/2025).
    #[serde(default)]
    pub notarial_will: bool,
    #[serde(default)]
    pub synthetic: bool,
}

/// Relation to the participant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// Janda/duda (widow/widower) once the participant has died.
    Spouse,
    Child,
    Parent,
    /// Full sibling (saudara kandung).
    Sibling,
    /// Parent-in-law (mertua).
    InLaw,
    /// Person designated in the participant's will.
    WillDesignated,
    Grandchild,
    Grandparent,
}

impl Relation {
    pub const ALL: [Relation; 8] = [
        Relation::Spouse,
        Relation::Child,
        Relation::Parent,
        Relation::Sibling,
        Relation::InLaw,
        Relation::WillDesignated,
        Relation::Grandchild,
        Relation::Grandparent,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Relation::Spouse => "spouse",
            Relation::Child => "child",
            Relation::Parent => "parent",
            Relation::Sibling => "sibling",
            Relation::InLaw => "in_law",
            Relation::WillDesignated => "will_designated",
            Relation::Grandchild => "grandchild",
            Relation::Grandparent => "grandparent",
        }
    }

    /// Accepts the codes above and the Indonesian words (istri, suami, anak, orang tua…).
    pub fn parse(text: &str) -> Option<Relation> {
        let t = text.trim().to_ascii_lowercase().replace([' ', '-'], "_");
        if let Some(r) = Relation::ALL.into_iter().find(|r| r.code() == t) {
            return Some(r);
        }
        // The Indonesian words are checked only when no code matched (an eager `.or(…)` with an
        // early `return None` inside once made every code but the first unparseable).
        Some(match t.as_str() {
            "istri" | "suami" | "pasangan" | "janda" | "duda" => Relation::Spouse,
            "anak" => Relation::Child,
            "orang_tua" | "ayah" | "ibu" => Relation::Parent,
            "saudara" | "saudara_kandung" => Relation::Sibling,
            "mertua" => Relation::InLaw,
            "wasiat" | "penerima_wasiat" => Relation::WillDesignated,
            "cucu" => Relation::Grandchild,
            "kakek" | "nenek" | "kakek_nenek" => Relation::Grandparent,
            _ => return None,
        })
    }
}

/// Education level (jenjang) as the scholarship table names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EducationLevel {
    #[serde(rename = "none")]
    None,
    /// Taman kanak-kanak (kindergarten).
    #[serde(rename = "TK")]
    Tk,
    /// Sekolah dasar (primary, grades 1–6).
    #[serde(rename = "SD")]
    Sd,
    /// Sekolah menengah pertama (junior secondary, grades 7–9).
    #[serde(rename = "SMP")]
    Smp,
    /// Sekolah menengah atas/kejuruan (senior secondary, grades 10–12).
    #[serde(rename = "SMA")]
    Sma,
    /// Perguruan tinggi (university S1) or vocational training.
    #[serde(rename = "PT")]
    Pt,
}

impl EducationLevel {
    pub fn parse(text: &str) -> Option<EducationLevel> {
        Some(match text.trim().to_ascii_uppercase().as_str() {
            "" | "NONE" | "-" | "TIDAK" | "BELUM" => EducationLevel::None,
            "TK" | "PAUD" => EducationLevel::Tk,
            "SD" | "MI" => EducationLevel::Sd,
            "SMP" | "MTS" => EducationLevel::Smp,
            "SMA" | "SMK" | "MA" => EducationLevel::Sma,
            "PT" | "S1" | "D3" | "D4" => EducationLevel::Pt,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            EducationLevel::None => "none",
            EducationLevel::Tk => "TK",
            EducationLevel::Sd => "SD",
            EducationLevel::Smp => "SMP",
            EducationLevel::Sma => "SMA",
            EducationLevel::Pt => "PT",
        }
    }
}

/// Level and grade (kelas; year of study for PT).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Education {
    pub level: EducationLevel,
    pub grade: Option<u8>,
}

#[cfg(test)]
mod relation_parse_tests {
    use super::Relation;

    #[test]
    fn every_code_and_the_indonesian_words_parse() {
        for r in Relation::ALL {
            assert_eq!(Relation::parse(r.code()), Some(r), "{}", r.code());
        }
        assert_eq!(Relation::parse("Istri"), Some(Relation::Spouse));
        assert_eq!(Relation::parse("orang tua"), Some(Relation::Parent));
        assert_eq!(Relation::parse("tetangga"), None);
    }
}
