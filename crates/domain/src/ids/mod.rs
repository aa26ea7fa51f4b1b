//! Identifiers as newtypes whose only constructor is a fallible parse (engineering.md "parse,
//! don't validate"): once a value of these types exists it is well formed, so the rest of the
//! system never re-checks raw strings.

mod digits;
mod kbli;
mod nik;
mod numbers;
mod region_code;

pub use digits::DigitsError;
pub use kbli::{KbliCode, KbliError};
pub use nik::{Nik, NikError};
pub use numbers::{Kpj, Nib, Npp};
pub use region_code::{RegionCode, RegionCodeError, RegionLevel};
