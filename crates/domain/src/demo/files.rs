//! Synthetic import files in the documented templates (docs/import-templates.md), for import
//! benchmarks and demos: `rows` valid worker-list rows for one employer.

use super::generate::{Generated, generate};
use std::fmt::Write;

/// The worker-list template header used by [`worker_list_csv`].
pub const WORKER_LIST_HEADER: &str =
    "nik,name,birth_date,sex,region_code,phone,kpj,programs,start_date,wage,occupation";

/// A valid worker list (CSV, UTF-8, comma) of `rows` synthetic people for one employer: every
/// generated participant is listed as a PU worker with its programs, start date and wage.
pub fn worker_list_csv(rows: usize, seed: u64) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 120 + 100);
    out.push_str(WORKER_LIST_HEADER);
    out.push('\n');
    for g in generate(rows, seed) {
        let Generated::Participant(p) = g else {
            continue;
        };
        let person = &p.person;
        let m = &p.membership;
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},JKK;JKM;JHT;JP;JKP,{},{},pekerja",
            person.nik,
            person.name,
            person.birth_date,
            person.sex.code_id(),
            person.region,
            person.phone.as_ref().map_or("", |p| p.as_str()),
            m.kpj,
            m.start,
            p.wage.amount.get(),
        );
    }
    out.into_bytes()
}
