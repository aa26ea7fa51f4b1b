//! Employers (pemberi kerja): registered under an NPP, classified by KBLI sector, JKK risk
//! class (1 very low – 5 very high) and size (Perpres 109/2013 phasing uses size).

use crate::ids::{KbliCode, Nib, Npp, RegionCode};
use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Employer {
    pub npp: Npp,
    pub legal_name: String,
    pub nib: Option<Nib>,
    pub kbli: Option<KbliCode>,
    pub risk_class: RiskClass,
    pub size_class: SizeClass,
    pub region: RegionCode,
    pub address: String,
    pub status: EmployerStatus,
    /// True for generated demo/benchmark records.
    #[serde(default)]
    pub synthetic: bool,
}

/// JKK risk class (tingkat risiko), 1–5 (PP 44/2015 Lampiran I).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct RiskClass(u8);

#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("JKK risk class must be 1 to 5, got {text:?}")]
pub struct RiskClassError {
    pub text: String,
}

impl RiskClass {
    pub fn new(n: u8) -> Result<RiskClass, RiskClassError> {
        if (1..=5).contains(&n) {
            Ok(RiskClass(n))
        } else {
            Err(RiskClassError {
                text: n.to_string(),
            })
        }
    }

    pub fn parse(text: &str) -> Result<RiskClass, RiskClassError> {
        text.trim()
            .parse::<u8>()
            .ok()
            .and_then(|n| RiskClass::new(n).ok())
            .ok_or_else(|| RiskClassError { text: text.into() })
    }

    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for RiskClass {
    type Error = RiskClassError;
    fn try_from(n: u8) -> Result<Self, Self::Error> {
        RiskClass::new(n)
    }
}

impl From<RiskClass> for u8 {
    fn from(r: RiskClass) -> u8 {
        r.0
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    Micro,
    Small,
    Medium,
    Large,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error(
    "size class must be micro, small, medium or large (mikro, kecil, menengah, besar), got {text:?}"
)]
pub struct SizeClassError {
    pub text: String,
}

impl SizeClass {
    pub fn parse(text: &str) -> Result<SizeClass, SizeClassError> {
        Ok(match text.trim().to_ascii_lowercase().as_str() {
            "micro" | "mikro" => SizeClass::Micro,
            "small" | "kecil" => SizeClass::Small,
            "medium" | "menengah" => SizeClass::Medium,
            "large" | "besar" => SizeClass::Large,
            _ => return Err(SizeClassError { text: text.into() }),
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            SizeClass::Micro => "micro",
            SizeClass::Small => "small",
            SizeClass::Medium => "medium",
            SizeClass::Large => "large",
        }
    }
}

impl fmt::Display for SizeClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EmployerStatus {
    Active,
    Inactive,
    Closed,
}

impl EmployerStatus {
    pub fn parse(text: &str) -> Option<EmployerStatus> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "active" | "aktif" => EmployerStatus::Active,
            "inactive" | "nonaktif" | "non-aktif" => EmployerStatus::Inactive,
            "closed" | "tutup" => EmployerStatus::Closed,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            EmployerStatus::Active => "active",
            EmployerStatus::Inactive => "inactive",
            EmployerStatus::Closed => "closed",
        }
    }
}
