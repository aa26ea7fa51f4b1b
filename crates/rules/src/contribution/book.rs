//! The compiled path for batches: a [`RateBook`] resolves every contribution parameter once per
//! contribution month into an array indexed by [`P`], so a calculation reads values by index
//! instead of looking names up in a map, and records nothing. It runs the same rules
//! ([`super::rules::compute`]) as the traced path and gives identical results, warnings
//! included (tests/contributions.rs proves it with proptest). Overrides are not supported here:
//! a scenario with overrides goes through the traced path.

use super::env::{Brackets, Env, FormulaStep, parse_brackets};
use super::ids::{COUNT, NOTE_BASE, Note, P};
use super::request::Request;
use super::rules;
use super::sheet::Sheet;
use crate::error::CalcError;
use crate::input::RawScenario;
use crate::money::Rupiah;
use crate::params::{Band, Confidence, Kind, ParamSet, Value};
use crate::rate::Rate;
use crate::results::ContributionResult;
use crate::trace::{Label, Warning};
use jiff::civil::Date;
use std::borrow::Cow;
use std::collections::BTreeMap;

/// First and last contribution months compiled ahead; months outside are compiled on demand.
const FIRST: (i16, i8) = (2015, 7);
const LAST: (i16, i8) = (2040, 12);

/// One parameter's value for one month, as the rules read it.
#[derive(Clone, Debug)]
enum SlotValue {
    Rate(Rate),
    Rupiah(Rupiah),
    Count(i64),
    Flag(bool),
    Bands(Vec<Band>),
    Table(BTreeMap<String, Rate>),
    /// The lookup fails (no period, or the value is unknown): the error the traced path gives.
    Missing(CalcError),
}

#[derive(Clone, Debug)]
struct Slot {
    value: SlotValue,
    /// `Some` when using the value must warn (confidence below high): period start, level.
    warn: Option<(Date, Confidence)>,
}

/// Every contribution parameter resolved for one contribution month.
#[derive(Clone, Debug)]
pub struct MonthRates {
    slots: Vec<Slot>,
}

impl MonthRates {
    /// Resolves every parameter on `rule_date` (the month's last day).
    pub fn compile(params: &ParamSet, rule_date: Date) -> MonthRates {
        let slots = P::ALL
            .iter()
            .map(|p| match params.period(p.name(), rule_date) {
                Err(e) => Slot {
                    value: SlotValue::Missing(e),
                    warn: None,
                },
                Ok(period) => Slot {
                    // A value of another kind than the rules read fails on use, after being
                    // recorded (and warned about), exactly as `Ctx` does.
                    value: match (&period.value, p.kind()) {
                        (Value::Rate(r), Kind::Rate) => SlotValue::Rate(*r),
                        (Value::Rupiah(r), Kind::Rupiah) => SlotValue::Rupiah(*r),
                        (Value::Count(n), Kind::Count) => SlotValue::Count(*n),
                        (Value::Bool(b), Kind::Bool) => SlotValue::Flag(*b),
                        (Value::Bands(b), Kind::Bands) => SlotValue::Bands(b.clone()),
                        (Value::RateTable(t), Kind::RateTable) => SlotValue::Table(t.clone()),
                        _ => SlotValue::Missing(wrong_kind(*p, rule_date)),
                    },
                    warn: period
                        .confidence
                        .needs_warning()
                        .then_some((period.from, period.confidence)),
                },
            })
            .collect();
        MonthRates { slots }
    }
}

fn wrong_kind(p: P, date: Date) -> CalcError {
    CalcError::MissingParameter {
        parameter: p.name().to_owned(),
        date,
        message: format!(
            "the parameter set holds it with a kind other than {}",
            kind_word(p)
        ),
    }
}

fn kind_word(p: P) -> &'static str {
    match p.kind() {
        Kind::Rate => "rate",
        Kind::Rupiah => "rupiah",
        Kind::Count => "count",
        Kind::Bool => "bool",
        Kind::Bands => "bands",
        Kind::RateTable => "rate_table",
        Kind::Date => "date",
        Kind::Dates => "dates",
    }
}

