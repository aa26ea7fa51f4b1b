//! Which programs an employer must join, by the size of its business (Perpres 109/2013 Pasal 6,
//! the phasing of participation; regulations.md §1.10), and how a company's size is read from
//! the workers it reports.
//!
//! Everything here is a parameter of `params/employer_size.toml`: the program table per size
//! class (in force from 1 Jul 2015, Pasal 6(2); unknown before), the worker thresholds of the
//! size classes (the BPS convention, a proxy: the regulation classes by assets and turnover,
//! which company reports do not carry), and the JKK risk class assumed when estimating what an
//! unregistered company owes. JKP is not in the table: it follows from the other programs and
//! the government pays it.
//!
//! [`size_class`], [`mandatory_programs`] and [`unregistered_risk_class`] answer one question
//! with a trace; [`SizeRules::resolve`] answers them all at once for a date, for callers that
//! classify many companies (compliance analytics).

use crate::error::CalcError;
use crate::params::{ParamSet, Value};
use crate::results::Program;
use crate::trace::{Ctx, Label};
use jiff::civil::Date;
use serde::Serialize;

/// Enterprise size class (Perpres 109/2013 Pasal 6(1): *usaha besar, menengah, kecil, mikro*).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SizeClass {
    Micro,
    Small,
    Medium,
    Large,
}

impl SizeClass {
    pub const ALL: [SizeClass; 4] = [
        SizeClass::Micro,
        SizeClass::Small,
        SizeClass::Medium,
        SizeClass::Large,
    ];

    /// The code used in parameter names and JSON (`micro`, `small`, `medium`, `large`).
    pub fn code(self) -> &'static str {
        match self {
            SizeClass::Micro => "micro",
            SizeClass::Small => "small",
            SizeClass::Medium => "medium",
            SizeClass::Large => "large",
        }
    }

    /// The regulation's term, Bahasa Indonesia first.
    pub fn label(self) -> Label {
        match self {
            SizeClass::Micro => Label::new("usaha mikro", "micro enterprise"),
            SizeClass::Small => Label::new("usaha kecil", "small enterprise"),
            SizeClass::Medium => Label::new("usaha menengah", "medium enterprise"),
            SizeClass::Large => Label::new("usaha besar", "large enterprise"),
        }
    }
}

/// The programs an employer may be obliged to join (JKP follows from them).
pub const PROGRAMS: [Program; 4] = [Program::Jkk, Program::Jkm, Program::Jht, Program::Jp];

/// The parameter saying whether `size` must join `program`.
pub fn mandatory_param(size: SizeClass, program: Program) -> String {
    format!(
        "employer_size.mandatory.{}.{}",
        size.code(),
        program.code().to_ascii_lowercase()
    )
}

pub const SMALL_FROM: &str = "employer_size.small.min_workers";
pub const MEDIUM_FROM: &str = "employer_size.medium.min_workers";
pub const LARGE_FROM: &str = "employer_size.large.min_workers";
pub const UNREGISTERED_RISK_CLASS: &str = "compliance.unregistered.jkk_risk_class";

const PHASING: &str = "Perpres 109/2013 Pasal 6(3)";
const SCALE: &str = "Perpres 109/2013 Pasal 6(1)";

/// The worker thresholds of the size classes in force on `date`.
fn thresholds(ctx: &mut Ctx<'_>, date: Date) -> Result<[u64; 3], CalcError> {
    let mut out = [0u64; 3];
    for (slot, name) in out.iter_mut().zip([SMALL_FROM, MEDIUM_FROM, LARGE_FROM]) {
        let n = ctx.count(name, date)?;
        *slot = u64::try_from(n)
            .ok()
            .filter(|n| *n >= 1)
            .ok_or_else(|| CalcError::invalid(format!("overrides.{name}"), "at least 1 worker"))?;
    }
    let [s, m, l] = out;
    if !(s < m && m < l) {
        return Err(CalcError::invalid(
            format!("overrides.{MEDIUM_FROM}"),
            format!("the thresholds must grow: small from {s}, medium from {m}, large from {l}"),
        ));
    }
    Ok(out)
}

fn classify(t: [u64; 3], workers: u64) -> SizeClass {
    let [small, medium, large] = t;
    if workers >= large {
        SizeClass::Large
    } else if workers >= medium {
        SizeClass::Medium
    } else if workers >= small {
        SizeClass::Small
    } else {
        SizeClass::Micro
    }
}

/// The size class of a company reporting `workers` workers on `date`.
pub fn size_class(ctx: &mut Ctx<'_>, workers: u64, date: Date) -> Result<SizeClass, CalcError> {
    let t = thresholds(ctx, date)?;
    let size = classify(t, workers);
    if ctx.tracing() {
        let l = size.label();
        ctx.rule(
            Label::owned(
                format!("{workers} pekerja dilaporkan: {}", l.id),
                format!("{workers} reported workers: {}", l.en),
            ),
            true,
            Some(SCALE),
        );
    }
    Ok(size)
}

