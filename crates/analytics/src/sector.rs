//! Sectors as KBLI 2020 (the Indonesian ISIC rev. 4): a section letter (`C`) or a two-digit
//! division (`14`, apparel). A five-digit KBLI code from a company report is reduced to its
//! division. Divisions roll up to sections by the KBLI 2020 section ranges.

use serde::{Serialize, Serializer};
use std::fmt;

/// A sector at section or division level.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sector {
    Section(char),
    Division(u8),
}

/// The grouping a coverage table uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SectorLevel {
    #[default]
    Section,
    Division,
}

/// KBLI 2020 sections and their division ranges (inclusive).
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

/// Why a text is not a sector.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a KBLI 2020 section letter (A–U) or two-digit division: {why}")]
pub struct SectorParseError {
    pub text: String,
    pub why: &'static str,
}

impl Sector {
    /// Reads `C`, `14`, or a longer KBLI code (`14111`, reduced to division 14).
    pub fn parse(text: &str) -> Result<Sector, SectorParseError> {
        let t = text.trim();
        let err = |why| SectorParseError {
            text: text.to_owned(),
            why,
        };
        if t.len() == 1
            && let Some(c) = t.chars().next()
            && c.is_ascii_alphabetic()
        {
            let c = c.to_ascii_uppercase();
            return if SECTIONS.iter().any(|(s, _, _)| *s == c) {
                Ok(Sector::Section(c))
            } else {
                Err(err("no such section"))
            };
        }
        if !(2..=5).contains(&t.len()) || !t.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err("write a letter or 2 to 5 digits"));
        }
        let div: u8 = t
            .get(..2)
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| err("write a letter or 2 to 5 digits"))?;
        if section_of(div).is_none() {
            return Err(err("no such division"));
        }
        Ok(Sector::Division(div))
    }

    /// The section this sector belongs to.
    pub fn section(self) -> char {
        match self {
            Sector::Section(c) => c,
            // parse only builds divisions that have a section
            Sector::Division(d) => section_of(d).unwrap_or('?'),
        }
    }

    /// The sector as a table groups it.
    pub fn at(self, level: SectorLevel) -> Sector {
        match level {
            SectorLevel::Section => Sector::Section(self.section()),
            SectorLevel::Division => self,
        }
    }

    /// True when `self` is `other` or lies inside it (a division inside its section).
    pub fn within(self, other: Sector) -> bool {
        match other {
            Sector::Section(c) => self.section() == c,
            Sector::Division(_) => self == other,
        }
    }
}

fn section_of(division: u8) -> Option<char> {
    SECTIONS
        .iter()
        .find(|(_, lo, hi)| (*lo..=*hi).contains(&division))
        .map(|(c, _, _)| *c)
}

impl fmt::Display for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sector::Section(c) => write!(f, "{c}"),
            Sector::Division(d) => write!(f, "{d:02}"),
        }
    }
}

impl fmt::Debug for Sector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Sector({self})")
    }
}

impl Serialize for Sector {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_divisions_and_codes() {
        assert_eq!(Sector::parse("c").unwrap(), Sector::Section('C'));
        assert_eq!(Sector::parse("14").unwrap(), Sector::Division(14));
        assert_eq!(Sector::parse("14111").unwrap(), Sector::Division(14));
        assert_eq!(Sector::Division(14).section(), 'C');
        assert_eq!(Sector::Division(47).section(), 'G');
        assert_eq!(Sector::Division(5).to_string(), "05");
        assert!(Sector::Division(14).within(Sector::Section('C')));
        assert!(!Sector::Division(14).within(Sector::Division(13)));
        for bad in ["V", "04", "34", "1", "abc", "", "99999x"] {
            assert!(Sector::parse(bad).is_err(), "{bad}");
        }
    }
}
