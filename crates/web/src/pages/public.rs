//! Pages anyone may open: the home page and the entitlement simulator ("apa yang diterima ahli
//! waris saya jika…"), which builds a contract scenario from a simple form and shows the rules
//! engine's result with its explanation.

use crate::auth::Principal;
use crate::explain_view::{self, BenefitView};
use crate::i18n::Tr;
use crate::pages::{Nav, lang_of};
use crate::state::AppState;
use askama::Template;
use askama_web::WebTemplate;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use jamsos_rules::input::{ChildInput, RawScenario};
use serde::Deserialize;

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
pub struct HomePage {
    pub t: Tr,
    pub nav: Nav,
}

pub async fn home(
    headers: HeaderMap,
    uri: Uri,
    principal: Option<Extension<Principal>>,
) -> HomePage {
    let t = Tr::new(lang_of(&headers, &uri));
    HomePage {
        t,
        nav: Nav::new(t, &uri, principal.as_deref(), "/"),
    }
}

/// The simulator's form, as submitted (all text, so that bad input can be shown back).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct SimForm {
    pub event: Option<String>,
    pub segment: Option<String>,
    pub wage: Option<String>,
    pub date: Option<String>,
    pub months: Option<String>,
    pub disability: Option<String>,
    pub incapacity: Option<String>,
    pub jkp_months: Option<String>,
    pub c1_birth: Option<String>,
    pub c1_level: Option<String>,
    pub c1_grade: Option<String>,
    pub c2_birth: Option<String>,
    pub c2_level: Option<String>,
    pub c2_grade: Option<String>,
}

/// Form values with defaults filled in, for re-display.
#[derive(Clone, Debug)]
pub struct SimValues {
    pub event: String,
    pub segment: String,
    pub wage: String,
    pub date: String,
    pub months: String,
    pub disability: String,
    pub incapacity: String,
    pub jkp_months: String,
    pub children: Vec<ChildValues>,
}

#[derive(Clone, Debug)]
pub struct ChildValues {
    pub n: usize,
    pub birth: String,
    pub level: String,
    pub grade: String,
}

pub const EVENTS: [&str; 6] = [
    "jkm",
    "jkk_death",
    "jkk_total",
    "jkk_partial",
    "jkk_temporary",
    "jkp",
];
pub const LEVELS: [&str; 6] = ["none", "TK", "SD", "SMP", "SMA", "PT"];

#[derive(Template, WebTemplate)]
#[template(path = "simulator.html")]
pub struct SimulatorPage {
    pub t: Tr,
    pub nav: Nav,
    pub v: SimValues,
    pub events: [&'static str; 6],
    pub levels: [&'static str; 6],
    /// The input error: which form field (empty when none), and the engine's message.
    pub error_field: String,
    pub error_message: String,
    pub result: Option<BenefitView>,
}

impl SimulatorPage {
    /// Whether the error concerns this form field (for highlighting it).
    pub fn err(&self, field: &str) -> bool {
        !self.error_message.is_empty() && self.error_field == field
    }

    pub fn selected_level(&self, child: &ChildValues, level: &str) -> bool {
        child.level == level
    }
}

fn text(v: &Option<String>, default: &str) -> String {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .unwrap_or(default)
        .to_owned()
}

/// Accepts `5729876`, `5.729.876`, `Rp5.729.876` or `5,729,876`.
pub fn parse_rupiah(text: &str) -> Option<i64> {
    let digits: String = text
        .trim()
        .trim_start_matches("Rp")
        .trim_start_matches("rp")
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' ' | '\u{a0}'))
        .collect();
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

impl SimValues {
    fn from_form(f: &SimForm, today: &str) -> SimValues {
        let child =
            |n: usize, b: &Option<String>, l: &Option<String>, g: &Option<String>| ChildValues {
                n,
                birth: text(b, ""),
                level: text(l, "none"),
                grade: text(g, ""),
            };
        SimValues {
            event: text(&f.event, "jkm"),
            segment: text(&f.segment, "PU"),
            wage: text(&f.wage, "5.396.761"),
            date: text(&f.date, today),
            months: text(&f.months, "36"),
            disability: text(&f.disability, "20"),
            incapacity: text(&f.incapacity, "3"),
            jkp_months: text(&f.jkp_months, "12"),
            children: vec![
                child(1, &f.c1_birth, &f.c1_level, &f.c1_grade),
                child(2, &f.c2_birth, &f.c2_level, &f.c2_grade),
            ],
        }
    }

