//! Validation of one data row against its template: every cell is read and every problem is
//! recorded (not just the first), then cross-field rules (NIK vs birth date and sex, segment vs
//! employer and programs, dates in order).

use super::cells::{Cell, FieldError};
use super::report::{Issue, Severity};
use super::template::{Column, ImportKind};
use crate::ids::{KbliCode, Kpj, Nik, Npp, RegionCode, RegionLevel};
use crate::model::{
    CommunityRole, Membership, MembershipError, Person, Phone, Programs, Segment, Sex, SponsorCode,
    WageKind, WageRecord, check_name, check_segment, parse_segment, segment_serde,
};
use crate::privacy::{mask_digits, mask_name};
use crate::regions::regions;
use jamsos_rules::Rupiah;
use jiff::civil::{Date, date};
use serde::Serialize;

/// Values that apply to every row of a file, given by whoever runs the import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportContext {
    /// The employer a worker list belongs to (rows may repeat it in an `npp` column).
    pub employer: Option<Npp>,
    /// The sponsor a sponsored list belongs to (rows may repeat it in a `sponsor` column).
    pub sponsor: Option<SponsorCode>,
}

/// A valid row: a person and the membership and wage it asks for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ImportRow {
    /// Row number in the file (header is row 1).
    pub row: usize,
    pub person: Person,
    /// The participant number, if the file gives one; otherwise the store assigns one.
    pub kpj: Option<Kpj>,
    pub employer: Option<Npp>,
    #[serde(with = "segment_serde")]
    pub segment: Segment,
    pub programs: Programs,
    pub start: Date,
    pub end: Option<Date>,
    pub sponsor: Option<SponsorCode>,
    pub occupation: Option<String>,
    pub role: Option<CommunityRole>,
    /// Wage (workers) or declared income (sponsored), whole rupiah.
    pub amount: Rupiah,
    pub amount_kind: WageKind,
    pub amount_from: Date,
    /// The sector of a sponsored (BPU) row: a KBLI section letter or two-digit division.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<KbliCode>,
}

impl ImportRow {
    /// The membership this row asks for, under participant number `kpj`.
    pub fn membership(&self, kpj: Kpj) -> Membership {
        Membership {
            kpj,
            person: self.person.nik,
            employer: self.employer,
            segment: self.segment,
            programs: self.programs,
            start: self.start,
            end: self.end,
            sponsor: self.sponsor.clone(),
            occupation: self.occupation.clone(),
            role: self.role,
            sector: self.sector.clone(),
        }
    }

    /// The first wage (or declared income) record of that membership.
    pub fn wage_record(&self, kpj: Kpj) -> WageRecord {
        WageRecord {
            kpj,
            effective_from: self.amount_from,
            amount: self.amount,
            kind: self.amount_kind,
        }
    }
}

/// Validates rows of one file: knows which file column holds which template column.
pub(crate) struct Validator {
    pub kind: ImportKind,
    pub context: ImportContext,
    /// File column index per template column.
    pub positions: [Option<usize>; Column::COUNT],
    pub width: usize,
}

/// The membership half of a row, which differs between the templates.
struct Part {
    segment: Option<Segment>,
    programs: Option<Programs>,
    employer: Option<Npp>,
    sponsor: Option<SponsorCode>,
    role: Option<CommunityRole>,
    amount: Option<i64>,
    kind: WageKind,
    from: Option<Date>,
    sector: Option<KbliCode>,
}

const EARLIEST_BIRTH: Date = date(1900, 1, 1);

struct Row<'c, 'r> {
    number: usize,
    cells: &'c [Cell<'r>],
    positions: &'c [Option<usize>; Column::COUNT],
    issues: Vec<Issue>,
}

