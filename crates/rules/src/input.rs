//! The scenario as the calculation contract writes it (`shared/spec/calc-contract.md`): one
//! flat JSON object whose `type` says which fields matter. [`RawScenario`] is the wire shape
//! (every field optional, unknown fields refused); each calculation module turns it into its
//! own typed request and says exactly which field is wrong and why.

use crate::error::CalcError;
use crate::rate::Rate;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// One scenario, exactly as received. Field meanings: see the calculation contract.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub date: Option<String>,
    pub overrides: Option<BTreeMap<String, serde_json::Value>>,

    // contributions
    pub segment: Option<String>,
    pub wage: Option<i64>,
    pub risk_class: Option<i64>,
    pub employer: Option<EmployerInfo>,
    pub income: Option<i64>,
    pub sector: Option<String>,
    pub funded_by: Option<String>,
    pub contract_value: Option<i64>,
    pub package: Option<String>,
    pub programs: Option<ProgramList>,

    // benefits
    pub program: Option<String>,
    pub outcome: Option<String>,
    pub disability_percent: Option<serde_json::Number>,
    pub function_loss_percent: Option<serde_json::Number>,
    pub incapacity_months: Option<i64>,
    pub children: Option<Vec<ChildInput>>,
    pub membership_months: Option<i64>,
    pub reason: Option<String>,
    pub membership_start: Option<String>,
    pub birth_date: Option<String>,
    pub work_end: Option<String>,
    pub balance: Option<i64>,
    pub contributions: Option<Vec<MonthAmount>>,
    pub contribution_months: Option<i64>,
    pub event_after_registration_months: Option<i64>,
    pub average_indexed_wage: Option<i64>,
    pub wage_history: Option<Vec<YearWage>>,
    pub contributions_total: Option<i64>,
    pub survivors: Option<Survivors>,
    pub contribution_months_last_24: Option<i64>,
    pub consecutive_months: Option<i64>,

    // late fine
    pub contribution_month: Option<String>,
    pub amount_due: Option<i64>,
    pub paid_on: Option<String>,
}

/// `{"sector": "textile_apparel", "workers": 120}`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct EmployerInfo {
    pub sector: Option<String>,
    pub workers: Option<i64>,
}

/// A list of programs: a JSON array (`["JKK","JKM"]`) or, as CSV writes it, `"JKK;JKM"`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(untagged)]
pub enum ProgramList {
    List(Vec<String>),
    Joined(String),
}

impl ProgramList {
    pub fn items(&self) -> Vec<&str> {
        match self {
            ProgramList::List(v) => v.iter().map(String::as_str).collect(),
            ProgramList::Joined(s) => s
                .split([';', ',', ' '])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect(),
        }
    }
}

/// A child for the scholarship.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChildInput {
    pub birth_date: Option<String>,
    pub level: Option<String>,
    pub grade: Option<i64>,
    pub married: Option<bool>,
    pub working: Option<bool>,
}

/// `{"month": "2020-01", "amount": 228000}`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MonthAmount {
    pub month: String,
    pub amount: i64,
}

/// `{"year": 2016, "monthly_wage": 4000000}`.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct YearWage {
    pub year: i64,
    pub monthly_wage: i64,
}

/// JP survivors: `{"spouse": true, "children": 2, "parents": 0}`.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Survivors {
    #[serde(default)]
    pub spouse: bool,
    #[serde(default)]
    pub children: i64,
    #[serde(default)]
    pub parents: i64,
}

/// Fields whose values are whole rupiah, for the contract's wording of type errors.
const MONEY_FIELDS: &[&str] = &[
    "wage",
    "income",
    "contract_value",
    "balance",
    "average_indexed_wage",
    "contributions_total",
    "amount_due",
    "amount",
    "monthly_wage",
];

impl RawScenario {
    /// Parses one JSON scenario, naming the offending field on error.
    pub fn from_json(bytes: &[u8]) -> Result<RawScenario, CalcError> {
        // serde would also read a struct from a JSON array; the contract only has objects.
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(CalcError::invalid(
                "(scenario)",
                "a scenario is one JSON object {...}",
            ));
        }
        let mut de = serde_json::Deserializer::from_slice(bytes);
        let raw: RawScenario = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            json_error(&path, &inner)
        })?;
        de.end().map_err(|e| {
            CalcError::invalid(
                "(scenario)",
                format!("trailing characters after the scenario: {e}"),
            )
        })?;
        Ok(raw)
    }
}

