//! Stored codes of the domain's enum-like types, by hand (sqlx's derive feature is off). Where
//! the domain type has `code()`/`parse()`, those are used; otherwise its serde name.

use crate::error::{Result, StoreError};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// The serde name of a unit variant (`SponsorKind::CityGovernment` → `city_government`).
pub(crate) fn serde_code<T: Serialize>(v: &T) -> Result<String> {
    match serde_json::to_value(v)? {
        serde_json::Value::String(s) => Ok(s),
        other => Ok(other.to_string()),
    }
}

/// Parses a serde name back; a stored value that does not parse is corruption.
pub(crate) fn from_serde_code<T: DeserializeOwned>(
    entity: &'static str,
    id: i64,
    code: &str,
) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(code.to_owned()))
        .map_err(|e| StoreError::corrupt(entity, id, format!("{code:?}: {e}")))
}

/// Parses with a domain `parse` returning `Option`.
pub(crate) fn opt_parse<T>(
    entity: &'static str,
    id: i64,
    text: &str,
    parse: impl Fn(&str) -> Option<T>,
) -> Result<T> {
    parse(text).ok_or_else(|| StoreError::corrupt(entity, id, format!("unknown code {text:?}")))
}

pub(crate) fn sex_code(s: jamsos_domain::Sex) -> &'static str {
    match s {
        jamsos_domain::Sex::Male => "M",
        jamsos_domain::Sex::Female => "F",
    }
}

pub(crate) fn parse_sex(entity: &'static str, id: i64, text: &str) -> Result<jamsos_domain::Sex> {
    match text {
        "M" => Ok(jamsos_domain::Sex::Male),
        "F" => Ok(jamsos_domain::Sex::Female),
        other => Err(StoreError::corrupt(entity, id, format!("sex {other:?}"))),
    }
}

pub(crate) fn wage_kind_parse(text: &str) -> Option<jamsos_domain::model::WageKind> {
    use jamsos_domain::model::WageKind;
    [WageKind::Wage, WageKind::DeclaredIncome]
        .into_iter()
        .find(|k| k.code() == text)
}

/// Exact stored relation code. (Not `Relation::parse`: as of the h/domain merge it returns
/// `None` for the English codes because its Indonesian fallback is evaluated eagerly — reported
/// to the domain helper.)
pub(crate) fn relation_parse(text: &str) -> Option<jamsos_domain::model::Relation> {
    jamsos_domain::model::Relation::ALL
        .into_iter()
        .find(|r| r.code() == text)
}
