//! Records as the store accepts and returns them. The facts are jamsos-domain's model types;
//! the store wraps them in [`Stored`] with row id, version and timestamps, and adds what only
//! storage knows (review items, superseded wage rows).

use jamsos_domain::model::{
    CommunityRole, EmployerStatus, Programs, RiskClass, SizeClass, SponsorCode, WageKind,
};
use jamsos_domain::{KbliCode, Kpj, Nib, Nik, Npp, RegionCode};
use jamsos_rules::Rupiah;
use jamsos_rules::results::Segment;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};

pub use jamsos_domain::model::{Employer, FamilyMember, Membership, Person, Sponsor};

/// A domain record as stored: `record` plus storage metadata. `version` starts at 1 and grows
/// with each change; updates name the version they read (optimistic concurrency).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stored<T> {
    pub id: i64,
    #[serde(flatten)]
    pub record: T,
    pub created_at: String,
    pub updated_at: String,
    pub version: i64,
}

/// An employer to register: everything but the NPP, which the store generates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewEmployer {
    pub legal_name: String,
    pub nib: Option<Nib>,
    pub kbli: Option<KbliCode>,
    pub risk_class: RiskClass,
    pub size_class: SizeClass,
    pub region: RegionCode,
    pub address: String,
    pub status: EmployerStatus,
    #[serde(default)]
    pub synthetic: bool,
}

impl NewEmployer {
    pub fn with_npp(self, npp: Npp) -> Employer {
        Employer {
            npp,
            legal_name: self.legal_name,
            nib: self.nib,
            kbli: self.kbli,
            risk_class: self.risk_class,
            size_class: self.size_class,
            region: self.region,
            address: self.address,
            status: self.status,
            synthetic: self.synthetic,
        }
    }
}

/// What [`crate::Store::add_person`] did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum PersonOutcome {
    /// A new person record; `near_duplicates` lists review items opened because someone with
    /// the same name and birth date exists under another NIK.
    Created {
        person: Stored<Person>,
        near_duplicates: Vec<i64>,
    },
    /// The NIK exists with the same name, birth date and sex: that record is the person.
    Existing { person: Stored<Person> },
    /// The NIK exists with a different name, birth date or sex: nothing merged, a review item
    /// opened for an officer.
    Conflict {
        existing: Stored<Person>,
        review_id: i64,
    },
}

impl PersonOutcome {
    /// The person record the outcome is about.
    pub fn person(&self) -> &Stored<Person> {
        match self {
            PersonOutcome::Created { person, .. } | PersonOutcome::Existing { person } => person,
            PersonOutcome::Conflict { existing, .. } => existing,
        }
    }
}

/// A review item: a NIK conflict or a near-duplicate, for an officer to resolve.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Review {
    pub id: i64,
    /// `nik_conflict` or `near_duplicate`.
    pub kind: String,
    pub person_id: i64,
    pub other_person_id: Option<i64>,
    /// JSON of what the source claimed.
    pub claimed: String,
    pub source: String,
    pub import_id: Option<i64>,
    pub row_number: Option<i64>,
    pub status: String,
    pub created_at: String,
}

/// How to find persons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PersonQuery {
    Nik(Nik),
    Kpj(Kpj),
    /// Part of the name (compared on normalised names).
    Name(String),
}

/// A membership to open: everything but the KPJ, which the store generates.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMembership {
    pub person: Nik,
    /// The employer (PU) or contractor (Jakon); `None` for BPU and PMI.
    pub employer: Option<Npp>,
    #[serde(with = "jamsos_domain::model::segment_serde")]
    pub segment: Segment,
    pub programs: Programs,
    pub start: Date,
    pub sponsor: Option<SponsorCode>,
    pub occupation: Option<String>,
    pub role: Option<CommunityRole>,
    /// First wage (PU, Jakon) or declared income (BPU, PMI), in force from `start`.
    pub initial_amount: Option<Rupiah>,
    /// The sector of a membership without an employer (KBLI section or two-digit division).
    #[serde(default)]
    pub sector: Option<KbliCode>,
}

impl NewMembership {
    pub fn with_kpj(&self, kpj: Kpj) -> Membership {
        Membership {
            kpj,
            person: self.person,
            employer: self.employer,
            segment: self.segment,
            programs: self.programs,
            start: self.start,
            end: None,
            sponsor: self.sponsor.clone(),
            occupation: self.occupation.clone(),
            role: self.role,
            sector: self.sector.clone(),
        }
    }
}

/// One effective-dated wage (or declared income) period.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct WagePeriod {
    pub id: i64,
    pub effective_from: Date,
    /// The day before the next current period starts; `None` while open-ended. Derived, not
    /// stored.
    pub effective_to: Option<Date>,
    pub amount: Rupiah,
    pub kind: WageKind,
    pub recorded_at: String,
    pub recorded_by: String,
    pub reason: Option<String>,
    /// The row this one corrects, if it is a correction.
    pub supersedes: Option<i64>,
    /// When a later correction replaced this row (superseded rows stay for history).
    pub superseded_at: Option<String>,
}
