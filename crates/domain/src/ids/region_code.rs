//! Kemendagri region codes `PP`, `PP.RR`, `PP.RR.DD`, `PP.RR.DD.VVVV` (province, regency/city,
//! district/kecamatan, village/kelurahan-desa). A code here is well formed; whether it exists
//! is a question for [`crate::regions`].

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// The four administrative levels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegionLevel {
    Province,
    Regency,
    District,
    Village,
}

impl RegionLevel {
    pub fn code(self) -> &'static str {
        match self {
            RegionLevel::Province => "province",
            RegionLevel::Regency => "regency",
            RegionLevel::District => "district",
            RegionLevel::Village => "village",
        }
    }

    pub fn parse(text: &str) -> Option<RegionLevel> {
        Some(match text {
            "province" => RegionLevel::Province,
            "regency" => RegionLevel::Regency,
            "district" => RegionLevel::District,
            "village" => RegionLevel::Village,
            _ => return None,
        })
    }
}

/// A well-formed region code. Components are never zero (the list has no `00` component), so
/// zero marks "absent" and the derived order is the list's order: a code sorts right before
/// its descendants, which are contiguous.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RegionCode {
    province: u8,
    regency: u8,
    district: u8,
    village: u16,
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum RegionCodeError {
    #[error("region code is empty")]
    Empty,
    #[error(
        "region code must look like PP, PP.RR, PP.RR.DD or PP.RR.DD.VVVV (digits; dots \
         optional), got {text:?}"
    )]
    Shape { text: String },
    #[error("region code {text:?} has a 00 component; codes start at 01")]
    ZeroComponent { text: String },
}

impl RegionCodeError {
    pub fn code(&self) -> &'static str {
        match self {
            RegionCodeError::Empty => "empty",
            RegionCodeError::Shape { .. } => "shape",
            RegionCodeError::ZeroComponent { .. } => "zero_component",
        }
    }
}

impl RegionCode {
    /// A placeholder that is not a real code (all components absent); never produced by parse.
    pub(crate) const NONE: RegionCode = RegionCode {
        province: 0,
        regency: 0,
        district: 0,
        village: 0,
    };

    /// Parses `31`, `31.73`, `31.73.04`, `31.73.04.1002`, or the same without dots
    /// (`3173041002`). Surrounding whitespace is ignored.
    pub fn parse(text: &str) -> Result<RegionCode, RegionCodeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(RegionCodeError::Empty);
        }
        let shape = || RegionCodeError::Shape { text: text.into() };
        // At most four components; a fifth means a bad shape.
        let mut parts: [&str; 5] = [""; 5];
        let mut count = 0;
        if text.contains('.') {
            for (slot, part) in parts.iter_mut().zip(text.split('.')) {
                *slot = part;
                count += 1;
            }
            if text.split('.').count() > 4 {
                return Err(shape());
            }
        } else {
            let widths: &[usize] = match text.len() {
                2 => &[2],
                4 => &[2, 2],
                6 => &[2, 2, 2],
                10 => &[2, 2, 2, 4],
                _ => return Err(shape()),
            };
            let mut at = 0;
            for (slot, w) in parts.iter_mut().zip(widths) {
                *slot = text.get(at..at + w).ok_or_else(shape)?;
                at += w;
                count += 1;
            }
        }
        let parts = parts.get(..count).unwrap_or(&[]);
        let num = |s: &str, len: usize| -> Result<u16, RegionCodeError> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(shape());
            }
            let n = s.parse::<u16>().map_err(|_| shape())?;
            if n == 0 {
                return Err(RegionCodeError::ZeroComponent { text: text.into() });
            }
            Ok(n)
        };
        let mut code = RegionCode::NONE;
        match parts {
            [p] => code.province = num(p, 2)? as u8,
            [p, r] => {
                code.province = num(p, 2)? as u8;
                code.regency = num(r, 2)? as u8;
            }
            [p, r, d] => {
                code.province = num(p, 2)? as u8;
                code.regency = num(r, 2)? as u8;
                code.district = num(d, 2)? as u8;
            }
            [p, r, d, v] => {
                code.province = num(p, 2)? as u8;
                code.regency = num(r, 2)? as u8;
                code.district = num(d, 2)? as u8;
                code.village = num(v, 4)?;
            }
            _ => return Err(shape()),
        }
        Ok(code)
    }

    /// The district whose six digits `PPRRDD` open a NIK, if all three components are non-zero.
    pub fn from_district_number(n: u32) -> Option<RegionCode> {
        let (p, r, d) = (n / 10_000, (n / 100) % 100, n % 100);
        (n < 1_000_000 && p > 0 && r > 0 && d > 0).then_some(RegionCode {
            province: p as u8,
            regency: r as u8,
            district: d as u8,
            village: 0,
        })
    }

    /// `PPRRDD` as a number, if this is a district code.
    pub fn district_number(&self) -> Option<u32> {
        (self.level() == RegionLevel::District).then(|| {
            u32::from(self.province) * 10_000
                + u32::from(self.regency) * 100
                + u32::from(self.district)
        })
    }

    pub fn level(&self) -> RegionLevel {
        if self.village != 0 {
            RegionLevel::Village
        } else if self.district != 0 {
            RegionLevel::District
        } else if self.regency != 0 {
            RegionLevel::Regency
        } else {
            RegionLevel::Province
        }
    }

    /// The code one level up; `None` for a province.
    pub fn parent(&self) -> Option<RegionCode> {
        let mut p = *self;
        match self.level() {
            RegionLevel::Province => return None,
            RegionLevel::Regency => p.regency = 0,
            RegionLevel::District => p.district = 0,
            RegionLevel::Village => p.village = 0,
        }
        Some(p)
    }

    /// The ancestor (or self) at `level`; `None` if `level` is below this code's level.
    pub fn at_level(&self, level: RegionLevel) -> Option<RegionCode> {
        if level > self.level() {
            return None;
        }
        let mut c = *self;
        if level < RegionLevel::Village {
            c.village = 0;
        }
        if level < RegionLevel::District {
            c.district = 0;
        }
        if level < RegionLevel::Regency {
            c.regency = 0;
        }
        Some(c)
    }

    /// True if `other` is this region or lies inside it.
    pub fn contains(&self, other: &RegionCode) -> bool {
        other.at_level(self.level()).as_ref() == Some(self)
    }

    /// The code without dots, as it appears in a NIK (`317304`) or a compact column.
    pub fn to_compact(&self) -> String {
        self.to_string().replace('.', "")
    }
}