/// The programs an employer of class `size` must join on `date`, in the order JKK, JKM, JHT,
/// JP. Fails with `missing_parameter` for dates whose obligation is not known (before
/// 1 Jul 2015) unless the caller overrides the values.
pub fn mandatory_programs(
    ctx: &mut Ctx<'_>,
    size: SizeClass,
    date: Date,
) -> Result<Vec<Program>, CalcError> {
    let mut out = Vec::with_capacity(PROGRAMS.len());
    for p in PROGRAMS {
        if ctx.flag(&mandatory_param(size, p), date)? {
            out.push(p);
        }
    }
    if ctx.tracing() {
        let codes = out.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ");
        let l = size.label();
        ctx.rule(
            Label::owned(
                format!("{} wajib ikut {codes}", l.id),
                format!("a {} must join {codes}", l.en),
            ),
            true,
            Some(PHASING),
        );
    }
    Ok(out)
}

/// The size class of a company reporting `workers` workers and the programs it must join.
pub fn mandatory_for_workers(
    ctx: &mut Ctx<'_>,
    workers: u64,
    date: Date,
) -> Result<(SizeClass, Vec<Program>), CalcError> {
    let size = size_class(ctx, workers, date)?;
    Ok((size, mandatory_programs(ctx, size, date)?))
}

/// The JKK risk class assumed for an unregistered company's estimate (1–5).
pub fn unregistered_risk_class(ctx: &mut Ctx<'_>, date: Date) -> Result<u8, CalcError> {
    let n = ctx.count(UNREGISTERED_RISK_CLASS, date)?;
    u8::try_from(n)
        .ok()
        .filter(|c| (1..=5).contains(c))
        .ok_or_else(|| {
            CalcError::invalid(
                format!("overrides.{UNREGISTERED_RISK_CLASS}"),
                "a JKK risk class is 1 to 5",
            )
        })
}

/// The whole rule for one date, resolved once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SizeRules {
    pub date: Date,
    /// Reported workers from which a company is small, medium, large (below `small_from`:
    /// micro).
    pub small_from: u64,
    pub medium_from: u64,
    pub large_from: u64,
    /// Programs per class, in [`SizeClass::ALL`] order.
    pub mandatory: [Vec<Program>; 4],
    pub unregistered_risk_class: u8,
}

impl SizeRules {
    /// Every value in force on `date`, each lookup recorded in `ctx`.
    pub fn resolve(ctx: &mut Ctx<'_>, date: Date) -> Result<SizeRules, CalcError> {
        // The table first: before 1 Jul 2015 its lookup fails with the note saying why
        // (the thresholds have no period there at all).
        let mut mandatory: [Vec<Program>; 4] = Default::default();
        for (slot, size) in mandatory.iter_mut().zip(SizeClass::ALL) {
            *slot = mandatory_programs(ctx, size, date)?;
        }
        let [small_from, medium_from, large_from] = thresholds(ctx, date)?;
        Ok(SizeRules {
            date,
            small_from,
            medium_from,
            large_from,
            mandatory,
            unregistered_risk_class: unregistered_risk_class(ctx, date)?,
        })
    }

    /// The rule as last published: resolved on the latest effective date of its parameters
    /// (what is in force today and until a new period is added), with no clock involved.
    pub fn latest(params: &ParamSet) -> Result<SizeRules, CalcError> {
        let mut names: Vec<String> = vec![
            SMALL_FROM.to_owned(),
            MEDIUM_FROM.to_owned(),
            LARGE_FROM.to_owned(),
            UNREGISTERED_RISK_CLASS.to_owned(),
        ];
        for size in SizeClass::ALL {
            names.extend(PROGRAMS.iter().map(|p| mandatory_param(size, *p)));
        }
        let mut date = Date::MIN;
        for name in &names {
            let last = params
                .get(name)
                .and_then(|p| p.periods.last())
                .ok_or_else(|| CalcError::MissingParameter {
                    parameter: name.clone(),
                    date,
                    message: "the parameter set does not define it".to_owned(),
                })?;
            if last.value == Value::Unknown {
                return Err(CalcError::MissingParameter {
                    parameter: name.clone(),
                    date: last.from,
                    message: "its latest value is not known".to_owned(),
                });
            }
            date = date.max(last.from);
        }
        SizeRules::resolve(&mut Ctx::new(params, None, false), date)
    }

    pub fn size_class(&self, workers: u64) -> SizeClass {
        classify(
            [self.small_from, self.medium_from, self.large_from],
            workers,
        )
    }

    pub fn mandatory(&self, size: SizeClass) -> &[Program] {
        let i = SizeClass::ALL.iter().position(|s| *s == size).unwrap_or(0);
        self.mandatory.get(i).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_at_the_thresholds() {
        let t = [5, 20, 100];
        let got: Vec<SizeClass> = [0, 1, 4, 5, 19, 20, 99, 100, 10_000]
            .iter()
            .map(|w| classify(t, *w))
            .collect();
        use SizeClass::*;
        assert_eq!(
            got,
            [
                Micro, Micro, Micro, Small, Small, Medium, Medium, Large, Large
            ]
        );
    }
}
