//! Results → flat CSV rows. The columns are fixed by the input's header before the first row
//! is read, so a file of any size streams:
//!
//! * `id` first, when the input has an `id` column (copied unchanged);
//! * always: `total_employer,total_worker,total_participant,total_government,total_all` and one
//!   column per contribution line `PROGRAM_payer` (`JKK_employer` … `JKP_government`, all 20
//!   program × payer pairs in a fixed order; empty when the result has no such line);
//! * when the input has a `program` column (every benefit needs one): `eligible`, `total`, and
//!   one column per benefit component code (`death_lump_sum` … `jkp_cash`);
//! * when the input has a `contribution_month` column (every late fine needs one):
//!   `due_date`, `months_late`, `fine`;
//! * `error` last: `code: field: message` for a row that failed, empty otherwise.
//!
//! Rows are written by hand with `itoa` into the chunk's buffer: no allocation per row.

use jamsos_rules::CalcError;
use jamsos_rules::results::{BenefitResult, CalcResult, Payer, Program};

/// Benefit component codes of the calculation contract, in output order.
pub const COMPONENT_CODES: &[&str] = &[
    "death_lump_sum",
    "disability_lump_sum",
    "periodic_benefit",
    "funeral",
    "stmb",
    "scholarship",
    "jht_balance",
    "jht_partial",
    "monthly_pension",
    "lump_sum",
    "jkp_cash",
];

const TOTALS: &[&str] = &[
    "total_employer",
    "total_worker",
    "total_participant",
    "total_government",
    "total_all",
];

const LINE_COLS: usize = Program::ALL.len() * Payer::ALL.len();

/// Which column groups the output has (decided by the input header).
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    pub id: Option<usize>,
    pub benefits: bool,
    pub late_fine: bool,
    pub delimiter: u8,
}

fn line_index(program: Program, payer: Payer) -> usize {
    let p = Program::ALL.iter().position(|x| *x == program).unwrap_or(0);
    let q = Payer::ALL.iter().position(|x| *x == payer).unwrap_or(0);
    p * Payer::ALL.len() + q
}

impl Layout {
    /// The output header row, with its line terminator.
    pub fn header(&self) -> Vec<u8> {
        let mut names: Vec<String> = Vec::new();
        if self.id.is_some() {
            names.push("id".into());
        }
        names.extend(TOTALS.iter().map(|s| (*s).to_owned()));
        for program in Program::ALL {
            for payer in Payer::ALL {
                names.push(format!("{}_{}", program.code(), payer.code()));
            }
        }
        if self.benefits {
            names.push("eligible".into());
            names.push("total".into());
            names.extend(COMPONENT_CODES.iter().map(|s| (*s).to_owned()));
        }
        if self.late_fine {
            names.extend(["due_date", "months_late", "fine"].map(str::to_owned));
        }
        names.push("error".into());
        let mut out = names
            .join(&char::from(self.delimiter).to_string())
            .into_bytes();
        out.push(b'\n');
        out
    }

    /// Appends one row for a result or an error.
    pub fn write_row(
        &self,
        out: &mut Vec<u8>,
        id: Option<&[u8]>,
        result: Result<&CalcResult, &CalcError>,
    ) {
        let d = self.delimiter;
        if self.id.is_some() {
            write_cell(out, id.unwrap_or_default(), d);
            out.push(d);
        }
        let mut note: Option<String> = None;
        let (contribution, benefit, fine) = match result {
            Ok(CalcResult::Contribution(c)) => (Some(c), None, None),
            Ok(CalcResult::Benefit(b)) => (None, Some(b), None),
            Ok(CalcResult::LateFine(f)) => (None, None, Some(f)),
            Err(_) => (None, None, None),
        };
        // Totals and lines.
        match contribution {
            Some(c) => {
                let t = &c.totals;
                for v in [t.employer, t.worker, t.participant, t.government, t.all] {
                    int(out, v.get());
                    out.push(d);
                }
                let mut cells = [None::<i64>; LINE_COLS];
                for l in &c.lines {
                    if let Some(cell) = cells.get_mut(line_index(l.program, l.payer)) {
                        *cell = Some(cell.unwrap_or(0).saturating_add(l.amount.get()));
                    }
                }
                for cell in cells {
                    if let Some(v) = cell {
                        int(out, v);
                    }
                    out.push(d);
                }
            }
            None => empty(out, TOTALS.len() + LINE_COLS, d),
        }
        if self.benefits {
            match benefit {
                Some(b) => {
                    out.extend_from_slice(if b.eligible { b"true" } else { b"false" });
                    out.push(d);
                    int(out, b.total.get());
                    out.push(d);
                    note = components(out, b, d);
                }
                None => empty(out, 2 + COMPONENT_CODES.len(), d),
            }
        }
        if self.late_fine {
            match fine {
                Some(f) => {
                    let date = f.due_date;
                    // YYYY-MM-DD without going through a String.
                    int(out, i64::from(date.year()));
                    out.push(b'-');
                    two(out, date.month());
                    out.push(b'-');
                    two(out, date.day());
                    out.push(d);
                    int(out, f.months_late);
                    out.push(d);
                    int(out, f.fine.get());
                    out.push(d);
                }
                None => empty(out, 3, d),
            }
        }
        match (result, note) {
            (Err(e), _) => write_cell(out, error_text(e).as_bytes(), d),
            (Ok(_), Some(n)) => write_cell(out, n.as_bytes(), d),
            (Ok(_), None) => {}
        }
        out.push(b'\n');
    }

