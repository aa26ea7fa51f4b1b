//! Synthetic workforce potential and company data for a demo registry (`jamsos serve --demo`):
//! the registry's demo has people and employers but no denominators, so coverage would have
//! nothing to divide by. The figures are derived from what the registry holds, so the rates
//! come out plausible at the demo's scale: per kelurahan, potential workers = enrolled ÷ a
//! target rate (lower in Tambora's garment cluster, division 14), vulnerable workers =
//! sponsored participants ÷ a lower rate; company reports for every registered employer (a
//! few more workers than registered, a higher average wage) plus unregistered garment
//! workshops and shops. Every row says `synthetic demo` in its source or name. Written through
//! the same validated imports as real files; does nothing when potential is already stored.

use crate::db::{AnalyticsDb, ImportOutcome, Result};
use crate::model::EnrolledRecord;
use crate::period::Month;
use crate::region::{Level, RegionKey};
use jamsos_store::Actor;
use std::collections::BTreeMap;

const SOURCE: &str = "synthetic demo (not a statistic)";

/// What [`AnalyticsDb::seed_demo`] wrote.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct DemoAnalytics {
    pub potential: ImportOutcome,
    pub companies: ImportOutcome,
}

/// A small deterministic mixer (no dependency; the same numbers on every platform).
fn mix(seed: u64, salt: u64) -> u64 {
    let mut x = seed ^ salt.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

fn code_salt(code: &str) -> u64 {
    code.bytes().fold(1469598103934665603u64, |h, b| {
        (h ^ b as u64).wrapping_mul(1099511628211)
    })
}

impl AnalyticsDb {
    /// Seeds synthetic potential and company data for `city` (e.g. `31.73`) from the registry's
    /// current counts. `None` when workforce potential is already stored there.
    pub async fn seed_demo(&self, city: &RegionKey, year: i16) -> Result<Option<DemoAnalytics>> {
        if !self.potential(Some(city)).await?.is_empty() {
            return Ok(None);
        }
        let now = Month::new(year, 1).unwrap_or(Month {
            year: 2025,
            month: 1,
        });
        let enrolled = self.enrolled_current(Some(city), now).await?;
        let villages: Vec<RegionKey> = {
            let regs = jamsos_domain::regions();
            jamsos_domain::RegionCode::parse(&city.to_string())
                .ok()
                .map(|c| {
                    regs.villages_in(&c)
                        .filter_map(|r| RegionKey::parse(&r.code.to_string()).ok())
                        .collect()
                })
                .unwrap_or_default()
        };
        // enrolled per village: (all, vulnerable, garment division 14)
        let mut per: BTreeMap<RegionKey, (u64, u64, u64)> = BTreeMap::new();
        for e in &enrolled {
            let Some(v) = e.region.at(Level::Village) else {
                continue;
            };
            let c = per.entry(v).or_default();
            add(c, e);
        }
        let tambora = RegionKey::parse("31.73.04").ok();
        let mut csv = String::from("region_code,sector,period,workers,vulnerable_workers,source\n");
        for v in &villages {
            let (all, vuln, garment) = per.get(v).copied().unwrap_or_default();
            let salt = code_salt(&v.to_string());
            let cluster = tambora.as_ref().is_some_and(|t| v.within(t));
            // Garment workers (division 14): the cluster is large and poorly covered.
            let g_workers = if cluster {
                (garment * 100 / 22).max(60) + mix(1, salt) % 40
            } else {
                (garment * 100 / 55).max(8) + mix(2, salt) % 12
            };
            let g_vuln = g_workers * if cluster { 80 } else { 55 } / 100;
            // Everyone else, as trade (section G) and accommodation/food (I): coverage 45–70 %.
            let other = all.saturating_sub(garment);
            let rate = 45 + mix(3, salt) % 26;
            let o_workers = (other * 100 / rate).max(10) + mix(4, salt) % 15;
            let o_vuln = (vuln * 100 / (12 + mix(5, salt) % 10)).min(o_workers * 6 / 10);
            let g_share = o_workers * 6 / 10;
            for (sector, w, vw) in [
                ("14", g_workers, g_vuln),
                ("G", g_share, o_vuln * 6 / 10),
                ("I", o_workers - g_share, o_vuln - o_vuln * 6 / 10),
            ] {
                csv.push_str(&format!("{v},{sector},{year},{w},{},{SOURCE}\n", vw.min(w)));
            }
        }
        let actor = Actor::new("demo");
        let potential = self
            .import_potential(csv.as_bytes(), "synthetic-demo-potential.csv", &actor)
            .await?;
        let companies_csv = self.demo_companies(city, &villages).await?;
        let companies = self
            .import_companies(
                companies_csv.as_bytes(),
                "synthetic-demo-company-reports.csv",
                &actor,
            )
            .await?;
        Ok(Some(DemoAnalytics {
            potential,
            companies,
        }))
    }

    /// Company reports: every registered employer of the city (a few more workers than
    /// registered and a higher average wage than registered), and unregistered workshops.
    async fn demo_companies(&self, city: &RegionKey, villages: &[RegionKey]) -> Result<String> {
        let date = jiff::civil::date(2026, 1, 1);
        let employers = self.employers(Some(city), None, date).await?;
        let kbli = self.employer_kbli(city).await?;
        let mut csv = String::from("nib,name,region_code,kbli,reported_workers,average_wage,npp\n");
        for (i, e) in employers.iter().enumerate() {
            let salt = code_salt(&e.npp);
            let active = e.wages.active;
            let extra = match mix(6, salt) % 3 {
                0 => 0,
                1 => 2 + mix(7, salt) % 6,
                _ => active / 2 + 3,
            };
            let avg = if active > 0 {
                e.wages.wage_sum.0 / active as i64
            } else {
                5_500_000
            };
            let avg = (avg + avg * (mix(8, salt) % 25) as i64 / 100).max(1_000_000);
            let k = kbli
                .get(&e.npp)
                .cloned()
                .filter(|k| k.len() >= 2)
                .unwrap_or_else(|| "47111".to_owned());
            // Half the reports carry the NPP; the rest are matched by NIB (or by name, for review).
            let npp = if i % 2 == 0 { e.npp.as_str() } else { "" };
            csv.push_str(&format!(
                "{},{},{},{},{},{},{}\n",
                e.nib.as_deref().unwrap_or(""),
                e.name.replace(',', " "),
                e.region,
                k,
                (active + extra).max(1),
                avg,
                npp
            ));
        }
        // Unregistered garment workshops (Tambora) and shops elsewhere: synthetic names, NIBs
        // in a range no registered demo employer uses.
        let tambora = RegionKey::parse("31.73.04").ok();
        for (i, v) in villages.iter().enumerate() {
            let cluster = tambora.as_ref().is_some_and(|t| v.within(t));
            let salt = code_salt(&v.to_string());
            let n = if cluster {
                3
            } else {
                (mix(9, salt) % 2) as usize
            };
            for j in 0..n {
                let s = mix(10 + j as u64, salt);
                let (name, kbli, workers, wage) = if cluster {
                    (
                        format!("Konveksi Demo {}-{} (sintetis)", i + 1, j + 1),
                        "14111",
                        6 + s % 30,
                        4_800_000 + (s % 15) as i64 * 100_000,
                    )
                } else {
                    (
                        format!("Toko Demo {}-{} (sintetis)", i + 1, j + 1),
                        "47111",
                        5 + s % 40,
                        5_400_000 + (s % 30) as i64 * 100_000,
                    )
                };
                csv.push_str(&format!(
                    "99{:011},{name},{v},{kbli},{workers},{wage},\n",
                    i * 10 + j
                ));
            }
        }
        Ok(csv)
    }
}

fn add(c: &mut (u64, u64, u64), e: &EnrolledRecord) {
    c.0 += e.count;
    if e.vulnerable {
        c.1 += e.count;
    }
    if e.sector.is_some_and(|s| s.to_string() == "14") {
        c.2 += e.count;
    }
}
