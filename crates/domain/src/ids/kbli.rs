//! KBLI (Klasifikasi Baku Lapangan Usaha Indonesia, KBLI 2020, aligned with ISIC Rev. 4):
//! a section letter A–U, or a numeric code of 2 (division) to 5 (subclass) digits whose first
//! two digits name a division. Each division belongs to one section; that mapping is here.
//! Garment workshops (konfeksi) are division 14, e.g. subclass 14111.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// Division ranges per section (KBLI 2020 / ISIC Rev. 4).
const SECTIONS: [(char, u8, u8); 21] = [
    ('A', 1, 3),
    ('B', 5, 9),
    ('C', 10, 33),
    ('D', 35, 35),
    ('E', 36, 39),
    ('F', 41, 43),
    ('G', 45, 47),
    ('H', 49, 53),
    ('I', 55, 56),
    ('J', 58, 63),
    ('K', 64, 66),
    ('L', 68, 68),
    ('M', 69, 75),
    ('N', 77, 82),
    ('O', 84, 84),
    ('P', 85, 85),
    ('Q', 86, 88),
    ('R', 90, 93),
    ('S', 94, 96),
    ('T', 97, 98),
    ('U', 99, 99),
];

/// A section letter or a numeric KBLI code whose division exists.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum KbliCode {
    Section(char),
    /// 2–5 digits, kept as text (leading zeros matter: `01111`).
    Numeric(Box<str>),
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum KbliError {
    #[error("KBLI code is empty")]
    Empty,
    #[error("KBLI code must be a section letter A–U or 2 to 5 digits, got {text:?}")]
    Shape { text: String },
    #[error("KBLI division {division:02} does not exist (KBLI 2020)")]
    UnknownDivision { division: u8 },
}

impl KbliError {
    pub fn code(&self) -> &'static str {
        match self {
            KbliError::Empty => "empty",
            KbliError::Shape { .. } => "shape",
            KbliError::UnknownDivision { .. } => "unknown_division",
        }
    }
}

fn section_of(division: u8) -> Option<char> {
    SECTIONS
        .iter()
        .find(|(_, lo, hi)| (*lo..=*hi).contains(&division))
        .map(|(s, _, _)| *s)
}

impl KbliCode {
    pub fn parse(text: &str) -> Result<KbliCode, KbliError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(KbliError::Empty);
        }
        let mut chars = text.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            let c = c.to_ascii_uppercase();
            if ('A'..='U').contains(&c) {
                return Ok(KbliCode::Section(c));
            }
        }
        if !(2..=5).contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Err(KbliError::Shape { text: text.into() });
        }
        let division = text
            .get(0..2)
            .and_then(|d| d.parse::<u8>().ok())
            .ok_or_else(|| KbliError::Shape { text: text.into() })?;
        if section_of(division).is_none() {
            return Err(KbliError::UnknownDivision { division });
        }
        Ok(KbliCode::Numeric(text.into()))
    }

    /// Reads a sector as the analytics group participants: a section letter, or a numeric
    /// KBLI code reduced to its two-digit division (`14111` → `14`). Used for the `sector` of
    /// a membership without an employer (BPU), where the subclass is rarely known.
    pub fn parse_sector(text: &str) -> Result<KbliCode, KbliError> {
        Ok(match KbliCode::parse(text)? {
            KbliCode::Numeric(t) => KbliCode::Numeric(t.get(0..2).unwrap_or(&t).into()),
            section => section,
        })
    }

    /// True for a section letter or a two-digit division (what [`KbliCode::parse_sector`]
    /// returns).
    pub fn is_sector(&self) -> bool {
        match self {
            KbliCode::Section(_) => true,
            KbliCode::Numeric(t) => t.len() == 2,
        }
    }

    /// The section letter (A–U).
    pub fn section(&self) -> char {
        match self {
            KbliCode::Section(c) => *c,
            KbliCode::Numeric(_) => self.division().and_then(section_of).unwrap_or('?'),
        }
    }

    /// The two-digit division, if this is a numeric code.
    pub fn division(&self) -> Option<u8> {
        match self {
            KbliCode::Section(_) => None,
            KbliCode::Numeric(t) => t.get(0..2).and_then(|d| d.parse().ok()),
        }
    }
}

impl fmt::Display for KbliCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KbliCode::Section(c) => write!(f, "{c}"),
            KbliCode::Numeric(t) => f.write_str(t),
        }
    }
}

impl fmt::Debug for KbliCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KbliCode({self})")
    }
}

impl FromStr for KbliCode {
    type Err = KbliError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KbliCode::parse(s)
    }
}

impl Serialize for KbliCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KbliCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        KbliCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_divisions() {
        let k = KbliCode::parse("14111").unwrap();
        assert_eq!((k.division(), k.section()), (Some(14), 'C'));
        assert_eq!(KbliCode::parse("01111").unwrap().section(), 'A');
        assert_eq!(KbliCode::parse("84").unwrap().section(), 'O');
        assert_eq!(KbliCode::parse("99").unwrap().section(), 'U');
        assert_eq!(KbliCode::parse("g").unwrap(), KbliCode::Section('G'));
        assert_eq!(
            KbliCode::parse("04").unwrap_err(),
            KbliError::UnknownDivision { division: 4 }
        );
        assert_eq!(KbliCode::parse("V").unwrap_err().code(), "shape");
        assert_eq!(KbliCode::parse("1").unwrap_err().code(), "shape");
        assert_eq!(KbliCode::parse("141111").unwrap_err().code(), "shape");
        assert_eq!(KbliCode::parse("").unwrap_err().code(), "empty");
        let s = KbliCode::parse_sector("14111").unwrap();
        assert_eq!((s.to_string(), s.is_sector()), ("14".to_owned(), true));
        assert_eq!(KbliCode::parse_sector("c").unwrap(), KbliCode::Section('C'));
        assert!(!KbliCode::parse("14111").unwrap().is_sector());
        assert_eq!(
            KbliCode::parse_sector("04").unwrap_err().code(),
            "unknown_division"
        );
        // Every division 01–99 maps to at most one section, and the 21 sections cover 88.
        let n = (1..=99u8).filter(|d| section_of(*d).is_some()).count();
        assert_eq!(n, 88);
    }
}
