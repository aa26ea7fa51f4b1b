//! Where the contribution rules get their parameter values and where they record what they
//! did. The rules are written once, generic over [`Env`]; two implementations exist:
//!
//! * [`CtxEnv`] looks each value up by name through [`Ctx`] (honouring overrides) and records
//!   the trace when asked: the path for single scenarios and explanations;
//! * [`super::book::BookEnv`] reads values compiled once per contribution month into an array
//!   and records nothing: the path for batches. Both give identical results (tested).

use super::ids::{Note, P};
use crate::error::CalcError;
use crate::money::Rupiah;
use crate::params::Band;
use crate::rate::Rate;
use crate::trace::{Ctx, Expr, Label, Warning};
use jiff::civil::Date;

/// A formula step as [`Ctx::formula`] takes it.
pub type FormulaStep = (Label, Expr, Option<i64>, Option<&'static str>);

/// BPU income brackets: nominal income → JKK rate.
pub type Brackets = Vec<(Rupiah, Rate)>;

/// Parameter values and trace recording for one contribution month.
pub trait Env {
    fn rate(&mut self, p: P) -> Result<Rate, CalcError>;
    fn rupiah(&mut self, p: P) -> Result<Rupiah, CalcError>;
    fn count(&mut self, p: P) -> Result<i64, CalcError>;
    fn flag(&mut self, p: P) -> Result<bool, CalcError>;
    fn bands(&mut self, p: P) -> Result<Vec<Band>, CalcError>;
    /// The rate stored under `key` in a rate table; `None` when the key is absent.
    fn table_rate(&mut self, p: P, key: &str) -> Result<Option<Rate>, CalcError>;
    /// The BPU bracket table, or `None` while it is unknown (and not overridden).
    fn brackets(&mut self, p: P) -> Result<Option<Brackets>, CalcError>;
    fn note(&mut self, n: Note);
    fn input(&mut self, name: &'static str, value: impl FnOnce() -> serde_json::Value);
    fn formula(&mut self, step: impl FnOnce() -> FormulaStep);
    fn rule(&mut self, label: impl FnOnce() -> Label, holds: bool, citation: Option<&'static str>);
}

/// The traced path: every lookup goes through [`Ctx`] on the month's rule date.
pub struct CtxEnv<'c, 'p> {
    pub ctx: &'c mut Ctx<'p>,
    pub date: Date,
}

impl Env for CtxEnv<'_, '_> {
    fn rate(&mut self, p: P) -> Result<Rate, CalcError> {
        self.ctx.rate(p.name(), self.date)
    }

    fn rupiah(&mut self, p: P) -> Result<Rupiah, CalcError> {
        self.ctx.rupiah(p.name(), self.date)
    }

    fn count(&mut self, p: P) -> Result<i64, CalcError> {
        self.ctx.count(p.name(), self.date)
    }

    fn flag(&mut self, p: P) -> Result<bool, CalcError> {
        self.ctx.flag(p.name(), self.date)
    }

    fn bands(&mut self, p: P) -> Result<Vec<Band>, CalcError> {
        self.ctx.bands(p.name(), self.date)
    }

    fn table_rate(&mut self, p: P, key: &str) -> Result<Option<Rate>, CalcError> {
        Ok(self.ctx.rate_table(p.name(), self.date)?.get(key).copied())
    }

    fn brackets(&mut self, p: P) -> Result<Option<Brackets>, CalcError> {
        match self.ctx.rate_table(p.name(), self.date) {
            Ok(table) => parse_brackets(p, &table).map(Some),
            Err(CalcError::MissingParameter { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn note(&mut self, n: Note) {
        self.ctx.warn(Warning::Note(n.label()));
    }

    fn input(&mut self, name: &'static str, value: impl FnOnce() -> serde_json::Value) {
        self.ctx.input(name, value);
    }

    fn formula(&mut self, step: impl FnOnce() -> FormulaStep) {
        self.ctx.formula(step);
    }

    fn rule(&mut self, label: impl FnOnce() -> Label, holds: bool, citation: Option<&'static str>) {
        if self.ctx.tracing() {
            self.ctx.rule(label(), holds, citation);
        }
    }
}

/// Reads a bracket table: keys are nominal incomes in whole rupiah.
pub fn parse_brackets(
    p: P,
    table: &std::collections::BTreeMap<String, Rate>,
) -> Result<Brackets, CalcError> {
    let mut out = Vec::with_capacity(table.len());
    for (key, rate) in table {
        let amount: i64 = key.parse().map_err(|_| {
            CalcError::invalid(
                format!("overrides.{}", p.name()),
                format!("bracket key {key:?} is not a whole number of rupiah"),
            )
        })?;
        out.push((Rupiah(amount), *rate));
    }
    out.sort();
    Ok(out)
}
