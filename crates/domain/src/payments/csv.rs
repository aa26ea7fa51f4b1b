//! Reading payment files (CSV, UTF-8, `,` or `;`): every row is checked and every problem is
//! reported with its row (the header is row 1), column and value. A file with any problem
//! yields no rows: the caller writes nothing. The templates are documented in
//! docs/import-templates.md ("Payments").
//!
//! Contributions: `reference,payer_type,payer,month,paid_on,jkk,jkm,jht,jp,jkp,reverses`.
//! Benefits: `reference,kpj,program,benefit,claim_reference,paid_on,amount,reverses`.
//! A row with `reverses` set is a reversal of the payment with that reference: only
//! `reference` and `paid_on` are read, every other column must be empty (the reversal copies
//! the original's payer, programs and amounts).

use super::{
    BenefitKind, BenefitPayment, BenefitRow, ContributionPayment, ContributionRow, Entry, Issue,
    Payer,
};
use crate::ids::{Kpj, Npp};
use crate::model::SponsorCode;
use jamsos_rules::Rupiah;
use jamsos_rules::results::Program;
use jiff::civil::Date;
use std::collections::HashMap;

pub const CONTRIBUTION_COLUMNS: [&str; 11] = [
    "reference",
    "payer_type",
    "payer",
    "month",
    "paid_on",
    "jkk",
    "jkm",
    "jht",
    "jp",
    "jkp",
    "reverses",
];

pub const BENEFIT_COLUMNS: [&str; 8] = [
    "reference",
    "kpj",
    "program",
    "benefit",
    "claim_reference",
    "paid_on",
    "amount",
    "reverses",
];

/// The longest reference kept (payment and claim references are bank or case numbers).
const MAX_REFERENCE: usize = 64;

