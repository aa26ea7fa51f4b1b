//! Explanations. Every calculation runs with a [`Ctx`] that looks parameters up for a date and,
//! when tracing is on, records each input, each parameter used (value, period, legal basis,
//! sources, confidence) and each formula with its numbers. With tracing off the recording
//! closures are never called, so an untraced calculation pays nothing for the trace.

use crate::error::CalcError;
use crate::money::Rupiah;
use crate::params::{Band, Confidence, Kind, Overrides, ParamSet, Period, Value};
use crate::rate::Rate;
use jiff::civil::Date;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;

/// The language of an explanation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Bahasa Indonesia, the default.
    #[default]
    Id,
    En,
}

impl Lang {
    pub fn parse(text: &str) -> Option<Lang> {
        match text {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Label {
    pub id: Cow<'static, str>,
    pub en: Cow<'static, str>,
}

impl Label {
    pub const fn new(id: &'static str, en: &'static str) -> Label {
        Label {
            id: Cow::Borrowed(id),
            en: Cow::Borrowed(en),
        }
    }

    pub fn owned(id: String, en: String) -> Label {
        Label {
            id: Cow::Owned(id),
            en: Cow::Owned(en),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// One term of a formula, rendered per language (`Rp5.729.876` vs `Rp5,729,876`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    Money(Rupiah),
    Rate(Rate),
    Num(i64),
    /// An operator or connective: `×`, `=`, `min(`, `)`.
    Op(&'static str),
    Text(Label),
}

/// A formula with its numbers: `Rp5.729.876 × 0,24% = Rp13.752`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Expr(pub Vec<Term>);

impl Expr {
    pub fn new() -> Expr {
        Expr(Vec::new())
    }
    pub fn money(mut self, r: Rupiah) -> Expr {
        self.0.push(Term::Money(r));
        self
    }
    pub fn rate(mut self, r: Rate) -> Expr {
        self.0.push(Term::Rate(r));
        self
    }
    pub fn num(mut self, n: i64) -> Expr {
        self.0.push(Term::Num(n));
        self
    }
    pub fn op(mut self, op: &'static str) -> Expr {
        self.0.push(Term::Op(op));
        self
    }
    pub fn text(mut self, id: &'static str, en: &'static str) -> Expr {
        self.0.push(Term::Text(Label::new(id, en)));
        self
    }

    pub fn render(&self, lang: Lang) -> String {
        let mut out = String::new();
        for (i, t) in self.0.iter().enumerate() {
            if i > 0
                && !matches!(t, Term::Op(")"))
                && !matches!(self.0.get(i - 1), Some(Term::Op(o)) if o.ends_with('('))
            {
                out.push(' ');
            }
            match (t, lang) {
                (Term::Money(r), Lang::Id) => out.push_str(&r.to_id_string()),
                (Term::Money(r), Lang::En) => out.push_str(&r.to_en_string()),
                (Term::Rate(r), Lang::Id) => out.push_str(&r.to_percent_string_id()),
                (Term::Rate(r), Lang::En) => out.push_str(&r.to_percent_string()),
                (Term::Num(n), Lang::Id) => out.push_str(&crate::money::group_digits(*n, '.')),
                (Term::Num(n), Lang::En) => out.push_str(&crate::money::group_digits(*n, ',')),
                (Term::Op(o), _) => out.push_str(o),
                (Term::Text(l), _) => out.push_str(l.get(lang)),
            }
        }
        out
    }
}

/// One step of a trace.
#[derive(Clone, Debug)]
pub enum Step<'p> {
    /// A scenario input as the engine read it.
    Input {
        name: &'static str,
        value: serde_json::Value,
    },
    /// A parameter value used, with its period and citation (or the caller's override).
    Parameter {
        name: &'p str,
        description: &'p str,
        period: &'p Period,
        overridden: Option<Value>,
    },
    /// A formula with its numbers and, where the rule is an article, its citation.
    Formula {
        label: Label,
        expr: Expr,
        result: Option<i64>,
        citation: Option<Cow<'static, str>>,
    },
    /// A condition of a rule (eligibility, choice of regime) and whether it held.
    Rule {
        label: Label,
        holds: bool,
        citation: Option<Cow<'static, str>>,
    },
}

impl Serialize for Step<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        match self {
            Step::Input { name, value } => {
                m.serialize_entry("step", "input")?;
                m.serialize_entry("name", name)?;
                m.serialize_entry("value", value)?;
            }
            Step::Parameter {
                name,
                description,
                period,
                overridden,
            } => {
                m.serialize_entry("step", "parameter")?;
                m.serialize_entry("name", name)?;
                m.serialize_entry("description", description)?;
                match overridden {
                    Some(v) => {
                        m.serialize_entry("value", &v.display())?;
                        m.serialize_entry("overridden", &true)?;
                        m.serialize_entry("value_in_force", &period.value.display())?;
                    }
                    None => {
                        m.serialize_entry("value", &period.value.display())?;
                        m.serialize_entry("overridden", &false)?;
                    }
                }
                m.serialize_entry("from", &period.from)?;
                m.serialize_entry("to", &period.to)?;
                m.serialize_entry("legal_basis", &period.basis)?;
                m.serialize_entry("sources", &period.sources)?;
                m.serialize_entry("confidence", &period.confidence)?;
                if let Some(note) = &period.note {
                    m.serialize_entry("note", note)?;
                }
            }
            Step::Formula {
                label,
                expr,
                result,
                citation,
            } => {
                m.serialize_entry("step", "formula")?;
                m.serialize_entry("label", label)?;
                m.serialize_entry("formula", &expr.render(Lang::En))?;
                m.serialize_entry("formula_id", &expr.render(Lang::Id))?;
                if let Some(r) = result {
                    m.serialize_entry("result", r)?;
                }
                if let Some(c) = citation {
                    m.serialize_entry("legal_basis", c)?;
                }
            }
            Step::Rule {
                label,
                holds,
                citation,
            } => {
                m.serialize_entry("step", "rule")?;
                m.serialize_entry("label", label)?;
                m.serialize_entry("holds", holds)?;
                if let Some(c) = citation {
                    m.serialize_entry("legal_basis", c)?;
                }
            }
        }
        m.end()
    }
}

/// Something the reader of a result must know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning<'p> {
    /// A parameter below `high` confidence was used.
    Unverified {
        name: &'p str,
        from: Date,
        confidence: Confidence,
    },
    /// The caller replaced a parameter's value.
    Overridden { name: String },
    /// Any other caveat, in both languages.
    Note(Label),
}

impl Warning<'_> {
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Warning::Unverified {
                    name,
                    from,
                    confidence,
                },
                Lang::En,
            ) => format!(
                "uses an unverified value: {name} (in force from {from}) has confidence {}",
                confidence.as_str()
            ),
            (
                Warning::Unverified {
                    name,
                    from,
                    confidence,
                },
                Lang::Id,
            ) => format!(
                "menggunakan nilai yang belum terverifikasi: {name} (berlaku sejak {from}) berkeyakinan {}",
                confidence_id(*confidence)
            ),
            (Warning::Overridden { name }, Lang::En) => {
                format!("parameter {name} was overridden by the caller")
            }
            (Warning::Overridden { name }, Lang::Id) => {
                format!("parameter {name} diganti nilainya oleh pengguna")
            }
            (Warning::Note(l), lang) => l.get(lang).to_owned(),
        }
    }
}