const MAX_WARNINGS: usize = 16;

/// The warnings of one result as ids (parameters, then notes from [`NOTE_BASE`]), in the order
/// the traced path would record them; [`RateBook::warnings`] turns them into [`Warning`]s.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Warnings {
    seen: u64,
    order: [u8; MAX_WARNINGS],
    len: u8,
}

impl Warnings {
    const fn new() -> Warnings {
        Warnings {
            seen: 0,
            order: [0; MAX_WARNINGS],
            len: 0,
        }
    }

    #[inline]
    fn add(&mut self, index: usize) {
        let bit = 1u64 << (index % 64);
        if self.seen & bit != 0 {
            return;
        }
        self.seen |= bit;
        if let (Some(slot), Ok(id)) = (
            self.order.get_mut(usize::from(self.len)),
            u8::try_from(index),
        ) {
            *slot = id;
            self.len += 1;
        }
    }

    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn ids(&self) -> &[u8] {
        self.order.get(..usize::from(self.len)).unwrap_or(&[])
    }
}

/// A result of the compiled path: the lines (no heap), the warning ids and the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FastResult {
    pub sheet: Sheet,
    pub warnings: Warnings,
    pub date: Date,
}

/// The compiled path's [`Env`]: array reads, no trace.
pub struct BookEnv<'m> {
    month: &'m MonthRates,
    warnings: Warnings,
}

impl BookEnv<'_> {
    #[inline]
    fn slot(&mut self, p: P) -> Result<&SlotValue, CalcError> {
        let slot = self
            .month
            .slots
            .get(p.index())
            .ok_or_else(|| wrong_kind(p, Date::ZERO))?;
        if slot.warn.is_some() {
            self.warnings.add(p.index());
        }
        match &slot.value {
            SlotValue::Missing(e) => Err(e.clone()),
            v => Ok(v),
        }
    }

    fn mismatch(&self, p: P) -> CalcError {
        CalcError::MissingParameter {
            parameter: p.name().to_owned(),
            date: Date::ZERO,
            message: format!(
                "the parameter set holds it with a kind other than {}",
                kind_word(p)
            ),
        }
    }
}

