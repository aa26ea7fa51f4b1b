//! Segment and program codes from jamsos-rules, with the parsing and serde the registry needs
//! (the rules crate only serialises them), and the program set a membership carries.

use jamsos_rules::results::{Program, Segment};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use thiserror::Error;

/// Parses `PU`, `BPU`, `JAKON`, `PMI` in any case.
pub fn parse_segment(text: &str) -> Option<Segment> {
    Segment::parse(text.trim().to_ascii_uppercase().as_str())
}

/// serde for a `Segment` field: `#[serde(with = "crate::model::segment_serde")]`.
pub mod segment_serde {
    use super::*;

    pub fn serialize<S: Serializer>(seg: &Segment, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(seg.code())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Segment, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        parse_segment(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown segment {text:?}")))
    }
}

/// A set of programs (JKK, JKM, JHT, JP, JKP). Text form `JKK;JKM;JHT` (also `,` `+` or
/// spaces as separators); JSON form `["JKK","JKM","JHT"]`.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Programs(u8);

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum ProgramsError {
    #[error("unknown program {text:?} (expected JKK, JKM, JHT, JP, JKP)")]
    Unknown { text: String },
    #[error("programs are empty; JKK and JKM are compulsory")]
    Empty,
    #[error(
        "segment {segment} must include {missing} (JKK and JKM are compulsory for every participant)"
    )]
    MissingCompulsory {
        segment: &'static str,
        missing: &'static str,
    },
    #[error("program {program} is not available to segment {segment}")]
    NotAvailable {
        segment: &'static str,
        program: &'static str,
    },
}

impl ProgramsError {
    pub fn code(&self) -> &'static str {
        match self {
            ProgramsError::Unknown { .. } => "unknown_program",
            ProgramsError::Empty => "empty",
            ProgramsError::MissingCompulsory { .. } => "missing_compulsory",
            ProgramsError::NotAvailable { .. } => "not_available",
        }
    }
}

fn bit(p: Program) -> u8 {
    match p {
        Program::Jkk => 1,
        Program::Jkm => 2,
        Program::Jht => 4,
        Program::Jp => 8,
        Program::Jkp => 16,
    }
}

impl Programs {
    pub const EMPTY: Programs = Programs(0);

    pub fn of(programs: &[Program]) -> Programs {
        Programs(programs.iter().fold(0, |acc, p| acc | bit(*p)))
    }

    /// Parses a list such as `JKK;JKM;JHT`; does not check it against a segment.
    pub fn parse(text: &str) -> Result<Programs, ProgramsError> {
        let mut set = 0;
        for item in text
            .split([';', ',', '+', ' ', '/'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let p = Program::ALL
                .into_iter()
                .find(|p| p.code().eq_ignore_ascii_case(item))
                .ok_or_else(|| ProgramsError::Unknown { text: item.into() })?;
            set |= bit(p);
        }
        if set == 0 {
            return Err(ProgramsError::Empty);
        }
        Ok(Programs(set))
    }

    pub fn contains(&self, p: Program) -> bool {
        self.0 & bit(p) != 0
    }

    pub fn with(self, p: Program) -> Programs {
        Programs(self.0 | bit(p))
    }

    pub fn iter(&self) -> impl Iterator<Item = Program> + '_ {
        Program::ALL.into_iter().filter(|p| self.contains(*p))
    }

    /// The programs a segment may join: PU all five; BPU and PMI JKK, JKM and (optional) JHT;
    /// Jakon JKK and JKM (regulations.md §2.1 "JP not available to BPU", "JKP not available to
    /// BPU"; §2.3–2.4). JKK and JKM are compulsory for every segment.
    pub fn check_for(&self, segment: Segment) -> Result<(), ProgramsError> {
        for p in [Program::Jkk, Program::Jkm] {
            if !self.contains(p) {
                return Err(ProgramsError::MissingCompulsory {
                    segment: segment.code(),
                    missing: p.code(),
                });
            }
        }
        let allowed = match segment {
            Segment::Pu => Programs::of(&Program::ALL),
            Segment::Bpu | Segment::Pmi => {
                Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht])
            }
            Segment::Jakon => Programs::of(&[Program::Jkk, Program::Jkm]),
        };
        match self.iter().find(|p| !allowed.contains(*p)) {
            Some(p) => Err(ProgramsError::NotAvailable {
                segment: segment.code(),
                program: p.code(),
            }),
            None => Ok(()),
        }
    }
}

impl fmt::Display for Programs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = self.iter().map(Program::code).collect();
        f.write_str(&codes.join(";"))
    }
}

impl fmt::Debug for Programs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Programs({self})")
    }
}

impl Serialize for Programs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter().map(Program::code))
    }
}

impl<'de> Deserialize<'de> for Programs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<String>::deserialize(d)?;
        Programs::parse(&items.join(";")).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_check() {
        let p = Programs::parse("jkk; JKM,JHT").unwrap();
        assert_eq!(p.to_string(), "JKK;JKM;JHT");
        assert_eq!(serde_json::to_string(&p).unwrap(), r#"["JKK","JKM","JHT"]"#);
        assert_eq!(
            serde_json::from_str::<Programs>(r#"["JKK","JKM","JHT"]"#).unwrap(),
            p
        );
        p.check_for(Segment::Bpu).unwrap();
        let all = Programs::parse("JKK JKM JHT JP JKP").unwrap();
        all.check_for(Segment::Pu).unwrap();
        assert_eq!(
            all.check_for(Segment::Bpu).unwrap_err().code(),
            "not_available"
        );
        assert_eq!(
            Programs::parse("JKK;JHT")
                .unwrap()
                .check_for(Segment::Pu)
                .unwrap_err(),
            ProgramsError::MissingCompulsory {
                segment: "PU",
                missing: "JKM"
            }
        );
        assert_eq!(
            Programs::parse("JKK;JKX").unwrap_err().code(),
            "unknown_program"
        );
        assert_eq!(Programs::parse(" ; ").unwrap_err(), ProgramsError::Empty);
        assert_eq!(parse_segment(" bpu "), Some(Segment::Bpu));
    }
}