/// Indonesian name of a confidence level.
pub fn confidence_id(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "tinggi",
        Confidence::MediumHigh => "sedang-tinggi",
        Confidence::Medium => "sedang",
        Confidence::MediumLow => "sedang-rendah",
        Confidence::Low => "rendah",
        Confidence::Derived => "turunan (hasil hitung, bukan resmi)",
    }
}

impl Serialize for Warning<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.render(Lang::En))
    }
}

/// The calculation context: parameters for lookups, the caller's overrides, and (optionally)
/// the trace being recorded.
pub struct Ctx<'p> {
    params: &'p ParamSet,
    overrides: Option<Overrides>,
    trace: Option<Vec<Step<'p>>>,
    warnings: Vec<Warning<'p>>,
}

impl<'p> Ctx<'p> {
    pub fn new(params: &'p ParamSet, overrides: Option<Overrides>, tracing: bool) -> Ctx<'p> {
        Ctx {
            params,
            overrides: overrides.filter(|o| !o.is_empty()),
            trace: tracing.then(Vec::new),
            warnings: Vec::new(),
        }
    }

    pub fn params(&self) -> &'p ParamSet {
        self.params
    }

    pub fn tracing(&self) -> bool {
        self.trace.is_some()
    }

    /// Records a scenario input (the closure runs only when tracing).
    pub fn input(&mut self, name: &'static str, value: impl FnOnce() -> serde_json::Value) {
        if let Some(t) = &mut self.trace {
            t.push(Step::Input {
                name,
                value: value(),
            });
        }
    }

