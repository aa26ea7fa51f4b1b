//! The West Jakarta demo (Kota Administrasi Jakarta Barat, 31.73): employers in all eight
//! kecamatan including garment workshops (konfeksi) in Tambora, PU and BPU workers, RT/RW heads
//! whose BPU contributions Pemprov DKI pays (Kepgub DKI 642/2023), PPSU crews, vulnerable
//! workers sponsored by the city, families with school-age children, wage histories, and two
//! deceased participants modelled on the two families West Jakarta's mayor handed JKM benefits
//! to in February 2026 (an RT head in Sukabumi Selatan, a PPSU officer in Slipi).
//!
//! Every person and business is synthetic (`synthetic: true`; business names and addresses say
//! "(sintetis)"). Region codes and names are the real Kemendagri ones.

use super::people::{self, age, education_for_age, member};
use super::rng::Rng;
use super::{DemoDataset, DemoDeath};
use crate::ids::{KbliCode, Kpj, Nik, Npp, RegionCode, RegionLevel};
use crate::model::{
    CommunityRole, Employer, EmployerStatus, Membership, Person, Phone, Program, Programs,
    Relation, RiskClass, Segment, Sex, SizeClass, Sponsor, SponsorCode, SponsorKind, WageKind,
    WageRecord,
};
use crate::model::{Education, EducationLevel};
use crate::regions::regions;
use jamsos_rules::Rupiah;
use jiff::civil::{Date, date};
use std::collections::HashSet;

/// The date the demo describes (ages, school grades); the domain has no clock.
pub const AS_OF: Date = date(2026, 3, 1);

/// DKI Jakarta UMP by year (regulations.md §6.1: 2024–2026). Earlier years in the demo are
/// derived synthetically (4 % less per year) — demo wages only, never used by calculations.
fn ump(year: i16) -> i64 {
    match year {
        2026.. => 5_729_876,
        2025 => 5_396_761,
        2024 => 5_067_381,
        y => {
            let mut v = 5_067_381i64;
            for _ in y..2024 {
                v = v * 96 / 100;
            }
            v
        }
    }
}

/// Tambora's home garment workers sponsored by the city (sector 14, see below).
pub const HOME_GARMENT_WORKERS: usize = 24;

const SPONSOR_DKI: &str = "PEMPROV-DKI";
const SPONSOR_CITY: &str = "PEMKOT-JAKBAR";

/// (business word, KBLI, JKK risk class, workers min, max)
const SECTORS: &[(&str, &str, u8, i64, i64)] = &[
    ("Toko", "47111", 1, 3, 8),
    ("Rumah Makan", "56101", 2, 4, 12),
    ("Bengkel", "45201", 3, 3, 8),
    ("Percetakan", "18111", 2, 4, 10),
    ("Ekspedisi", "52291", 3, 5, 15),
    ("Klinik", "86105", 1, 4, 10),
];

struct Builder {
    rng: Rng,
    niks: HashSet<Nik>,
    kpj_seq: u64,
    npp_seq: u64,
    ds: DemoDataset,
    districts: Vec<RegionCode>,
}

fn code(text: &str) -> RegionCode {
    RegionCode::parse(text).unwrap_or(RegionCode::NONE)
}

impl Builder {
    fn villages(&self, district: RegionCode) -> Vec<RegionCode> {
        regions().villages_in(&district).map(|r| r.code).collect()
    }

    /// A NIK for someone first registered in `district`, unique in the dataset.
    fn nik(&mut self, district: RegionCode, birth: Date, sex: Sex) -> Nik {
        let mut serial = u16::try_from(self.rng.range(1, 400)).unwrap_or(1);
        loop {
            if let Ok(n) = Nik::from_parts(district, birth, sex, serial)
                && self.niks.insert(n)
            {
                return n;
            }
            serial = serial % 9999 + 1;
        }
    }

