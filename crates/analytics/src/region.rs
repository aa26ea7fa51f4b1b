//! Kemendagri region codes as analytics keys. A code's shape says its level
//! (`31` province, `31.73` regency/city, `31.73.04` district, `31.73.04.1001` village) and its
//! ancestors are its prefixes, so roll-ups need no lookup table; names and existence come from
//! a [`RegionDirectory`] (the domain crate's embedded list in the application, the shared CSV
//! in tests).

use serde::{Serialize, Serializer};
use std::fmt;

/// The four levels, coarsest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Province,
    Regency,
    District,
    Village,
}

impl Level {
    pub fn parse(text: &str) -> Option<Level> {
        Some(match text {
            "province" | "provinsi" => Level::Province,
            "regency" | "city" | "kota" | "kabupaten" => Level::Regency,
            "district" | "kecamatan" => Level::District,
            "village" | "kelurahan" | "desa" => Level::Village,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::Regency => "regency",
            Level::District => "district",
            Level::Village => "village",
        }
    }

    /// Bahasa Indonesia name of the level.
    pub fn name_id(self) -> &'static str {
        match self {
            Level::Province => "provinsi",
            Level::Regency => "kota/kabupaten",
            Level::District => "kecamatan",
            Level::Village => "kelurahan/desa",
        }
    }

    fn digits(self) -> usize {
        match self {
            Level::Province => 2,
            Level::Regency => 4,
            Level::District => 6,
            Level::Village => 10,
        }
    }

    /// The next finer level, if any.
    pub fn finer(self) -> Option<Level> {
        match self {
            Level::Province => Some(Level::Regency),
            Level::Regency => Some(Level::District),
            Level::District => Some(Level::Village),
            Level::Village => None,
        }
    }
}

/// A region code, held as its digits (2, 4, 6 or 10 of them). Ordered by code, which is also
/// the hierarchy's depth-first order.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionKey(String);

/// Why a text is not a region code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a Kemendagri region code (PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV)")]
pub struct RegionParseError {
    pub text: String,
}

impl RegionKey {
    /// Reads `31.73.04.1001` or its digits-only form `3173041001`.
    pub fn parse(text: &str) -> Result<RegionKey, RegionParseError> {
        let err = || RegionParseError {
            text: text.to_owned(),
        };
        let t = text.trim();
        let digits: String = if t.contains('.') {
            let parts: Vec<&str> = t.split('.').collect();
            let widths = [2usize, 2, 2, 4];
            if parts.len() > 4 {
                return Err(err());
            }
            for (p, w) in parts.iter().zip(widths) {
                if p.len() != w || !p.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(err());
                }
            }
            parts.concat()
        } else {
            t.to_owned()
        };
        if !matches!(digits.len(), 2 | 4 | 6 | 10) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err());
        }
        Ok(RegionKey(digits))
    }

    pub fn level(&self) -> Level {
        match self.0.len() {
            2 => Level::Province,
            4 => Level::Regency,
            6 => Level::District,
            _ => Level::Village,
        }
    }

    /// The digits without dots (`3173041001`).
    pub fn digits(&self) -> &str {
        &self.0
    }

    /// This region's ancestor at `level` (itself at its own level); `None` when `level` is finer.
    pub fn at(&self, level: Level) -> Option<RegionKey> {
        let n = level.digits();
        self.0.get(..n).map(|p| RegionKey(p.to_owned()))
    }

    pub fn parent(&self) -> Option<RegionKey> {
        match self.level() {
            Level::Province => None,
            Level::Regency => self.at(Level::Province),
            Level::District => self.at(Level::Regency),
            Level::Village => self.at(Level::District),
        }
    }

    /// True when `self` is `other` or lies inside it.
    pub fn within(&self, other: &RegionKey) -> bool {
        self.0.starts_with(&other.0)
    }

    /// The province part (`31`), used to find the minimum wage in force.
    pub fn province(&self) -> &str {
        self.0.get(..2).unwrap_or(&self.0)
    }
}

impl fmt::Display for RegionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let d = &self.0;
        let parts = [d.get(0..2), d.get(2..4), d.get(4..6), d.get(6..10)];
        for (i, p) in parts.into_iter().flatten().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(p)?;
        }
        Ok(())
    }
}

impl fmt::Debug for RegionKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegionKey({self})")
    }
}

