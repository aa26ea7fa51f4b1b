//! Imports of worker lists (from employers) and sponsored vulnerable-worker lists (from local
//! governments), as CSV or XLSX. Pure over bytes: the store decides what to write.
//!
//! Two ways in:
//! - [`parse`] reads and validates a whole file, returning the valid rows, the rejected rows
//!   and a [`Report`] (every problem with its row, column and masked value);
//! - [`Importer`] streams the same outcomes row by row (memory-bounded, with a row-count hint
//!   for progress bars) and produces the report at [`Importer::finish`].
//!
//! The templates are documented in docs/import-templates.md and defined in [`template`].

mod cells;
mod duplicates;
mod report;
mod row;
mod source;
pub mod template;

pub use report::{Issue, NearDuplicate, RejectedRow, Report, Severity, rejected_rows_csv};
pub use row::{ImportContext, ImportRow};
pub use source::{FileError, FileFormat};
pub use template::{Column, ColumnSpec, ImportKind};

use duplicates::Duplicates;
use row::Validator;
use source::Table;

/// The outcome for one data row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowOutcome {
    /// The row can be imported; `warnings` (near-duplicates) are for review.
    Valid {
        row: Box<ImportRow>,
        warnings: Vec<Issue>,
    },
    /// The row cannot be imported, for the reasons in `issues`.
    Rejected {
        row: RejectedRow,
        issues: Vec<Issue>,
    },
}

/// Streams a file's rows through validation and duplicate detection.
pub struct Importer<'a> {
    table: Table<'a>,
    validator: Validator,
    duplicates: Duplicates,
    headers: Vec<String>,
    report: Report,
    rows_hint: usize,
    failed: bool,
}

impl std::fmt::Debug for Importer<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Importer")
            .field("kind", &self.report.kind)
            .field("format", &self.report.format)
            .field("rows_read", &self.report.rows_read)
            .finish()
    }
}

impl<'a> Importer<'a> {
    /// Opens a file and checks its header against the template of `kind`. Fails for empty
    /// files, wrong encodings, unreadable XLSX, and missing, unknown or repeated columns.
    pub fn open(
        bytes: &'a [u8],
        kind: ImportKind,
        context: ImportContext,
    ) -> Result<Self, FileError> {
        let opened = source::open(bytes)?;
        let mut positions = [None; Column::COUNT];
        let mut unknown = Vec::new();
        for (i, h) in opened.headers.iter().enumerate() {
            if h.trim().is_empty() {
                unknown.push(format!("(empty header in column {})", i + 1));
                continue;
            }
            // The rejected-rows file adds these two; accepting them lets it be re-imported as is.
            if matches!(template::normalize_header(h).as_str(), "row" | "errors") {
                continue;
            }
            match template::match_header(kind, h) {
                Some(col) => {
                    let slot = positions.get_mut(col.index());
                    match slot {
                        Some(Some(_)) => {
                            return Err(FileError::DuplicateColumn { name: h.clone() });
                        }
                        Some(s) => *s = Some(i),
                        None => {}
                    }
                }
                None => unknown.push(h.clone()),
            }
        }
        let expected: Vec<&'static str> = kind.columns().iter().map(|s| s.column.name()).collect();
        if !unknown.is_empty() {
            return Err(FileError::UnknownColumns { unknown, expected });
        }
        let missing: Vec<&'static str> = kind
            .columns()
            .iter()
            .filter(|s| s.required && positions.get(s.column.index()).copied().flatten().is_none())
            .map(|s| s.column.name())
            .collect();
        if !missing.is_empty() {
            return Err(FileError::MissingColumns { missing, expected });
        }
        let has = |c: Column| positions.get(c.index()).copied().flatten().is_some();
        match kind {
            ImportKind::Workers if context.employer.is_none() && !has(Column::Npp) => {
                return Err(FileError::Context(
                    "a worker list needs its employer: give the NPP for the whole import or an \
                     npp column"
                        .into(),
                ));
            }
            ImportKind::Sponsored if context.sponsor.is_none() && !has(Column::Sponsor) => {
                return Err(FileError::Context(
                    "a sponsored list needs its sponsor: give the sponsor code for the whole \
                     import or a sponsor column"
                        .into(),
                ));
            }
            _ => {}
        }
        let width = opened.headers.len();
        Ok(Importer {
            table: opened.table,
            validator: Validator {
                kind,
                context,
                positions,
                width,
            },
            duplicates: Duplicates::default(),
            headers: opened.headers,
            report: Report {
                kind,
                format: opened.format,
                delimiter: opened.delimiter,
                rows_read: 0,
                rows_valid: 0,
                rows_rejected: 0,
                issues: Vec::new(),
                near_duplicates: Vec::new(),
            },
            rows_hint: opened.rows_hint,
            failed: false,
        })
    }

