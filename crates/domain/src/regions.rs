//! The Kemendagri region list (Kepmendagri No 300.2.2-2138 Tahun 2025: 38 provinces, 514
//! regencies/cities, 7,285 districts, 83,762 villages) and the decree's population figures,
//! compiled into the binary so jamsos needs no data files at run time.
//!
//! Built once, lazily, on first use (`OnceLock`). Regions are kept sorted by code, so a region's
//! descendants are a contiguous slice right after it; districts are also held in a bitset over
//! the six-digit `PPRRDD` number so a NIK's district check is one memory read.

use crate::ids::{RegionCode, RegionLevel};
use serde::Serialize;
use std::sync::OnceLock;

const REGIONS_CSV: &str = include_str!("../data/regions.csv");
const POPULATION_CSV: &str = include_str!("../data/population.csv");

/// One row of the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Region {
    pub code: RegionCode,
    pub name: Box<str>,
}

impl Region {
    pub fn level(&self) -> RegionLevel {
        self.code.level()
    }
}

/// Population per the decree's data (male, female, total).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Population {
    pub male: u64,
    pub female: u64,
    pub total: u64,
}

/// The whole list with its indexes. Obtain it with [`regions()`].
#[derive(Debug)]
pub struct Regions {
    list: Vec<Region>,
    /// One bit per `PPRRDD` number (0..1_000_000): set if that district exists.
    districts: Vec<u64>,
    population: Vec<(RegionCode, Population)>,
    national: Option<Population>,
}

static REGIONS: OnceLock<Regions> = OnceLock::new();

/// The embedded region list, built on first call.
pub fn regions() -> &'static Regions {
    REGIONS.get_or_init(Regions::load)
}

impl Regions {
    fn load() -> Regions {
        let mut list = Vec::with_capacity(92_000);
        let mut reader = csv::Reader::from_reader(REGIONS_CSV.as_bytes());
        // The data is fixed at compile time and checked by tests; a row that does not parse
        // would be dropped (and fail those tests) rather than abort the program.
        for record in reader.records().flatten() {
            let (Some(code), Some(name)) = (record.get(0), record.get(1)) else {
                continue;
            };
            if let Ok(code) = RegionCode::parse(code) {
                list.push(Region {
                    code,
                    name: name.into(),
                });
            }
        }
        list.sort_by_key(|r| r.code);
        list.dedup_by_key(|r| r.code);

        let mut districts = vec![0u64; 1_000_000 / 64 + 1];
        for r in &list {
            if let Some(n) = r.code.district_number()
                && let Some(word) = districts.get_mut(n as usize / 64)
            {
                *word |= 1 << (n % 64);
            }
        }

        let mut population = Vec::with_capacity(600);
        let mut national = None;
        let mut reader = csv::Reader::from_reader(POPULATION_CSV.as_bytes());
        for record in reader.records().flatten() {
            let num = |i: usize| record.get(i).and_then(|s| s.trim().parse::<u64>().ok());
            let (Some(code), Some(male), Some(female), Some(total)) =
                (record.get(0), num(2), num(3), num(4))
            else {
                continue;
            };
            let p = Population {
                male,
                female,
                total,
            };
            if code.trim() == "0" {
                national = Some(p);
            } else if let Ok(code) = RegionCode::parse(code) {
                population.push((code, p));
            }
        }
        population.sort_by_key(|(c, _)| *c);

        Regions {
            list,
            districts,
            population,
            national,
        }
    }