impl fmt::Display for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.province)?;
        if self.regency != 0 {
            write!(f, ".{:02}", self.regency)?;
        }
        if self.district != 0 {
            write!(f, ".{:02}", self.district)?;
        }
        if self.village != 0 {
            write!(f, ".{:04}", self.village)?;
        }
        Ok(())
    }
}

impl fmt::Debug for RegionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RegionCode({self})")
    }
}

impl FromStr for RegionCode {
    type Err = RegionCodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        RegionCode::parse(s)
    }
}

impl Serialize for RegionCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for RegionCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        RegionCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rc(s: &str) -> RegionCode {
        RegionCode::parse(s).unwrap()
    }

    #[test]
    fn levels_parents_contains() {
        let v = rc("31.73.04.1002");
        assert_eq!(v.level(), RegionLevel::Village);
        assert_eq!(v.parent(), Some(rc("31.73.04")));
        assert_eq!(rc("31.73.04").parent(), Some(rc("31.73")));
        assert_eq!(rc("31.73").parent(), Some(rc("31")));
        assert_eq!(rc("31").parent(), None);
        assert!(rc("31.73").contains(&v));
        assert!(rc("31").contains(&v));
        assert!(v.contains(&v));
        assert!(!v.contains(&rc("31.73")));
        assert!(!rc("31.74").contains(&v));
        assert_eq!(rc("3173041002"), v);
        assert_eq!(rc("317304").to_string(), "31.73.04");
        assert_eq!(v.to_compact(), "3173041002");
        assert_eq!(rc("31.73.04").district_number(), Some(317304));
        assert!(rc("31") < rc("31.01") && rc("31.73") < rc("31.73.01"));
    }

    #[test]
    fn rejects_bad_shapes() {
        for bad in [
            "3",
            "31.7",
            "31.73.4",
            "31.73.04.102",
            "31..73",
            "abc",
            "31.73.04.1002.1",
            "3173041",
        ] {
            assert_eq!(RegionCode::parse(bad).unwrap_err().code(), "shape", "{bad}");
        }
        assert_eq!(
            RegionCode::parse("31.00").unwrap_err().code(),
            "zero_component"
        );
        assert_eq!(RegionCode::parse(" ").unwrap_err().code(), "empty");
    }
}
