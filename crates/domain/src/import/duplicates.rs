//! Duplicates inside one file: the same NIK or KPJ twice is an error on the later row (a person
//! is one record however many jobs, and a participant number names one membership); the same
//! normalised name and birth date under different NIKs is a warning for review — a mistyped NIK
//! or one person with two NIKs, both of which happen.

use super::report::{Issue, NearDuplicate, Severity};
use super::row::ImportRow;
use crate::ids::{Kpj, Nik};
use crate::privacy::mask_name;
use jiff::civil::Date;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, DefaultHasher, Hash, Hasher};

/// A fast non-cryptographic hasher for the in-file duplicate maps: keys are identifiers and
/// already-hashed names from one file, so HashDoS resistance buys nothing and SipHash cost a
/// fifth of the import time at a million rows.
#[derive(Default)]
struct FastHasher(u64);

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(u64::from(*b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7C_C1_B7_27_22_0A_95);
    }

    fn write_u8(&mut self, n: u8) {
        self.write_u64(u64::from(n));
    }

    fn write_i8(&mut self, n: i8) {
        self.write_u64(n as u64);
    }

    fn write_i16(&mut self, n: i16) {
        self.write_u64(n as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

#[cfg(test)]
mod tests {
    use super::name_key;
    use crate::model::normalize_name;
    use std::hash::{DefaultHasher, Hash, Hasher};

    #[test]
    fn name_key_hashes_the_normalised_name() {
        for name in ["  Siti  AMINAH, S.Pd.", "Ni Luh-Putu", "ÉLODIE ÖZ", "a"] {
            let mut h = DefaultHasher::new();
            for c in normalize_name(name).chars() {
                c.hash(&mut h);
            }
            assert_eq!(name_key(name), h.finish(), "{name}");
        }
        assert_eq!(name_key("SITI  aminah"), name_key("Siti Aminah"));
    }
}

#[derive(Default)]
pub(crate) struct Duplicates {
    niks: FastMap<Nik, usize>,
    kpjs: FastMap<Kpj, usize>,
    /// (hash of the normalised name, birth date) → first row and its NIK. Hashing keeps memory
    /// flat at a million rows; a 64-bit collision would at worst add a spurious review item.
    people: FastMap<(u64, Date), (usize, Nik)>,
}

/// Hashes the normalised name (as [`normalize_name`] defines it) without building it: the
/// same characters, lower-cased, with one separator between words.
fn name_key(name: &str) -> u64 {
    let mut h = DefaultHasher::new();
    let mut pending_space = false;
    let mut started = false;
    for c in name.chars() {
        if c.is_alphanumeric() {
            if pending_space && started {
                ' '.hash(&mut h);
            }
            pending_space = false;
            started = true;
            if c.is_ascii() {
                c.to_ascii_lowercase().hash(&mut h);
            } else {
                for l in c.to_lowercase() {
                    l.hash(&mut h);
                }
            }
        } else {
            pending_space = true;
        }
    }
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