    /// Where a Jakarta Barat resident's NIK was first issued: mostly their own kecamatan,
    /// sometimes elsewhere in Indonesia (migrants keep their first NIK).
    fn birth_district(&mut self, home: RegionCode) -> RegionCode {
        if self.rng.chance(75) {
            return home.at_level(RegionLevel::District).unwrap_or(home);
        }
        let n = self.districts.len() as u64;
        let i = self.rng.below(n) as usize;
        self.districts.get(i).copied().unwrap_or(home)
    }

    fn phone(&mut self) -> Option<Phone> {
        if !self.rng.chance(85) {
            return None;
        }
        let n = self.rng.range(100_000_000, 999_999_999);
        Phone::parse(&format!("0812{n}")).ok()
    }

    fn address(&mut self, village: RegionCode) -> String {
        let street = self
            .rng
            .pick(super::names::STREETS)
            .copied()
            .unwrap_or("Jl. Raya");
        let no = self.rng.range(1, 120);
        let rt = self.rng.range(1, 15);
        let rw = self.rng.range(1, 10);
        let name = regions().name(&village).unwrap_or("");
        format!("{street} No. {no}, RT {rt:03}/RW {rw:02}, {name} (alamat sintetis)")
    }

    fn person(&mut self, home: RegionCode, sex: Option<Sex>, min_age: i16, max_age: i16) -> Person {
        let sex = sex.unwrap_or_else(|| people::sex(&mut self.rng));
        let birth = people::birth_date(&mut self.rng, AS_OF, min_age, max_age);
        let district = self.birth_district(home);
        let nik = self.nik(district, birth, sex);
        let person = Person {
            nik,
            name: people::name(&mut self.rng, sex),
            birth_date: birth,
            sex,
            region: home,
            phone: self.phone(),
            died_on: None,
            synthetic: true,
        };
        self.ds.persons.push(person.clone());
        person
    }

    fn employer(
        &mut self,
        legal_name: String,
        kbli: &str,
        risk: u8,
        size: SizeClass,
        village: RegionCode,
    ) -> Npp {
        self.npp_seq += 1;
        let npp = npp_seq(self.npp_seq);
        let address = self.address(village);
        self.ds.employers.push(Employer {
            npp,
            legal_name,
            nib: None,
            kbli: KbliCode::parse(kbli).ok(),
            risk_class: risk_class(risk),
            size_class: size,
            region: village,
            address,
            status: EmployerStatus::Active,
            synthetic: true,
        });
        npp
    }

    #[allow(clippy::too_many_arguments)]
    fn membership(
        &mut self,
        person: &Person,
        employer: Option<Npp>,
        segment: Segment,
        programs: Programs,
        start: Date,
        sponsor: Option<&str>,
        occupation: &str,
        role: Option<CommunityRole>,
        amount: i64,
    ) -> Kpj {
        self.kpj_seq += 1;
        let kpj = kpj_seq(self.kpj_seq);
        self.ds.memberships.push(Membership {
            kpj,
            person: person.nik,
            employer,
            segment,
            programs,
            start,
            end: None,
            sponsor: sponsor.map(self::sponsor),
            occupation: Some(occupation.to_owned()),
            role,
            sector: None,
        });
        let kind = WageKind::for_segment(segment);
        if kind == WageKind::DeclaredIncome {
            self.ds.wages.push(WageRecord {
                kpj,
                effective_from: start,
                amount: Rupiah(amount),
                kind,
            });
        } else {
            // A raise each January: to the new UMP, or 3–8 % above the old wage.
            let mut wage = amount.max(ump(start.year()));
            self.ds.wages.push(WageRecord {
                kpj,
                effective_from: start,
                amount: Rupiah(wage),
                kind,
            });
            for year in (start.year() + 1)..=AS_OF.year() {
                let pct = self.rng.range(103, 108);
                wage = (wage * pct / 100).max(ump(year));
                self.ds.wages.push(WageRecord {
                    kpj,
                    effective_from: date(year, 1, 1),
                    amount: Rupiah(wage),
                    kind,
                });
            }
        }
        kpj
    }

