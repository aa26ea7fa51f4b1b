//! Reading an import file's bytes into a header and rows of [`Cell`]s: format detection (XLSX
//! by its ZIP signature, otherwise CSV), CSV encoding checks (UTF-8 only, BOM stripped; UTF-16
//! and Windows-1252 named when seen), delimiter detection (`,` `;` or tab), and XLSX reading
//! with formula detection.

use super::cells::Cell;
use calamine::{Data, Reader, Xlsx};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashSet;
use std::io::Cursor;
use thiserror::Error;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    Csv,
    Xlsx,
}

impl FileFormat {
    /// XLSX files are ZIP archives (`PK\x03\x04`); anything else is read as CSV.
    pub fn detect(bytes: &[u8]) -> FileFormat {
        if bytes.starts_with(b"PK\x03\x04") {
            FileFormat::Xlsx
        } else {
            FileFormat::Csv
        }
    }
}

/// Why a whole file cannot be imported (no row was looked at, or the header is wrong).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum FileError {
    #[error("the file is empty")]
    Empty,
    #[error("the file has a header but no data rows")]
    NoRows,
    #[error(
        "the file is UTF-16 text (Excel \"Unicode Text\"); save it as \"CSV UTF-8 (Comma \
         delimited)\" or as .xlsx"
    )]
    Utf16,
    #[error(
        "the file is not UTF-8: line {line}, byte {column} is 0x{byte:02X}{}; save it as \"CSV \
         UTF-8 (Comma delimited)\" or as .xlsx",
        if *windows_1252 { " (it looks like Windows-1252/Latin-1, Excel's default \"CSV\" on Windows)" } else { "" }
    )]
    NotUtf8 {
        line: usize,
        column: usize,
        byte: u8,
        windows_1252: bool,
    },
    #[error("old Excel 97–2003 .xls files are not read; save the sheet as .xlsx or CSV UTF-8")]
    LegacyXls,
    #[error("the XLSX file cannot be read: {message}")]
    Xlsx { message: String },
    #[error("the XLSX file has no worksheet")]
    NoSheet,
    #[error("CSV error at line {line}: {message}")]
    Csv { line: u64, message: String },
    #[error("header cell {column} is not text; the first row must hold the column names")]
    HeaderNotText { column: usize },
    #[error("column {name:?} appears twice in the header")]
    DuplicateColumn { name: String },
    #[error(
        "required column(s) missing: {}; this template's columns are: {}",
        missing.join(", "), expected.join(", ")
    )]
    MissingColumns {
        missing: Vec<&'static str>,
        expected: Vec<&'static str>,
    },
    #[error(
        "unknown column(s): {}; this template's columns are: {} (Indonesian names are accepted \
         too, see docs/import-templates.md)",
        unknown.join(", "), expected.join(", ")
    )]
    UnknownColumns {
        unknown: Vec<String>,
        expected: Vec<&'static str>,
    },
    #[error("{0}")]
    Context(String),
}

impl FileError {
    pub fn code(&self) -> &'static str {
        match self {
            FileError::Empty => "empty_file",
            FileError::NoRows => "no_rows",
            FileError::Utf16 => "utf16",
            FileError::NotUtf8 { .. } => "not_utf8",
            FileError::LegacyXls => "legacy_xls",
            FileError::Xlsx { .. } => "xlsx",
            FileError::NoSheet => "no_sheet",
            FileError::Csv { .. } => "csv",
            FileError::HeaderNotText { .. } => "header_not_text",
            FileError::DuplicateColumn { .. } => "duplicate_column",
            FileError::MissingColumns { .. } => "missing_columns",
            FileError::UnknownColumns { .. } => "unknown_columns",
            FileError::Context(_) => "context",
        }
    }
}