    /// The contract scenario for these values; the error names the form field.
    fn scenario(&self) -> Result<RawScenario, (String, String)> {
        let bad = |field: &str, msg: &str| (field.to_owned(), msg.to_owned());
        let wage = parse_rupiah(&self.wage).ok_or_else(|| bad("wage", "Rp, e.g. 5.396.761"))?;
        let int = |field: &str, s: &str| -> Result<i64, (String, String)> {
            s.trim()
                .parse::<i64>()
                .map_err(|_| bad(field, "whole number"))
        };
        let mut raw = RawScenario {
            kind: Some("benefit".into()),
            date: Some(self.date.clone()),
            segment: Some(self.segment.clone()),
            ..RawScenario::default()
        };
        let pu = self.segment == "PU";
        let set_wage = |raw: &mut RawScenario| {
            if pu {
                raw.wage = Some(wage);
            } else {
                raw.income = Some(wage);
            }
        };
        let children: Vec<ChildInput> = self
            .children
            .iter()
            .filter(|c| !c.birth.is_empty())
            .map(|c| -> Result<ChildInput, (String, String)> {
                Ok(ChildInput {
                    birth_date: Some(c.birth.clone()),
                    level: Some(c.level.clone()),
                    grade: if c.grade.is_empty() {
                        None
                    } else {
                        Some(int(&format!("c{}_grade", c.n), &c.grade)?)
                    },
                    married: Some(false),
                    working: Some(false),
                })
            })
            .collect::<Result<_, _>>()?;
        let children = (!children.is_empty()).then_some(children);
        match self.event.as_str() {
            "jkm" => {
                raw.program = Some("JKM".into());
                raw.membership_months = Some(int("months", &self.months)?);
                raw.children = children;
            }
            "jkk_death" | "jkk_total" | "jkk_partial" | "jkk_temporary" => {
                raw.program = Some("JKK".into());
                set_wage(&mut raw);
                raw.outcome = Some(
                    match self.event.as_str() {
                        "jkk_death" => "death",
                        "jkk_total" => "total_disability",
                        "jkk_partial" => "partial_disability",
                        _ => "temporary_incapacity",
                    }
                    .into(),
                );
                match self.event.as_str() {
                    "jkk_partial" => {
                        raw.disability_percent = Some(serde_json::Number::from(int(
                            "disability",
                            &self.disability,
                        )?));
                    }
                    "jkk_temporary" => {
                        raw.incapacity_months = Some(int("incapacity", &self.incapacity)?);
                    }
                    _ => raw.children = children,
                }
            }
            "jkp" => {
                raw.program = Some("JKP".into());
                raw.segment = None;
                raw.wage = Some(wage);
                raw.reason = Some("termination".into());
                let m = int("jkp_months", &self.jkp_months)?;
                raw.contribution_months_last_24 = Some(m);
                raw.consecutive_months = Some(m);
            }
            _ => return Err(bad("event", "unknown event")),
        }
        Ok(raw)
    }
}

/// Maps a contract field back to the simulator's form field, so the error shows in place.
fn form_field(contract_field: &str) -> &str {
    match contract_field {
        "wage" | "income" => "wage",
        "membership_months" => "months",
        "disability_percent" => "disability",
        "incapacity_months" => "incapacity",
        "contribution_months_last_24" | "consecutive_months" => "jkp_months",
        f if f.starts_with("children") => "children",
        other => other,
    }
}

pub async fn simulator(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    principal: Option<Extension<Principal>>,
    Query(form): Query<SimForm>,
) -> SimulatorPage {
    let t = Tr::new(lang_of(&headers, &uri));
    let today = jiff::Zoned::now().date().to_string();
    let submitted = form.event.is_some();
    let v = SimValues::from_form(&form, &today);
    let (mut error, mut result) = (None, None);
    if submitted {
        match v.scenario() {
            Err(e) => error = Some(e),
            Ok(raw) => match state.engine.calculate(&raw, true) {
                Ok(outcome) => result = explain_view::benefit(&outcome, t.lang),
                Err(e) => {
                    let o = e.to_object().error;
                    let field = o.field.or(o.parameter).unwrap_or_default();
                    error = Some((form_field(&field).to_owned(), o.message));
                }
            },
        }
    }
    SimulatorPage {
        t,
        nav: Nav::new(t, &uri, principal.as_deref(), "/simulator"),
        v,
        events: EVENTS,
        levels: LEVELS,
        error_field: error.as_ref().map(|e| e.0.clone()).unwrap_or_default(),
        error_message: error.map(|e| e.1).unwrap_or_default(),
        result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rupiah_input_forms() {
        assert_eq!(parse_rupiah("5.729.876"), Some(5_729_876));
        assert_eq!(parse_rupiah("Rp5.729.876"), Some(5_729_876));
        assert_eq!(parse_rupiah("5729876"), Some(5_729_876));
        assert_eq!(parse_rupiah("lima juta"), None);
        assert_eq!(parse_rupiah(""), None);
    }

    #[test]
    fn jkm_form_becomes_a_contract_scenario() {
        let form = SimForm {
            event: Some("jkm".into()),
            months: Some("24".into()),
            c1_birth: Some("2015-03-01".into()),
            c1_level: Some("SD".into()),
            c1_grade: Some("4".into()),
            ..SimForm::default()
        };
        let raw = SimValues::from_form(&form, "2026-02-10")
            .scenario()
            .unwrap();
        assert_eq!(raw.program.as_deref(), Some("JKM"));
        assert_eq!(raw.membership_months, Some(24));
        assert_eq!(raw.date.as_deref(), Some("2026-02-10"));
        let kids = raw.children.unwrap();
        assert_eq!(kids.len(), 1);
        assert_eq!(kids[0].grade, Some(4));
    }

    #[test]
    fn bad_wage_names_the_form_field() {
        let form = SimForm {
            event: Some("jkk_death".into()),
            wage: Some("lima juta".into()),
            ..SimForm::default()
        };
        let err = SimValues::from_form(&form, "2026-02-10")
            .scenario()
            .unwrap_err();
        assert_eq!(err.0, "wage");
    }

    #[test]
    fn bpu_accident_uses_income() {
        let form = SimForm {
            event: Some("jkk_total".into()),
            segment: Some("BPU".into()),
            wage: Some("2.000.000".into()),
            ..SimForm::default()
        };
        let raw = SimValues::from_form(&form, "2026-02-10")
            .scenario()
            .unwrap();
        assert_eq!(raw.income, Some(2_000_000));
        assert_eq!(raw.wage, None);
        assert_eq!(raw.outcome.as_deref(), Some("total_disability"));
    }
}
