//! Caller-supplied parameter values (`"overrides"` in a scenario): policy what-ifs and values the
//! law does not give us. Every override used is shown in the trace and warned about.

use super::{Kind, Value, load::parse_value};
use crate::error::CalcError;
use std::collections::BTreeMap;

/// Parameter name → value as the caller wrote it (JSON).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides(pub BTreeMap<String, serde_json::Value>);

impl Overrides {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The override for `name`, read as a value of `kind`.
    pub fn value(&self, name: &str, kind: Kind) -> Result<Option<Value>, CalcError> {
        let Some(json) = self.0.get(name) else {
            return Ok(None);
        };
        let field = format!("overrides.{name}");
        let toml_value = json_to_toml(json).ok_or_else(|| {
            CalcError::invalid(&field, "null and mixed values are not parameter values")
        })?;
        parse_value(kind, &toml_value)
            .map(Some)
            .map_err(|m| CalcError::invalid(field, m))
    }
}

fn json_to_toml(v: &serde_json::Value) -> Option<toml::Value> {
    use serde_json::Value as J;
    Some(match v {
        J::Null => return None,
        J::Bool(b) => toml::Value::Boolean(*b),
        J::Number(n) => match n.as_i64() {
            Some(i) => toml::Value::Integer(i),
            // A fractional number is refused: rates are text ("0.24%"), money is whole rupiah.
            None => return None,
        },
        J::String(s) => toml::Value::String(s.clone()),
        J::Array(a) => toml::Value::Array(a.iter().map(json_to_toml).collect::<Option<_>>()?),
        J::Object(o) => toml::Value::Table(
            o.iter()
                .map(|(k, v)| json_to_toml(v).map(|v| (k.clone(), v)))
                .collect::<Option<_>>()?,
        ),
    })
}
