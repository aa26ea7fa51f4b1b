//! Helpers shared by the contribution and late-fine tests.
#![allow(dead_code)]

use jamsos_rules::contribution::{self, RateBook};
use jamsos_rules::trace::Ctx;
use jamsos_rules::{CalcError, Engine, RawScenario};
use serde_json::{Value, json};
use std::sync::OnceLock;

pub fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::embedded().unwrap())
}

pub fn book() -> &'static RateBook {
    static B: OnceLock<RateBook> = OnceLock::new();
    B.get_or_init(|| RateBook::new(engine().params()))
}

/// Runs a scenario through the engine with the trace on; the result as JSON.
pub fn run(scenario: Value) -> Result<Value, CalcError> {
    let bytes = serde_json::to_vec(&scenario).unwrap();
    let out = engine().calculate_json(&bytes, true)?;
    Ok(serde_json::to_value(&out).unwrap())
}

pub fn ok(scenario: Value) -> Value {
    match run(scenario.clone()) {
        Ok(v) => v,
        Err(e) => panic!("{scenario} failed: {e}"),
    }
}

/// The invalid_input field of a failing scenario.
pub fn invalid_field(scenario: Value) -> String {
    match run(scenario.clone()) {
        Err(CalcError::InvalidInput { field, .. }) => field,
        other => panic!("{scenario}: expected invalid_input, got {other:?}"),
    }
}

/// The amount of the line `program` × `payer`; panics when absent.
pub fn amount(out: &Value, program: &str, payer: &str) -> i64 {
    find_line(out, program, payer)
        .unwrap_or_else(|| panic!("no {program}/{payer} line in {out}"))["amount"]
        .as_i64()
        .unwrap()
}

pub fn find_line<'a>(out: &'a Value, program: &str, payer: &str) -> Option<&'a Value> {
    out["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| l["program"] == program && l["payer"] == payer)
}

pub fn allocation(out: &Value, from: &str) -> Option<i64> {
    out["allocations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["from"] == from)
        .map(|a| a["amount"].as_i64().unwrap())
}

pub fn pu(date: &str, wage: i64, class: i64) -> Value {
    json!({"type": "contribution", "date": date, "segment": "PU", "wage": wage, "risk_class": class})
}

pub fn raw(v: &Value) -> RawScenario {
    RawScenario::from_json(&serde_json::to_vec(v).unwrap()).unwrap()
}

/// The traced path directly, without the engine's dispatch.
pub fn traced(
    raw: &RawScenario,
    tracing: bool,
) -> Result<(jamsos_rules::results::ContributionResult, Vec<String>), CalcError> {
    let params = engine().params();
    let mut ctx = Ctx::new(params, None, tracing);
    let r = contribution::calculate(&mut ctx, raw)?;
    let (_, warnings) = ctx.finish();
    Ok((
        r,
        warnings
            .iter()
            .map(|w| w.render(jamsos_rules::Lang::En))
            .collect(),
    ))
}

/// The compiled path.
pub fn compiled(
    raw: &RawScenario,
) -> Result<(jamsos_rules::results::ContributionResult, Vec<String>), CalcError> {
    let (r, w) = book().calculate_raw(raw)?;
    Ok((
        r,
        w.iter().map(|w| w.render(jamsos_rules::Lang::En)).collect(),
    ))
}
