//! File forms of the registry aggregates, for the command line before (and besides) the
//! database: active participants, employers, their workers' wages, campaigns and tagged
//! enrolments. Same standards as every import: each row checked, row/column/why reported,
//! nothing returned unless the whole file is valid.
//!
//! * enrolled: `region_code,sector,month,segment,vulnerable,programs,count`
//! * employers: `npp,nib,name,region_code,risk_class,programs`
//! * wages: `npp,wage,workers` (how many active workers at each registered wage)
//! * campaigns: `id,name,region_code,sector,partner,role,start,end`
//! * tagged: `campaign_id,month,vulnerable`

use super::table::{Cell, Table, read};
use super::{Columns, ImportReport, ImportResult, RowCheck, RowError};
use crate::campaign::{Campaign, PentahelixRole, TaggedEnrolment};
use crate::model::{EnrolledRecord, ProgramSet, Segment};
use crate::period::Month;
use crate::region::{RegionDirectory, RegionKey};
use crate::sector::Sector;

/// An employer as listed (wage statistics come from the wages file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmployerRow {
    pub npp: String,
    pub nib: Option<String>,
    pub name: String,
    pub region: RegionKey,
    pub risk_class: u8,
    pub programs: ProgramSet,
}

/// `wage × workers` for one employer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WageRow {
    pub npp: String,
    pub wage: i64,
    pub workers: u64,
}

fn run<T>(
    bytes: &[u8],
    columns: &[&str],
    mut each: impl FnMut(&mut RowCheck<'_>, &dyn Fn(usize) -> Cell) -> Option<T>,
) -> ImportResult<T> {
    let table: Table = read(bytes).map_err(|e| ImportReport {
        rows: 0,
        valid: 0,
        errors: vec![RowError {
            row: 0,
            column: "(file)".to_owned(),
            value: String::new(),
            message: e.to_string(),
        }],
    })?;
    let mut report = ImportReport::default();
    let Some(cols) = Columns::find(&table, columns, &mut report) else {
        return Err(report);
    };
    let mut out = Vec::new();
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
        let get = |c: usize| cols.cell(row, c).clone();
        let item = each(&mut ck, &get);
        if !ck.failed
            && let Some(item) = item
        {
            out.push(item);
        }
    }
    if report.is_ok() {
        report.valid = out.len();
        Ok((out, report))
    } else {
        Err(report)
    }
}

fn region(ck: &mut RowCheck<'_>, dir: &dyn RegionDirectory, cell: &Cell) -> Option<RegionKey> {
    let t = ck.ident("region_code", cell)?;
    match RegionKey::parse(t) {
        Ok(r) if dir.exists(&r) => Some(r),
        Ok(_) => {
            ck.fail("region_code", t, "not in the Kemendagri region list");
            None
        }
        Err(e) => {
            ck.fail("region_code", t, e.to_string());
            None
        }
    }
}

fn month(ck: &mut RowCheck<'_>, column: &str, cell: &Cell) -> Option<Month> {
    let t = cell.text();
    Month::parse(t)
        .map_err(|e| ck.fail(column, t, e.to_string()))
        .ok()
}

fn flag(ck: &mut RowCheck<'_>, column: &str, cell: &Cell) -> Option<bool> {
    match cell.text().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "ya" => Some(true),
        "0" | "false" | "no" | "tidak" => Some(false),
        t => {
            ck.fail(column, t, "write true or false");
            None
        }
    }
}

fn programs(ck: &mut RowCheck<'_>, cell: &Cell) -> Option<ProgramSet> {
    let t = cell.text();
    ProgramSet::parse(t)
        .map_err(|e| ck.fail("programs", t, e))
        .ok()
}

fn opt_sector(ck: &mut RowCheck<'_>, cell: &Cell) -> Option<Option<Sector>> {
    let t = cell.text();
    if t.is_empty() {
        return Some(None);
    }
    Sector::parse(t)
        .map(Some)
        .map_err(|e| ck.fail("sector", t, e.to_string()))
        .ok()
}

