//! The printable PDF summary of a region, written directly with `pdf-writer` (typst's
//! low-level writer: a handful of small dependencies, no typesetting engine). A4 portrait,
//! the standard Helvetica fonts (nothing embedded; text reduced to ASCII in [`font`]), a flow
//! layout with page breaks and repeated table headers ([`layout`]), and the region's sections
//! ([`report`]) drawn from the same sheets as the CSV, XLSX and HTML exports.

pub mod font;
pub mod layout;
pub mod report;

pub use report::{PdfOptions, region_summary};
