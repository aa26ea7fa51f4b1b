//! Money flows: contributions collected and benefits paid, by program, region and period
//! ("Rp12.1 trillion paid in DKI Jakarta so far"), from the registry's payment records. A row
//! paying fewer than k cases is hidden (with complementary suppression across the regions of
//! the same program and period): a benefit paid in a small area identifies its recipient.

use crate::model::Program;
use crate::period::Month;
use crate::region::{Level, RegionKey};
use crate::suppress::{self, Policy, Relation};
use jamsos_rules::Rupiah;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowKind {
    ContributionCollected,
    BenefitPaid,
}

/// One aggregate of payment records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowRecord {
    pub kind: FlowKind,
    pub program: Program,
    pub region: RegionKey,
    pub month: Month,
    pub amount: Rupiah,
    /// Payments (or participants) behind the amount.
    pub cases: u64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Month,
    Year,
    /// One period from the first record to the last ("so far").
    All,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowRow {
    pub kind: FlowKind,
    pub program: Program,
    /// `None`: not placeable at the level (recorded for a coarser region).
    pub region: Option<RegionKey>,
    pub period: String,
    pub amount: Option<Rupiah>,
    pub cases: Option<u64>,
}

/// Sums flows by kind × program × region (at `level`, inside `within`) × period.
pub fn report(
    records: &[FlowRecord],
    within: Option<&RegionKey>,
    level: Level,
    granularity: Granularity,
    policy: Policy,
) -> Vec<FlowRow> {
    type Key = (FlowKind, Program, String, Option<RegionKey>);
    let mut sums: BTreeMap<Key, (Rupiah, u64)> = BTreeMap::new();
    for r in records
        .iter()
        .filter(|r| within.is_none_or(|w| r.region.within(w)))
    {
        let period = match granularity {
            Granularity::Month => r.month.to_string(),
            Granularity::Year => format!("{:04}", r.month.year),
            Granularity::All => "all".to_owned(),
        };
        let e = sums
            .entry((r.kind, r.program, period, r.region.at(level)))
            .or_default();
        e.0 += r.amount;
        e.1 += r.cases;
    }
    let keys: Vec<Key> = sums.keys().cloned().collect();
    let cases: Vec<u64> = keys
        .iter()
        .map(|k| sums.get(k).map_or(0, |v| v.1))
        .collect();
    // Each kind × program × period's regions add up to a total that can be published elsewhere.
    let mut groups: BTreeMap<(FlowKind, Program, String), Vec<usize>> = BTreeMap::new();
    for (i, k) in keys.iter().enumerate() {
        groups.entry((k.0, k.1, k.2.clone())).or_default().push(i);
    }
    let mut values = cases.clone();
    let mut relations = Vec::new();
    for members in groups.values() {
        let total: u64 = members
            .iter()
            .map(|&i| cases.get(i).copied().unwrap_or(0))
            .sum();
        values.push(total);
        relations.push(Relation {
            members: members.clone(),
            margin: values.len() - 1,
        });
    }
    let hidden = suppress::suppress(&values, &relations, policy);
    keys.into_iter()
        .enumerate()
        .map(|(i, (kind, program, period, region))| {
            let (amount, n) = sums
                .get(&(kind, program, period.clone(), region.clone()))
                .copied()
                .unwrap_or_default();
            let h = hidden.get(i).copied().unwrap_or(false);
            FlowRow {
                kind,
                program,
                region,
                period,
                amount: (!h).then_some(amount),
                cases: (!h).then_some(n),
            }
        })
        .collect()
}
