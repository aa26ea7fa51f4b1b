//! Reading a CSV or XLSX file into header + rows of cells. CSV: UTF-8, BOM stripped, `;` or
//! `,` (whichever the header uses). XLSX: the first sheet. A cell remembers whether the
//! spreadsheet stored it as a number, because identifier columns must refuse numbers (Excel
//! keeps 15 significant digits and drops leading zeros).

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// A spreadsheet number, as its text (an integer when it is whole).
    Number(String),
    Empty,
}

impl Cell {
    pub fn text(&self) -> &str {
        match self {
            Cell::Text(s) | Cell::Number(s) => s.trim(),
            Cell::Empty => "",
        }
    }
}

/// A table read from a file: the header (lower-cased, trimmed) and data rows.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Why a file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("the file is not UTF-8 text (save the CSV as UTF-8)")]
    NotUtf8,
    #[error("CSV: {0}")]
    Csv(String),
    #[error("XLSX: {0}")]
    Xlsx(String),
    #[error("the file is empty: it needs a header row")]
    Empty,
}

/// Reads `bytes` as XLSX when they are a zip archive, else as CSV.
pub fn read(bytes: &[u8]) -> Result<Table, ReadError> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else {
        read_csv(bytes)
    }
}

pub fn read_csv(bytes: &[u8]) -> Result<Table, ReadError> {
    let text = std::str::from_utf8(bytes).map_err(|_| ReadError::NotUtf8)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().ok_or(ReadError::Empty)?;
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    for (i, rec) in rdr.records().enumerate() {
        let rec = rec.map_err(|e| ReadError::Csv(e.to_string()))?;
        if i == 0 {
            table.header = rec.iter().map(|h| h.trim().to_ascii_lowercase()).collect();
        } else if rec.iter().any(|c| !c.trim().is_empty()) {
            table.rows.push(
                rec.iter()
                    .map(|c| {
                        if c.trim().is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(c.to_owned())
                        }
                    })
                    .collect(),
            );
        } else {
            // keep row numbering faithful to the file
            table.rows.push(Vec::new());
        }
    }
    if table.header.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(table)
}

pub fn read_xlsx(bytes: &[u8]) -> Result<Table, ReadError> {
    let mut wb: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let range = wb
        .worksheet_range_at(0)
        .ok_or(ReadError::Empty)?
        .map_err(|e| ReadError::Xlsx(e.to_string()))?;
    let mut table = Table::default();
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<Cell> = row.iter().map(cell_of).collect();
        if i == 0 {
            table.header = cells
                .iter()
                .map(|c| c.text().to_ascii_lowercase())
                .collect();
        } else if cells.iter().all(|c| *c == Cell::Empty) {
            table.rows.push(Vec::new());
        } else {
            table.rows.push(cells);
        }
    }
    if table.header.is_empty() {
        return Err(ReadError::Empty);
    }
    Ok(table)
}

fn cell_of(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(i.to_string()),
        Data::Float(f) => {
            // A whole number prints without ".0"; anything else as Rust prints it.
            if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 {
                Cell::Number(format!("{f:.0}"))
            } else {
                Cell::Number(f.to_string())
            }
        }
        Data::Bool(b) => Cell::Text(b.to_string()),
        other => Cell::Text(other.to_string()),
    }
}