    /// Every region, sorted by code.
    pub fn all(&self) -> &[Region] {
        &self.list
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn get(&self, code: &RegionCode) -> Option<&Region> {
        self.list
            .binary_search_by_key(code, |r| r.code)
            .ok()
            .and_then(|i| self.list.get(i))
    }

    /// True if the code is in the list.
    pub fn exists(&self, code: &RegionCode) -> bool {
        self.get(code).is_some()
    }

    pub fn name(&self, code: &RegionCode) -> Option<&str> {
        self.get(code).map(|r| &*r.name)
    }

    /// True if the six-digit number `PPRRDD` is a district in the list (the NIK check).
    pub fn is_district_number(&self, n: u32) -> bool {
        self.districts
            .get(n as usize / 64)
            .is_some_and(|w| w & (1 << (n % 64)) != 0)
    }

    /// Everything strictly inside `code`, in code order (empty for an unknown code).
    pub fn descendants(&self, code: &RegionCode) -> &[Region] {
        let start = self.list.partition_point(|r| r.code <= *code);
        let rest = self.list.get(start..).unwrap_or(&[]);
        let len = rest.partition_point(|r| code.contains(&r.code));
        rest.get(..len).unwrap_or(&[])
    }

    /// The regions one level below `code`.
    pub fn children(&self, code: &RegionCode) -> impl Iterator<Item = &Region> {
        let code = *code;
        self.descendants(&code)
            .iter()
            .filter(move |r| r.code.parent() == Some(code))
    }

    /// Every village (kelurahan/desa) inside `code` (a district, regency or province).
    pub fn villages_in(&self, code: &RegionCode) -> impl Iterator<Item = &Region> {
        self.descendants(code)
            .iter()
            .filter(|r| r.level() == RegionLevel::Village)
    }

    /// Every district (kecamatan) inside `code`.
    pub fn districts_in(&self, code: &RegionCode) -> impl Iterator<Item = &Region> {
        self.descendants(code)
            .iter()
            .filter(|r| r.level() == RegionLevel::District)
    }

    pub fn provinces(&self) -> impl Iterator<Item = &Region> {
        self.list
            .iter()
            .filter(|r| r.level() == RegionLevel::Province)
    }

    /// The chain from the province down to `code` itself (empty if unknown).
    pub fn path(&self, code: &RegionCode) -> Vec<&Region> {
        let mut out: Vec<&Region> = std::iter::successors(Some(*code), RegionCode::parent)
            .filter_map(|c| self.get(&c))
            .collect();
        out.reverse();
        out
    }

    /// Case-insensitive name search: every word of `query` must occur in the name. Exact
    /// (case-insensitive) name matches come first, then higher levels, then code order.
    pub fn search(&self, query: &str, level: Option<RegionLevel>) -> Vec<&Region> {
        let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
        if words.is_empty() {
            return Vec::new();
        }
        let q = words.join(" ");
        let mut hits: Vec<&Region> = self
            .list
            .iter()
            .filter(|r| level.is_none_or(|l| r.level() == l))
            .filter(|r| {
                let name = r.name.to_lowercase();
                words.iter().all(|w| name.contains(w.as_str()))
            })
            .collect();
        hits.sort_by_key(|r| (r.name.to_lowercase() != q, r.level(), r.code));
        hits
    }

    /// Population of a province or regency/city (the decree gives no finer figures).
    pub fn population(&self, code: &RegionCode) -> Option<Population> {
        self.population
            .binary_search_by_key(code, |(c, _)| *c)
            .ok()
            .and_then(|i| self.population.get(i))
            .map(|(_, p)| *p)
    }

    /// Population of Indonesia per the decree.
    pub fn national_population(&self) -> Option<Population> {
        self.national
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rc(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    #[test]
    fn counts_match_the_decree() {
        let r = regions();
        assert_eq!(r.len(), 91_599);
        let count = |l| r.all().iter().filter(|x| x.level() == l).count();
        assert_eq!(count(RegionLevel::Province), 38);
        assert_eq!(count(RegionLevel::Regency), 514);
        assert_eq!(count(RegionLevel::District), 7_285);
        assert_eq!(count(RegionLevel::Village), 83_762);
        // Every region's parent is in the list.
        for x in r.all() {
            if let Some(p) = x.code.parent() {
                assert!(r.exists(&p), "{} has no parent", x.code);
            }
        }
    }

    #[test]
    fn west_jakarta() {
        let r = regions();
        let jb = rc("31.73");
        assert_eq!(r.name(&jb), Some("Kota Administrasi Jakarta Barat"));
        let districts: Vec<&str> = r.children(&jb).map(|x| &*x.name).collect();
        assert_eq!(
            districts,
            [
                "Cengkareng",
                "Grogol Petamburan",
                "Taman Sari",
                "Tambora",
                "Kebon Jeruk",
                "Kalideres",
                "Pal Merah",
                "Kembangan"
            ]
        );
        assert_eq!(r.villages_in(&rc("31.73.04")).count(), 11);
        assert!(r.villages_in(&jb).all(|v| jb.contains(&v.code)));
        assert!(r.is_district_number(317304));
        assert!(!r.is_district_number(317399));
        assert!(!r.is_district_number(999_999));
        assert_eq!(r.population(&jb).map(|p| p.total), Some(2_556_752));
        assert_eq!(r.national_population().map(|p| p.total), Some(284_973_643));
        assert_eq!(r.population(&rc("31.73.04")), None);
        let path: Vec<&str> = r
            .path(&rc("31.73.07.1002"))
            .iter()
            .map(|x| &*x.name)
            .collect();
        assert_eq!(path.len(), 4);
        assert_eq!(path.get(2..), Some(&["Pal Merah", "Slipi"][..]));
    }

    #[test]
    fn search_by_name() {
        let r = regions();
        let hits = r.search("sukabumi selatan", Some(RegionLevel::Village));
        assert_eq!(hits.first().map(|x| x.code), Some(rc("31.73.05.1003")));
        let hits = r.search("TAMBORA", None);
        assert_eq!(hits.first().map(|x| x.code), Some(rc("31.73.04")));
        assert!(r.search("   ", None).is_empty());
        assert!(r.descendants(&rc("99")).is_empty());
    }
}