pub fn enrolled(bytes: &[u8], dir: &dyn RegionDirectory) -> ImportResult<EnrolledRecord> {
    let cols = [
        "region_code",
        "sector",
        "month",
        "segment",
        "vulnerable",
        "programs",
        "count",
    ];
    run(bytes, &cols, |ck, c| {
        let region = region(ck, dir, &c(0));
        let sector = opt_sector(ck, &c(1));
        let month = month(ck, "month", &c(2));
        let seg_text = c(3).text().to_owned();
        let segment = Segment::parse(&seg_text);
        if segment.is_none() {
            ck.fail("segment", &seg_text, "PU, BPU, JAKON or PMI");
        }
        let vulnerable = flag(ck, "vulnerable", &c(4));
        let programs = programs(ck, &c(5));
        let count = ck.count("count", &c(6));
        Some(EnrolledRecord {
            region: region?,
            sector: sector?,
            month: month?,
            segment: segment?,
            vulnerable: vulnerable?,
            programs: programs?,
            count: count?,
        })
    })
}

pub fn employers(bytes: &[u8], dir: &dyn RegionDirectory) -> ImportResult<EmployerRow> {
    let cols = [
        "npp",
        "nib",
        "name",
        "region_code",
        "risk_class",
        "programs",
    ];
    run(bytes, &cols, |ck, c| {
        let npp = ck.ident("npp", &c(0)).map(str::to_owned);
        if let Some(n) = &npp
            && (n.len() != 8 || !n.bytes().all(|b| b.is_ascii_digit()))
        {
            ck.fail("npp", n, "an NPP is 8 digits");
        }
        let nib = ck
            .ident("nib", &c(1))
            .filter(|t| !t.is_empty())
            .map(str::to_owned);
        let name = c(2).text().to_owned();
        if name.is_empty() {
            ck.fail("name", "", "required");
        }
        let region = region(ck, dir, &c(3));
        let risk = c(4).text().to_owned();
        let risk_class = match risk.parse::<u8>() {
            Ok(r @ 1..=5) => Some(r),
            _ => {
                ck.fail("risk_class", &risk, "a JKK risk class 1 to 5");
                None
            }
        };
        let programs = programs(ck, &c(5));
        Some(EmployerRow {
            npp: npp?,
            nib,
            name,
            region: region?,
            risk_class: risk_class?,
            programs: programs?,
        })
    })
}

pub fn wages(bytes: &[u8]) -> ImportResult<WageRow> {
    run(bytes, &["npp", "wage", "workers"], |ck, c| {
        let npp = ck.ident("npp", &c(0)).map(str::to_owned);
        let wage = ck.rupiah("wage", &c(1));
        let workers = ck.count("workers", &c(2));
        Some(WageRow {
            npp: npp?,
            wage: wage?,
            workers: workers?,
        })
    })
}

pub fn campaigns(bytes: &[u8], dir: &dyn RegionDirectory) -> ImportResult<Campaign> {
    let cols = [
        "id",
        "name",
        "region_code",
        "sector",
        "partner",
        "role",
        "start",
        "end",
    ];
    run(bytes, &cols, |ck, c| {
        let id = c(0).text().to_owned();
        if id.is_empty() {
            ck.fail("id", "", "required");
        }
        let region = region(ck, dir, &c(2));
        let sector = opt_sector(ck, &c(3));
        let role_text = c(5).text().to_owned();
        let role = PentahelixRole::parse(&role_text);
        if role.is_none() {
            ck.fail(
                "role",
                &role_text,
                "government, business, academia, community or media",
            );
        }
        let start = month(ck, "start", &c(6));
        let end = if c(7).text().is_empty() {
            Some(None)
        } else {
            month(ck, "end", &c(7)).map(Some)
        };
        Some(Campaign {
            id,
            name: c(1).text().to_owned(),
            region: region?,
            sector: sector?,
            partner: c(4).text().to_owned(),
            role: role?,
            start: start?,
            end: end?,
        })
    })
}

pub fn tagged(bytes: &[u8]) -> ImportResult<TaggedEnrolment> {
    run(bytes, &["campaign_id", "month", "vulnerable"], |ck, c| {
        let month = month(ck, "month", &c(1));
        let vulnerable = flag(ck, "vulnerable", &c(2));
        Some(TaggedEnrolment {
            campaign_id: c(0).text().to_owned(),
            month: month?,
            vulnerable: vulnerable?,
        })
    })
}
