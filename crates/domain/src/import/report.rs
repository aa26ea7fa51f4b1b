//! The validation report: one [`Issue`] per problem (row, column, masked value, why), the
//! near-duplicates to review, and counts; plus the rejected-rows CSV an employer can fix and
//! send back.

use super::source::FileFormat;
use super::template::ImportKind;
use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The row cannot be imported.
    Error,
    /// The row can be imported but a person should look at it (near-duplicates).
    Warning,
}

/// One problem in one cell (or a whole row when `column` is `None`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// Row number as the user sees it (CSV line / sheet row; the header is row 1).
    pub row: usize,
    /// Canonical column name (`nik`, `birth_date`…) or the header as written if unknown.
    pub column: Option<String>,
    /// The cell value; NIK, name and phone values are masked (UU 27/2022).
    pub value: Option<String>,
    pub severity: Severity,
    /// Stable machine-readable reason (`unknown_district`, `numeric_cell`, `duplicate_nik`…).
    pub code: String,
    /// The reason for people.
    pub message: String,
}

/// Rows with the same normalised name and birth date but different NIKs: either a typo in a NIK
/// or one person holding two NIKs. Imported, but listed for review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NearDuplicate {
    pub first_row: usize,
    pub row: usize,
    pub masked_name: String,
    pub first_nik_masked: String,
    pub nik_masked: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub kind: ImportKind,
    pub format: FileFormat,
    pub delimiter: Option<char>,
    /// Non-blank data rows read.
    pub rows_read: usize,
    pub rows_valid: usize,
    pub rows_rejected: usize,
    pub issues: Vec<Issue>,
    pub near_duplicates: Vec<NearDuplicate>,
}

impl Report {
    /// True when every row is valid (warnings allowed).
    pub fn is_valid(&self) -> bool {
        self.rows_rejected == 0
    }

    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.severity == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues
            .iter()
            .filter(|i| i.severity == Severity::Warning)
    }
}

impl fmt::Display for Report {
    /// A plain-text summary followed by one line per issue.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} rows read: {} valid, {} rejected; {} error(s), {} warning(s)",
            self.rows_read,
            self.rows_valid,
            self.rows_rejected,
            self.errors().count(),
            self.warnings().count()
        )?;
        for i in &self.issues {
            let sev = match i.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            };
            write!(f, "row {}", i.row)?;
            if let Some(c) = &i.column {
                write!(f, ", column {c}")?;
            }
            if let Some(v) = &i.value {
                write!(f, ", value {v:?}")?;
            }
            writeln!(f, ": {sev} [{}] {}", i.code, i.message)?;
        }
        Ok(())
    }
}

/// A rejected row kept verbatim for the rejected-rows file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedRow {
    pub row: usize,
    pub cells: Vec<String>,
    pub reasons: Vec<String>,
}

/// The rejected rows as CSV (UTF-8 with BOM so Excel opens it right; the input's delimiter):
/// the original header plus `row` and `errors` columns, one line per rejected row, values
/// unmasked so the sender can correct them.
pub fn rejected_rows_csv(headers: &[String], rejected: &[RejectedRow], delimiter: u8) -> Vec<u8> {
    let mut out = vec![0xEF, 0xBB, 0xBF];
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_writer(&mut out);
        let mut head: Vec<&str> = vec!["row"];
        head.extend(headers.iter().map(String::as_str));
        head.push("errors");
        // Writing into a Vec cannot fail.
        let _ = w.write_record(&head);
        for r in rejected {
            let row = r.row.to_string();
            let reasons = r.reasons.join(" | ");
            let mut rec: Vec<&str> = vec![&row];
            rec.extend(r.cells.iter().map(String::as_str));
            rec.resize(headers.len() + 1, "");
            rec.push(&reasons);
            let _ = w.write_record(&rec);
        }
        let _ = w.flush();
    }
    out
}