    /// The header as written in the file.
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    pub fn format(&self) -> FileFormat {
        self.report.format
    }

    /// An estimate of the number of data rows (for a progress bar).
    pub fn rows_hint(&self) -> usize {
        self.rows_hint
    }

    /// The report so far; complete after the last row.
    pub fn report(&self) -> &Report {
        &self.report
    }

    /// Ends the import: the report, or [`FileError::NoRows`] if the file had no data row.
    pub fn finish(self) -> Result<Report, FileError> {
        if self.report.rows_read == 0 && !self.failed {
            return Err(FileError::NoRows);
        }
        Ok(self.report)
    }

    /// The next row's outcome; `Some(Err)` on a CSV syntax error, after which reading stops.
    pub fn next_row(&mut self) -> Option<Result<RowOutcome, FileError>> {
        if self.failed {
            return None;
        }
        let validator = &self.validator;
        let duplicates = &mut self.duplicates;
        let width = self.headers.len();
        let step = self.table.next_row(|number, cells| {
            let result = validator.validate(number, cells);
            match result {
                Ok(row) => {
                    let (issues, near) = duplicates.check(&row);
                    if issues.iter().any(|i| i.severity == Severity::Error) {
                        (Err((number, raw_cells(cells, width), issues)), None)
                    } else {
                        (Ok((row, issues)), near)
                    }
                }
                Err(issues) => (Err((number, raw_cells(cells, width), issues)), None),
            }
        });
        let (result, near) = match step? {
            Ok(x) => x,
            Err(e) => {
                self.failed = true;
                return Some(Err(e));
            }
        };
        self.report.rows_read += 1;
        self.report.near_duplicates.extend(near);
        Some(Ok(match result {
            Ok((row, warnings)) => {
                self.report.rows_valid += 1;
                self.report.issues.extend(warnings.iter().cloned());
                RowOutcome::Valid {
                    row: Box::new(row),
                    warnings,
                }
            }
            Err((number, cells, issues)) => {
                self.report.rows_rejected += 1;
                self.report.issues.extend(issues.iter().cloned());
                RowOutcome::Rejected {
                    row: RejectedRow {
                        row: number,
                        cells,
                        reasons: issues
                            .iter()
                            .filter(|i| i.severity == Severity::Error)
                            .map(|i| match &i.column {
                                Some(c) => format!("{c}: {}", i.message),
                                None => i.message.clone(),
                            })
                            .collect(),
                    },
                    issues,
                }
            }
        }))
    }
}

impl Iterator for Importer<'_> {
    type Item = Result<RowOutcome, FileError>;
    fn next(&mut self) -> Option<Self::Item> {
        self.next_row()
    }
}

fn raw_cells(cells: &[cells::Cell<'_>], width: usize) -> Vec<String> {
    cells
        .iter()
        .take(width.max(cells.len()))
        .map(|c| c.display().into_owned())
        .collect()
}

/// A whole file, validated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parsed {
    pub headers: Vec<String>,
    pub rows: Vec<ImportRow>,
    pub rejected: Vec<RejectedRow>,
    pub report: Report,
}

impl Parsed {
    /// The rejected rows as a CSV to send back (see [`rejected_rows_csv`]).
    pub fn rejected_csv(&self) -> Vec<u8> {
        let delimiter = self.report.delimiter.map_or(b',', |c| c as u8);
        rejected_rows_csv(&self.headers, &self.rejected, delimiter)
    }
}

/// Reads and validates a whole file in memory.
pub fn parse(bytes: &[u8], kind: ImportKind, context: ImportContext) -> Result<Parsed, FileError> {
    let mut importer = Importer::open(bytes, kind, context)?;
    let mut rows = Vec::with_capacity(importer.rows_hint().min(1 << 20));
    let mut rejected = Vec::new();
    while let Some(outcome) = importer.next_row() {
        match outcome? {
            RowOutcome::Valid { row, .. } => rows.push(*row),
            RowOutcome::Rejected { row, .. } => rejected.push(row),
        }
    }
    let headers = importer.headers().to_vec();
    let report = importer.finish()?;
    Ok(Parsed {
        headers,
        rows,
        rejected,
        report,
    })
}
