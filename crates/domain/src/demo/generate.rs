//! Large synthetic populations for benchmarks and analytics, streamed: memory stays flat
//! (a few counters per district) whatever the number of participants. Residence is drawn by
//! regency population (Kepmendagri 2025 figures), then district and village uniformly.
//!
//! NIKs are unique by construction, not by remembering them: the j-th person registered in a
//! district gets birth date, sex and serial from `(j·A + B) mod S` decomposed in mixed radix,
//! where S = days × 2 × 9999 and A is a prime not dividing S — a bijection, so two people of
//! one district never share a NIK, and different districts differ in positions 1–6.

use super::names::{BPU_OCCUPATIONS, BUSINESS_WORDS};
use super::people;
use super::rng::Rng;
use crate::ids::{KbliCode, Kpj, Nik, Npp, RegionCode, RegionLevel};
use crate::model::{
    Employer, EmployerStatus, Membership, Person, Phone, Program, Programs, RiskClass, Segment,
    SizeClass, Sponsor, SponsorCode, SponsorKind, WageKind, WageRecord,
};
use crate::regions::{Region, regions};
use jamsos_rules::Rupiah;
use jiff::civil::{Date, date};
use serde::Serialize;
use thiserror::Error;

/// One generated record. Sponsors and employers come before the participants that use them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Generated {
    Sponsor(Sponsor),
    Employer(Employer),
    Participant(Box<Participant>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub person: Person,
    pub membership: Membership,
    pub wage: WageRecord,
}

/// What to generate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateOptions {
    pub participants: usize,
    pub seed: u64,
    /// Limit residence to a region (province, regency, district or village); all of Indonesia
    /// when `None`.
    pub within: Option<RegionCode>,
    /// Sequence numbers to start KPJ and NPP numbering from (exclusive), so a generated
    /// population can sit beside other data. Defaults leave room for a million demo records.
    pub kpj_after: u64,
    pub npp_after: u64,
    /// The date ages and start dates are relative to (no clock in the domain).
    pub as_of: Date,
}

