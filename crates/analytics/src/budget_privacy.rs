//! The budget simulation as a city analyst may see it: the same k-anonymity policy as the
//! coverage tables ([`crate::suppress`]).
//!
//! A [`BudgetResult`] carries counts of people from the registry: the enrolled participants
//! before the programme (all and vulnerable) and, when the target is "all uncovered vulnerable
//! workers", the cohort itself (`potential − enrolled`). A user-chosen count is not a count of
//! people and stays visible. Under a policy with minimum count `k`:
//!
//! * a registry count `0 < n < k` is hidden, with every figure that gives it back: a ratio
//!   (it serialises its numerator), the "after" figures (`before + cohort`), and for a hidden
//!   cohort the costs (`cohort × per person`, the per-person amount being public) and the
//!   expected deaths and benefits (proportional to the cohort);
//! * the cohort of "all uncovered vulnerable" and the enrolled vulnerable count are hidden
//!   together (the potential is published, so either gives the other back);
//! * the warning that a chosen count exceeds the uncovered workers loses that number.
//!
//! [`publish`] gives the JSON (hidden values `null`, as in coverage tables), [`sheets`] the
//! export tables (hidden cells `*`).

use crate::budget::{BudgetResult, Target};
use crate::export::{Sheet, Value, sheets as export_sheets};
use crate::suppress::Policy;
use serde::Serialize;
use serde_json::Value as Json;

/// What a budget result may not show under a policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    /// The policy's k (`None`: nothing hidden).
    pub min_count: Option<u64>,
    /// The cohort and what is proportional to it (costs, expected benefits, "after" figures).
    pub cohort: bool,
    /// Enrolled participants of the selection, before (and after).
    pub enrolled: bool,
    /// Enrolled vulnerable participants, before (and after).
    pub enrolled_vulnerable: bool,
}

impl Disclosure {
    pub fn any(&self) -> bool {
        self.cohort || self.enrolled || self.enrolled_vulnerable
    }
}

/// What `res` (simulated for `target`) must hide under `policy`.
pub fn disclosure(res: &BudgetResult, target: Target, policy: Policy) -> Disclosure {
    let Some(k) = policy.min_count else {
        return Disclosure::default();
    };
    let small = |n: u64| n > 0 && n < k;
    let enrolled_vulnerable = small(res.coverage.enrolled_vulnerable_before);
    let counted = matches!(target, Target::AllUncoveredVulnerable);
    let cohort = counted && (small(res.cohort) || enrolled_vulnerable);
    Disclosure {
        min_count: Some(k),
        cohort,
        enrolled: small(res.coverage.enrolled_before),
        enrolled_vulnerable: enrolled_vulnerable || cohort,
    }
}

/// The JSON paths each hidden family nulls (`monthly[].total` for every month).
fn hidden_paths(d: &Disclosure) -> Vec<&'static str> {
    let mut out = Vec::new();
    if d.cohort {
        out.extend([
            "cohort",
            "cost_first_month",
            "cost_per_year",
            "cost_total",
            "monthly[].total",
            "expected_benefits.jkm_deaths",
            "expected_benefits.jkk_deaths",
            "expected_benefits.jkm_cash",
            "expected_benefits.jkk_cash",
            "expected_benefits.scholarships",
            "expected_benefits.total",
        ]);
    }
    if d.enrolled || d.cohort {
        out.extend(["coverage.enrolled_after", "coverage.after"]);
    }
    if d.enrolled {
        out.extend(["coverage.enrolled_before", "coverage.before"]);
    }
    if d.enrolled_vulnerable || d.cohort {
        out.extend([
            "coverage.enrolled_vulnerable_after",
            "coverage.vulnerable_after",
        ]);
    }
    if d.enrolled_vulnerable {
        out.extend([
            "coverage.enrolled_vulnerable_before",
            "coverage.vulnerable_before",
        ]);
    }
    out
}

fn null_path(v: &mut Json, path: &str) {
    match path.split_once('.') {
        Some((head, rest)) => {
            if let Some(list) = head.strip_suffix("[]") {
                if let Some(Json::Array(items)) = v.get_mut(list) {
                    for item in items {
                        null_path(item, rest);
                    }
                }
            } else if let Some(child) = v.get_mut(head) {
                null_path(child, rest);
            }
        }
        None => {
            if let Some(slot) = v.get_mut(path) {
                *slot = Json::Null;
            }
        }
    }
}

/// The warnings, without a hidden count: budget.rs's only warning names the uncovered
/// vulnerable workers of the selection (`potential − enrolled`).
pub fn warnings(res: &BudgetResult, d: &Disclosure) -> Vec<String> {
    res.warnings
        .iter()
        .map(|w| {
            if d.enrolled_vulnerable && w.starts_with("the count ") && w.contains(" exceeds the ")
            {
                format!(
                    "the count {} exceeds the uncovered vulnerable workers in the selection (their number is hidden: fewer than {} people enrolled)",
                    res.cohort,
                    d.min_count.unwrap_or_default()
                )
            } else {
                w.clone()
            }
        })
        .collect()
}

/// `res` as JSON with the hidden values `null`, plus `min_count` and `hidden` (the paths).
pub fn publish(res: &BudgetResult, d: &Disclosure) -> Json {
    let mut v = serde_json::to_value(res).unwrap_or(Json::Null);
    let paths = hidden_paths(d);
    for p in &paths {
        null_path(&mut v, p);
    }
    if let Json::Object(map) = &mut v {
        map.insert("warnings".to_owned(), serde_json::json!(warnings(res, d)));
        map.insert("min_count".to_owned(), serde_json::json!(d.min_count));
        map.insert("hidden".to_owned(), serde_json::json!(paths));
    }
    v
}

/// The export tables of `res` with the hidden cells `*` and the policy stated in the notes.
pub fn sheets(res: &BudgetResult, d: &Disclosure) -> Vec<Sheet> {
    let mut out = export_sheets::budget(res);
    let hide = |label: &str| -> bool {
        let starts = |p: &str| label.starts_with(p);
        if starts("jumlah peserta") || starts("biaya") {
            d.cohort
        } else if starts("cakupan sebelum") {
            d.enrolled
        } else if starts("cakupan sesudah") {
            d.enrolled || d.cohort
        } else if starts("cakupan rentan sebelum") {
            d.enrolled_vulnerable
        } else if starts("cakupan rentan sesudah") {
            d.enrolled_vulnerable || d.cohort
        } else {
            (starts("perkiraan") || starts("manfaat") || starts("beasiswa") || starts("total"))
                && d.cohort
        }
    };
    if let Some(summary) = out.first_mut() {
        for row in &mut summary.rows {
            let label = match row.first() {
                Some(Value::Text(t)) => t.clone(),
                _ => continue,
            };
            if hide(&label)
                && let Some(v) = row.get_mut(1)
            {
                *v = Value::Hidden;
            }
        }
        let published = warnings(res, d);
        for note in &mut summary.notes {
            if let Some(i) = res.warnings.iter().position(|w| w == note)
                && let Some(w) = published.get(i)
            {
                *note = w.clone();
            }
        }
        if d.any()
            && let Some(caption) = (Policy {
                min_count: d.min_count,
            })
            .caption()
        {
            summary.notes.push(caption);
        }
    }
    if d.cohort
        && let Some(monthly) = out.get_mut(1)
    {
        for row in &mut monthly.rows {
            if let Some(v) = row.get_mut(2) {
                *v = Value::Hidden;
            }
        }
    }
    out
}