impl Env for BookEnv<'_> {
    #[inline]
    fn rate(&mut self, p: P) -> Result<Rate, CalcError> {
        match self.slot(p)? {
            SlotValue::Rate(r) => Ok(*r),
            _ => Err(self.mismatch(p)),
        }
    }

    #[inline]
    fn rupiah(&mut self, p: P) -> Result<Rupiah, CalcError> {
        match self.slot(p)? {
            SlotValue::Rupiah(r) => Ok(*r),
            _ => Err(self.mismatch(p)),
        }
    }

    fn count(&mut self, p: P) -> Result<i64, CalcError> {
        match self.slot(p)? {
            SlotValue::Count(n) => Ok(*n),
            _ => Err(self.mismatch(p)),
        }
    }

    #[inline]
    fn flag(&mut self, p: P) -> Result<bool, CalcError> {
        match self.slot(p)? {
            SlotValue::Flag(b) => Ok(*b),
            _ => Err(self.mismatch(p)),
        }
    }

    fn bands(&mut self, p: P) -> Result<Vec<Band>, CalcError> {
        match self.slot(p)? {
            SlotValue::Bands(b) => Ok(b.clone()),
            _ => Err(self.mismatch(p)),
        }
    }

    fn table_rate(&mut self, p: P, key: &str) -> Result<Option<Rate>, CalcError> {
        match self.slot(p)? {
            SlotValue::Table(t) => Ok(t.get(key).copied()),
            _ => Err(self.mismatch(p)),
        }
    }

    #[inline]
    fn brackets(&mut self, p: P) -> Result<Option<Brackets>, CalcError> {
        // An unknown table is not an error here: it selects the Decisions 5 fallback. Checked
        // before `slot` so that the fallback costs no error allocation.
        if matches!(
            self.month.slots.get(p.index()).map(|s| &s.value),
            Some(SlotValue::Missing(_))
        ) {
            return Ok(None);
        }
        match self.slot(p)? {
            SlotValue::Table(t) => parse_brackets(p, t).map(Some),
            _ => Err(self.mismatch(p)),
        }
    }

    #[inline]
    fn note(&mut self, n: Note) {
        self.warnings.add(n.index());
    }

    #[inline]
    fn input(&mut self, _name: &'static str, _value: impl FnOnce() -> serde_json::Value) {}

    #[inline]
    fn formula(&mut self, _step: impl FnOnce() -> FormulaStep) {}

    #[inline]
    fn rule(&mut self, _: impl FnOnce() -> Label, _: bool, _: Option<&'static str>) {}
}

/// Contribution parameters compiled per month, for fast untraced batches.
#[derive(Clone, Debug)]
pub struct RateBook {
    params: ParamSet,
    months: Vec<MonthRates>,
}

fn month_index(date: Date) -> Option<usize> {
    let i = (i32::from(date.year()) - i32::from(FIRST.0)) * 12 + i32::from(date.month())
        - i32::from(FIRST.1);
    let last =
        (i32::from(LAST.0) - i32::from(FIRST.0)) * 12 + i32::from(LAST.1) - i32::from(FIRST.1);
    usize::try_from(i).ok().filter(|_| i <= last)
}

impl RateBook {
    /// Compiles every contribution month from July 2015 to December 2040 (a few milliseconds).
    pub fn new(params: &ParamSet) -> RateBook {
        let mut months = Vec::new();
        let (mut y, mut m) = FIRST;
        while (y, m) <= LAST {
            let date = Date::new(y, m, 1)
                .map(crate::dates::contribution_rule_date)
                .unwrap_or(Date::ZERO);
            months.push(MonthRates::compile(params, date));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
        RateBook {
            params: params.clone(),
            months,
        }
    }

    /// The parameter set the book was compiled from.
    pub fn params(&self) -> &ParamSet {
        &self.params
    }

    /// The month's compiled values (compiled now when outside the precompiled range).
    pub fn month(&self, date: Date) -> Cow<'_, MonthRates> {
        match month_index(date).and_then(|i| self.months.get(i)) {
            Some(m) => Cow::Borrowed(m),
            None => Cow::Owned(MonthRates::compile(&self.params, super::rule_date(date))),
        }
    }

    /// A result's warnings as [`crate::trace::Ctx`] would have recorded them.
    pub fn warnings(&self, r: &FastResult) -> Vec<Warning<'static>> {
        let month = self.month(r.date);
        r.warnings
            .ids()
            .iter()
            .filter_map(|&id| {
                let id = usize::from(id);
                if id >= NOTE_BASE {
                    return Note::from_index(id).map(|n| Warning::Note(n.label()));
                }
                let p = *P::ALL.get(id)?;
                let (from, confidence) = month.slots.get(id)?.warn?;
                Some(Warning::Unverified {
                    name: p.name(),
                    from,
                    confidence,
                })
            })
            .collect()
    }

    /// Calculates one checked request, untraced.
    #[inline]
    pub fn calculate(&self, req: &Request) -> Result<FastResult, CalcError> {
        let month = self.month(req.date);
        let mut env = BookEnv {
            month: &month,
            warnings: Warnings::new(),
        };
        let mut sheet = Sheet::new();
        rules::compute(&mut env, req, &mut sheet)?;
        Ok(FastResult {
            sheet,
            warnings: env.warnings,
            date: req.date,
        })
    }

    /// Reads, checks and calculates a contract scenario, untraced. Scenarios with overrides
    /// must go through the traced path ([`super::calculate`]).
    pub fn calculate_raw(
        &self,
        raw: &RawScenario,
    ) -> Result<(ContributionResult, Vec<Warning<'static>>), CalcError> {
        let req = Request::from_raw(raw)?;
        let r = self.calculate(&req)?;
        Ok((
            r.sheet.to_result(req.date, req.segment()),
            self.warnings(&r),
        ))
    }
}

const _: () = assert!(NOTE_BASE + 3 <= 64 && COUNT <= NOTE_BASE);
