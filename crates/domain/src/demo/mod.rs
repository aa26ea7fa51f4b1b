//! Deterministic synthetic data: [`west_jakarta`] (a realistic, small registry for demos) and
//! [`generate`] (large streamed populations for benchmarks). Same seed, same data, on every
//! platform (own SplitMix64 generator). Every person and business is synthetic and flagged so.

mod analytics;
mod campaign;
mod files;
mod generate;
mod names;
mod payments;
mod people;
mod rng;
mod west_jakarta;

pub use analytics::{
    DemoCompany, DemoPotential, RegisteredEmployer, company_reports, workforce_potential,
};
pub use campaign::{TAMBORA_CAMPAIGN, tambora_campaign};
pub use files::{WORKER_LIST_HEADER, worker_list_csv};
pub use generate::{
    GenerateError, GenerateOptions, Generated, Generator, Participant, generate, generate_in,
};
pub use payments::{DemoPayments, HAND_OVER as JKM_HAND_OVER, payments};
pub use west_jakarta::{
    AS_OF as WEST_JAKARTA_AS_OF, HOME_GARMENT_WORKERS as WEST_JAKARTA_HOME_GARMENT_WORKERS,
    west_jakarta,
};

use crate::ids::{Kpj, Nik};
use crate::model::{Employer, FamilyMember, Membership, Person, Sponsor, WageRecord};
use jiff::civil::Date;
use serde::Serialize;

/// Stated on every demo dataset.
pub const SYNTHETIC_NOTE: &str = "SYNTHETIC DEMO DATA: every person and business here is \
    invented (synthetic: true); region codes and names are the real Kemendagri ones.";

/// A whole demo registry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DemoDataset {
    pub seed: u64,
    pub note: &'static str,
    pub sponsors: Vec<Sponsor>,
    pub employers: Vec<Employer>,
    pub persons: Vec<Person>,
    pub memberships: Vec<Membership>,
    pub wages: Vec<WageRecord>,
    pub family: Vec<FamilyMember>,
    pub deaths: Vec<DemoDeath>,
}

impl DemoDataset {
    fn empty(seed: u64) -> DemoDataset {
        DemoDataset {
            seed,
            note: SYNTHETIC_NOTE,
            sponsors: Vec::new(),
            employers: Vec::new(),
            persons: Vec::new(),
            memberships: Vec::new(),
            wages: Vec::new(),
            family: Vec::new(),
            deaths: Vec::new(),
        }
    }
}

/// A participant who died (their `Person::died_on` is set and the membership ended that day).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DemoDeath {
    pub participant: Nik,
    pub kpj: Kpj,
    pub died_on: Date,
    /// Work accident (JKK) or not (JKM).
    pub work_related: bool,
    pub story: String,
}
