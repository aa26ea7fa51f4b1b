//! Memberships (kepesertaan): a person in a segment, with an employer (PU, Jakon) or alone
//! (BPU, PMI), possibly paid for by a sponsor; and the effective-dated wage or declared-income
//! history contributions are computed on.

use super::codes::{Programs, ProgramsError, segment_serde};
use crate::ids::{KbliCode, Kpj, Nik, Npp, RegionCode};
use jamsos_rules::Rupiah;
use jamsos_rules::results::Segment;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use thiserror::Error;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    pub kpj: Kpj,
    pub person: Nik,
    /// The employer for PU and Jakon; `None` for BPU and PMI.
    pub employer: Option<Npp>,
    #[serde(with = "segment_serde")]
    pub segment: Segment,
    pub programs: Programs,
    pub start: Date,
    /// Last day of membership (inclusive); `None` while active.
    pub end: Option<Date>,
    /// Who pays the contributions when it is neither the worker nor the employer.
    pub sponsor: Option<SponsorCode>,
    /// Free-text occupation (pekerjaan), e.g. "penjahit", "pedagang", "ketua RT".
    pub occupation: Option<String>,
    /// Community role a sponsor covers (RT/RW head, PPSU…).
    pub role: Option<CommunityRole>,
    /// The sector worked in (KBLI section letter or two-digit division), for a membership
    /// without an employer (BPU, PMI): coverage by sector counts it there. PU and Jakon take
    /// their employer's KBLI instead, so this stays `None` for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<KbliCode>,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum MembershipError {
    #[error("segment {segment} needs an employer (NPP)")]
    EmployerRequired { segment: &'static str },
    #[error("segment {segment} has no employer; remove the NPP (a paying government is a sponsor)")]
    EmployerNotAllowed { segment: &'static str },
    #[error("end date {end} is before start date {start}")]
    EndBeforeStart { start: Date, end: Date },
    #[error(
        "a sector is only recorded without an employer (PU and Jakon take the employer's KBLI)"
    )]
    SectorWithEmployer,
    #[error("sector {sector} must be a KBLI section letter or a two-digit division")]
    SectorShape { sector: String },
    #[error(transparent)]
    Programs(#[from] ProgramsError),
}

impl MembershipError {
    pub fn code(&self) -> &'static str {
        match self {
            MembershipError::EmployerRequired { .. } => "employer_required",
            MembershipError::EmployerNotAllowed { .. } => "employer_not_allowed",
            MembershipError::EndBeforeStart { .. } => "end_before_start",
            MembershipError::SectorWithEmployer => "sector_with_employer",
            MembershipError::SectorShape { .. } => "sector_shape",
            MembershipError::Programs(e) => e.code(),
        }
    }
}

impl Membership {
    /// Checks the membership's invariants: PU and Jakon have an employer, BPU and PMI none;
    /// programs allowed for the segment; end not before start; a sector (section or division)
    /// only without an employer.
    pub fn check(&self) -> Result<(), MembershipError> {
        check_segment(self.segment, self.employer.is_some(), &self.programs)?;
        check_sector(self.sector.as_ref(), self.employer.is_some())?;
        if let Some(end) = self.end
            && end < self.start
        {
            return Err(MembershipError::EndBeforeStart {
                start: self.start,
                end,
            });
        }
        Ok(())
    }

    /// Active on `date` (start ≤ date ≤ end).
    pub fn is_active_on(&self, date: Date) -> bool {
        self.start <= date && self.end.is_none_or(|e| date <= e)
    }
}

/// A membership's own sector: a section letter or two-digit division, and only when there is
/// no employer (whose KBLI gives the sector otherwise; the database refuses both at once).
pub fn check_sector(sector: Option<&KbliCode>, has_employer: bool) -> Result<(), MembershipError> {
    match sector {
        Some(_) if has_employer => Err(MembershipError::SectorWithEmployer),
        Some(s) if !s.is_sector() => Err(MembershipError::SectorShape {
            sector: s.to_string(),
        }),
        _ => Ok(()),
    }
}

/// The segment rules shared by [`Membership::check`] and the import validator.
pub fn check_segment(
    segment: Segment,
    has_employer: bool,
    programs: &Programs,
) -> Result<(), MembershipError> {
    match (segment, has_employer) {
        (Segment::Pu | Segment::Jakon, false) => {
            return Err(MembershipError::EmployerRequired {
                segment: segment.code(),
            });
        }
        (Segment::Bpu | Segment::Pmi, true) => {
            return Err(MembershipError::EmployerNotAllowed {
                segment: segment.code(),
            });
        }
        _ => {}
    }
    programs.check_for(segment)?;
    Ok(())
}