/// A file read into its header and rows of trimmed cells.
struct Sheet {
    rows: Vec<(usize, HashMap<&'static str, String>)>,
}

fn file_issue(message: impl Into<String>) -> Vec<Issue> {
    vec![Issue {
        row: 1,
        column: "(file)".to_owned(),
        value: String::new(),
        message: message.into(),
    }]
}

fn read(bytes: &[u8], expected: &[&'static str]) -> Result<Sheet, Vec<Issue>> {
    let text = std::str::from_utf8(bytes).map_err(|_| file_issue("not UTF-8 text"))?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text
        .lines()
        .next()
        .ok_or_else(|| file_issue("the file is empty: it needs a header row"))?;
    let delim = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut rdr = ::csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = rdr.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|c| c.trim().to_ascii_lowercase()).collect(),
        Some(Err(e)) => return Err(file_issue(format!("CSV: {e}"))),
        None => return Err(file_issue("the file is empty: it needs a header row")),
    };
    let mut issues = Vec::new();
    let list = expected.join(",");
    let mut pos: Vec<(&'static str, usize)> = Vec::new();
    for name in expected {
        match header.iter().position(|h| h == name) {
            Some(p) => pos.push((name, p)),
            None => issues.push(Issue {
                row: 1,
                column: (*name).to_owned(),
                value: String::new(),
                message: format!("missing column; expected columns: {list}"),
            }),
        }
    }
    for (i, h) in header.iter().enumerate() {
        if !expected.contains(&h.as_str()) {
            issues.push(Issue {
                row: 1,
                column: h.clone(),
                value: String::new(),
                message: format!("unknown column; expected columns: {list}"),
            });
        } else if header.iter().position(|x| x == h) != Some(i) {
            issues.push(Issue {
                row: 1,
                column: h.clone(),
                value: String::new(),
                message: "repeated column".to_owned(),
            });
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let mut rows = Vec::new();
    for (i, rec) in records.enumerate() {
        let row = i + 2;
        let rec = rec.map_err(|e| file_issue(format!("CSV row {row}: {e}")))?;
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cells = pos
            .iter()
            .map(|(name, p)| (*name, rec.get(*p).unwrap_or("").trim().to_owned()))
            .collect();
        rows.push((row, cells));
    }
    Ok(Sheet { rows })
}

/// Collects one row's problems.
struct Check<'a> {
    row: usize,
    cells: &'a HashMap<&'static str, String>,
    issues: &'a mut Vec<Issue>,
    failed: bool,
}

impl Check<'_> {
    fn get(&self, column: &str) -> &str {
        self.cells.get(column).map_or("", String::as_str)
    }

    fn fail(&mut self, column: &str, message: impl Into<String>) {
        self.failed = true;
        let value = self.get(column).to_owned();
        self.issues.push(Issue {
            row: self.row,
            column: column.to_owned(),
            value,
            message: message.into(),
        });
    }

    fn required(&mut self, column: &str) -> Option<String> {
        let v = self.get(column).to_owned();
        if v.is_empty() {
            self.fail(column, "required");
            None
        } else {
            Some(v)
        }
    }

    fn reference(&mut self, column: &str) -> Option<String> {
        let v = self.required(column)?;
        if v.len() > MAX_REFERENCE || v.chars().any(char::is_control) {
            self.fail(
                column,
                format!("a reference is at most {MAX_REFERENCE} printable characters"),
            );
            return None;
        }
        Some(v)
    }

    fn date(&mut self, column: &str) -> Option<Date> {
        let v = self.required(column)?;
        match v.parse::<Date>() {
            Ok(d) if v.len() == 10 => Some(d),
            _ => {
                self.fail(column, "not a date written YYYY-MM-DD");
                None
            }
        }
    }

    fn month(&mut self, column: &str) -> Option<Date> {
        let v = self.required(column)?;
        match jamsos_rules::input::parse_month(&v, column) {
            Ok(d) => Some(d),
            Err(_) => {
                self.fail(column, "not a month written YYYY-MM");
                None
            }
        }
    }

    /// Whole rupiah ≥ 0: digits, optionally grouped by 3 with `.` (`5.729.876`); `None` for an
    /// empty cell; `Some(Err)` already reported.
    fn rupiah(&mut self, column: &str) -> Option<Result<Rupiah, ()>> {
        let v = self.get(column).to_owned();
        if v.is_empty() {
            return None;
        }
        match parse_rupiah(&v) {
            Some(r) => Some(Ok(r)),
            None => {
                self.fail(
                    column,
                    "not a whole number of rupiah ≥ 0 (digits, optionally grouped with '.'; no decimals)",
                );
                Some(Err(()))
            }
        }
    }

    /// For a reversal: every column but these must be empty.
    fn only(&mut self, keep: &[&str], all: &[&'static str]) {
        for c in all {
            if !keep.contains(c) && !self.get(c).is_empty() {
                self.fail(
                    c,
                    "must be empty on a reversal row (a reversal copies the payment it cancels)",
                );
            }
        }
    }
}

/// `5729876`, `5.729.876` or `Rp5.729.876` → rupiah.
pub fn parse_rupiah(text: &str) -> Option<Rupiah> {
    let t = text.trim();
    let t = t.strip_prefix("Rp").unwrap_or(t).trim();
    let plain = if t.bytes().all(|b| b.is_ascii_digit()) {
        t.to_owned()
    } else {
        let groups: Vec<&str> = t.split('.').collect();
        let ok = groups.len() > 1
            && groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
            && groups.iter().skip(1).all(|g| g.len() == 3)
            && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
        if !ok {
            return None;
        }
        groups.concat()
    };
    if plain.is_empty() || plain.len() > 15 {
        return None;
    }
    plain.parse::<i64>().ok().map(Rupiah)
}

/// References must be unique within a file (the store also checks the ledger).
fn unique_reference(
    seen: &mut HashMap<String, usize>,
    c: &mut Check<'_>,
    reference: Option<&String>,
) {
    if let Some(r) = reference {
        if let Some(first) = seen.get(r) {
            c.fail("reference", format!("repeats the reference of row {first}"));
        } else {
            seen.insert(r.clone(), c.row);
        }
    }
}

fn reversal<T>(c: &mut Check<'_>, all: &[&'static str]) -> Option<Entry<T>> {
    c.only(&["reference", "paid_on", "reverses"], all);
    let reference = c.reference("reference");
    let paid_on = c.date("paid_on");
    let reverses = c.reference("reverses");
    if reference.is_some() && reference == reverses {
        c.fail("reverses", "a row cannot reverse itself");
    }
    Some(Entry::Reversal {
        reference: reference?,
        paid_on: paid_on?,
        reverses: reverses?,
    })
}

/// Reads a contributions file. `Err` holds every problem; then nothing may be written.
pub fn contributions(bytes: &[u8]) -> Result<Vec<ContributionRow>, Vec<Issue>> {
    ledger_rows(
        bytes,
        &CONTRIBUTION_COLUMNS,
        contribution_payment,
        |row, entry| ContributionRow { row, entry },
    )
}

/// The rows of a ledger file with `columns`: each a payment (read by `payment`) or, when
/// `reverses` is filled, the reversal of an earlier entry; references unique in the file.
fn ledger_rows<T, R>(
    bytes: &[u8],
    columns: &[&'static str],
    payment: fn(&mut Check<'_>) -> Option<Entry<T>>,
    make: fn(usize, Entry<T>) -> R,
) -> Result<Vec<R>, Vec<Issue>> {
    let sheet = read(bytes, columns)?;
    let mut issues = Vec::new();
    let mut out = Vec::new();
    let mut seen = HashMap::new();
    for (row, cells) in &sheet.rows {
        let mut c = Check {
            row: *row,
            cells,
            issues: &mut issues,
            failed: false,
        };
        let entry = if c.get("reverses").is_empty() {
            payment(&mut c)
        } else {
            reversal(&mut c, columns)
        };
        let reference = c.get("reference").to_owned();
        unique_reference(
            &mut seen,
            &mut c,
            Some(&reference).filter(|r| !r.is_empty()),
        );
        if let (Some(entry), false) = (entry, c.failed) {
            out.push(make(*row, entry));
        }
    }
    if sheet.rows.is_empty() {
        issues.extend(file_issue("the file has no data rows"));
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(issues)
    }
}

fn contribution_payment(c: &mut Check<'_>) -> Option<Entry<ContributionPayment>> {
    let reference = c.reference("reference");
    let payer_code = c.required("payer");
    let payer = match (
        c.get("payer_type").to_ascii_lowercase().as_str(),
        payer_code,
    ) {
        (_, None) => None,
        ("employer", Some(p)) => match Npp::parse(&p) {
            Ok(n) => Some(Payer::Employer(n)),
            Err(e) => {
                c.fail("payer", format!("an employer is named by its NPP: {e}"));
                None
            }
        },
        ("sponsor", Some(p)) => match SponsorCode::parse(&p) {
            Ok(s) => Some(Payer::Sponsor(s)),
            Err(e) => {
                c.fail("payer", e.to_string());
                None
            }
        },
        ("participant", Some(p)) => match Kpj::parse(&p) {
            Ok(k) => Some(Payer::Participant(k)),
            Err(e) => {
                c.fail("payer", format!("a participant is named by their KPJ: {e}"));
                None
            }
        },
        _ => {
            c.fail("payer_type", "expected employer, sponsor or participant");
            None
        }
    };
    let month = c.month("month");
    let paid_on = c.date("paid_on");
    let mut lines = Vec::new();
    let mut bad_amount = false;
    for p in Program::ALL {
        let col = p.code().to_ascii_lowercase();
        match c.rupiah(&col) {
            Some(Ok(a)) => lines.push((p, a)),
            Some(Err(())) => bad_amount = true,
            None => {}
        }
    }
    if lines.is_empty() && !bad_amount {
        c.fail(
            "jkk",
            "a payment needs an amount for at least one program (jkk, jkm, jht, jp, jkp)",
        );
    }
    Some(Entry::Payment(ContributionPayment {
        reference: reference?,
        payer: payer?,
        month: month?,
        paid_on: paid_on?,
        lines,
    }))
}

/// Reads a benefits file. `Err` holds every problem; then nothing may be written.
pub fn benefits(bytes: &[u8]) -> Result<Vec<BenefitRow>, Vec<Issue>> {
    ledger_rows(bytes, &BENEFIT_COLUMNS, benefit_payment, |row, entry| {
        BenefitRow { row, entry }
    })
}

fn benefit_payment(c: &mut Check<'_>) -> Option<Entry<BenefitPayment>> {
    let reference = c.reference("reference");
    let kpj = match c.required("kpj").map(|k| Kpj::parse(&k)) {
        Some(Ok(k)) => Some(k),
        Some(Err(e)) => {
            c.fail("kpj", e.to_string());
            None
        }
        None => None,
    };
    let program = match c.required("program") {
        Some(p) => {
            let p = Program::parse(&p.to_ascii_uppercase());
            if p.is_none() {
                c.fail("program", "expected JKK, JKM, JHT, JP or JKP");
            }
            p
        }
        None => None,
    };
    let benefit = match c.required("benefit") {
        Some(b) => {
            let k = BenefitKind::parse(&b);
            if k.is_none() {
                let all: Vec<&str> = BenefitKind::ALL.iter().map(|k| k.code()).collect();
                c.fail("benefit", format!("expected one of {}", all.join(", ")));
            }
            k
        }
        None => None,
    };
    if let (Some(p), Some(b)) = (program, benefit)
        && !b.programs().contains(&p)
    {
        let paid_by: Vec<&str> = b.programs().iter().map(|p| p.code()).collect();
        c.fail(
            "benefit",
            format!(
                "{} is not a {} benefit (paid by {})",
                b.code(),
                p.code(),
                paid_by.join(" or ")
            ),
        );
    }
    let claim_reference = c.reference("claim_reference");
    let paid_on = c.date("paid_on");
    let amount = match c.rupiah("amount") {
        Some(Ok(a)) => Some(a),
        Some(Err(())) => None,
        None => {
            c.fail("amount", "required: whole rupiah ≥ 0");
            None
        }
    };
    Some(Entry::Payment(BenefitPayment {
        reference: reference?,
        kpj: kpj?,
        program: program?,
        benefit: benefit?,
        claim_reference: claim_reference?,
        paid_on: paid_on?,
        amount: amount?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    const C_HEAD: &str = "reference,payer_type,payer,month,paid_on,jkk,jkm,jht,jp,jkp,reverses\n";
    const B_HEAD: &str = "reference,kpj,program,benefit,claim_reference,paid_on,amount,reverses\n";

    #[test]
    fn reads_a_valid_contributions_file() {
        let f = format!(
            "{C_HEAD}PAY-1,employer,00000001,2026-01,2026-02-10,13.752,17.189,,,\n\
             PAY-2,sponsor,pemprov-dki,2026-01,2026-02-12,10000,6800,,,\n\
             REV-1,,,,2026-03-01,,,,,,PAY-1\n"
        );
        let rows = contributions(f.as_bytes()).unwrap();
        assert_eq!(rows.len(), 3);
        match &rows[0].entry {
            Entry::Payment(p) => {
                assert_eq!(p.total(), Rupiah(30_941));
                assert_eq!(p.payer.kind(), "employer");
                assert_eq!(p.month, jiff::civil::date(2026, 1, 1));
            }
            e => panic!("{e:?}"),
        }
        match &rows[1].entry {
            Entry::Payment(p) => assert_eq!(p.payer.code(), "PEMPROV-DKI"),
            e => panic!("{e:?}"),
        }
        assert!(matches!(&rows[2].entry, Entry::Reversal { reverses, .. } if reverses == "PAY-1"));
        assert_eq!(rows[2].row, 4);
    }

    #[test]
    fn names_row_and_column_of_each_problem() {
        let f = format!(
            "{C_HEAD}PAY-1,employer,00000001,2026-01,2026-02-10,100,100,,,\n\
             PAY-2,boss,00000001,2026-13,2026-02-30,-5,,,,\n\
             PAY-1,employer,123,2026-01,2026-02-10,1,,,,\n\
             REV-1,employer,,,2026-03-01,,,,,,PAY-1\n"
        );
        let issues = contributions(f.as_bytes()).unwrap_err();
        let at = |row: usize, col: &str| issues.iter().any(|i| i.row == row && i.column == col);
        assert!(at(3, "payer_type"), "{issues:?}");
        assert!(at(3, "month"));
        assert!(at(3, "paid_on"));
        assert!(at(3, "jkk"));
        assert!(at(4, "payer"));
        assert!(at(4, "reference"), "a repeated reference: {issues:?}");
        assert!(
            at(5, "payer_type"),
            "a reversal names nothing but its target"
        );
        assert!(!issues.iter().any(|i| i.row == 2), "row 2 is fine");
    }

    #[test]
    fn benefits_check_kind_against_program() {
        let f = format!(
            "{B_HEAD}B-1,10000000001,JKM,death_lump_sum,CLM-1,2026-02-20,42000000,\n\
             B-2,10000000001,JHT,funeral,CLM-1,2026-02-20,10000000,\n\
             B-3,10000000001,JKM,funeral,CLM-1,2026-02-20,,\n"
        );
        let issues = benefits(f.as_bytes()).unwrap_err();
        assert_eq!(issues.len(), 2, "{issues:?}");
        assert_eq!((issues[0].row, issues[0].column.as_str()), (3, "benefit"));
        assert_eq!((issues[1].row, issues[1].column.as_str()), (4, "amount"));
        let ok =
            format!("{B_HEAD}B-1,10000000001,jkm,death_lump_sum,CLM-1,2026-02-20,42.000.000,\n");
        let rows = benefits(ok.as_bytes()).unwrap();
        match &rows[0].entry {
            Entry::Payment(b) => {
                assert_eq!(b.amount, Rupiah(42_000_000));
                assert_eq!(b.program, Program::Jkm);
            }
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn header_problems_are_row_one() {
        let issues = benefits(b"reference,kpj,programme\n").unwrap_err();
        assert!(issues.iter().all(|i| i.row == 1));
        assert!(issues.iter().any(|i| i.column == "programme"));
        assert!(issues.iter().any(|i| i.column == "amount"));
    }

    #[test]
    fn rupiah_forms() {
        assert_eq!(parse_rupiah("5.729.876"), Some(Rupiah(5_729_876)));
        assert_eq!(parse_rupiah("Rp16.800"), Some(Rupiah(16_800)));
        assert_eq!(parse_rupiah("0"), Some(Rupiah(0)));
        assert_eq!(parse_rupiah("5,5"), None);
        assert_eq!(parse_rupiah("57.29"), None);
        assert_eq!(parse_rupiah("-1"), None);
    }
}
