//! The headline of a money-flows report: "Rp12.1 trillion paid in DKI Jakarta so far" — the
//! benefits paid and contributions collected inside a region over every record, with the
//! period the records span. A total whose payments are fewer than the policy's k is withheld,
//! as a table cell would be (a region's only benefit names its recipient).

use crate::flows::{FlowKind, FlowRecord};
use crate::period::Month;
use crate::region::RegionKey;
use crate::suppress::Policy;
use jamsos_rules::Rupiah;
use serde::Serialize;

/// One kind's total: `None` when withheld under the policy.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowTotal {
    pub amount: Option<Rupiah>,
    pub cases: Option<u64>,
}

/// Benefits paid and contributions collected inside a region, over all records.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FlowTotals {
    pub benefits_paid: FlowTotal,
    pub contributions_collected: FlowTotal,
    /// The first and last month with records (`None` when there are none).
    pub from: Option<Month>,
    pub to: Option<Month>,
}

fn total(records: &[&FlowRecord], kind: FlowKind, policy: Policy) -> FlowTotal {
    let (amount, cases) = records
        .iter()
        .filter(|r| r.kind == kind)
        .fold((Rupiah::ZERO, 0u64), |(a, n), r| {
            (a + r.amount, n + r.cases)
        });
    let hidden = policy.min_count.is_some_and(|k| cases > 0 && cases < k);
    FlowTotal {
        amount: (!hidden).then_some(amount),
        cases: (!hidden).then_some(cases),
    }
}

/// Sums the records inside `within` (all of them when `None`).
pub fn totals(records: &[FlowRecord], within: Option<&RegionKey>, policy: Policy) -> FlowTotals {
    let inside: Vec<&FlowRecord> = records
        .iter()
        .filter(|r| within.is_none_or(|w| r.region.within(w)))
        .collect();
    FlowTotals {
        benefits_paid: total(&inside, FlowKind::BenefitPaid, policy),
        contributions_collected: total(&inside, FlowKind::ContributionCollected, policy),
        from: inside.iter().map(|r| r.month).min(),
        to: inside.iter().map(|r| r.month).max(),
    }
}

/// An amount for a headline: `Rp12.1 trillion` / `Rp12,1 triliun` (one decimal, half up, in
/// the largest unit it reaches); below a million the full amount.
pub fn compact(amount: Rupiah, indonesian: bool) -> String {
    const UNITS: [(i128, &str, &str); 3] = [
        (1_000_000_000_000, "trillion", "triliun"),
        (1_000_000_000, "billion", "miliar"),
        (1_000_000, "million", "juta"),
    ];
    let v = i128::from(amount.get());
    for (unit, en, id) in UNITS {
        if v.abs() >= unit {
            // tenths of the unit, rounded half up (rounding.rs is the only place that rounds)
            let tenths = jamsos_rules::rounding::half_up(v * 10, unit).get();
            let (whole, tenth) = (tenths / 10, (tenths % 10).abs());
            let sep = if indonesian { ',' } else { '.' };
            let word = if indonesian { id } else { en };
            return format!("Rp{whole}{sep}{tenth} {word}");
        }
    }
    if indonesian {
        amount.to_id_string()
    } else {
        amount.to_en_string()
    }
}

/// The one-line headline: `Rp12.1 trillion paid in DKI Jakarta so far (2025-01 to 2026-03);
/// Rp3.4 trillion collected`. `place` is the region's name (or "Indonesia").
pub fn headline(t: &FlowTotals, place: &str) -> String {
    if t.from.is_none() {
        return format!("no payments recorded in {place} yet");
    }
    let span = match (t.from, t.to) {
        (Some(a), Some(b)) if a == b => format!(" ({a})"),
        (Some(a), Some(b)) => format!(" ({a} to {b})"),
        _ => String::new(),
    };
    let paid = match t.benefits_paid.amount {
        Some(a) => format!("{} paid in {place} so far{span}", compact(a, false)),
        None => format!("benefits paid in {place}: withheld (fewer cases than the minimum){span}"),
    };
    let collected = match t.contributions_collected.amount {
        Some(a) => format!("{} collected", compact(a, false)),
        None => "contributions collected: withheld".to_owned(),
    };
    format!("{paid}; {collected}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_amounts() {
        assert_eq!(
            compact(Rupiah(12_149_999_999_999), false),
            "Rp12.1 trillion"
        );
        assert_eq!(
            compact(Rupiah(12_150_000_000_000), false),
            "Rp12.2 trillion"
        );
        assert_eq!(compact(Rupiah(84_000_000), true), "Rp84,0 juta");
        assert_eq!(compact(Rupiah(1_500_000_000), false), "Rp1.5 billion");
        assert_eq!(
            compact(Rupiah(16_800), false),
            Rupiah(16_800).to_en_string()
        );
    }
}
