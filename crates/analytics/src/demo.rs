//! A deterministic, synthetic West Jakarta dataset for the analytics doors (until the
//! registry's demo data feeds them through the store): workforce potential per kelurahan ×
//! sector for 2025, active participants month by month, company reports and registered
//! employers, and one outreach campaign in Tambora. The Tambora garment cluster (division 14)
//! is built to show the gap: many vulnerable workers, low coverage, small unregistered
//! workshops. The figures are invented; they are not statistics.

use crate::campaign::{Campaign, PentahelixRole, TaggedEnrolment};
use crate::compliance::{CompanyReport, EmployerFacts, WageStats};
use crate::model::{EnrolledRecord, PotentialRecord, Program, ProgramSet, Segment};
use crate::period::{Month, StatPeriod};
use crate::region::RegionKey;
use crate::sector::Sector;
use jamsos_rules::Rupiah;

/// Everything analytics reads, in memory.
#[derive(Clone, Debug, Default)]
pub struct Dataset {
    pub potential: Vec<PotentialRecord>,
    pub enrolled: Vec<EnrolledRecord>,
    pub companies: Vec<CompanyReport>,
    /// Employers with their wages as individual values (WageStats are built per minimum wage).
    pub employers: Vec<(EmployerFacts, Vec<(Rupiah, u64)>)>,
    pub campaigns: Vec<Campaign>,
    pub tagged: Vec<TaggedEnrolment>,
}

impl Dataset {
    /// Employer facts with wage statistics against `minimum`. An employer whose wage list is
    /// empty keeps the statistics it came with (the database door counts them in SQL against
    /// the same minimum).
    pub fn employer_facts(&self, minimum: Option<Rupiah>) -> Vec<EmployerFacts> {
        self.employers
            .iter()
            .map(|(e, wages)| {
                if wages.is_empty() {
                    return e.clone();
                }
                let mut s = WageStats::default();
                for (w, n) in wages {
                    s.active += n;
                    s.wage_sum += w.times(*n as i64);
                    if minimum.is_some_and(|m| *w < m) {
                        s.below_min += n;
                        s.below_min_sum += w.times(*n as i64);
                    }
                }
                EmployerFacts {
                    wages: s,
                    ..e.clone()
                }
            })
            .collect()
    }
}

/// A small linear congruential generator: deterministic across platforms, no dependency.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next() % (hi - lo + 1)
    }
}

const SECTORS: [(&str, u64, u64); 5] = [
    // sector, workers per village (max), vulnerable share in percent
    ("14", 900, 75),
    ("G", 1600, 45),
    ("I", 700, 50),
    ("H", 500, 40),
    ("S", 400, 60),
];