impl<'c, 'r> Row<'c, 'r> {
    /// The cell of `col` (empty if the file lacks the column). Borrowed from the row, not from
    /// `self`, so values can be read without copying while issues are recorded.
    fn cell(&self, col: Column) -> &'c Cell<'r> {
        const EMPTY: &Cell<'static> = &Cell::Empty;
        let cells: &'c [Cell<'r>] = self.cells;
        self.positions
            .get(col.index())
            .copied()
            .flatten()
            .and_then(|i| cells.get(i))
            .unwrap_or(EMPTY)
    }

    fn masked_value(&self, col: Column) -> Option<String> {
        let v = self.cell(col).display();
        if v.is_empty() {
            return None;
        }
        Some(match col {
            Column::Nik | Column::Phone => mask_digits(&v),
            Column::Name => mask_name(&v),
            _ => v.into_owned(),
        })
    }

    fn push(&mut self, col: Option<Column>, code: &str, message: String) {
        self.issues.push(Issue {
            row: self.number,
            column: col.map(|c| c.name().to_owned()),
            value: col.and_then(|c| self.masked_value(c)),
            severity: Severity::Error,
            code: code.to_owned(),
            message,
        });
    }

    fn field(&mut self, col: Column, e: FieldError) {
        self.push(Some(col), e.code, e.message);
    }

    /// Reads a column with `read`, recording any error; `None` if absent, blank or invalid.
    fn read<T>(
        &mut self,
        col: Column,
        required: bool,
        read: impl FnOnce(&'c Cell<'r>) -> Result<Option<T>, FieldError>,
    ) -> Option<T> {
        match read(self.cell(col)) {
            Ok(Some(v)) => Some(v),
            Ok(None) => {
                if required {
                    self.push(Some(col), "required", format!("{} is required", col.name()));
                }
                None
            }
            Err(e) => {
                self.field(col, e);
                None
            }
        }
    }

    /// Reads an identifier-like text column and parses it.
    fn parse<T, E: std::fmt::Display>(
        &mut self,
        col: Column,
        required: bool,
        parse: impl FnOnce(&str) -> Result<T, E>,
        code: impl FnOnce(&E) -> String,
    ) -> Option<T> {
        let text = self.read(col, required, |c| {
            if col.is_identifier() {
                c.identifier().map(|o| o.map(std::borrow::Cow::Borrowed))
            } else {
                c.text()
            }
        })?;
        match parse(&text) {
            Ok(v) => Some(v),
            Err(e) => {
                let c = code(&e);
                self.push(Some(col), &c, e.to_string());
                None
            }
        }
    }
}

