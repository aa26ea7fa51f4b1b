//! # jamsos-analytics
//!
//! Coverage and compliance analytics for local governments: who is covered and who is not, by
//! region (village → district → city → province) and sector; which companies are unregistered
//! (PWBD) or only partly registered (PDS) and what they owe; what it costs a sponsor to cover
//! the uncovered vulnerable workers; outreach campaigns; reports and exports.
//!
//! The core is pure (no I/O, no clock): it works on aggregates ([`model`]) the store computes,
//! and every contribution or benefit amount comes from the rules engine through
//! [`rules_port::Rules`] — no rate is re-implemented here. Imports and exports are at the
//! edge of this crate ([`import`], [`export`]).
//!
//! Entry points for the doors (CLI now; API routes and the analyst's pages later):
//! [`coverage::coverage`] and [`coverage::trend`] (tables, suppression by
//! [`suppress::Policy`]), [`compliance::assess`] (PWBD/PDS and the outreach list),
//! [`budget::simulate`], [`campaign::report`], [`flows::report`]; [`export::sheets`] turns each
//! result into tables for [`export::xlsx`], CSV and [`export::html`]; [`export::svg`] draws the
//! charts; [`sql`] holds the store's queries and turns summary rows into aggregates.

pub mod budget;
pub mod budget_privacy;
pub mod campaign;
pub mod compliance;
pub mod compliance_batches;
pub mod coverage;
pub mod db;
pub mod db_coverage;
pub mod db_demo;
pub mod db_employers;
pub mod db_history;
pub mod db_load;
pub mod demo;
pub mod export;
pub mod flows;
pub mod flows_db;
pub mod flows_summary;
pub mod history;
pub mod import;
pub mod matching;
pub mod model;
pub mod period;
pub mod ratio;
pub mod region;
pub mod rules_port;
pub mod sector;
pub mod sql;
pub mod summary;
pub mod suppress;

pub use model::{EnrolledRecord, PotentialRecord, ProgramSet, Segment};
pub use period::{Month, StatPeriod};
pub use ratio::Ratio;
pub use region::{Level, RegionDirectory, RegionKey};
pub use sector::Sector;
