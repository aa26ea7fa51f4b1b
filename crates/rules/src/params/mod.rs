//! Regulations as data. Every rate, cap, amount, age and period the engine uses is a
//! [`Parameter`]: a name, a kind, and dated [`Period`]s, each with its value, legal basis,
//! sources and [`Confidence`]. The files live in `crates/rules/params/*.toml`, are embedded in
//! the binary, validated at load, and can be replaced wholesale by a directory of files with the
//! same format (the CLI's `--params DIR`).
//!
//! Periods are inclusive on both ends and must tie end to end: a rule that stops holding is
//! written as a period of its own (a relief that ends is a period with a 0 % discount), and a
//! value the law does not give us is written as `unknown = true` with a note. A lookup on an
//! unknown period fails with `missing_parameter` unless the caller supplies an override.

mod load;
mod overrides;

pub use load::{ParamError, embedded_files};
pub use overrides::Overrides;

use crate::error::CalcError;
use crate::money::Rupiah;
use crate::rate::Rate;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::BTreeMap;

/// How far a value has been verified (regulations.md §0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    Derived,
    Low,
    MediumLow,
    Medium,
    MediumHigh,
    High,
}

impl Confidence {
    pub fn parse(text: &str) -> Option<Confidence> {
        Some(match text {
            "high" => Confidence::High,
            "medium-high" => Confidence::MediumHigh,
            "medium" => Confidence::Medium,
            "medium-low" => Confidence::MediumLow,
            "low" => Confidence::Low,
            "derived" => Confidence::Derived,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::MediumHigh => "medium-high",
            Confidence::Medium => "medium",
            Confidence::MediumLow => "medium-low",
            Confidence::Low => "low",
            Confidence::Derived => "derived",
        }
    }

    /// Whether a result using this value must warn that it uses an unverified value.
    pub fn needs_warning(self) -> bool {
        self != Confidence::High
    }
}

/// What sort of value a parameter holds; the file says it and the loader checks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Whole rupiah.
    Rupiah,
    /// An exact rate (`"0.24%"`).
    Rate,
    /// A whole number: months, years, an age, a count of children.
    Count,
    /// A calendar date.
    Date,
    Bool,
    /// Marginal bands: `[{upto = 100000000, rate = "0.21%"}, {rate = "0.09%"}]`.
    Bands,
    /// Rates by key: the partial-disability table.
    RateTable,
    /// A list of dates: public holidays.
    Dates,
}

/// One marginal band: the rate applies to the part of the base up to `upto` (the last band has
/// no upper bound).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Band {
    pub upto: Option<Rupiah>,
    pub rate: Rate,
}

/// A parameter's value in one period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    Rupiah(Rupiah),
    Rate(Rate),
    Count(i64),
    Date(Date),
    Bool(bool),
    Bands(Vec<Band>),
    RateTable(BTreeMap<String, Rate>),
    Dates(Vec<Date>),
    /// Explicitly not known (regulations.md says NOT FOUND).
    Unknown,
}

impl Value {
    /// Short human text of the value, for traces.
    pub fn display(&self) -> String {
        match self {
            Value::Rupiah(r) => r.to_en_string(),
            Value::Rate(r) => r.to_percent_string(),
            Value::Count(n) => n.to_string(),
            Value::Date(d) => d.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Bands(bands) => bands
                .iter()
                .map(|b| match b.upto {
                    Some(u) => format!("≤{}: {}", u.to_en_string(), b.rate.to_percent_string()),
                    None => format!("above: {}", b.rate.to_percent_string()),
                })
                .collect::<Vec<_>>()
                .join("; "),
            Value::RateTable(t) => format!("table of {} rows", t.len()),
            Value::Dates(d) => format!("{} dates", d.len()),
            Value::Unknown => "unknown".to_owned(),
        }
    }
}

/// A value and where it comes from, in force from `from` to `to` (inclusive; open when `None`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Option<Date>,
    pub value: Value,
    pub basis: String,
    pub sources: Vec<String>,
    pub confidence: Confidence,
    pub note: Option<String>,
}

impl Period {
    pub fn contains(&self, date: Date) -> bool {
        date >= self.from && self.to.is_none_or(|to| date <= to)
    }
}

/// A named, dated, cited rule value.
#[derive(Clone, Debug)]
pub struct Parameter {
    pub name: String,
    pub kind: Kind,
    pub description: String,
    /// The file it was read from, for error messages and `jamsos params`.
    pub file: String,
    pub periods: Vec<Period>,
}

impl Parameter {
    /// The period in force on `date`, if any.
    pub fn period_at(&self, date: Date) -> Option<&Period> {
        let idx = self.periods.partition_point(|p| p.from <= date);
        let p = self.periods.get(idx.checked_sub(1)?)?;
        p.contains(date).then_some(p)
    }

    /// Every date on which the value changes (the `from` of each period after the first).
    pub fn effective_dates(&self) -> impl Iterator<Item = Date> + '_ {
        self.periods.iter().skip(1).map(|p| p.from)
    }
}

/// The whole validated parameter set.
#[derive(Clone, Debug)]
pub struct ParamSet {
    params: BTreeMap<String, Parameter>,
    /// `embedded` or the directory it was loaded from.
    pub origin: String,
}

impl ParamSet {
    /// The parameter files compiled into this binary.
    pub fn embedded() -> Result<ParamSet, ParamError> {
        let files: Vec<(String, String)> = embedded_files()
            .iter()
            .map(|(n, t)| ((*n).to_owned(), (*t).to_owned()))
            .collect();
        ParamSet::from_files("embedded", &files)
    }

    /// Parses and validates a set of `(file name, TOML text)` pairs.
    pub fn from_files(origin: &str, files: &[(String, String)]) -> Result<ParamSet, ParamError> {
        let params = load::parse_and_validate(files)?;
        Ok(ParamSet {
            params,
            origin: origin.to_owned(),
        })
    }

    pub fn get(&self, name: &str) -> Option<&Parameter> {
        self.params.get(name)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Parameter> {
        self.params.values()
    }

    pub fn len(&self) -> usize {
        self.params.len()
    }

    pub fn is_empty(&self) -> bool {
        self.params.is_empty()
    }

    /// The period of `name` in force on `date`; `missing_parameter` when there is none or the
    /// value is explicitly unknown.
    pub fn period(&self, name: &str, date: Date) -> Result<&Period, CalcError> {
        let missing = |message: String| CalcError::MissingParameter {
            parameter: name.to_owned(),
            date,
            message,
        };
        let param = self
            .params
            .get(name)
            .ok_or_else(|| missing("the parameter set does not define it".to_owned()))?;
        let period = param
            .period_at(date)
            .ok_or_else(|| missing("no period of this parameter covers the date".to_owned()))?;
        if period.value == Value::Unknown {
            return Err(missing(format!(
                "the value in force is not known ({}); supply it as an override",
                period.note.as_deref().unwrap_or(&period.basis)
            )));
        }
        Ok(period)
    }
}