/// Rows of an opened file. `next_row` hands each non-blank row to a closure together with its
/// row number as the user sees it (line in a CSV, row in the sheet; the header is row 1).
pub(crate) enum Table<'a> {
    Csv {
        reader: csv::Reader<&'a [u8]>,
        record: csv::ByteRecord,
    },
    Xlsx {
        range: calamine::Range<Data>,
        formulas: HashSet<(u32, u32)>,
        next: usize,
    },
}

/// What [`open`] found: the header cells, the rows, and facts for the report.
pub(crate) struct Opened<'a> {
    pub format: FileFormat,
    pub delimiter: Option<char>,
    pub headers: Vec<String>,
    pub table: Table<'a>,
    /// An estimate of the number of data rows, for progress bars.
    pub rows_hint: usize,
}

pub(crate) fn open(bytes: &[u8]) -> Result<Opened<'_>, FileError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(FileError::Empty);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FileError::LegacyXls);
    }
    match FileFormat::detect(bytes) {
        FileFormat::Xlsx => open_xlsx(bytes),
        FileFormat::Csv => open_csv(bytes),
    }
}

fn open_csv(bytes: &[u8]) -> Result<Opened<'_>, FileError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(FileError::Utf16);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let at = e.valid_up_to();
        let before = bytes.get(..at).unwrap_or(&[]);
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |p| p + 1);
        // UTF-16 without a BOM: ASCII text interleaved with NULs.
        if bytes.iter().take(200).filter(|b| **b == 0).count() > 20 {
            return Err(FileError::Utf16);
        }
        let byte = bytes.get(at).copied().unwrap_or(0);
        return Err(FileError::NotUtf8 {
            line,
            column: at - line_start + 1,
            byte,
            // Single high bytes among ASCII, as Windows-1252 writes é (0xE9) or ’ (0x92).
            windows_1252: byte >= 0x80 && !bytes.contains(&0),
        });
    }
    let delimiter = detect_delimiter(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let has_header = reader.read_byte_record(&mut record).map_err(csv_error)?;
    if !has_header {
        return Err(FileError::Empty);
    }
    let headers = record
        .iter()
        .map(|h| String::from_utf8_lossy(h).into_owned())
        .collect();
    let rows_hint = bytes.iter().filter(|b| **b == b'\n').count();
    Ok(Opened {
        format: FileFormat::Csv,
        delimiter: Some(char::from(delimiter)),
        headers,
        table: Table::Csv { reader, record },
        rows_hint,
    })
}

fn csv_error(e: csv::Error) -> FileError {
    FileError::Csv {
        line: e.position().map_or(0, |p| p.line()),
        message: e.to_string(),
    }
}

/// The most frequent of `,` `;` tab on the first line (outside quotes); `,` on a tie.
fn detect_delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in bytes.iter().take_while(|b| **b != b'\n') {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semi, tab] = counts;
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

fn open_xlsx(bytes: &[u8]) -> Result<Opened<'_>, FileError> {
    let xerr = |e: calamine::XlsxError| FileError::Xlsx {
        message: e.to_string(),
    };
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xerr)?;
    let sheet = book
        .sheet_names()
        .into_iter()
        .next()
        .ok_or(FileError::NoSheet)?;
    let range = book.worksheet_range(&sheet).map_err(xerr)?;
    // Formula positions are relative to the formula range's own start.
    let frange = book.worksheet_formula(&sheet).map_err(xerr)?;
    let fstart = frange.start().unwrap_or((0, 0));
    let formulas: HashSet<(u32, u32)> = frange
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .map(|(r, c, _)| (fstart.0 + r as u32, fstart.1 + c as u32))
        .collect();
    if range.is_empty() {
        return Err(FileError::Empty);
    }
    let mut headers = Vec::new();
    if let Some(row) = range.rows().next() {
        for (i, d) in row.iter().enumerate() {
            match d {
                Data::String(s) => headers.push(s.clone()),
                Data::Empty => headers.push(String::new()),
                _ => return Err(FileError::HeaderNotText { column: i + 1 }),
            }
        }
    }
    // Trailing empty header cells are formatting, not columns.
    while headers.last().is_some_and(|h| h.trim().is_empty()) {
        headers.pop();
    }
    let rows_hint = range.height().saturating_sub(1);
    Ok(Opened {
        format: FileFormat::Xlsx,
        delimiter: None,
        headers,
        table: Table::Xlsx {
            range,
            formulas,
            next: 1,
        },
        rows_hint,
    })
}

