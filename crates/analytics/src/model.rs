//! The aggregate facts analytics works on: workforce potential per region × sector × period,
//! and counts of active participants per residence region × sector × month × segment ×
//! vulnerability × program set. The store produces these with GROUP BY queries (or keeps them
//! in summary tables); tests write them by hand.

use crate::period::{Month, StatPeriod};
use crate::region::RegionKey;
use crate::sector::Sector;
pub use jamsos_rules::results::Program;
use serde::Serialize;

/// Participation segments (the rules crate's codes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Segment {
    #[serde(rename = "PU")]
    Pu,
    #[serde(rename = "BPU")]
    Bpu,
    #[serde(rename = "JAKON")]
    Jakon,
    #[serde(rename = "PMI")]
    Pmi,
}

impl Segment {
    pub const ALL: [Segment; 4] = [Segment::Pu, Segment::Bpu, Segment::Jakon, Segment::Pmi];

    pub fn parse(text: &str) -> Option<Segment> {
        Some(match text.trim().to_ascii_uppercase().as_str() {
            "PU" => Segment::Pu,
            "BPU" => Segment::Bpu,
            "JAKON" => Segment::Jakon,
            "PMI" => Segment::Pmi,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Segment::Pu => "PU",
            Segment::Bpu => "BPU",
            Segment::Jakon => "JAKON",
            Segment::Pmi => "PMI",
        }
    }
}

/// A set of programs, as a bit set over [`Program::ALL`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ProgramSet(u8);

impl ProgramSet {
    pub const EMPTY: ProgramSet = ProgramSet(0);

    fn bit(p: Program) -> u8 {
        match p {
            Program::Jkk => 1,
            Program::Jkm => 2,
            Program::Jht => 4,
            Program::Jp => 8,
            Program::Jkp => 16,
        }
    }

    pub fn of(programs: &[Program]) -> ProgramSet {
        ProgramSet(programs.iter().fold(0, |acc, p| acc | ProgramSet::bit(*p)))
    }

    /// Reads `JKK;JKM` (also `,` or spaces as separators).
    pub fn parse(text: &str) -> Result<ProgramSet, String> {
        let mut set = ProgramSet::EMPTY;
        for item in text
            .split([';', ',', ' ', '|'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let p = Program::parse(&item.to_ascii_uppercase())
                .ok_or_else(|| format!("{item:?} is not a program: JKK, JKM, JHT, JP or JKP"))?;
            set = set.with(p);
        }
        Ok(set)
    }

    pub fn with(self, p: Program) -> ProgramSet {
        ProgramSet(self.0 | ProgramSet::bit(p))
    }

    pub fn contains(self, p: Program) -> bool {
        self.0 & ProgramSet::bit(p) != 0
    }

    pub fn union(self, other: ProgramSet) -> ProgramSet {
        ProgramSet(self.0 | other.0)
    }

    pub fn minus(self, other: ProgramSet) -> ProgramSet {
        ProgramSet(self.0 & !other.0)
    }

    pub fn is_empty(&self) -> bool {
        self.0 == 0
    }

    pub fn programs(self) -> Vec<Program> {
        Program::ALL
            .into_iter()
            .filter(|p| self.contains(*p))
            .collect()
    }

    pub fn codes(self) -> Vec<&'static str> {
        self.programs().into_iter().map(Program::code).collect()
    }
}

impl Serialize for ProgramSet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.codes().serialize(s)
    }
}

/// Workers in a region × sector for a period (an imported statistic, not personal data).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PotentialRecord {
    pub region: RegionKey,
    pub sector: Sector,
    pub period: StatPeriod,
    pub workers: u64,
    pub vulnerable_workers: u64,
    pub source: String,
}

/// Active participants living in `region` (residence, the finest level known), working in
/// `sector` (the employer's KBLI for PU, the declared work for BPU; `None` when unknown), in
/// `month`. `vulnerable` marks *pekerja rentan* as the registry flags them (government- or
/// sponsor-funded BPU and those the registry marks vulnerable).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnrolledRecord {
    pub region: RegionKey,
    pub sector: Option<Sector>,
    pub month: Month,
    pub segment: Segment,
    pub vulnerable: bool,
    pub programs: ProgramSet,
    pub count: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn program_sets() {
        let s = ProgramSet::parse("JKK; jkm").unwrap();
        assert!(s.contains(Program::Jkm) && !s.contains(Program::Jht));
        let all = ProgramSet::of(&[Program::Jkk, Program::Jkm, Program::Jht, Program::Jp]);
        assert_eq!(all.minus(s).codes(), ["JHT", "JP"]);
        assert!(ProgramSet::parse("JKK;XYZ").is_err());
    }
}
