//! Imports: workforce potential and company data, from CSV or XLSX. Every row is validated;
//! the report names the row (as the spreadsheet numbers it: the header is row 1), the column
//! and why. An import with any error yields no records: nothing is written unless the whole
//! file is valid.

pub mod company;
pub mod registry_files;
pub mod table;
pub mod workforce;

use serde::Serialize;
use table::{Cell, Table};

/// One problem in one cell (or row).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowError {
    /// The spreadsheet row number (header = 1).
    pub row: usize,
    /// The column name, or `(row)` for a problem with the row as a whole.
    pub column: String,
    pub value: String,
    pub message: String,
}

/// The outcome of validating a file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    pub rows: usize,
    pub valid: usize,
    pub errors: Vec<RowError>,
}

impl ImportReport {
    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// Readable lines, one per error: `row 3, column workers ("x"): not a whole number`.
    pub fn lines(&self) -> Vec<String> {
        self.errors
            .iter()
            .map(|e| {
                format!(
                    "row {}, column {} ({:?}): {}",
                    e.row, e.column, e.value, e.message
                )
            })
            .collect()
    }
}

/// The records of a valid file, or the report of an invalid one.
pub type ImportResult<T> = Result<(Vec<T>, ImportReport), ImportReport>;

/// Column positions, checked against the expected header.
pub(crate) struct Columns {
    pos: Vec<usize>,
}

impl Columns {
    /// Finds every expected column; missing ones are row-1 errors. Extra columns are refused
    /// too, so that a misspelt header is not silently ignored.
    pub(crate) fn find(
        table: &Table,
        expected: &[&str],
        report: &mut ImportReport,
    ) -> Option<Columns> {
        let mut pos = Vec::new();
        for name in expected {
            match table.header.iter().position(|h| h == name) {
                Some(p) => pos.push(p),
                None => report.errors.push(RowError {
                    row: 1,
                    column: (*name).to_owned(),
                    value: String::new(),
                    message: format!("missing column; expected columns: {}", expected.join(",")),
                }),
            }
        }
        for h in &table.header {
            if !expected.contains(&h.as_str()) {
                report.errors.push(RowError {
                    row: 1,
                    column: h.clone(),
                    value: String::new(),
                    message: format!("unknown column; expected columns: {}", expected.join(",")),
                });
            }
        }
        (pos.len() == expected.len()).then_some(Columns { pos })
    }

    pub(crate) fn cell<'t>(&self, row: &'t [Cell], i: usize) -> &'t Cell {
        static EMPTY: Cell = Cell::Empty;
        self.pos.get(i).and_then(|p| row.get(*p)).unwrap_or(&EMPTY)
    }
}

/// Collects a row's errors.
pub(crate) struct RowCheck<'r> {
    pub row: usize,
    pub report: &'r mut ImportReport,
    pub failed: bool,
}

impl RowCheck<'_> {
    pub(crate) fn fail(&mut self, column: &str, value: &str, message: impl Into<String>) {
        self.failed = true;
        self.report.errors.push(RowError {
            row: self.row,
            column: column.to_owned(),
            value: value.to_owned(),
            message: message.into(),
        });
    }

    /// An identifier column's text; refuses spreadsheet numbers.
    pub(crate) fn ident<'c>(&mut self, column: &str, cell: &'c Cell) -> Option<&'c str> {
        match cell {
            Cell::Number(n) => {
                self.fail(
                    column,
                    n,
                    "typed as a number: Excel keeps only 15 significant digits and drops leading zeros; format the column as text",
                );
                None
            }
            c => Some(c.text()),
        }
    }

    /// A whole, non-negative count.
    pub(crate) fn count(&mut self, column: &str, cell: &Cell) -> Option<u64> {
        let t = cell.text();
        if t.is_empty() {
            self.fail(column, t, "required: a whole number ≥ 0");
            return None;
        }
        match t.parse::<u64>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.fail(column, t, "not a whole number ≥ 0");
                None
            }
        }
    }

    /// Whole rupiah > 0: digits, optionally grouped by 3 with `.` or `,` (`5.729.876`).
    pub(crate) fn rupiah(&mut self, column: &str, cell: &Cell) -> Option<i64> {
        let t = cell.text();
        let t2 = t.strip_prefix("Rp").unwrap_or(t).trim();
        let plain: Option<String> = if t2.bytes().all(|b| b.is_ascii_digit()) {
            Some(t2.to_owned())
        } else {
            let sep = if t2.contains('.') { '.' } else { ',' };
            let groups: Vec<&str> = t2.split(sep).collect();
            let ok = groups.len() > 1
                && groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
                && groups.iter().skip(1).all(|g| g.len() == 3)
                && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
            ok.then(|| groups.concat())
        };
        match plain.and_then(|p| p.parse::<i64>().ok()) {
            Some(v) if v > 0 => Some(v),
            _ => {
                self.fail(column, t, "not a whole number of rupiah > 0 (no decimals)");
                None
            }
        }
    }
}