impl Serialize for RegionKey {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Names and existence of region codes. The application passes the domain crate's embedded
/// Kemendagri list; [`NoDirectory`] accepts every well-formed code and names none.
pub trait RegionDirectory {
    fn exists(&self, code: &RegionKey) -> bool;
    fn name(&self, code: &RegionKey) -> Option<String>;
}

/// A directory that knows nothing: shape checks only.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoDirectory;

impl RegionDirectory for NoDirectory {
    fn exists(&self, _code: &RegionKey) -> bool {
        true
    }
    fn name(&self, _code: &RegionKey) -> Option<String> {
        None
    }
}

/// A directory held in a map: built from `regions.csv` rows (`code,name,level,…`) or by hand.
#[derive(Clone, Debug, Default)]
pub struct MapDirectory {
    names: std::collections::HashMap<RegionKey, String>,
}

impl MapDirectory {
    pub fn new() -> MapDirectory {
        MapDirectory::default()
    }

    pub fn insert(&mut self, code: RegionKey, name: impl Into<String>) {
        self.names.insert(code, name.into());
    }

    /// Reads a `regions.csv` in the shared wilayah format (header with `code` and `name`).
    pub fn from_csv(text: &str) -> Result<MapDirectory, String> {
        let mut rdr = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let headers = rdr.headers().map_err(|e| e.to_string())?.clone();
        let col = |n: &str| {
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}') == n)
        };
        let (Some(ci), Some(ni)) = (col("code"), col("name")) else {
            return Err("regions CSV needs `code` and `name` columns".to_owned());
        };
        let mut dir = MapDirectory::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| e.to_string())?;
            if let (Some(c), Some(n)) = (rec.get(ci), rec.get(ni))
                && let Ok(code) = RegionKey::parse(c)
            {
                dir.insert(code, n);
            }
        }
        Ok(dir)
    }

    pub fn len(&self) -> usize {
        self.names.len()
    }

    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

impl RegionDirectory for MapDirectory {
    fn exists(&self, code: &RegionKey) -> bool {
        self.names.contains_key(code)
    }
    fn name(&self, code: &RegionKey) -> Option<String> {
        self.names.get(code).cloned()
    }
}

/// The domain crate's embedded Kemendagri list (Kepmendagri 300.2.2-2138/2025).
#[derive(Clone, Copy, Debug)]
pub struct Kemendagri(pub &'static jamsos_domain::Regions);

impl Kemendagri {
    pub fn embedded() -> Kemendagri {
        Kemendagri(jamsos_domain::regions())
    }
}

impl RegionDirectory for Kemendagri {
    fn exists(&self, code: &RegionKey) -> bool {
        jamsos_domain::RegionCode::parse(&code.0).is_ok_and(|c| self.0.exists(&c))
    }
    fn name(&self, code: &RegionKey) -> Option<String> {
        let c = jamsos_domain::RegionCode::parse(&code.0).ok()?;
        self.0.name(&c).map(str::to_owned)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_level_and_rolls_up() {
        let v = RegionKey::parse("31.73.04.1001").unwrap();
        assert_eq!(v.level(), Level::Village);
        assert_eq!(v.to_string(), "31.73.04.1001");
        assert_eq!(v.parent().unwrap().to_string(), "31.73.04");
        assert_eq!(v.at(Level::Regency).unwrap().to_string(), "31.73");
        assert_eq!(RegionKey::parse("3173041001").unwrap(), v);
        let city = RegionKey::parse("31.73").unwrap();
        assert!(v.within(&city));
        assert!(!city.within(&v));
        assert_eq!(city.at(Level::District), None);
        assert_eq!(v.province(), "31");
    }

    #[test]
    fn names_from_the_embedded_list() {
        let k = Kemendagri::embedded();
        assert_eq!(
            k.name(&RegionKey::parse("31.73.04").unwrap()).as_deref(),
            Some("Tambora")
        );
        assert_eq!(
            k.name(&RegionKey::parse("31.73.04.1002").unwrap())
                .as_deref(),
            Some("Kali Anyar")
        );
        assert!(!k.exists(&RegionKey::parse("31.73.99").unwrap()));
    }

    #[test]
    fn refuses_bad_shapes() {
        for bad in [
            "3",
            "31.7",
            "31.73.04.101",
            "317",
            "31.73.04.1001.1",
            "ab",
            "31..73",
            "",
        ] {
            assert!(RegionKey::parse(bad).is_err(), "{bad}");
        }
    }
}
