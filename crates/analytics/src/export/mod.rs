//! Exports. Each result becomes one or more [`Sheet`]s (a title, column headings in Bahasa
//! Indonesia / English, typed cells), written as CSV, XLSX, HTML tables; [`svg`] draws charts
//! readable without JavaScript; [`html`] assembles a printable regional summary and [`pdf`]
//! writes it as a PDF.

pub mod flows_svg;
pub mod html;
pub mod pdf;
pub mod sheets;
pub mod svg;
pub mod xlsx;

use crate::ratio::Ratio;
use jamsos_rules::Rupiah;

/// A typed cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Count(u64),
    Money(Rupiah),
    Rate(Ratio),
    /// Hidden by k-anonymity suppression.
    Hidden,
    Empty,
}

impl Value {
    /// CSV text: plain numbers (no grouping), rates as percent with two decimals.
    pub fn csv_text(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Count(n) => n.to_string(),
            Value::Money(r) => r.get().to_string(),
            Value::Rate(r) => r
                .bp()
                .map_or(String::new(), |bp| format!("{}.{:02}", bp / 100, bp % 100)),
            Value::Hidden => "*".to_owned(),
            Value::Empty => String::new(),
        }
    }

    /// Display text in Bahasa Indonesia (`Rp16.800`, `51,23%`, `1.234`).
    pub fn display_id(&self) -> String {
        match self {
            Value::Text(t) => t.clone(),
            Value::Count(n) => {
                jamsos_rules::money::group_digits(i64::try_from(*n).unwrap_or(i64::MAX), '.')
            }
            Value::Money(r) => r.to_id_string(),
            Value::Rate(r) => r.percent_text_id(),
            Value::Hidden => "*".to_owned(),
            Value::Empty => String::new(),
        }
    }
}

/// A count that may be hidden.
pub fn shown(v: Option<u64>) -> Value {
    v.map_or(Value::Hidden, Value::Count)
}

/// A rate that may be absent (hidden or no denominator).
pub fn rate(v: Option<Ratio>) -> Value {
    v.map_or(Value::Empty, Value::Rate)
}

/// One table of a report.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    /// Sheet name (≤ 31 characters for XLSX).
    pub name: String,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
    /// Notes printed under the table (suppression, assumptions, sources).
    pub notes: Vec<String>,
}

impl Sheet {
    /// CSV with a header row; `*` marks a hidden count.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
        // Writing to a Vec cannot fail; errors would only come from the writer's own I/O.
        let _ = w.write_record(&self.columns);
        for row in &self.rows {
            let _ = w.write_record(row.iter().map(Value::csv_text));
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}