    /// Records a formula (the closure runs only when tracing).
    pub fn formula(
        &mut self,
        step: impl FnOnce() -> (Label, Expr, Option<i64>, Option<&'static str>),
    ) {
        if let Some(t) = &mut self.trace {
            let (label, expr, result, citation) = step();
            t.push(Step::Formula {
                label,
                expr,
                result,
                citation: citation.map(Cow::Borrowed),
            });
        }
    }

    /// Records a rule's condition and whether it held.
    pub fn rule(&mut self, label: Label, holds: bool, citation: Option<&'static str>) {
        if let Some(t) = &mut self.trace {
            t.push(Step::Rule {
                label,
                holds,
                citation: citation.map(Cow::Borrowed),
            });
        }
    }

    pub fn warn(&mut self, w: Warning<'p>) {
        if !self.warnings.contains(&w) {
            self.warnings.push(w);
        }
    }

    /// The value of `name` on `date`, from the override if the caller gave one; recorded in the
    /// trace and warned about when below high confidence.
    pub fn value(&mut self, name: &str, date: Date) -> Result<Cow<'p, Value>, CalcError> {
        let params = self.params;
        if let Some(ov) = &self.overrides {
            let param = params.get(name);
            let kind = param.map_or(Kind::Count, |p| p.kind);
            if let Some(v) = ov.value(name, kind)? {
                let Some(param) = param else {
                    return Err(CalcError::invalid(
                        format!("overrides.{name}"),
                        "no such parameter",
                    ));
                };
                self.warn(Warning::Overridden {
                    name: name.to_owned(),
                });
                if let Some(t) = &mut self.trace
                    && let Some(period) = param.period_at(date).or(param.periods.last())
                {
                    t.push(Step::Parameter {
                        name: &param.name,
                        description: &param.description,
                        period,
                        overridden: Some(v.clone()),
                    });
                }
                return Ok(Cow::Owned(v));
            }
        }
        let period = params.period(name, date)?;
        let param = params
            .get(name)
            .ok_or_else(|| CalcError::MissingParameter {
                parameter: name.to_owned(),
                date,
                message: "the parameter set does not define it".to_owned(),
            })?;
        self.record_use(param.name.as_str(), &param.description, period);
        Ok(Cow::Borrowed(&period.value))
    }

    fn record_use(&mut self, name: &'p str, description: &'p str, period: &'p Period) {
        if period.confidence.needs_warning() {
            self.warn(Warning::Unverified {
                name,
                from: period.from,
                confidence: period.confidence,
            });
        }
        if let Some(t) = &mut self.trace {
            let seen = t.iter().any(|s| {
                matches!(s, Step::Parameter { name: n, period: p, .. } if *n == name && std::ptr::eq(*p, period))
            });
            if !seen {
                t.push(Step::Parameter {
                    name,
                    description,
                    period,
                    overridden: None,
                });
            }
        }
    }

    fn wrong_kind(name: &str, date: Date, want: &str) -> CalcError {
        CalcError::MissingParameter {
            parameter: name.to_owned(),
            date,
            message: format!("the parameter set holds it with a kind other than {want}"),
        }
    }

    pub fn rate(&mut self, name: &str, date: Date) -> Result<Rate, CalcError> {
        match self.value(name, date)?.as_ref() {
            Value::Rate(r) => Ok(*r),
            _ => Err(Self::wrong_kind(name, date, "rate")),
        }
    }

    pub fn rupiah(&mut self, name: &str, date: Date) -> Result<Rupiah, CalcError> {
        match self.value(name, date)?.as_ref() {
            Value::Rupiah(r) => Ok(*r),
            _ => Err(Self::wrong_kind(name, date, "rupiah")),
        }
    }

    pub fn count(&mut self, name: &str, date: Date) -> Result<i64, CalcError> {
        match self.value(name, date)?.as_ref() {
            Value::Count(n) => Ok(*n),
            _ => Err(Self::wrong_kind(name, date, "count")),
        }
    }

    pub fn flag(&mut self, name: &str, date: Date) -> Result<bool, CalcError> {
        match self.value(name, date)?.as_ref() {
            Value::Bool(b) => Ok(*b),
            _ => Err(Self::wrong_kind(name, date, "bool")),
        }
    }

    pub fn date(&mut self, name: &str, date: Date) -> Result<Date, CalcError> {
        match self.value(name, date)?.as_ref() {
            Value::Date(d) => Ok(*d),
            _ => Err(Self::wrong_kind(name, date, "date")),
        }
    }

    pub fn bands(&mut self, name: &str, date: Date) -> Result<Vec<Band>, CalcError> {
        match self.value(name, date)?.as_ref() {
            Value::Bands(b) => Ok(b.clone()),
            _ => Err(Self::wrong_kind(name, date, "bands")),
        }
    }

    pub fn rate_table(
        &mut self,
        name: &str,
        date: Date,
    ) -> Result<BTreeMap<String, Rate>, CalcError> {
        match self.value(name, date)?.as_ref() {
            Value::RateTable(t) => Ok(t.clone()),
            _ => Err(Self::wrong_kind(name, date, "rate_table")),
        }
    }

    pub fn dates(&mut self, name: &str, date: Date) -> Result<Vec<Date>, CalcError> {
        match self.value(name, date)?.as_ref() {
            Value::Dates(d) => Ok(d.clone()),
            _ => Err(Self::wrong_kind(name, date, "dates")),
        }
    }

    /// Ends the calculation: the trace (when recorded) and the warnings.
    pub fn finish(self) -> (Option<Vec<Step<'p>>>, Vec<Warning<'p>>) {
        (self.trace, self.warnings)
    }
}
