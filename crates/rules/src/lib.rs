//! # jamsos-rules
//!
//! The rules of Indonesia's employment social security (BPJS Ketenagakerjaan: JKK, JKM, JHT,
//! JP, JKP) as dated, cited data, with calculations that explain themselves.
//!
//! This crate is pure: no I/O, no clock, no global state. Callers pass the parameter set and
//! the date; every result carries a trace (inputs, parameters with their legal basis, formulas
//! with numbers) when asked, and warnings whenever a value below high confidence was used.
//!
//! ```
//! use jamsos_rules::Engine;
//! let engine = Engine::embedded().expect("embedded parameters are valid");
//! let out = engine
//!     .calculate_json(br#"{"type":"contribution","date":"2026-03-01","segment":"PU","wage":5729876,"risk_class":1}"#, false)
//!     .expect("a valid scenario");
//! let json = serde_json::to_value(&out).unwrap();
//! assert_eq!(json["lines"][0]["program"], "JKK");
//! assert_eq!(json["lines"][0]["amount"], 13752);
//! ```
//!
//! Module map: [`money`], [`rate`] and [`rounding`] are the arithmetic and [`dates`] the calendar arithmetic; [`params`] holds the
//! regulations as data; [`trace`] records explanations and [`explain`] renders them as text;
//! [`contribution`], [`benefit`] and [`late_fine`] are the calculations; [`heirs`] orders the
//! *ahli waris*; [`employer_size`] says which programs an employer's size class must join;
//! [`engine`] dispatches a scenario.

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

pub mod benefit;
pub mod calendar;
pub mod contribution;
pub mod dates;
pub mod employer_size;
pub mod engine;
pub mod error;
pub mod explain;
pub mod heirs;
pub mod input;
pub mod late_fine;
pub mod money;
pub mod params;
pub mod rate;
pub mod results;
pub mod rounding;
pub mod trace;

pub use engine::Engine;
pub use error::CalcError;
pub use input::RawScenario;
pub use money::Rupiah;
pub use params::{ParamError, ParamSet};
pub use rate::Rate;
pub use results::{CalcResult, Outcome};
pub use trace::Lang;