/// Wage (PU: upah, the contribution base) or declared income (BPU: penghasilan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WageKind {
    Wage,
    DeclaredIncome,
}

impl WageKind {
    pub fn code(self) -> &'static str {
        match self {
            WageKind::Wage => "wage",
            WageKind::DeclaredIncome => "declared_income",
        }
    }

    /// PU and Jakon report wages; BPU and PMI declare income.
    pub fn for_segment(segment: Segment) -> WageKind {
        match segment {
            Segment::Pu | Segment::Jakon => WageKind::Wage,
            Segment::Bpu | Segment::Pmi => WageKind::DeclaredIncome,
        }
    }
}

/// One step of a membership's wage history: `amount` applies from `effective_from` until the
/// next record's date.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WageRecord {
    pub kpj: Kpj,
    pub effective_from: Date,
    pub amount: Rupiah,
    pub kind: WageKind,
}

/// The wage in force on `date` in a history (any order), if one had started.
pub fn wage_on(history: &[WageRecord], date: Date) -> Option<&WageRecord> {
    history
        .iter()
        .filter(|w| w.effective_from <= date)
        .max_by_key(|w| w.effective_from)
}

/// A short stable code naming a sponsor, e.g. `PEMPROV-DKI` (upper-case letters, digits, `-`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct SponsorCode(Box<str>);

#[derive(Clone, Debug, PartialEq, Eq, Error)]
#[error("sponsor code must be 2–32 characters of A–Z, 0–9 and '-', got {text:?}")]
pub struct SponsorCodeError {
    pub text: String,
}

impl SponsorCode {
    /// Accepts lower case (upper-cased) and surrounding whitespace.
    pub fn parse(text: &str) -> Result<SponsorCode, SponsorCodeError> {
        let t = text.trim().to_ascii_uppercase();
        let ok = (2..=32).contains(&t.len())
            && t.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(SponsorCode(t.into()))
        } else {
            Err(SponsorCodeError { text: text.into() })
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for SponsorCode {
    type Error = SponsorCodeError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        SponsorCode::parse(&s)
    }
}

impl From<SponsorCode> for String {
    fn from(s: SponsorCode) -> String {
        s.0.into()
    }
}

impl std::fmt::Display for SponsorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A body paying contributions for others: a provincial or city government paying BPU
/// contributions for RT/RW heads and vulnerable workers (e.g. Kepgub DKI 642/2023), or a
/// company's CSR programme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sponsor {
    pub code: SponsorCode,
    pub name: String,
    pub kind: SponsorKind,
    /// The area it covers.
    pub region: RegionCode,
    /// The instrument under which it pays, e.g. "Kepgub DKI 642/2023".
    pub basis: Option<String>,
    /// The community roles it covers.
    pub covers: Vec<CommunityRole>,
    #[serde(default)]
    pub synthetic: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SponsorKind {
    ProvincialGovernment,
    CityGovernment,
    RegencyGovernment,
    VillageGovernment,
    Company,
    Other,
}

/// Community roles local governments cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommunityRole {
    /// Ketua RT (rukun tetangga, neighbourhood unit head).
    RtHead,
    /// Ketua RW (rukun warga, hamlet unit head).
    RwHead,
    /// PPSU: Jakarta's kelurahan-level public facilities crew.
    Ppsu,
    /// Other pekerja rentan (vulnerable worker).
    VulnerableWorker,
}

impl CommunityRole {
    pub fn parse(text: &str) -> Option<CommunityRole> {
        Some(
            match text
                .trim()
                .to_ascii_lowercase()
                .replace([' ', '-'], "_")
                .as_str()
            {
                "rt_head" | "ketua_rt" | "rt" => CommunityRole::RtHead,
                "rw_head" | "ketua_rw" | "rw" => CommunityRole::RwHead,
                "ppsu" => CommunityRole::Ppsu,
                "vulnerable_worker" | "pekerja_rentan" | "rentan" => {
                    CommunityRole::VulnerableWorker
                }
                _ => return None,
            },
        )
    }

    pub fn code(self) -> &'static str {
        match self {
            CommunityRole::RtHead => "rt_head",
            CommunityRole::RwHead => "rw_head",
            CommunityRole::Ppsu => "ppsu",
            CommunityRole::VulnerableWorker => "vulnerable_worker",
        }
    }
}
