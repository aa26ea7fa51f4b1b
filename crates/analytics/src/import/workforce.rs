//! Workforce potential: `region_code,sector,period,workers,vulnerable_workers,source`.
//!
//! Besides each cell, the file as a whole must not count anyone twice: the same region ×
//! sector × period twice, or a region and one inside it (or a section and one of its
//! divisions) for the same period, would be added together by the roll-up; such rows are
//! refused with the row they overlap.

use super::table::{Table, read};
use super::{Columns, ImportReport, ImportResult, RowCheck, RowError};
use crate::model::PotentialRecord;
use crate::period::StatPeriod;
use crate::region::{Level, RegionDirectory, RegionKey};
use crate::sector::Sector;
use std::collections::HashMap;

pub const COLUMNS: [&str; 6] = [
    "region_code",
    "sector",
    "period",
    "workers",
    "vulnerable_workers",
    "source",
];

/// Reads and validates a CSV/XLSX file.
pub fn import(bytes: &[u8], regions: &dyn RegionDirectory) -> ImportResult<PotentialRecord> {
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

pub fn validate(table: &Table, regions: &dyn RegionDirectory) -> ImportResult<PotentialRecord> {
    let mut report = ImportReport::default();
    let Some(cols) = Columns::find(table, &COLUMNS, &mut report) else {
        return Err(report);
    };
    let mut out: Vec<(usize, PotentialRecord)> = Vec::new();
    for (i, row) in table.rows.iter().enumerate() {
        if row.is_empty() {
            continue;
        }
        report.rows += 1;
        let mut ck = RowCheck {
            row: i + 2,
            report: &mut report,
            failed: false,
        };
        let region =
            ck.ident("region_code", cols.cell(row, 0))
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
        let sector = ck.ident("sector", cols.cell(row, 1)).and_then(|t| {
            if t.len() > 2 {
                ck.fail(
                    "sector",
                    t,
                    "a KBLI 2020 section letter or 2-digit division",
                );
                return None;
            }
            Sector::parse(t)
                .map_err(|e| ck.fail("sector", t, e.to_string()))
                .ok()
        });
        let period = ck.ident("period", cols.cell(row, 2)).and_then(|t| {
            StatPeriod::parse(t)
                .map_err(|e| ck.fail("period", t, e.to_string()))
                .ok()
        });
        let workers = ck.count("workers", cols.cell(row, 3));
        let vulnerable = ck.count("vulnerable_workers", cols.cell(row, 4));
        if let (Some(w), Some(v)) = (workers, vulnerable)
            && v > w
        {
            ck.fail(
                "vulnerable_workers",
                &v.to_string(),
                format!("more vulnerable workers than workers ({w})"),
            );
        }
        let source = cols.cell(row, 5).text().to_owned();
        if source.is_empty() {
            ck.fail(
                "source",
                "",
                "required: where the figure comes from (e.g. BPS Sakernas Agustus 2025)",
            );
        }
        if ck.failed {
            continue;
        }
        if let (Some(region), Some(sector), Some(period), Some(workers), Some(vulnerable_workers)) =
            (region, sector, period, workers, vulnerable)
        {
            out.push((
                i + 2,
                PotentialRecord {
                    region,
                    sector,
                    period,
                    workers,
                    vulnerable_workers,
                    source,
                },
            ));
        }
    }
    check_overlaps(&out, &mut report);
    report.valid = out.len();
    if report.is_ok() {
        Ok((out.into_iter().map(|(_, r)| r).collect(), report))
    } else {
        report.valid = 0;
        Err(report)
    }
}

pub(crate) fn check_overlaps(rows: &[(usize, PotentialRecord)], report: &mut ImportReport) {
    let mut seen: HashMap<(&RegionKey, Sector, StatPeriod), usize> = HashMap::new();
    for (row, r) in rows {
        if let Some(first) = seen.get(&(&r.region, r.sector, r.period)) {
            report.errors.push(RowError {
                row: *row,
                column: "(row)".to_owned(),
                value: format!("{} {} {}", r.region, r.sector, r.period),
                message: format!("same region, sector and period as row {first}"),
            });
        } else {
            seen.insert((&r.region, r.sector, r.period), *row);
        }
    }
    // From each row, look up its ancestors (regions and the sector's section): any hit is a
    // coarser row that already contains this one.
    let mut ancestors: Vec<RegionKey> = Vec::new();
    for (row, r) in rows {
        ancestors.clear();
        for level in [
            Level::Province,
            Level::Regency,
            Level::District,
            Level::Village,
        ] {
            if let Some(a) = r.region.at(level) {
                ancestors.push(a);
            }
        }
        let mut sectors = vec![r.sector];
        if let Sector::Division(_) = r.sector {
            sectors.push(Sector::Section(r.sector.section()));
        }
        for a in &ancestors {
            for s in &sectors {
                if a == &r.region && *s == r.sector {
                    continue;
                }
                if let Some(other) = seen.get(&(a, *s, r.period)) {
                    report.errors.push(RowError {
                        row: *row,
                        column: "(row)".to_owned(),
                        value: format!("{} {} {}", r.region, r.sector, r.period),
                        message: format!(
                            "overlaps row {other} ({a} {s}): give either the larger area/sector or its parts, not both"
                        ),
                    });
                }
            }
        }
    }
}