fn json_error(path: &str, e: &serde_json::Error) -> CalcError {
    let msg = e.to_string();
    // serde_json appends " at line L column C"; keep it, it helps find the spot in a file.
    if let Some(name) = msg
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next())
    {
        // serde_path_to_error's path already ends with the unknown field's name.
        let field = if path == "." || path.is_empty() {
            name.to_owned()
        } else {
            path.to_owned()
        };
        return CalcError::invalid(field, "unknown field: the contract has no such field");
    }
    if let Some(name) = msg
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        let field = if path == "." || path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        };
        return CalcError::invalid(field, "this field is required");
    }
    if path == "." || path.is_empty() {
        return CalcError::invalid("(scenario)", format!("not a JSON scenario object: {msg}"));
    }
    let last = path.rsplit('.').next().unwrap_or(path);
    let last = last.split('[').next().unwrap_or(last);
    if MONEY_FIELDS.contains(&last) {
        return CalcError::invalid(
            path,
            format!("{last} must be a positive whole number of rupiah ({msg})"),
        );
    }
    CalcError::invalid(path, msg)
}

// ---- helpers shared by the calculation modules to read typed values with clear errors ----

/// A required field.
pub fn required<T: Clone>(value: &Option<T>, field: &str) -> Result<T, CalcError> {
    value
        .clone()
        .ok_or_else(|| CalcError::invalid(field, "this field is required for this scenario"))
}

/// An ISO date field.
pub fn date_field(value: &Option<String>, field: &str) -> Result<Date, CalcError> {
    let text = value
        .as_deref()
        .ok_or_else(|| CalcError::invalid(field, "this field is required for this scenario"))?;
    parse_date(text, field)
}

pub fn parse_date(text: &str, field: &str) -> Result<Date, CalcError> {
    let bytes = text.as_bytes();
    // jiff accepts more than the contract allows; the contract says YYYY-MM-DD exactly.
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return Err(CalcError::invalid(
            field,
            format!("{text:?} is not a date written YYYY-MM-DD"),
        ));
    }
    text.parse::<Date>()
        .map_err(|_| CalcError::invalid(field, format!("{text:?} is not a calendar date")))
}

/// A `YYYY-MM` month field, as the first day of that month.
pub fn parse_month(text: &str, field: &str) -> Result<Date, CalcError> {
    let bad = || CalcError::invalid(field, format!("{text:?} is not a month written YYYY-MM"));
    let (y, m) = text.split_once('-').ok_or_else(bad)?;
    if y.len() != 4 || m.len() != 2 {
        return Err(bad());
    }
    let y: i16 = y.parse().map_err(|_| bad())?;
    let m: i8 = m.parse().map_err(|_| bad())?;
    Date::new(y, m, 1).map_err(|_| bad())
}

/// A money field that must be > 0.
pub fn positive_money(value: Option<i64>, field: &str) -> Result<i64, CalcError> {
    match value {
        Some(v) if v > 0 => Ok(v),
        Some(_) => Err(CalcError::invalid(
            field,
            format!("{field} must be a positive whole number of rupiah"),
        )),
        None => Err(CalcError::invalid(
            field,
            "this field is required for this scenario",
        )),
    }
}

/// A percent given as a JSON number (`35`, `7.5`) read exactly as a rate.
pub fn percent_field(
    value: &Option<serde_json::Number>,
    field: &str,
) -> Result<Option<Rate>, CalcError> {
    let Some(n) = value else { return Ok(None) };
    let rate = Rate::parse(&format!("{n}%")).map_err(|_| {
        CalcError::invalid(
            field,
            format!("{n} is not a percentage this engine can hold exactly"),
        )
    })?;
    if rate < Rate::ZERO || rate > Rate::ONE {
        return Err(CalcError::invalid(
            field,
            "a percentage is between 0 and 100",
        ));
    }
    Ok(Some(rate))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_bad_field() {
        let e = RawScenario::from_json(br#"{"type":"contribution","wage":5.5}"#).unwrap_err();
        assert_eq!(e.to_object().error.field.as_deref(), Some("wage"));
        let e = RawScenario::from_json(br#"{"type":"contribution","wagee":5}"#).unwrap_err();
        assert_eq!(e.to_object().error.field.as_deref(), Some("wagee"));
        let e = RawScenario::from_json(br#"{"children":[{"birth_date":"2012-01-01","lvl":"SD"}]}"#)
            .unwrap_err();
        assert_eq!(
            e.to_object().error.field.as_deref(),
            Some("children[0].lvl")
        );
        let e = RawScenario::from_json(b"[1,2]").unwrap_err();
        assert_eq!(e.to_object().error.field.as_deref(), Some("(scenario)"));
    }

    #[test]
    fn reads_program_lists_both_ways() {
        let a = RawScenario::from_json(br#"{"programs":["JKK","JKM"]}"#).unwrap();
        let b = RawScenario::from_json(br#"{"programs":"JKK;JKM"}"#).unwrap();
        assert_eq!(a.programs.unwrap().items(), b.programs.unwrap().items());
    }

    #[test]
    fn dates_and_months_are_strict() {
        assert!(parse_date("2026-02-30", "date").is_err());
        assert!(parse_date("2026-2-3", "date").is_err());
        assert_eq!(
            parse_month("2026-03", "m").unwrap(),
            Date::new(2026, 3, 1).unwrap()
        );
        assert!(parse_month("2026-13", "m").is_err());
    }
}