impl Validator {
    pub fn validate(&self, number: usize, cells: &[Cell<'_>]) -> Result<ImportRow, Vec<Issue>> {
        let mut r = Row {
            number,
            cells,
            positions: &self.positions,
            issues: Vec::new(),
        };
        if cells.len() < self.width {
            // Only CSV rows can be shorter than the header: fields are missing or shifted.
            r.push(
                None,
                "field_count",
                format!(
                    "the row has {} fields but the header has {}; check for a missing delimiter",
                    cells.len(),
                    self.width
                ),
            );
            return Err(r.issues);
        }
        if cells.iter().skip(self.width).any(|c| !c.is_blank()) {
            r.push(
                None,
                "field_count",
                format!(
                    "the row has values beyond the {} header columns; check for an unquoted \
                     delimiter (e.g. a comma in a name) or a column without a header",
                    self.width
                ),
            );
            return Err(r.issues);
        }

        let nik = r.parse(Column::Nik, true, Nik::parse, |e| e.code().into());
        let name = r.parse(
            Column::Name,
            true,
            |t| check_name(t).map(str::to_owned),
            |e| e.code().into(),
        );
        let birth = r.read(Column::BirthDate, true, Cell::date);
        let sex = r.parse(Column::Sex, true, Sex::parse, |_| "invalid_sex".into());
        let region = r.parse(Column::RegionCode, true, RegionCode::parse, |e| {
            e.code().into()
        });
        let phone = r.parse(Column::Phone, false, Phone::parse, |_| {
            "invalid_phone".into()
        });
        let kpj = r.parse(Column::Kpj, false, Kpj::parse, |e| e.code().into());
        let start = r.read(Column::StartDate, true, Cell::date);
        let end = r.read(Column::EndDate, false, Cell::date);
        let occupation = r.read(
            Column::Occupation,
            self.kind == ImportKind::Sponsored,
            |c| c.text().map(|o| o.map(|t| t.into_owned())),
        );

        if let (Some(nik), Some(birth)) = (&nik, birth)
            && let Err(e) = nik.check_birth_date(birth)
        {
            r.push(Some(Column::Nik), e.code(), e.to_string());
        }
        if let (Some(nik), Some(sex)) = (&nik, sex)
            && let Err(e) = nik.check_sex(sex)
        {
            r.push(Some(Column::Nik), e.code(), e.to_string());
        }
        if let Some(birth) = birth {
            if birth < EARLIEST_BIRTH {
                r.push(
                    Some(Column::BirthDate),
                    "implausible_birth_date",
                    format!("birth date {birth} is before {EARLIEST_BIRTH}"),
                );
            } else if let Some(start) = start
                && birth >= start
            {
                r.push(
                    Some(Column::BirthDate),
                    "born_after_start",
                    format!("birth date {birth} is not before the start date {start}"),
                );
            }
        }
        if let Some(code) = region {
            match regions().get(&code) {
                None => r.push(
                    Some(Column::RegionCode),
                    "unknown_region",
                    format!("{code} is not in the Kemendagri region list (Kepmendagri 300.2.2-2138/2025)"),
                ),
                Some(reg) if reg.level() < RegionLevel::District => r.push(
                    Some(Column::RegionCode),
                    "region_too_coarse",
                    format!(
                        "{code} ({}) is a {}; give the village (kelurahan/desa) or at least the \
                         district (kecamatan)",
                        reg.name,
                        reg.level().code()
                    ),
                ),
                Some(_) => {}
            }
        }
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            r.push(
                Some(Column::EndDate),
                "end_before_start",
                format!("end date {e} is before start date {s}"),
            );
        }

        let Part {
            segment,
            programs,
            employer,
            sponsor,
            role,
            amount,
            kind,
            from,
            sector,
        } = match self.kind {
            ImportKind::Workers => self.workers_part(&mut r, start),
            ImportKind::Sponsored => self.sponsored_part(&mut r, start),
        };

        if let (Some(segment), Some(programs)) = (segment, programs)
            && let Err(e) = check_segment(segment, employer.is_some(), &programs)
        {
            let col = match e {
                MembershipError::EmployerRequired { .. }
                | MembershipError::EmployerNotAllowed { .. } => Column::Segment,
                _ => Column::Programs,
            };
            r.push(Some(col), e.code(), e.to_string());
        }

        if !r.issues.is_empty() {
            return Err(r.issues);
        }
        let (
            Some(nik),
            Some(name),
            Some(birth_date),
            Some(sex),
            Some(region),
            Some(segment),
            Some(programs),
            Some(start),
            Some(amount),
            Some(amount_from),
        ) = (
            nik, name, birth, sex, region, segment, programs, start, amount, from,
        )
        else {
            // Every `None` above recorded an issue; this is unreachable in practice.
            r.push(None, "incomplete", "the row is incomplete".into());
            return Err(r.issues);
        };
        Ok(ImportRow {
            row: number,
            person: Person {
                nik,
                name,
                birth_date,
                sex,
                region,
                phone,
                died_on: None,
                synthetic: false,
            },
            kpj,
            employer,
            segment,
            programs,
            start,
            end,
            sponsor,
            occupation,
            role,
            amount: Rupiah(amount),
            amount_kind: kind,
            amount_from,
            sector,
        })
    }