/// West Jakarta (31.73), every kelurahan of the embedded Kemendagri list.
pub fn west_jakarta(seed: u64) -> Dataset {
    let mut rng = Lcg(seed ^ 0x5eed_3173);
    let regs = jamsos_domain::regions();
    let city = jamsos_domain::RegionCode::parse("31.73").ok();
    let villages: Vec<RegionKey> = city
        .iter()
        .flat_map(|c| regs.villages_in(c))
        .filter_map(|r| RegionKey::parse(&r.code.to_string()).ok())
        .collect();
    let tambora = RegionKey::parse("31.73.04").ok();
    let in_tambora = |v: &RegionKey| tambora.as_ref().is_some_and(|t| v.within(t));
    let mut d = Dataset::default();
    let months = Month {
        year: 2025,
        month: 1,
    }
    .range(12);
    for v in &villages {
        for (s, max, vshare) in SECTORS {
            let sector = Sector::parse(s).unwrap_or(Sector::Section('G'));
            let garment_cluster = s == "14" && in_tambora(v);
            let workers = if garment_cluster {
                rng.range(1500, 3000)
            } else {
                rng.range(max / 5, max)
            };
            let share = if garment_cluster { 85 } else { vshare };
            let vulnerable = workers * share / 100;
            d.potential.push(PotentialRecord {
                region: v.clone(),
                sector,
                period: StatPeriod::Year(2025),
                workers,
                vulnerable_workers: vulnerable,
                source: "synthetic demo (not a statistic)".to_owned(),
            });
            // coverage: non-vulnerable well covered, vulnerable poorly, garment cluster worst
            let formal = workers - vulnerable;
            let pu_pct = if garment_cluster {
                35
            } else {
                rng.range(55, 85)
            };
            let bpu_pct_end = if garment_cluster {
                6
            } else {
                rng.range(15, 40)
            };
            for (i, m) in months.iter().enumerate() {
                let grow = 88 + i as u64; // coverage grows ~1 % a month
                let pu = formal * pu_pct * grow / 10_000;
                let bpu = vulnerable * bpu_pct_end * grow / 10_000;
                let pu_progs = ProgramSet::of(&[
                    Program::Jkk,
                    Program::Jkm,
                    Program::Jht,
                    Program::Jp,
                    Program::Jkp,
                ]);
                let bpu_progs = ProgramSet::of(&[Program::Jkk, Program::Jkm]);
                for (seg, vuln, progs, n) in [
                    (Segment::Pu, false, pu_progs, pu),
                    (Segment::Bpu, true, bpu_progs, bpu),
                ] {
                    if n > 0 {
                        d.enrolled.push(EnrolledRecord {
                            region: v.clone(),
                            sector: Some(sector),
                            month: *m,
                            segment: seg,
                            vulnerable: vuln,
                            programs: progs,
                            count: n,
                        });
                    }
                }
            }
        }
    }
    // Companies: garment workshops (Tambora), shops, restaurants; about half registered.
    let mut npp_seq = 10_000_000u64;
    for i in 0..600u64 {
        let Some(v) = villages.get((rng.next() as usize) % villages.len().max(1)) else {
            break;
        };
        let garment = in_tambora(v) || i % 5 == 0;
        let (kbli, lo, hi) = if garment {
            ("14111", 5, 25)
        } else {
            ("47111", 3, 150)
        };
        let workers = rng.range(lo, hi);
        let avg = if garment {
            rng.range(4_000, 6_500) * 1000
        } else {
            rng.range(5_000, 9_000) * 1000
        };
        let nib = format!("91200{:08}", i);
        let name = if garment {
            format!("Konveksi {}", i)
        } else {
            format!("PT Usaha {}", i)
        };
        let registered = rng.range(0, 99) < if garment { 35 } else { 70 };
        let mut npp = None;
        if registered {
            npp_seq += 1;
            let n = npp_seq.to_string();
            let active = if rng.range(0, 99) < 40 {
                workers * rng.range(40, 90) / 100
            } else {
                workers
            };
            let programs = if rng.range(0, 99) < 25 {
                ProgramSet::of(&[Program::Jkk, Program::Jkm])
            } else {
                ProgramSet::of(&[Program::Jkk, Program::Jkm, Program::Jht, Program::Jp])
            };
            let low = if rng.range(0, 99) < 30 { active / 3 } else { 0 };
            let wages = vec![
                (Rupiah(4_500_000), low),
                (Rupiah(avg.max(5_800_000) as i64), active - low),
            ];
            d.employers.push((
                EmployerFacts {
                    npp: n.clone(),
                    nib: Some(nib.clone()),
                    name: name.clone(),
                    region: v.clone(),
                    risk_class: if garment { 2 } else { 1 },
                    programs,
                    wages: WageStats::default(),
                },
                wages,
            ));
            // a third of reports carry the NPP; the rest are matched by NIB
            if rng.range(0, 2) == 0 {
                npp = Some(n);
            }
        }
        let sector = Sector::parse(kbli).unwrap_or(Sector::Division(14));
        d.companies.push(CompanyReport {
            row: i as usize + 2,
            nib: Some(nib),
            name,
            region: v.clone(),
            kbli: kbli.to_owned(),
            sector,
            reported_workers: workers,
            average_wage: Rupiah(avg as i64),
            npp,
        });
    }
    if let Some(t) = tambora {
        d.campaigns.push(Campaign {
            id: "tambora-konveksi-2025".to_owned(),
            name: "Konveksi Terlindungi Tambora".to_owned(),
            region: t,
            sector: Some(Sector::Division(14)),
            partner: "Forum RW Kalianyar".to_owned(),
            role: PentahelixRole::Community,
            start: Month {
                year: 2025,
                month: 6,
            },
            end: Some(Month {
                year: 2025,
                month: 11,
            }),
        });
        for m in (Month {
            year: 2025,
            month: 6,
        })
        .range(6)
        {
            for k in 0..rng.range(20, 60) {
                d.tagged.push(TaggedEnrolment {
                    campaign_id: "tambora-konveksi-2025".to_owned(),
                    month: m,
                    vulnerable: k % 4 != 0,
                });
            }
        }
    }
    d
}