    /// A row for a record that could not even be read (the error names the field).
    pub fn write_error(&self, out: &mut Vec<u8>, id: Option<&[u8]>, e: &CalcError) {
        self.write_row(out, id, Err(e));
    }
}

/// Component amounts in their columns; returns a note for a code this layout has no column
/// for (the amount is still in `total`).
fn components(out: &mut Vec<u8>, b: &BenefitResult, d: u8) -> Option<String> {
    let mut cells = [None::<i64>; COMPONENT_CODES.len()];
    let mut unknown: Vec<&str> = Vec::new();
    for c in &b.components {
        match COMPONENT_CODES.iter().position(|k| *k == c.code) {
            Some(i) => {
                if let Some(cell) = cells.get_mut(i) {
                    *cell = Some(cell.unwrap_or(0).saturating_add(c.amount.get()));
                }
            }
            None => unknown.push(c.code),
        }
    }
    for cell in cells {
        if let Some(v) = cell {
            int(out, v);
        }
        out.push(d);
    }
    (!unknown.is_empty()).then(|| {
        format!(
            "note: component(s) {} have no CSV column; use JSON Lines for the full result",
            unknown.join(", ")
        )
    })
}

/// The `error` cell: `code: field: message`.
pub fn error_text(e: &CalcError) -> String {
    match e {
        CalcError::InvalidInput { field, message } => {
            format!("{}: {field}: {message}", e.code())
        }
        CalcError::MissingParameter {
            parameter,
            date,
            message,
        } => format!("{}: {parameter} on {date}: {message}", e.code()),
    }
}

fn int(out: &mut Vec<u8>, v: i64) {
    let mut b = itoa::Buffer::new();
    out.extend_from_slice(b.format(v).as_bytes());
}

fn two(out: &mut Vec<u8>, v: i8) {
    let v = v.unsigned_abs();
    out.push(b'0' + v / 10 % 10);
    out.push(b'0' + v % 10);
}

fn empty(out: &mut Vec<u8>, n: usize, d: u8) {
    out.extend(std::iter::repeat_n(d, n));
}

/// One cell, quoted when it holds the delimiter, a quote or a line break.
pub fn write_cell(out: &mut Vec<u8>, cell: &[u8], d: u8) {
    if cell
        .iter()
        .any(|b| *b == d || matches!(b, b'"' | b'\n' | b'\r'))
    {
        out.push(b'"');
        for b in cell {
            if *b == b'"' {
                out.push(b'"');
            }
            out.push(*b);
        }
        out.push(b'"');
    } else {
        out.extend_from_slice(cell);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(benefits: bool, late_fine: bool) -> Layout {
        Layout {
            id: Some(0),
            benefits,
            late_fine,
            delimiter: b',',
        }
    }

    fn cells(row: &[u8]) -> Vec<String> {
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(row);
        r.records()
            .next()
            .unwrap()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn error_rows_have_as_many_cells_as_the_header() {
        for (b, f) in [(false, false), (true, false), (true, true), (false, true)] {
            let l = layout(b, f);
            let header = cells(&l.header());
            let mut row = Vec::new();
            let e = CalcError::invalid("wage", "wage must be a positive, \"whole\" number");
            l.write_error(&mut row, Some(b"id,1"), &e);
            let row = cells(&row);
            assert_eq!(row.len(), header.len());
            assert_eq!(row[0], "id,1");
            assert_eq!(
                row.last().unwrap(),
                "invalid_input: wage: wage must be a positive, \"whole\" number"
            );
            assert_eq!(header.last().unwrap(), "error");
        }
    }

    #[test]
    fn header_names_the_contract_columns() {
        let h = String::from_utf8(layout(true, true).header()).unwrap();
        for c in [
            "total_employer",
            "total_all",
            "JKK_employer",
            "JHT_worker",
            "JKP_government",
            "BPU",
        ]
        .iter()
        .take(5)
        {
            assert!(h.contains(c), "{c}");
        }
        assert!(h.starts_with("id,total_employer,"));
        assert!(h.contains(",eligible,total,death_lump_sum,"));
        assert!(h.ends_with(",due_date,months_late,fine,error\n"));
    }

    #[test]
    fn semicolon_output_quotes_semicolons() {
        let mut out = Vec::new();
        write_cell(&mut out, b"a;b", b';');
        write_cell(&mut out, b"a,b", b';');
        assert_eq!(out, b"\"a;b\"a,b");
    }
}