fn xlsx_cell(d: &Data) -> Cell<'_> {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s),
        Data::Int(i) => Cell::Int(*i),
        Data::Float(f) => Cell::Float(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            match Date::new(y as i16, m as i8, d as i8) {
                Ok(date) => Cell::Date(date),
                Err(_) => Cell::Error(format!("unreadable date serial {}", dt.as_f64())),
            }
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

impl Table<'_> {
    /// Calls `f` with the next non-blank row; `None` at the end. A CSV syntax error is returned
    /// as `Some(Err)` and ends reading.
    pub fn next_row<R>(
        &mut self,
        mut f: impl FnMut(usize, &[Cell<'_>]) -> R,
    ) -> Option<Result<R, FileError>> {
        match self {
            Table::Csv { reader, record } => loop {
                match reader.read_byte_record(record) {
                    Ok(false) => return None,
                    Err(e) => return Some(Err(csv_error(e))),
                    Ok(true) => {
                        let line = record.position().map_or(0, |p| p.line()) as usize;
                        // The file was checked to be UTF-8 and fields split at ASCII bytes.
                        let cells: Vec<Cell<'_>> = record
                            .iter()
                            .map(|b| match std::str::from_utf8(b) {
                                Ok("") => Cell::Empty,
                                Ok(s) => Cell::Text(s),
                                Err(_) => Cell::Error("invalid UTF-8".into()),
                            })
                            .collect();
                        if cells.iter().all(Cell::is_blank) {
                            continue;
                        }
                        return Some(Ok(f(line, &cells)));
                    }
                }
            },
            Table::Xlsx {
                range,
                formulas,
                next,
            } => loop {
                let start = range.start().unwrap_or((0, 0));
                let width = range.width();
                let i = *next;
                if i >= range.height() {
                    return None;
                }
                *next += 1;
                let abs_row = start.0 + i as u32;
                let cells: Vec<Cell<'_>> = (0..width)
                    .map(|c| {
                        let abs_col = start.1 + c as u32;
                        if formulas.contains(&(abs_row, abs_col)) {
                            Cell::Formula
                        } else {
                            range.get((i, c)).map_or(Cell::Empty, xlsx_cell)
                        }
                    })
                    .collect();
                if cells.iter().all(Cell::is_blank) {
                    continue;
                }
                return Some(Ok(f(abs_row as usize + 1, &cells)));
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,5;2;3"), b';');
        assert_eq!(detect_delimiter(b"a,b,c\n"), b',');
        assert_eq!(detect_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter(b"\"x;y\",b,c"), b',');
    }

    #[test]
    fn encodings() {
        assert_eq!(open(b"").err(), Some(FileError::Empty));
        assert_eq!(open(b" \n\r\n").err(), Some(FileError::Empty));
        assert_eq!(open(&[0xFF, 0xFE, b'n', 0]).err(), Some(FileError::Utf16));
        let latin = b"nik,name\n3173045203900001,Jos\xE9\n";
        assert_eq!(
            open(latin).err(),
            Some(FileError::NotUtf8 {
                line: 2,
                column: 21,
                byte: 0xE9,
                windows_1252: true
            })
        );
        let opened = open(b"\xEF\xBB\xBFnik;nama\n1;2\n").ok().unwrap();
        assert_eq!(opened.headers, ["nik", "nama"]);
        assert_eq!(opened.delimiter, Some(';'));
        assert_eq!(
            open(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]).err(),
            Some(FileError::LegacyXls)
        );
    }
}