    /// The first of a month drawn uniformly from January of `earliest_year` to [`AS_OF`]'s
    /// month, so every month up to the demo's date gets new members and the coverage trend
    /// rises month by month (a quarter to a half of each group start in the last 24 months).
    fn start_date(&mut self, earliest_year: i16) -> Date {
        let months = i64::from(AS_OF.year() - earliest_year) * 12 + i64::from(AS_OF.month());
        let k = self.rng.range(0, months - 1);
        let year = i16::try_from(i64::from(earliest_year) + k / 12).unwrap_or(AS_OF.year());
        let month = i8::try_from(k % 12 + 1).unwrap_or(1);
        date(year, month, 1)
    }

    /// Spouse, children (with school level and grade) and living parents.
    fn family(&mut self, p: &Person, force_children: &[(i16, EducationLevel, u8)]) {
        let a = age(p.birth_date, AS_OF);
        let married = !force_children.is_empty() || (a >= 24 && self.rng.chance(75));
        let home_district = p.region.at_level(RegionLevel::District).unwrap_or(p.region);
        if married {
            let sex = if p.sex == Sex::Male {
                Sex::Female
            } else {
                Sex::Male
            };
            let min = (a - 6).max(18);
            let birth = people::birth_date(&mut self.rng, AS_OF, min, a + 4);
            let district = self.birth_district(p.region);
            let nik = self.nik(district, birth, sex);
            let name = people::name(&mut self.rng, sex);
            let working = self.rng.chance(40);
            self.ds.family.push(member(
                p.nik,
                Some(nik),
                name,
                Relation::Spouse,
                sex,
                birth,
                None,
                working,
            ));
            let mut kids: Vec<(i16, Option<Education>)> = force_children
                .iter()
                .map(|(age, level, grade)| {
                    (
                        *age,
                        Some(Education {
                            level: *level,
                            grade: Some(*grade),
                        }),
                    )
                })
                .collect();
            if force_children.is_empty() && a >= 22 {
                let n = self.rng.range(0, 3);
                for _ in 0..n {
                    let k =
                        i16::try_from(self.rng.range(0, i64::from((a - 21).min(25)))).unwrap_or(0);
                    let edu = education_for_age(&mut self.rng, k);
                    kids.push((k, edu));
                }
            }
            for (k, edu) in kids {
                let sex = people::sex(&mut self.rng);
                let birth = people::birth_date(&mut self.rng, AS_OF, k, k);
                let nik = self.nik(home_district, birth, sex);
                let family_name = p.name.split_whitespace().last().unwrap_or("").to_owned();
                let name = format!("{} {family_name}", people::given(&mut self.rng, sex));
                let working = k >= 19 && edu.is_none_or(|e| e.level == EducationLevel::None);
                let mut m = member(
                    p.nik,
                    Some(nik),
                    name,
                    Relation::Child,
                    sex,
                    birth,
                    edu,
                    working,
                );
                m.married = k >= 21 && self.rng.chance(30);
                self.ds.family.push(m);
            }
        }
        if a < 55 {
            for sex in [Sex::Male, Sex::Female] {
                if self.rng.chance(45) {
                    let birth = people::birth_date(&mut self.rng, AS_OF, a + 20, a + 35);
                    let name = people::name(&mut self.rng, sex);
                    self.ds.family.push(member(
                        p.nik,
                        None,
                        name,
                        Relation::Parent,
                        sex,
                        birth,
                        None,
                        false,
                    ));
                }
            }
        }
    }
}