    fn workers_part(&self, r: &mut Row<'_, '_>, start: Option<Date>) -> Part {
        let npp = r.parse(Column::Npp, false, Npp::parse, |e| e.code().into());
        if let (Some(row_npp), Some(ctx)) = (npp, self.context.employer)
            && row_npp != ctx
        {
            r.push(
                Some(Column::Npp),
                "npp_mismatch",
                format!("NPP {row_npp} differs from the employer of this import ({ctx})"),
            );
        }
        let employer = npp.or(self.context.employer);
        let segment = match r.parse(Column::Segment, false, |t| {
            parse_segment(t).ok_or_else(|| {
                format!("segment must be PU or JAKON in a worker list (BPU and PMI have no employer), got {t:?}")
            })
        }, |_| {
            "invalid_segment".into()
        }) {
            Some(s) => Some(s),
            None if r.cell(Column::Segment).is_blank() => Some(Segment::Pu),
            None => None,
        };
        let programs = r.parse(Column::Programs, true, Programs::parse, |e| e.code().into());
        let wage = self.amount(r, Column::Wage);
        let from = self.amount_from(r, start);
        Part {
            segment,
            programs,
            employer,
            sponsor: None,
            role: None,
            amount: wage,
            kind: WageKind::Wage,
            from,
            sector: None,
        }
    }

    fn sponsored_part(&self, r: &mut Row<'_, '_>, start: Option<Date>) -> Part {
        let row_sponsor = r.parse(Column::Sponsor, false, SponsorCode::parse, |_| {
            "invalid_sponsor".into()
        });
        if let (Some(row), Some(ctx)) = (&row_sponsor, &self.context.sponsor)
            && row != ctx
        {
            r.push(
                Some(Column::Sponsor),
                "sponsor_mismatch",
                format!("sponsor {row} differs from the sponsor of this import ({ctx})"),
            );
        }
        let sponsor = row_sponsor.or_else(|| self.context.sponsor.clone());
        if sponsor.is_none() && r.cell(Column::Sponsor).is_blank() {
            r.push(
                Some(Column::Sponsor),
                "required",
                "sponsor is required (in the column or for the whole import)".into(),
            );
        }
        let programs = if r.cell(Column::Programs).is_blank() {
            Some(Programs::of(&[
                crate::model::Program::Jkk,
                crate::model::Program::Jkm,
            ]))
        } else {
            r.parse(Column::Programs, false, Programs::parse, |e| {
                e.code().into()
            })
        };
        let role = if r.cell(Column::Role).is_blank() {
            Some(CommunityRole::VulnerableWorker)
        } else {
            r.parse(Column::Role, false, |t| {
                CommunityRole::parse(t).ok_or_else(|| {
                    format!("role must be rt_head, rw_head, ppsu or vulnerable_worker (ketua_rt, ketua_rw, ppsu, pekerja_rentan), got {t:?}")
                })
            }, |_| {
                "invalid_role".into()
            })
        };
        let income = self.amount(r, Column::DeclaredIncome);
        // Validated like the company data's `kbli`; a subclass is reduced to its division.
        let sector = r.parse(Column::Sector, false, KbliCode::parse_sector, |_| {
            "invalid_sector".into()
        });
        Part {
            segment: Some(Segment::Bpu),
            programs,
            employer: None,
            sponsor,
            role,
            amount: income,
            kind: WageKind::DeclaredIncome,
            from: start,
            sector,
        }
    }

    fn amount(&self, r: &mut Row<'_, '_>, col: Column) -> Option<i64> {
        let v = r.read(col, true, Cell::rupiah)?;
        if v <= 0 {
            r.push(
                Some(col),
                "not_positive",
                format!("{} must be more than Rp0", col.name()),
            );
            return None;
        }
        Some(v)
    }

    fn amount_from(&self, r: &mut Row<'_, '_>, start: Option<Date>) -> Option<Date> {
        let from = r.read(Column::WageFrom, false, Cell::date);
        match (from, start) {
            (Some(f), Some(s)) if f < s => {
                r.push(
                    Some(Column::WageFrom),
                    "wage_before_start",
                    format!("wage_from {f} is before the membership start {s}"),
                );
                None
            }
            (Some(f), _) => Some(f),
            (None, s) => s,
        }
    }
}

impl std::fmt::Display for super::report::Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}
