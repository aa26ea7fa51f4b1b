//! Sex as recorded on the KTP and encoded in the NIK (women's birth day + 40).

use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sex {
    Male,
    Female,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("sex must be L/P (laki-laki/perempuan) or M/F, got {text:?}")]
pub struct SexError {
    pub text: String,
}

impl Sex {
    /// Accepts the Indonesian `L`/`P`, `laki-laki`/`perempuan`, and `M`/`F`, `male`/`female`,
    /// in any case.
    pub fn parse(text: &str) -> Result<Sex, SexError> {
        const MALE: &[&str] = &["l", "lk", "laki-laki", "laki laki", "pria", "m", "male"];
        const FEMALE: &[&str] = &["p", "pr", "perempuan", "wanita", "f", "female"];
        let t = text.trim();
        if MALE.iter().any(|m| m.eq_ignore_ascii_case(t)) {
            Ok(Sex::Male)
        } else if FEMALE.iter().any(|f| f.eq_ignore_ascii_case(t)) {
            Ok(Sex::Female)
        } else {
            Err(SexError { text: text.into() })
        }
    }

    /// `L` or `P`, as Indonesian forms write it.
    pub fn code_id(self) -> &'static str {
        match self {
            Sex::Male => "L",
            Sex::Female => "P",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "male",
            Sex::Female => "female",
        }
    }
}

impl fmt::Display for Sex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Sex::Male => "laki-laki / male",
            Sex::Female => "perempuan / female",
        })
    }
}
