//! Persons: one record per human, whatever the number of jobs (memberships point at it).

use super::sex::Sex;
use crate::ids::{Nik, RegionCode};
use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    pub nik: Nik,
    pub name: String,
    pub birth_date: Date,
    pub sex: Sex,
    /// Address region (usually a village code).
    pub region: RegionCode,
    pub phone: Option<Phone>,
    /// Date of death, once reported.
    #[serde(default)]
    pub died_on: Option<Date>,
    /// True for generated demo/benchmark records.
    #[serde(default)]
    pub synthetic: bool,
}

/// Normalises a name for duplicate detection: lower case, letters and digits only, single
/// spaces (`"  Siti  AMINAH, S.Pd."` → `"siti aminah s pd"`).
pub fn normalize_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.extend(c.to_lowercase());
        } else {
            space = true;
        }
    }
    out
}

/// Why a name is not acceptable.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NameError {
    #[error("name is empty")]
    Empty,
    #[error("name is longer than {max} characters")]
    TooLong { max: usize },
    #[error("name contains a digit or control character ({ch:?})")]
    BadCharacter { ch: char },
}

impl NameError {
    pub fn code(&self) -> &'static str {
        match self {
            NameError::Empty => "empty",
            NameError::TooLong { .. } => "too_long",
            NameError::BadCharacter { .. } => "bad_character",
        }
    }
}

/// Checks a person's name as written on the KTP: non-empty, at most 100 characters, letters,
/// spaces and the punctuation of titles (`.`, `,`, `'`, `-`); returns it trimmed.
pub fn check_name(name: &str) -> Result<&str, NameError> {
    const MAX: usize = 100;
    let name = name.trim();
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    if name.chars().count() > MAX {
        return Err(NameError::TooLong { max: MAX });
    }
    if let Some(ch) = name.chars().find(|c| c.is_ascii_digit() || c.is_control()) {
        return Err(NameError::BadCharacter { ch });
    }
    Ok(name)
}

/// An Indonesian phone number, stored in E.164 form (`+628123456789`).
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Phone(Box<str>);

#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error(
    "phone must be an Indonesian number such as 08123456789 or +628123456789 (8–12 digits after \
     the leading 0), got {text:?}"
)]
pub struct PhoneError {
    pub text: String,
}

impl Phone {
    /// Accepts `08…`, `628…`, `+628…` with spaces, dots, dashes or brackets.
    pub fn parse(text: &str) -> Result<Phone, PhoneError> {
        let err = || PhoneError { text: text.into() };
        let trimmed = text.trim();
        let plus = trimmed.starts_with('+');
        let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
        if !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')'))
        {
            return Err(err());
        }
        let digits: String = body.chars().filter(char::is_ascii_digit).collect();
        let national = if let Some(rest) = digits.strip_prefix("62") {
            rest
        } else if plus {
            return Err(err());
        } else if let Some(rest) = digits.strip_prefix('0') {
            rest
        } else {
            return Err(err());
        };
        if !(8..=12).contains(&national.len()) || national.starts_with('0') {
            return Err(err());
        }
        Ok(Phone(format!("+62{national}").into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({})", crate::privacy::mask_digits(&self.0))
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Phone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Phone::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones() {
        for ok in [
            "08123456789",
            "+62 812-3456-789",
            "628123456789",
            "(021) 5678901",
        ] {
            assert!(Phone::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            Phone::parse("0812 3456 789").unwrap().as_str(),
            "+628123456789"
        );
        for bad in [
            "",
            "12345",
            "+18123456789",
            "0812abc",
            "00812345678",
            "081234567890123",
        ] {
            assert!(Phone::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names() {
        assert_eq!(normalize_name("  Siti  AMINAH, S.Pd."), "siti aminah s pd");
        assert_eq!(
            normalize_name("Ni Luh Putu"),
            normalize_name("NI  LUH-PUTU")
        );
        assert_eq!(check_name("  Budi Santoso "), Ok("Budi Santoso"));
        assert_eq!(check_name(" ").unwrap_err(), NameError::Empty);
        assert_eq!(check_name("Budi 2").unwrap_err().code(), "bad_character");
        assert_eq!(check_name(&"a".repeat(101)).unwrap_err().code(), "too_long");
    }
}
