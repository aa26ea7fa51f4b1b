//! What coverage and compliance analytics read besides the registry, generated to go with a
//! [`super::generate`] population: company data rows (the manpower office's mandatory company
//! reports: the registered employers' own reports, some under-reporting workers or wages, plus
//! unregistered companies) and workforce potential per district and KBLI section. Deterministic
//! for a seed; every name is marked synthetic and the figures are invented.

use super::generate::{GenerateOptions, Generator};
use super::names::BUSINESS_WORDS;
use super::rng::Rng;
use crate::ids::{Npp, RegionCode};
use jamsos_rules::Rupiah;

/// A registered employer as the company-report generator sees it (read back from the
/// registry, in NPP order).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegisteredEmployer {
    pub npp: Npp,
    pub legal_name: String,
    pub region: RegionCode,
    pub kbli: Option<String>,
    /// Open memberships and the sum of their latest wages.
    pub active: u64,
    pub wage_sum: Rupiah,
}

/// One company data row (columns of the company data import).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoCompany {
    pub nib: Option<String>,
    pub name: String,
    pub region: RegionCode,
    pub kbli: String,
    pub reported_workers: u64,
    pub average_wage: Rupiah,
    pub npp: Option<Npp>,
}

/// One workforce potential row (columns of the potential import).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoPotential {
    pub region: RegionCode,
    pub sector: &'static str,
    pub period: String,
    pub workers: u64,
    pub vulnerable_workers: u64,
    pub source: &'static str,
}

/// KBLI codes of unregistered companies (the same mix as the registered ones).
const KBLI: &[&str] = &[
    "47111", "10710", "14111", "25910", "49431", "56101", "62019", "86105", "01131", "08101",
    "41011",
];

/// Section, share of the workforce (per mille) and vulnerable share (percent).
const SECTIONS: &[(&str, u64, u64)] = &[
    ("A", 150, 70),
    ("B", 20, 30),
    ("C", 200, 35),
    ("F", 80, 50),
    ("G", 250, 45),
    ("H", 60, 40),
    ("I", 80, 50),
    ("J", 30, 10),
    ("Q", 40, 15),
    ("S", 90, 60),
];

/// `total` company rows: first one per registered employer (its own report: 85 % give their
/// NPP, the others only their name, so they are matched by name and listed for review; a fifth
/// report more workers than are registered, a third a higher average wage), then unregistered
/// companies placed by regency population, up to `total`.
pub fn company_reports(
    opts: &GenerateOptions,
    registered: &[RegisteredEmployer],
    total: usize,
) -> Vec<DemoCompany> {
    let mut rng = Rng::new(opts.seed ^ 0xC0_4D_A7_A5);
    let mut out = Vec::with_capacity(total.max(registered.len()));
    for e in registered.iter().take(total) {
        let avg = if e.active == 0 {
            3_000_000
        } else {
            e.wage_sum.get() / e.active as i64
        };
        let reported_workers = match rng.below(100) {
            0..=69 => e.active.max(1),
            70..=89 => e.active.max(1) * (120 + rng.below(81)) / 100 + 1,
            _ => e.active + 1 + rng.below(5),
        };
        let average_wage = match rng.below(100) {
            0..=59 => avg,
            60..=89 => avg * (110 + rng.below(41) as i64) / 100,
            _ => avg * (80 + rng.below(20) as i64) / 100,
        };
        out.push(DemoCompany {
            nib: None,
            name: e.legal_name.clone(),
            region: e.region,
            kbli: e.kbli.clone().unwrap_or_else(|| "47111".to_owned()),
            reported_workers,
            average_wage: Rupiah(average_wage.max(1) / 1_000 * 1_000 + 1_000),
            npp: rng.chance(85).then_some(e.npp),
        });
    }
    let unregistered = total.saturating_sub(out.len());
    let Ok(mut places) = Generator::new(GenerateOptions {
        seed: opts.seed ^ 0x0C0F_FEE0,
        participants: 0,
        ..opts.clone()
    }) else {
        return out;
    };
    for i in 0..unregistered {
        let Some(region) = places.random_village() else {
            break;
        };
        let reported_workers = match rng.below(100) {
            0..=59 => rng.range(1, 4),
            60..=84 => rng.range(5, 19),
            85..=96 => rng.range(20, 99),
            _ => rng.range(100, 500),
        } as u64;
        let w1 = rng.pick(BUSINESS_WORDS).copied().unwrap_or("Maju");
        let w2 = rng.pick(BUSINESS_WORDS).copied().unwrap_or("Jaya");
        let prefix = match reported_workers {
            0..=4 => "UD",
            5..=19 => "CV",
            _ => "PT",
        };
        out.push(DemoCompany {
            nib: Some(format!("81{:011}", i + 1)),
            name: format!("{prefix} {w1} {w2} Mandiri U{} (sintetis)", i + 1),
            region,
            kbli: rng.pick(KBLI).copied().unwrap_or("47111").to_owned(),
            reported_workers,
            average_wage: Rupiah(2_000_000 + rng.below(121) as i64 * 50_000),
            npp: None,
        });
    }
    out
}

/// Workforce potential for `opts.as_of`'s year, per district and KBLI section: the
/// participants a district can expect from the generator (regency population share) times
/// 1.8–3.2, so coverage lands between about a third and a half.
pub fn workforce_potential(opts: &GenerateOptions) -> Vec<DemoPotential> {
    let mut rng = Rng::new(opts.seed ^ 0x90_7E_47_1A);
    let Ok(g) = Generator::new(GenerateOptions {
        participants: 0,
        ..opts.clone()
    }) else {
        return Vec::new();
    };
    let period = opts.as_of.year().to_string();
    let (districts, total_weight) = g.district_weights();
    let participants = opts.participants as u128;
    let mut out = Vec::with_capacity(districts.len() * SECTIONS.len());
    for (district, weight) in districts {
        let expected = participants * u128::from(weight) / u128::from(total_weight.max(1));
        let factor = 180 + u128::from(rng.below(141));
        let workers = (expected * factor / 100) as u64;
        for (section, share, vulnerable) in SECTIONS {
            let n = workers * share / 1000;
            if n == 0 {
                continue;
            }
            out.push(DemoPotential {
                region: district,
                sector: section,
                period: period.clone(),
                workers: n,
                vulnerable_workers: n * vulnerable / 100,
                source: "synthetic (jamsos demo generate)",
            });
        }
    }
    out
}
