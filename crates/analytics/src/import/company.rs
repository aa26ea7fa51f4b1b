//! Company data: `nib,name,region_code,kbli,reported_workers,average_wage,npp` (`npp` empty
//! when unknown; `nib` empty when the report has none).

use super::table::{Table, read};
use super::{Columns, ImportReport, ImportResult, RowCheck, RowError};
use crate::compliance::CompanyReport;
use crate::region::{RegionDirectory, RegionKey};
use crate::sector::Sector;
use jamsos_rules::Rupiah;
use std::collections::HashMap;

pub const COLUMNS: [&str; 7] = [
    "nib",
    "name",
    "region_code",
    "kbli",
    "reported_workers",
    "average_wage",
    "npp",
];

pub fn import(bytes: &[u8], regions: &dyn RegionDirectory) -> ImportResult<CompanyReport> {
    match read(bytes) {
        Ok(t) => validate(&t, regions),
        Err(e) => Err(ImportReport {
            rows: 0,
            valid: 0,
            errors: vec![RowError {
                row: 0,
                column: "(file)".to_owned(),
                value: String::new(),
                message: e.to_string(),
            }],
        }),
    }
}

fn digits(ck: &mut RowCheck<'_>, column: &str, t: &str, len: usize, what: &str) -> Option<String> {
    if t.len() == len && t.bytes().all(|b| b.is_ascii_digit()) {
        Some(t.to_owned())
    } else {
        ck.fail(column, t, format!("{what} is {len} digits"));
        None
    }
}

pub fn validate(table: &Table, regions: &dyn RegionDirectory) -> ImportResult<CompanyReport> {
    let mut report = ImportReport::default();
    let Some(cols) = Columns::find(table, &COLUMNS, &mut report) else {
        return Err(report);
    };
    let mut out = Vec::new();
    let mut nibs: HashMap<String, usize> = HashMap::new();
    let mut npps: HashMap<String, usize> = HashMap::new();
    for (i, row) in table.rows.iter().enumerate() {
        if row.is_empty() {
            continue;
        }
        report.rows += 1;
        let rownum = i + 2;
        let mut ck = RowCheck {
            row: rownum,
            report: &mut report,
            failed: false,
        };
        let nib = ck.ident("nib", cols.cell(row, 0)).and_then(|t| {
            if t.is_empty() {
                None
            } else {
                digits(&mut ck, "nib", t, 13, "an NIB (Nomor Induk Berusaha)")
            }
        });
        let name = cols.cell(row, 1).text().to_owned();
        if name.is_empty() {
            ck.fail("name", "", "required: the company's name");
        }
        let region =
            ck.ident("region_code", cols.cell(row, 2))
                .and_then(|t| match RegionKey::parse(t) {
                    Ok(r) if regions.exists(&r) => Some(r),
                    Ok(_) => {
                        ck.fail("region_code", t, "not in the Kemendagri region list");
                        None
                    }
                    Err(e) => {
                        ck.fail("region_code", t, e.to_string());
                        None
                    }
                });
        let kbli = ck.ident("kbli", cols.cell(row, 3)).and_then(|t| {
            if !t.bytes().all(|b| b.is_ascii_digit()) {
                ck.fail("kbli", t, "a KBLI 2020 code is 2 to 5 digits");
                return None;
            }
            Sector::parse(t)
                .map(|s| (t.to_owned(), s))
                .map_err(|e| ck.fail("kbli", t, e.to_string()))
                .ok()
        });
        let workers = ck.count("reported_workers", cols.cell(row, 4));
        if workers == Some(0) {
            ck.fail(
                "reported_workers",
                "0",
                "a company report has at least one worker",
            );
        }
        let wage = ck.rupiah("average_wage", cols.cell(row, 5));
        let npp = ck.ident("npp", cols.cell(row, 6)).and_then(|t| {
            if t.is_empty() {
                None
            } else {
                digits(&mut ck, "npp", t, 8, "an NPP")
            }
        });
        if let Some(n) = &nib {
            if let Some(first) = nibs.get(n) {
                ck.fail("nib", n, format!("the same NIB as row {first}"));
            } else {
                nibs.insert(n.clone(), rownum);
            }
        }
        if let Some(n) = &npp {
            if let Some(first) = npps.get(n) {
                ck.fail("npp", n, format!("the same NPP as row {first}"));
            } else {
                npps.insert(n.clone(), rownum);
            }
        }
        if ck.failed {
            continue;
        }
        if let (Some(region), Some((kbli, sector)), Some(reported_workers), Some(wage)) =
            (region, kbli, workers, wage)
        {
            out.push(CompanyReport {
                row: rownum,
                nib,
                name,
                region,
                kbli,
                sector,
                reported_workers,
                average_wage: Rupiah(wage),
                npp,
            });
        }
    }
    if report.is_ok() {
        report.valid = out.len();
        Ok((out, report))
    } else {
        Err(report)
    }
}
