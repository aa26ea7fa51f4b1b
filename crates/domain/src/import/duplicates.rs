//! Duplicates inside one file: the same NIK or KPJ twice is an error on the later row (a person
//! is one record however many jobs, and a participant number names one membership); the same
//! normalised name and birth date under different NIKs is a warning for review — a mistyped NIK
//! or one person with two NIKs, both of which happen.

use super::report::{Issue, NearDuplicate, Severity};
use super::row::ImportRow;
use crate::ids::{Kpj, Nik};
use crate::model::normalize_name;
use crate::privacy::mask_name;
use jiff::civil::Date;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

#[derive(Default)]
pub(crate) struct Duplicates {
    niks: HashMap<Nik, usize>,
    kpjs: HashMap<Kpj, usize>,
    /// (hash of the normalised name, birth date) → first row and its NIK. Hashing keeps memory
    /// flat at a million rows; a 64-bit collision would at worst add a spurious review item.
    people: HashMap<(u64, Date), (usize, Nik)>,
}

fn name_key(name: &str) -> u64 {
    let mut h = DefaultHasher::new();
    normalize_name(name).hash(&mut h);
    h.finish()
}

impl Duplicates {
    /// Records a valid row; returns errors (duplicates) and a near-duplicate, if any.
    pub fn check(&mut self, row: &ImportRow) -> (Vec<Issue>, Option<NearDuplicate>) {
        let mut issues = Vec::new();
        let nik = row.person.nik;
        match self.niks.get(&nik) {
            Some(first) => issues.push(Issue {
                row: row.row,
                column: Some("nik".into()),
                value: Some(nik.masked()),
                severity: Severity::Error,
                code: "duplicate_nik".into(),
                message: format!(
                    "the same NIK is on row {first}; one person has one row per import"
                ),
            }),
            None => {
                self.niks.insert(nik, row.row);
            }
        }
        if let Some(kpj) = row.kpj {
            match self.kpjs.get(&kpj) {
                Some(first) => issues.push(Issue {
                    row: row.row,
                    column: Some("kpj".into()),
                    value: Some(kpj.to_string()),
                    severity: Severity::Error,
                    code: "duplicate_kpj".into(),
                    message: format!("the same KPJ is on row {first}"),
                }),
                None => {
                    self.kpjs.insert(kpj, row.row);
                }
            }
        }
        let key = (name_key(&row.person.name), row.person.birth_date);
        let mut near = None;
        match self.people.get(&key) {
            Some((first_row, first_nik)) if *first_nik != nik => {
                let masked = mask_name(&row.person.name);
                issues.push(Issue {
                    row: row.row,
                    column: Some("nik".into()),
                    value: Some(nik.masked()),
                    severity: Severity::Warning,
                    code: "near_duplicate".into(),
                    message: format!(
                        "same name and birth date as row {first_row} ({}) but a different NIK: \
                         review (a mistyped NIK, or one person with two NIKs)",
                        first_nik.masked()
                    ),
                });
                near = Some(NearDuplicate {
                    first_row: *first_row,
                    row: row.row,
                    masked_name: masked,
                    first_nik_masked: first_nik.masked(),
                    nik_masked: nik.masked(),
                });
            }
            Some(_) => {}
            None => {
                self.people.insert(key, (row.row, nik));
            }
        }
        (issues, near)
    }
}