// The demo's sequences and constants are far inside the valid ranges (a few thousand records
// against 8- and 11-digit spaces); the tests build the dataset, so these cannot fail unseen.
#[allow(clippy::expect_used)]
fn npp_seq(n: u64) -> Npp {
    Npp::from_sequence(n).expect("demo NPP sequence in range")
}
#[allow(clippy::expect_used)]
fn kpj_seq(n: u64) -> Kpj {
    Kpj::from_sequence(n).expect("demo KPJ sequence in range")
}
#[allow(clippy::expect_used)]
fn risk_class(n: u8) -> RiskClass {
    RiskClass::new(n).expect("demo risk classes are 1-5")
}
#[allow(clippy::expect_used)]
fn sponsor(code: &str) -> SponsorCode {
    SponsorCode::parse(code).expect("demo sponsor codes are valid")
}

fn programs(list: &[Program]) -> Programs {
    Programs::of(list)
}

/// Builds the West Jakarta dataset; the same seed gives the same data.
pub fn west_jakarta(seed: u64) -> DemoDataset {
    let jakbar = code("31.73");
    let mut b = Builder {
        rng: Rng::new(seed),
        niks: HashSet::new(),
        kpj_seq: 0,
        npp_seq: 0,
        ds: DemoDataset::empty(seed),
        districts: regions()
            .all()
            .iter()
            .filter(|r| r.level() == RegionLevel::District)
            .map(|r| r.code)
            .collect(),
    };
    let pu_small = programs(&[Program::Jkk, Program::Jkm, Program::Jht]);
    let pu_all = programs(&Program::ALL);
    let bpu_basic = programs(&[Program::Jkk, Program::Jkm]);

    b.ds.sponsors.push(Sponsor {
        code: sponsor(SPONSOR_DKI),
        name: "Pemerintah Provinsi DKI Jakarta".into(),
        kind: SponsorKind::ProvincialGovernment,
        region: code("31"),
        basis: Some(
            "Kepgub DKI 642/2023: APBD pays BPU JKK + JKM (Rp16,800/month) for RT/RW heads".into(),
        ),
        covers: vec![CommunityRole::RtHead, CommunityRole::RwHead],
        synthetic: false,
    });
    b.ds.sponsors.push(Sponsor {
        code: sponsor(SPONSOR_CITY),
        name: "Pemerintah Kota Administrasi Jakarta Barat".into(),
        kind: SponsorKind::CityGovernment,
        region: jakbar,
        basis: Some(
            "synthetic programme for vulnerable workers (pekerja rentan) in the demo".into(),
        ),
        covers: vec![CommunityRole::VulnerableWorker],
        synthetic: true,
    });
    // PPSU crews are contracted through the kelurahan of Pemprov DKI; regulations.md §2.2 infers
    // PU status with the province as employer (low confidence), which the demo follows.
    let ppsu_employer = b.employer(
        "Pemprov DKI Jakarta - PPSU Kota Administrasi Jakarta Barat (sintetis)".into(),
        "84",
        2,
        SizeClass::Large,
        code("31.73"),
    );

    let districts: Vec<RegionCode> = regions().children(&jakbar).map(|r| r.code).collect();
    for district in &districts {
        let villages = b.villages(*district);
        let district_name = regions().name(district).unwrap_or("").to_owned();
        // Ordinary employers.
        for _ in 0..3 {
            let (word, kbli, risk, lo, hi) =
                *b.rng.pick(SECTORS).unwrap_or(&("Toko", "47111", 1, 3, 8));
            let village = *b.rng.pick(&villages).unwrap_or(district);
            let brand = b
                .rng
                .pick(super::names::BUSINESS_WORDS)
                .copied()
                .unwrap_or("Maju");
            let n = b.rng.range(lo, hi);
            let size = if n >= 10 {
                SizeClass::Small
            } else {
                SizeClass::Micro
            };
            let legal = format!("CV {word} {brand} {district_name} (sintetis)");
            let npp = b.employer(legal, kbli, risk, size, village);
            for _ in 0..n {
                let home = *b.rng.pick(&villages).unwrap_or(&village);
                let p = b.person(home, None, 19, 55);
                let start = b.start_date(2019);
                let start = start.max(
                    p.birth_date
                        .checked_add(jiff::Span::new().years(18))
                        .unwrap_or(start),
                );
                let progs = if size == SizeClass::Small {
                    pu_all
                } else {
                    pu_small
                };
                b.membership(
                    &p,
                    Some(npp),
                    Segment::Pu,
                    progs,
                    start,
                    None,
                    word,
                    None,
                    ump(start.year()),
                );
                b.family(&p, &[]);
            }
        }
        // PPSU: one crew member per kelurahan.
        for village in &villages {
            let p = b.person(*village, None, 22, 50);
            let start = b.start_date(2018);
            b.membership(
                &p,
                Some(ppsu_employer),
                Segment::Pu,
                pu_all,
                start,
                None,
                "petugas PPSU",
                Some(CommunityRole::Ppsu),
                ump(start.year()),
            );
            b.family(&p, &[]);
        }
        // RT heads (one per kelurahan) and an RW head per kecamatan, paid by Pemprov DKI.
        for (i, village) in villages.iter().enumerate() {
            let p = b.person(*village, None, 35, 68);
            let rt = b.rng.range(1, 15);
            let rw = b.rng.range(1, 12);
            let start = date(2023, 10, 1);
            b.membership(
                &p,
                None,
                Segment::Bpu,
                bpu_basic,
                start,
                Some(SPONSOR_DKI),
                &format!("Ketua RT {rt:03}/RW {rw:02}"),
                Some(CommunityRole::RtHead),
                1_000_000,
            );
            b.family(&p, &[]);
            if i == 0 {
                let p = b.person(*village, None, 40, 68);
                b.membership(
                    &p,
                    None,
                    Segment::Bpu,
                    bpu_basic,
                    start,
                    Some(SPONSOR_DKI),
                    &format!("Ketua RW {rw:02}"),
                    Some(CommunityRole::RwHead),
                    1_000_000,
                );
                b.family(&p, &[]);
            }
        }
        // Vulnerable workers sponsored by the city, and self-paying BPU.
        for k in 0..7 {
            let village = *b.rng.pick(&villages).unwrap_or(district);
            let p = b.person(village, None, 18, 60);
            let occupation = b
                .rng
                .pick(super::names::BPU_OCCUPATIONS)
                .copied()
                .unwrap_or("pedagang");
            let start = b.start_date(2022);
            if k < 4 {
                b.membership(
                    &p,
                    None,
                    Segment::Bpu,
                    bpu_basic,
                    start,
                    Some(SPONSOR_CITY),
                    occupation,
                    Some(CommunityRole::VulnerableWorker),
                    1_000_000,
                );
            } else {
                let income = b.rng.range(1, 4) * 500_000 + 500_000;
                let progs = programs(&[Program::Jkk, Program::Jkm, Program::Jht]);
                b.membership(
                    &p,
                    None,
                    Segment::Bpu,
                    progs,
                    start,
                    None,
                    occupation,
                    None,
                    income,
                );
            }
            b.family(&p, &[]);
        }
    }

    // Tambora's garment workshops (konfeksi): 5–20 workers each in houses of Kali Anyar, Tanah
    // Sereal, Jembatan Besi… (regulations.md §6.4).
    let tambora = code("31.73.04");
    let tambora_villages = b.villages(tambora);
    for w in 0..12 {
        let village = *b.rng.pick(&tambora_villages).unwrap_or(&tambora);
        let brand = b
            .rng
            .pick(super::names::BUSINESS_WORDS)
            .copied()
            .unwrap_or("Maju");
        let n = b.rng.range(5, 20);
        let size = if n >= 10 {
            SizeClass::Small
        } else {
            SizeClass::Micro
        };
        let npp = b.employer(
            format!("Konfeksi {brand} {} (sintetis)", w + 1),
            "14111",
            2,
            size,
            village,
        );
        for _ in 0..n {
            let p = b.person(village, None, 18, 50);
            let start = b.start_date(2021);
            b.membership(
                &p,
                Some(npp),
                Segment::Pu,
                pu_small,
                start,
                None,
                "penjahit konfeksi",
                None,
                ump(start.year()),
            );
            b.family(&p, &[]);
        }
    }

    // The two deceased participants (February 2026 hand-over by the mayor of West Jakarta).
    let sukabumi_selatan = code("31.73.05.1003");
    let mut rt_head = b.person(sukabumi_selatan, Some(Sex::Male), 46, 52);
    let kpj = b.membership(
        &rt_head,
        None,
        Segment::Bpu,
        bpu_basic,
        date(2023, 10, 1),
        Some(SPONSOR_DKI),
        "Ketua RT 004/RW 07",
        Some(CommunityRole::RtHead),
        1_000_000,
    );
    b.family(
        &rt_head,
        &[(16, EducationLevel::Sma, 11), (13, EducationLevel::Smp, 8)],
    );
    record_death(
        &mut b,
        &mut rt_head,
        kpj,
        date(2026, 1, 14),
        "RT head in Sukabumi Selatan (Kebon Jeruk), BPU paid by Pemprov DKI; JKM to his widow and two school-age children, handed over by the mayor of West Jakarta in February 2026 (synthetic family modelled on the news)",
    );

    let slipi = code("31.73.07.1002");
    let mut ppsu = b.person(slipi, Some(Sex::Male), 34, 40);
    let kpj = b.membership(
        &ppsu,
        Some(ppsu_employer),
        Segment::Pu,
        pu_all,
        date(2019, 3, 1),
        None,
        "petugas PPSU Kelurahan Slipi",
        Some(CommunityRole::Ppsu),
        ump(2019),
    );
    b.family(
        &ppsu,
        &[(9, EducationLevel::Sd, 3), (5, EducationLevel::Tk, 1)],
    );
    record_death(
        &mut b,
        &mut ppsu,
        kpj,
        date(2026, 1, 22),
        "PPSU officer in Slipi (Pal Merah); JKM to his widow and two school-age children, handed over by the mayor of West Jakarta in February 2026 (synthetic family modelled on the news)",
    );

    // Home garment workers (penjahit rumahan) of Tambora: piece-work for the konfeksi at home,
    // no employer, BPU contributions paid by the city, recorded in KBLI division 14 (apparel)
    // so that coverage by sector counts them in the garment cluster. Drawn after everything
    // above so the rest of the demo keeps its numbers.
    for _ in 0..HOME_GARMENT_WORKERS {
        let village = *b.rng.pick(&tambora_villages).unwrap_or(&tambora);
        let p = b.person(village, Some(Sex::Female), 20, 55);
        let start = b.start_date(2023);
        let kpj = b.membership(
            &p,
            None,
            Segment::Bpu,
            bpu_basic,
            start,
            Some(SPONSOR_CITY),
            "penjahit rumahan",
            Some(CommunityRole::VulnerableWorker),
            1_000_000,
        );
        if let Some(m) = b.ds.memberships.iter_mut().find(|m| m.kpj == kpj) {
            m.sector = KbliCode::parse_sector("14").ok();
        }
        b.family(&p, &[]);
    }

    b.ds
}

fn record_death(b: &mut Builder, p: &mut Person, kpj: Kpj, died_on: Date, story: &str) {
    p.died_on = Some(died_on);
    if let Some(stored) = b.ds.persons.iter_mut().find(|x| x.nik == p.nik) {
        stored.died_on = Some(died_on);
    }
    if let Some(m) = b.ds.memberships.iter_mut().find(|m| m.kpj == kpj) {
        m.end = Some(died_on);
    }
    b.ds.deaths.push(DemoDeath {
        participant: p.nik,
        kpj,
        died_on,
        work_related: false,
        story: story.to_owned(),
    });
}