impl GenerateOptions {
    pub fn new(participants: usize, seed: u64) -> GenerateOptions {
        GenerateOptions {
            participants,
            seed,
            within: None,
            kpj_after: 1_000_000,
            npp_after: 1_000_000,
            as_of: date(2026, 3, 1),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum GenerateError {
    #[error("region {0} is not in the Kemendagri list")]
    UnknownRegion(RegionCode),
}

/// `participants` people across Indonesia; the same seed gives the same stream.
pub fn generate(participants: usize, seed: u64) -> Generator {
    // Indonesia always has regencies with population figures, so this cannot fail.
    Generator::new(GenerateOptions::new(participants, seed)).unwrap_or_else(|_| Generator::empty())
}

/// The same, limited to a region.
pub fn generate_in(
    within: RegionCode,
    participants: usize,
    seed: u64,
) -> Result<Generator, GenerateError> {
    Generator::new(GenerateOptions {
        within: Some(within),
        ..GenerateOptions::new(participants, seed)
    })
}

struct District {
    code: RegionCode,
    /// The villages inside it (a slice of the static list).
    villages: &'static [Region],
    /// People registered here so far (the j of the NIK bijection).
    count: u64,
}

struct Regency {
    cum_weight: u64,
    code: RegionCode,
    districts: std::ops::Range<usize>,
    sponsor_emitted: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Slot {
    Pu,
    Jakon,
}

struct Current {
    npp: Npp,
    regency: usize,
    slots: u64,
    programs: Programs,
}

/// The streaming generator (an `Iterator<Item = Generated>`).
pub struct Generator {
    opts: GenerateOptions,
    rng: Rng,
    regencies: Vec<Regency>,
    districts: Vec<District>,
    total_weight: u64,
    produced: usize,
    kpj_seq: u64,
    npp_seq: u64,
    current_pu: Option<Current>,
    current_jakon: Option<Current>,
    pending: Option<Box<Participant>>,
    birth_first: Date,
    birth_days: u64,
}

impl std::fmt::Debug for Generator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Generator")
            .field("produced", &self.produced)
            .field("participants", &self.opts.participants)
            .finish()
    }
}

/// A prime larger than any birth-date span, so it never divides S.
const STRIDE: u64 = 1_000_003;
const SERIALS: u64 = 9_999;

impl Generator {
    fn empty() -> Generator {
        let opts = GenerateOptions::new(0, 0);
        Generator {
            rng: Rng::new(0),
            regencies: Vec::new(),
            districts: Vec::new(),
            total_weight: 0,
            produced: 0,
            kpj_seq: 0,
            npp_seq: 0,
            current_pu: None,
            current_jakon: None,
            pending: None,
            birth_first: opts.as_of,
            birth_days: 1,
            opts,
        }
    }

    pub fn new(opts: GenerateOptions) -> Result<Generator, GenerateError> {
        let all = regions();
        let scope_regencies: Vec<RegionCode> = match opts.within {
            None => all
                .all()
                .iter()
                .filter(|r| r.level() == RegionLevel::Regency)
                .map(|r| r.code)
                .collect(),
            Some(w) => {
                if !all.exists(&w) {
                    return Err(GenerateError::UnknownRegion(w));
                }
                match w.level() {
                    RegionLevel::Province => all.children(&w).map(|r| r.code).collect(),
                    _ => w.at_level(RegionLevel::Regency).into_iter().collect(),
                }
            }
        };
        let mut regencies = Vec::new();
        let mut districts = Vec::new();
        let mut cum = 0u64;
        for code in scope_regencies {
            let start = districts.len();
            for d in all.districts_in(&code) {
                if opts.within.is_some_and(|w| {
                    w.level() >= RegionLevel::District
                        && !w.contains(&d.code)
                        && !d.code.contains(&w)
                }) {
                    continue;
                }
                let villages = all.descendants(&d.code);
                let villages: &'static [Region] = match opts.within {
                    Some(w) if w.level() == RegionLevel::Village => {
                        let i = villages.iter().position(|v| v.code == w).unwrap_or(0);
                        villages.get(i..=i).unwrap_or(villages)
                    }
                    _ => villages,
                };
                districts.push(District {
                    code: d.code,
                    villages,
                    count: 0,
                });
            }
            if districts.len() == start {
                continue;
            }
            cum += all.population(&code).map_or(100_000, |p| p.total.max(1));
            regencies.push(Regency {
                cum_weight: cum,
                code,
                districts: start..districts.len(),
                sponsor_emitted: false,
            });
        }
        let birth_first = opts
            .as_of
            .checked_sub(jiff::Span::new().years(65))
            .unwrap_or(opts.as_of);
        let birth_last = opts
            .as_of
            .checked_sub(jiff::Span::new().years(18))
            .unwrap_or(opts.as_of);
        let birth_days = u64::try_from((birth_last - birth_first).get_days())
            .unwrap_or(1)
            .max(1);
        Ok(Generator {
            rng: Rng::new(opts.seed),
            regencies,
            districts,
            total_weight: cum,
            produced: 0,
            kpj_seq: opts.kpj_after,
            npp_seq: opts.npp_after,
            current_pu: None,
            current_jakon: None,
            pending: None,
            birth_first,
            birth_days,
            opts,
        })
    }

    /// A village (or a district without villages) drawn by regency population, as residences
    /// and employers are: where analytics' unregistered companies are placed.
    pub(super) fn random_village(&mut self) -> Option<RegionCode> {
        if self.regencies.is_empty() {
            return None;
        }
        let regency = self.pick_regency();
        self.pick_home(regency).map(|(_, home)| home)
    }

    /// Every district in scope with its share of the generated population (its regency's
    /// population weight split evenly over the regency's districts, as `pick_home` does), and
    /// the sum of the shares.
    pub(super) fn district_weights(&self) -> (Vec<(RegionCode, u64)>, u64) {
        let mut out = Vec::with_capacity(self.districts.len());
        let mut prev = 0u64;
        let mut total = 0u64;
        for r in &self.regencies {
            let weight = r.cum_weight - prev;
            prev = r.cum_weight;
            let n = (r.districts.end - r.districts.start).max(1) as u64;
            for d in self.districts.get(r.districts.clone()).unwrap_or(&[]) {
                let w = weight * 1_000 / n;
                total += w;
                out.push((d.code, w));
            }
        }
        (out, total)
    }

    fn current(&mut self, slot: Slot) -> &mut Option<Current> {
        match slot {
            Slot::Pu => &mut self.current_pu,
            Slot::Jakon => &mut self.current_jakon,
        }
    }

    fn pick_regency(&mut self) -> usize {
        let x = self.rng.below(self.total_weight);
        self.regencies
            .partition_point(|r| r.cum_weight <= x)
            .min(self.regencies.len().saturating_sub(1))
    }

    /// A resident of `regency`: (home village or district code, NIK district index).
    fn pick_home(&mut self, regency: usize) -> Option<(usize, RegionCode)> {
        let range = self.regencies.get(regency)?.districts.clone();
        let n = (range.end - range.start) as u64;
        let di = range.start + self.rng.below(n) as usize;
        let d = self.districts.get(di)?;
        let home = match d.villages.len() {
            0 => d.code,
            len => d
                .villages
                .get(self.rng.below(len as u64) as usize)
                .map_or(d.code, |v| v.code),
        };
        Some((di, home))
    }

    fn person(&mut self, di: usize, home: RegionCode) -> Option<Person> {
        let d = self.districts.get_mut(di)?;
        let j = d.count;
        d.count += 1;
        let code = d.code;
        let space = self.birth_days * 2 * SERIALS;
        let offset = u64::from(code.district_number().unwrap_or(0)) % space;
        let p =
            ((u128::from(j) * u128::from(STRIDE) + u128::from(offset)) % u128::from(space)) as u64;
        let serial = (p % SERIALS + 1) as u16;
        let rest = p / SERIALS;
        let sex = if rest.is_multiple_of(2) {
            crate::model::Sex::Male
        } else {
            crate::model::Sex::Female
        };
        let birth = self
            .birth_first
            .checked_add(jiff::Span::new().days((rest / 2) as i64))
            .ok()?;
        let nik = Nik::from_parts(code, birth, sex, serial).ok()?;
        let phone = if self.rng.chance(80) {
            Phone::parse(&format!("0813{}", self.rng.range(10_000_000, 99_999_999))).ok()
        } else {
            None
        };
        Some(Person {
            nik,
            name: people::name(&mut self.rng, sex),
            birth_date: birth,
            sex,
            region: home,
            phone,
            died_on: None,
            synthetic: true,
        })
    }

    fn start_date(&mut self, birth: Date) -> Date {
        let first = date(2015, 7, 1).max(
            birth
                .checked_add(jiff::Span::new().years(18))
                .unwrap_or(birth),
        );
        let days = (self.opts.as_of - first).get_days().max(0);
        first
            .checked_add(jiff::Span::new().days(self.rng.range(0, i64::from(days))))
            .unwrap_or(first)
    }

    fn next_kpj(&mut self) -> Option<Kpj> {
        self.kpj_seq += 1;
        Kpj::from_sequence(self.kpj_seq)
    }

    fn new_employer(&mut self, slot: Slot) -> Option<Employer> {
        let regency = self.pick_regency();
        let (_, village) = self.pick_home(regency)?;
        self.npp_seq += 1;
        let npp = Npp::from_sequence(self.npp_seq)?;
        let slots = match self.rng.below(100) {
            0..=59 => self.rng.range(1, 9),
            60..=84 => self.rng.range(10, 49),
            85..=96 => self.rng.range(50, 199),
            _ => self.rng.range(200, 2000),
        } as u64;
        let size = match slots {
            0..=4 => SizeClass::Micro,
            5..=19 => SizeClass::Small,
            20..=99 => SizeClass::Medium,
            _ => SizeClass::Large,
        };
        let (kbli, risk) = if slot == Slot::Jakon {
            ("41011", 5)
        } else {
            *self
                .rng
                .pick(&[
                    ("47111", 1),
                    ("10710", 2),
                    ("14111", 2),
                    ("25910", 3),
                    ("49431", 3),
                    ("56101", 2),
                    ("62019", 1),
                    ("86105", 1),
                    ("01131", 4),
                    ("08101", 5),
                ])
                .unwrap_or(&("47111", 1))
        };
        let programs = match (slot, size) {
            (Slot::Jakon, _) => Programs::of(&[Program::Jkk, Program::Jkm]),
            (_, SizeClass::Micro | SizeClass::Small) => {
                Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht])
            }
            _ => Programs::of(&Program::ALL),
        };
        let w1 = self.rng.pick(BUSINESS_WORDS).copied().unwrap_or("Maju");
        let w2 = self.rng.pick(BUSINESS_WORDS).copied().unwrap_or("Jaya");
        let prefix = if size == SizeClass::Micro {
            "UD"
        } else if size == SizeClass::Small {
            "CV"
        } else {
            "PT"
        };
        *self.current(slot) = Some(Current {
            npp,
            regency,
            slots,
            programs,
        });
        Some(Employer {
            npp,
            legal_name: format!("{prefix} {w1} {w2} {} (sintetis)", self.npp_seq),
            nib: None,
            kbli: KbliCode::parse(kbli).ok(),
            risk_class: RiskClass::new(risk).ok()?,
            size_class: size,
            region: village,
            address: format!(
                "Jl. Industri No. {} (alamat sintetis)",
                self.rng.range(1, 300)
            ),
            status: EmployerStatus::Active,
            synthetic: true,
        })
    }

    fn sponsor_for(&mut self, regency: usize) -> Option<(SponsorCode, Option<Sponsor>)> {
        let r = self.regencies.get_mut(regency)?;
        let code = SponsorCode::parse(&format!("PEMDA-{}", r.code.to_compact())).ok()?;
        if r.sponsor_emitted {
            return Some((code, None));
        }
        r.sponsor_emitted = true;
        let name = regions().name(&r.code).unwrap_or("").to_owned();
        let kind = if name.starts_with("Kota") {
            SponsorKind::CityGovernment
        } else {
            SponsorKind::RegencyGovernment
        };
        let sponsor = Sponsor {
            code: code.clone(),
            name: format!("Pemerintah {name} (program sintetis)"),
            kind,
            region: r.code,
            basis: None,
            covers: vec![crate::model::CommunityRole::VulnerableWorker],
            synthetic: true,
        };
        Some((code, Some(sponsor)))
    }

    /// Builds the next participant, possibly emitting a sponsor or employer first.
    fn step(&mut self) -> Option<Generated> {
        if let Some(p) = self.pending.take() {
            return Some(Generated::Participant(p));
        }
        if self.produced >= self.opts.participants || self.regencies.is_empty() {
            return None;
        }
        let segment = match self.rng.below(100) {
            0..=67 => Segment::Pu,
            68..=93 => Segment::Bpu,
            94..=97 => Segment::Jakon,
            _ => Segment::Pmi,
        };
        let mut before = None;
        let (regency, employer, programs) = match segment {
            Segment::Pu | Segment::Jakon => {
                let slot = if segment == Segment::Pu {
                    Slot::Pu
                } else {
                    Slot::Jakon
                };
                if self.current(slot).as_ref().is_none_or(|c| c.slots == 0) {
                    before = self.new_employer(slot).map(Generated::Employer);
                }
                let c = self.current(slot).as_mut()?;
                c.slots -= 1;
                (c.regency, Some(c.npp), c.programs)
            }
            Segment::Bpu => {
                let progs = if self.rng.chance(30) {
                    Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht])
                } else {
                    Programs::of(&[Program::Jkk, Program::Jkm])
                };
                (self.pick_regency(), None, progs)
            }
            Segment::Pmi => (
                self.pick_regency(),
                None,
                Programs::of(&[Program::Jkk, Program::Jkm, Program::Jht]),
            ),
        };
        let (di, home) = self.pick_home(regency)?;
        let person = self.person(di, home)?;
        let start = self.start_date(person.birth_date);
        let mut sponsor = None;
        let mut occupation = None;
        let amount = match segment {
            Segment::Pu => 2_500_000 + self.rng.below(40) as i64 * 250_000,
            Segment::Jakon => 3_000_000 + self.rng.below(20) as i64 * 250_000,
            Segment::Bpu | Segment::Pmi => 1_000_000 + self.rng.below(8) as i64 * 500_000,
        };
        if segment == Segment::Bpu {
            occupation = self.rng.pick(BPU_OCCUPATIONS).map(|s| (*s).to_owned());
            if self.rng.chance(25) {
                let (code, new) = self.sponsor_for(regency)?;
                sponsor = Some(code);
                if let Some(s) = new {
                    before = Some(Generated::Sponsor(s));
                }
            }
        }
        let kpj = self.next_kpj()?;
        let membership = Membership {
            kpj,
            person: person.nik,
            employer,
            segment,
            programs,
            start,
            end: None,
            sponsor,
            occupation,
            role: None,
            sector: None,
        };
        let wage = WageRecord {
            kpj,
            effective_from: start,
            amount: Rupiah(amount),
            kind: WageKind::for_segment(segment),
        };
        self.produced += 1;
        let p = Box::new(Participant {
            person,
            membership,
            wage,
        });
        match before {
            Some(first) => {
                self.pending = Some(p);
                Some(first)
            }
            None => Some(Generated::Participant(p)),
        }
    }
}

impl Iterator for Generator {
    type Item = Generated;
    fn next(&mut self) -> Option<Generated> {
        self.step()
    }
}
