//! # jamsos-domain
//!
//! The registry's domain: what an employer, a person, a membership and a family are, and the
//! identifiers that name them. Pure: no I/O, no clock, no database — the store and the CLI sit
//! on top and pass dates and bytes in.
//!
//! Module map:
//! - [`ids`]: identifiers as parse-only newtypes — [`Nik`], [`Kpj`], [`Npp`], [`Nib`],
//!   [`RegionCode`], [`KbliCode`] (engineering.md "parse, don't validate").
//! - [`regions`]: the embedded Kemendagri region list (Kepmendagri 300.2.2-2138/2025) with
//!   lookups and population figures.
//! - [`model`]: plain registry records (employer, person, membership, wage, sponsor, family).
//! - [`heirs`]: the legal order of *ahli waris* over a participant's family (regulations.md §4).
//! - [`import`]: worker-list templates, CSV/XLSX reading and row-by-row validation reports.
//! - [`campaign`]: outreach campaigns (region, sector, partner and pentahelix role) and their
//!   validation.
//! - [`audit`]: the hash-chained audit log (canonical bytes, hashing, verification).
//! - [`demo`]: deterministic synthetic data (West Jakarta and large populations).
//! - [`privacy`]: masking of NIKs and names for display (UU 27/2022).

#![forbid(unsafe_code)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]
#![cfg_attr(
    test,
    allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod audit;
pub mod campaign;
pub mod demo;
pub mod heirs;
pub mod ids;
pub mod import;
pub mod model;
pub mod payments;
pub mod privacy;
pub mod regions;

pub use ids::{
    DigitsError, KbliCode, KbliError, Kpj, Nib, Nik, NikError, Npp, RegionCode, RegionCodeError,
    RegionLevel,
};
pub use model::{
    Employer, FamilyMember, Membership, Person, Programs, Relation, Sex, SexError, Sponsor,
    SponsorCode, WageKind, WageRecord,
};
pub use regions::{Population, Region, Regions, regions};
