//! The entry point: a validated parameter set and `calculate`, which reads a scenario's `type`
//! and hands it to the program's calculation.

use crate::contribution::RateBook;
use crate::error::CalcError;
use crate::input::RawScenario;
use crate::params::{Overrides, ParamError, ParamSet};
use crate::results::{CalcResult, Outcome};
use crate::trace::Ctx;
use crate::{benefit, contribution, late_fine};
use std::sync::OnceLock;

/// The rules engine: immutable after construction, shareable across threads.
#[derive(Clone, Debug)]
pub struct Engine {
    params: ParamSet,
    /// Contribution parameters compiled per month, built on first use (untraced contributions
    /// without overrides take this path; results are identical to the traced path).
    book: OnceLock<RateBook>,
}

impl Engine {
    pub fn new(params: ParamSet) -> Engine {
        Engine {
            params,
            book: OnceLock::new(),
        }
    }

    /// The compiled contribution parameters (see [`RateBook`]).
    pub fn rate_book(&self) -> &RateBook {
        self.book.get_or_init(|| RateBook::new(&self.params))
    }

    /// The engine with the parameter files compiled into the binary.
    pub fn embedded() -> Result<Engine, ParamError> {
        ParamSet::embedded().map(Engine::new)
    }

    pub fn params(&self) -> &ParamSet {
        &self.params
    }

    /// Parses a JSON scenario and calculates it.
    pub fn calculate_json(&self, json: &[u8], trace: bool) -> Result<Outcome<'_>, CalcError> {
        let raw = RawScenario::from_json(json)?;
        self.calculate(&raw, trace)
    }

    /// Calculates one scenario. With `trace` false, no trace is built (warnings still are).
    pub fn calculate(&self, raw: &RawScenario, trace: bool) -> Result<Outcome<'_>, CalcError> {
        // Overrides are checked against the parameter set before anything is computed, so a
        // misspelt override is an error rather than a silent no-op.
        if let Some(ov) = &raw.overrides {
            for name in ov.keys() {
                if self.params.get(name).is_none() {
                    return Err(CalcError::invalid(
                        format!("overrides.{name}"),
                        "no such parameter",
                    ));
                }
            }
        }
        let overrides = raw.overrides.clone().map(Overrides);
        let kind = raw.kind.as_deref().ok_or_else(|| {
            CalcError::invalid(
                "type",
                "this field is required: contribution, benefit or late_fine",
            )
        })?;
        if kind == "contribution" && !trace && overrides.as_ref().is_none_or(|o| o.is_empty()) {
            let (result, warnings) = self.rate_book().calculate_raw(raw)?;
            return Ok(Outcome {
                result: CalcResult::Contribution(result),
                trace: None,
                warnings,
            });
        }
        let mut ctx = Ctx::new(&self.params, overrides, trace);
        let result = match kind {
            "contribution" => CalcResult::Contribution(contribution::calculate(&mut ctx, raw)?),
            "benefit" => CalcResult::Benefit(benefit::calculate(&mut ctx, raw)?),
            "late_fine" => CalcResult::LateFine(late_fine::calculate(&mut ctx, raw)?),
            other => {
                return Err(CalcError::invalid(
                    "type",
                    format!("{other:?} is not a scenario type: contribution, benefit or late_fine"),
                ));
            }
        };
        let (trace, warnings) = ctx.finish();
        Ok(Outcome {
            result,
            trace,
            warnings,
        })
    }
}
