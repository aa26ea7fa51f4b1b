//! Turns a calculation's trace into rows a page can show: inputs, each parameter with its
//! value, period and legal basis, each formula with its numbers, each rule and whether it held.
//! The words come from the rules engine in both languages; this module only picks one.

use crate::fmt;
use jamsos_rules::Lang;
use jamsos_rules::Outcome;
use jamsos_rules::results::{BenefitResult, CalcResult};
use jamsos_rules::trace::{Step, confidence_id};

/// One row of an explanation.
#[derive(Clone, Debug)]
pub struct StepRow {
    /// `input`, `parameter`, `formula` or `rule` (also the CSS class).
    pub kind: &'static str,
    pub title: String,
    pub value: String,
    pub basis: String,
    pub note: String,
    /// For rules: whether the condition held.
    pub holds: Option<bool>,
}

pub fn steps(outcome: &Outcome<'_>, lang: Lang) -> Vec<StepRow> {
    let Some(trace) = &outcome.trace else {
        return Vec::new();
    };
    trace
        .iter()
        .map(|s| match s {
            Step::Input { name, value } => StepRow {
                kind: "input",
                title: (*name).to_owned(),
                value: match value {
                    serde_json::Value::String(s) => fmt::iso_date(s, lang),
                    other => other.to_string(),
                },
                basis: String::new(),
                note: String::new(),
                holds: None,
            },
            Step::Parameter {
                name,
                description,
                period,
                overridden,
            } => {
                let value = overridden
                    .as_ref()
                    .map(|v| v.display())
                    .unwrap_or_else(|| period.value.display());
                let confidence = match lang {
                    Lang::Id => confidence_id(period.confidence).to_owned(),
                    Lang::En => period.confidence.as_str().to_owned(),
                };
                let since = match lang {
                    Lang::Id => "berlaku sejak",
                    Lang::En => "in force from",
                };
                StepRow {
                    kind: "parameter",
                    title: if description.is_empty() {
                        (*name).to_owned()
                    } else {
                        (*description).to_owned()
                    },
                    value: localise_value(&value, lang),
                    basis: period.basis.clone(),
                    note: format!(
                        "{name} · {since} {} · {confidence}",
                        fmt::date(period.from, lang)
                    ),
                    holds: None,
                }
            }
            Step::Formula {
                label,
                expr,
                citation,
                ..
            } => StepRow {
                kind: "formula",
                title: label.get(lang).to_owned(),
                value: expr.render(lang),
                basis: citation.as_deref().unwrap_or_default().to_owned(),
                note: String::new(),
                holds: None,
            },
            Step::Rule {
                label,
                holds,
                citation,
            } => StepRow {
                kind: "rule",
                title: label.get(lang).to_owned(),
                value: String::new(),
                basis: citation.as_deref().unwrap_or_default().to_owned(),
                note: String::new(),
                holds: Some(*holds),
            },
        })
        .collect()
}

/// Parameter values are displayed by the engine in English notation (`Rp5,000,000`, `0.24%`);
/// Indonesian pages swap the separators.
fn localise_value(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_owned(),
        Lang::Id => text
            .chars()
            .map(|c| match c {
                ',' => '.',
                '.' => ',',
                other => other,
            })
            .collect(),
    }
}

/// A benefit component as a page shows it.
#[derive(Clone, Debug)]
pub struct ComponentRow {
    pub code: &'static str,
    pub amount: i64,
    pub payable_now: bool,
    /// Extra lines: months of a schedule, scholarship years.
    pub details: Vec<String>,
}

/// The parts of a benefit result a page shows.
#[derive(Clone, Debug)]
pub struct BenefitView {
    pub program: &'static str,
    pub eligible: bool,
    pub reasons: Vec<String>,
    pub components: Vec<ComponentRow>,
    pub total: i64,
    pub regime: String,
    pub warnings: Vec<String>,
    pub steps: Vec<StepRow>,
}

pub fn benefit(outcome: &Outcome<'_>, lang: Lang) -> Option<BenefitView> {
    let CalcResult::Benefit(b) = &outcome.result else {
        return None;
    };
    Some(benefit_from(b, outcome, lang))
}

fn benefit_from(b: &BenefitResult, outcome: &Outcome<'_>, lang: Lang) -> BenefitView {
    let components = b
        .components
        .iter()
        .map(|c| {
            let mut details = Vec::new();
            if let Some(months) = &c.months {
                for m in months {
                    details.push(match lang {
                        Lang::Id => {
                            format!("bulan ke-{}: {}", m.month, fmt::rupiah(m.amount.0, lang))
                        }
                        Lang::En => format!("month {}: {}", m.month, fmt::rupiah(m.amount.0, lang)),
                    });
                }
            }
            if let Some(schedule) = &c.schedule {
                for s in schedule {
                    details.push(match lang {
                        Lang::Id => format!(
                            "anak {} · {} · {} kelas {}: {}",
                            s.child,
                            s.school_year,
                            s.level,
                            s.grade,
                            fmt::rupiah(s.amount.0, lang)
                        ),
                        Lang::En => format!(
                            "child {} · {} · {} grade {}: {}",
                            s.child,
                            s.school_year,
                            s.level,
                            s.grade,
                            fmt::rupiah(s.amount.0, lang)
                        ),
                    });
                }
            }
            if let Some(max) = c.max_total {
                details.push(match lang {
                    Lang::Id => format!("paling banyak {}", fmt::rupiah(max.0, lang)),
                    Lang::En => format!("at most {}", fmt::rupiah(max.0, lang)),
                });
            }
            ComponentRow {
                code: c.code,
                amount: c.amount.0,
                payable_now: !c.not_payable_now,
                details,
            }
        })
        .collect();
    BenefitView {
        program: b.program.code(),
        eligible: b.eligible,
        reasons: b
            .reasons
            .iter()
            .map(|r| match lang {
                Lang::Id => r.id.clone(),
                Lang::En => r.en.clone(),
            })
            .collect(),
        components,
        total: b.total.0,
        regime: b.regime.unwrap_or_default().to_owned(),
        warnings: outcome.warnings.iter().map(|w| w.render(lang)).collect(),
        steps: steps(outcome, lang),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_values_swap_separators() {
        assert_eq!(localise_value("Rp5,000,000", Lang::Id), "Rp5.000.000");
        assert_eq!(localise_value("0.24%", Lang::Id), "0,24%");
        assert_eq!(localise_value("0.24%", Lang::En), "0.24%");
    }
}
