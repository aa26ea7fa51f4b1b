//! Measures the pure core at the scale (recorded in docs/performance.md):
//! compliance for N synthetic companies (default 1,000,000; about half registered, with
//! partial registrations) with every shortfall from the embedded rules engine, and a national
//! coverage table from a summary of one row per village × sector × segment.
//!
//! `cargo run --release -p jamsos-analytics --example scale [companies]`

use jamsos_analytics::compliance::{
    self, CompanyReport, ComplianceConfig, EmployerFacts, WageStats,
};
use jamsos_analytics::coverage::{self, CoverageQuery};
use jamsos_analytics::model::{EnrolledRecord, PotentialRecord, Program, ProgramSet, Segment};
use jamsos_analytics::region::{Level, NoDirectory, RegionKey};
use jamsos_analytics::sector::Sector;
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Month, StatPeriod};
use jamsos_rules::{Engine, Rupiah};
use std::time::Instant;

fn main() {
    let n: u64 = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let engine = Engine::embedded().expect("embedded parameters");
    let regs = jamsos_domain::regions();
    let villages: Vec<RegionKey> = regs
        .all()
        .iter()
        .filter(|r| r.code.to_string().len() == 13)
        .filter_map(|r| RegionKey::parse(&r.code.to_string()).ok())
        .collect();
    let jakarta: Vec<&RegionKey> = villages.iter().filter(|v| v.province() == "31").collect();
    let mut companies = Vec::with_capacity(n as usize);
    let mut employers = Vec::new();
    for i in 0..n {
        let v = jakarta[(i as usize * 7) % jakarta.len()];
        let workers = 3 + (i * 37) % 200;
        let wage = 4_000_000 + ((i * 7919) % 60) as i64 * 100_000;
        let nib = format!("91{:011}", i);
        if i % 2 == 0 {
            let active = if i % 6 == 0 { workers * 2 / 3 } else { workers };
            let low = if i % 10 == 0 { active / 4 } else { 0 };
            employers.push(EmployerFacts {
                npp: format!("{:08}", i / 2 + 1),
                nib: Some(nib.clone()),
                name: format!("PT {i}"),
                region: v.clone(),
                risk_class: 1 + (i % 3) as u8,
                programs: if i % 8 == 0 {
                    ProgramSet::of(&[Program::Jkk, Program::Jkm])
                } else {
                    ProgramSet::of(&[Program::Jkk, Program::Jkm, Program::Jht, Program::Jp])
                },
                wages: WageStats {
                    active,
                    wage_sum: Rupiah(wage * (active - low) as i64 + 4_500_000 * low as i64),
                    below_min: low,
                    below_min_sum: Rupiah(4_500_000 * low as i64),
                },
            });
        }
        companies.push(CompanyReport {
            row: i as usize + 2,
            nib: Some(nib),
            name: format!("PT {i}"),
            region: v.clone(),
            kbli: "14111".to_owned(),
            sector: Sector::Division(14),
            reported_workers: workers,
            average_wage: Rupiah(wage),
            npp: None,
        });
    }
    let cfg = ComplianceConfig::new(jiff::civil::date(2026, 3, 1));
    let t = Instant::now();
    let rep = compliance::assess(&engine, &cfg, &companies, &employers).expect("assessment");
    println!(
        "compliance: {} companies, {} employers: {:?} ({} with findings, shortfall {})",
        companies.len(),
        employers.len(),
        t.elapsed(),
        rep.outreach.len(),
        rep.monthly_shortfall.to_en_string()
    );

    // Coverage: one summary row per village × 7 sectors × 2 segments (~1.2 M rows).
    let month = Month::parse("2026-03").expect("month");
    let mut potential = Vec::new();
    let mut enrolled = Vec::new();
    for (i, v) in villages.iter().enumerate() {
        for (j, s) in ["14", "G", "I", "H", "S", "F", "A"].iter().enumerate() {
            let sector = Sector::parse(s).expect("sector");
            let w = 100 + ((i * 31 + j * 17) % 900) as u64;
            potential.push(PotentialRecord {
                region: v.clone(),
                sector,
                period: StatPeriod::Year(2025),
                workers: w,
                vulnerable_workers: w / 2,
                source: "synthetic".to_owned(),
            });
            for (seg, vuln) in [(Segment::Pu, false), (Segment::Bpu, true)] {
                enrolled.push(EnrolledRecord {
                    region: v.clone(),
                    sector: Some(sector),
                    month,
                    segment: seg,
                    vulnerable: vuln,
                    programs: ProgramSet::of(&[Program::Jkk, Program::Jkm]),
                    count: w / 5,
                });
            }
        }
    }
    for (label, within, level) in [
        ("national by province", None, Level::Province),
        (
            "West Jakarta by kelurahan",
            RegionKey::parse("31.73").ok(),
            Level::Village,
        ),
    ] {
        let mut q = CoverageQuery::new(month, level);
        q.within = within;
        q.policy = Policy::default();
        let t = Instant::now();
        let table = coverage::coverage(&q, &potential, &enrolled, &NoDirectory);
        println!(
            "coverage {label}: {} summary rows in, {} rows out: {:?}",
            enrolled.len(),
            table.rows.len(),
            t.elapsed()
        );
    }
}
