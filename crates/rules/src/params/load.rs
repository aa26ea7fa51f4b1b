//! Reading and validating parameter files. A file is TOML:
//!
//! ```toml
//! [[param]]
//! name = "pu.jkm.rate"
//! kind = "rate"
//! description = "JKM contribution, employer, share of the full wage"
//!
//! [[param.period]]
//! from = "2015-07-01"
//! value = "0.30%"
//! basis = "PP 44/2015 Pasal 18(1)"
//! sources = ["star.grid.id/read/453716861"]
//! confidence = "high"
//! ```
//!
//! Validation refuses: unknown keys, a name defined twice, a value of the wrong kind, a period
//! without basis, sources or confidence, periods out of order, overlapping or leaving a gap,
//! and a last period that ends (a rule in force today must hold up to today and beyond).

use super::{Band, Confidence, Kind, Parameter, Period, Value};
use crate::money::Rupiah;
use crate::rate::Rate;
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The parameter files compiled into the binary, in a stable order.
pub fn embedded_files() -> &'static [(&'static str, &'static str)] {
    &[
        ("calendar.toml", include_str!("../../params/calendar.toml")),
        ("pu.toml", include_str!("../../params/pu.toml")),
        ("jp.toml", include_str!("../../params/jp.toml")),
        ("jkp.toml", include_str!("../../params/jkp.toml")),
        ("bpu.toml", include_str!("../../params/bpu.toml")),
        ("jakon.toml", include_str!("../../params/jakon.toml")),
        ("pmi.toml", include_str!("../../params/pmi.toml")),
        ("relief.toml", include_str!("../../params/relief.toml")),
        (
            "jp_benefits.toml",
            include_str!("../../params/jp_benefits.toml"),
        ),
        (
            "jkp_benefits.toml",
            include_str!("../../params/jkp_benefits.toml"),
        ),
        (
            "jkk_jkm_benefits.toml",
            include_str!("../../params/jkk_jkm_benefits.toml"),
        ),
        (
            "scholarship.toml",
            include_str!("../../params/scholarship.toml"),
        ),
        ("jht.toml", include_str!("../../params/jht.toml")),
        ("fines.toml", include_str!("../../params/fines.toml")),
        (
            "minimum_wage.toml",
            include_str!("../../params/minimum_wage.toml"),
        ),
        (
            "employer_size.toml",
            include_str!("../../params/employer_size.toml"),
        ),
    ]
}

/// A parameter file that cannot be used, and exactly where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {location}: {message}")]
pub struct ParamError {
    pub file: String,
    /// `param pu.jkm.rate, period 2` or `line 12` for syntax errors.
    pub location: String,
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    param: Vec<RawParam>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParam {
    name: String,
    kind: String,
    description: String,
    #[serde(default)]
    period: Vec<RawPeriod>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPeriod {
    from: String,
    to: Option<String>,
    value: Option<toml::Value>,
    #[serde(default)]
    unknown: bool,
    basis: Option<String>,
    #[serde(default)]
    sources: Vec<String>,
    confidence: Option<String>,
    note: Option<String>,
}

pub(super) fn parse_and_validate(
    files: &[(String, String)],
) -> Result<BTreeMap<String, Parameter>, ParamError> {
    let mut params: BTreeMap<String, Parameter> = BTreeMap::new();
    for (file, text) in files {
        let raw: RawFile = toml::from_str(text).map_err(|e| ParamError {
            file: file.clone(),
            location: e
                .span()
                .map(|s| format!("line {}", line_of(text, s.start)))
                .unwrap_or_else(|| "file".to_owned()),
            message: e.message().to_owned(),
        })?;
        for rp in raw.param {
            let param = build_param(file, rp)?;
            if let Some(prev) = params.get(&param.name) {
                return Err(ParamError {
                    file: file.clone(),
                    location: format!("param {}", param.name),
                    message: format!("defined twice (also in {})", prev.file),
                });
            }
            params.insert(param.name.clone(), param);
        }
    }
    Ok(params)
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).map_or(0, |t| t.matches('\n').count()) + 1
}

fn build_param(file: &str, rp: RawParam) -> Result<Parameter, ParamError> {
    let err = |location: String, message: String| ParamError {
        file: file.to_owned(),
        location,
        message,
    };
    let here = |i: usize| format!("param {}, period {}", rp.name, i + 1);
    if rp.name.is_empty()
        || !rp
            .name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._".contains(&b))
    {
        return Err(err(
            format!("param {:?}", rp.name),
            "a name is lowercase letters, digits, '.' and '_'".to_owned(),
        ));
    }
    let kind = parse_kind(&rp.kind).ok_or_else(|| {
        err(
            format!("param {}", rp.name),
            format!("unknown kind {:?}", rp.kind),
        )
    })?;
    if rp.description.trim().is_empty() {
        return Err(err(
            format!("param {}", rp.name),
            "description is empty".to_owned(),
        ));
    }
    if rp.period.is_empty() {
        return Err(err(
            format!("param {}", rp.name),
            "has no period".to_owned(),
        ));
    }
    let mut periods = Vec::with_capacity(rp.period.len());
    for (i, p) in rp.period.into_iter().enumerate() {
        let from = parse_date(&p.from).map_err(|m| err(here(i), format!("from: {m}")))?;
        let to =
            p.to.as_deref()
                .map(parse_date)
                .transpose()
                .map_err(|m| err(here(i), format!("to: {m}")))?;
        if to.is_some_and(|t| t < from) {
            return Err(err(here(i), "`to` is before `from`".to_owned()));
        }
        let value = match (p.unknown, p.value) {
            (true, None) => Value::Unknown,
            (true, Some(_)) => {
                return Err(err(
                    here(i),
                    "a period is either `unknown` or has a value".to_owned(),
                ));
            }
            (false, None) => return Err(err(here(i), "no value (or `unknown = true`)".to_owned())),
            (false, Some(v)) => parse_value(kind, &v).map_err(|m| err(here(i), m))?,
        };
        let basis = p.basis.filter(|b| !b.trim().is_empty()).ok_or_else(|| {
            err(
                here(i),
                "every value cites its legal basis (`basis`)".to_owned(),
            )
        })?;
        if value != Value::Unknown && p.sources.is_empty() {
            return Err(err(
                here(i),
                "every value lists at least one source".to_owned(),
            ));
        }
        if value == Value::Unknown && p.note.is_none() {
            return Err(err(
                here(i),
                "an unknown value needs a `note` saying why".to_owned(),
            ));
        }
        let confidence = match p.confidence.as_deref() {
            Some(c) => Confidence::parse(c).ok_or_else(|| {
                err(
                    here(i),
                    format!("confidence {c:?} is not high, medium-high, medium, medium-low, low or derived"),
                )
            })?,
            None if value == Value::Unknown => Confidence::Low,
            None => return Err(err(here(i), "every value states its `confidence`".to_owned())),
        };
        periods.push(Period {
            from,
            to,
            value,
            basis,
            sources: p.sources,
            confidence,
            note: p.note,
        });
    }
    for (i, pair) in periods.windows(2).enumerate() {
        let [a, b] = pair else { continue };
        let Some(a_to) = a.to else {
            return Err(err(
                here(i),
                "only the last period may be open-ended".to_owned(),
            ));
        };
        let expected = a_to.tomorrow().map_err(|e| err(here(i), e.to_string()))?;
        if b.from < expected {
            return Err(err(
                here(i + 1),
                format!("overlaps the previous period (ends {a_to})"),
            ));
        }
        if b.from > expected {
            return Err(err(
                here(i + 1),
                format!("leaves a gap after {a_to}: write the gap as a period of its own"),
            ));
        }
    }
    if let Some(last) = periods.last()
        && last.to.is_some()
    {
        return Err(err(
            here(periods.len() - 1),
            "the last period must be open-ended: write what holds after it as a period".to_owned(),
        ));
    }
    Ok(Parameter {
        name: rp.name,
        kind,
        description: rp.description,
        file: file.to_owned(),
        periods,
    })
}

fn parse_kind(text: &str) -> Option<Kind> {
    Some(match text {
        "rupiah" => Kind::Rupiah,
        "rate" => Kind::Rate,
        "count" => Kind::Count,
        "date" => Kind::Date,
        "bool" => Kind::Bool,
        "bands" => Kind::Bands,
        "rate_table" => Kind::RateTable,
        "dates" => Kind::Dates,
        _ => return None,
    })
}

pub(crate) fn parse_date(text: &str) -> Result<Date, String> {
    text.parse::<Date>()
        .map_err(|_| format!("{text:?} is not a date (YYYY-MM-DD)"))
}

/// Reads a TOML value as a value of `kind`. Also used for overrides (through JSON).
pub(crate) fn parse_value(kind: Kind, v: &toml::Value) -> Result<Value, String> {
    use toml::Value as T;
    let rate = |v: &T| -> Result<Rate, String> {
        match v {
            T::String(s) => Rate::parse(s).map_err(|e| e.to_string()),
            T::Integer(i) => Rate::parse(&i.to_string()).map_err(|e| e.to_string()),
            _ => Err("a rate is written as text, e.g. \"0.24%\"".to_owned()),
        }
    };
    Ok(match kind {
        Kind::Rupiah => match v {
            T::Integer(i) if *i >= 0 => Value::Rupiah(Rupiah(*i)),
            _ => return Err("a rupiah value is a whole number ≥ 0".to_owned()),
        },
        Kind::Count => match v {
            T::Integer(i) => Value::Count(*i),
            _ => return Err("a count is a whole number".to_owned()),
        },
        Kind::Rate => Value::Rate(rate(v)?),
        Kind::Bool => match v {
            T::Boolean(b) => Value::Bool(*b),
            _ => return Err("expected true or false".to_owned()),
        },
        Kind::Date => match v {
            T::String(s) => Value::Date(parse_date(s)?),
            T::Datetime(d) => Value::Date(parse_date(&d.to_string())?),
            _ => return Err("a date is written \"YYYY-MM-DD\"".to_owned()),
        },
        Kind::Dates => match v {
            T::Array(items) => {
                let mut dates = items
                    .iter()
                    .map(|i| match i {
                        T::String(s) => parse_date(s),
                        T::Datetime(d) => parse_date(&d.to_string()),
                        _ => Err("a date is written \"YYYY-MM-DD\"".to_owned()),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                dates.sort();
                dates.dedup();
                Value::Dates(dates)
            }
            _ => return Err("expected a list of dates".to_owned()),
        },
        Kind::RateTable => match v {
            T::Table(t) => Value::RateTable(
                t.iter()
                    .map(|(k, v)| {
                        rate(v)
                            .map(|r| (k.clone(), r))
                            .map_err(|e| format!("{k}: {e}"))
                    })
                    .collect::<Result<_, _>>()?,
            ),
            _ => return Err("expected a table of key = \"rate\"".to_owned()),
        },
        Kind::Bands => match v {
            T::Array(items) => {
                let mut bands = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let T::Table(t) = item else {
                        return Err(format!("band {}: expected {{upto = …, rate = …}}", i + 1));
                    };
                    let upto = match t.get("upto") {
                        None => None,
                        Some(T::Integer(u)) if *u > 0 => Some(Rupiah(*u)),
                        Some(_) => {
                            return Err(format!("band {}: upto is a whole rupiah > 0", i + 1));
                        }
                    };
                    let r = t
                        .get("rate")
                        .ok_or_else(|| format!("band {}: no rate", i + 1))
                        .and_then(|r| rate(r).map_err(|e| format!("band {}: {e}", i + 1)))?;
                    if let Some(extra) = t.keys().find(|k| *k != "upto" && *k != "rate") {
                        return Err(format!("band {}: unknown key {extra:?}", i + 1));
                    }
                    bands.push(Band { upto, rate: r });
                }
                let ordered = bands.windows(2).all(|w| match w {
                    [a, b] => match (a.upto, b.upto) {
                        (Some(x), Some(y)) => x < y,
                        (Some(_), None) => true,
                        (None, _) => false,
                    },
                    _ => true,
                });
                if bands.is_empty() || !ordered || bands.last().is_some_and(|b| b.upto.is_some()) {
                    return Err("bands rise strictly and the last has no `upto`".to_owned());
                }
                Value::Bands(bands)
            }
            _ => return Err("expected a list of bands".to_owned()),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<BTreeMap<String, Parameter>, ParamError> {
        parse_and_validate(&[("t.toml".to_owned(), text.to_owned())])
    }

    const HEAD: &str = "[[param]]\nname = \"x.rate\"\nkind = \"rate\"\ndescription = \"d\"\n";
    const CITE: &str = "basis = \"PP 1\"\nsources = [\"s\"]\nconfidence = \"high\"\n";

    #[test]
    fn accepts_contiguous_periods() {
        let text = format!(
            "{HEAD}[[param.period]]\nfrom = \"2015-07-01\"\nto = \"2019-12-01\"\nvalue = \"1%\"\n{CITE}[[param.period]]\nfrom = \"2019-12-02\"\nvalue = \"2%\"\n{CITE}"
        );
        let p = load(&text).unwrap();
        let x = &p["x.rate"];
        let d = |s: &str| s.parse::<Date>().unwrap();
        assert_eq!(
            x.period_at(d("2019-12-01")).unwrap().value,
            Value::Rate(Rate::from_percent(1))
        );
        assert_eq!(
            x.period_at(d("2019-12-02")).unwrap().value,
            Value::Rate(Rate::from_percent(2))
        );
        assert!(x.period_at(d("2015-06-30")).is_none());
    }

    #[test]
    fn refuses_gaps_overlaps_missing_citations_and_wrong_kinds() {
        let gap = format!(
            "{HEAD}[[param.period]]\nfrom = \"2015-07-01\"\nto = \"2019-11-30\"\nvalue = \"1%\"\n{CITE}[[param.period]]\nfrom = \"2019-12-02\"\nvalue = \"2%\"\n{CITE}"
        );
        assert!(load(&gap).unwrap_err().message.contains("gap"));
        let overlap = gap.replace("2019-11-30", "2019-12-05");
        assert!(load(&overlap).unwrap_err().message.contains("overlaps"));
        let uncited = format!(
            "{HEAD}[[param.period]]\nfrom = \"2015-07-01\"\nvalue = \"1%\"\nconfidence = \"high\"\nsources = [\"s\"]\n"
        );
        assert!(load(&uncited).unwrap_err().message.contains("basis"));
        let wrong = format!("{HEAD}[[param.period]]\nfrom = \"2015-07-01\"\nvalue = true\n{CITE}");
        assert!(load(&wrong).unwrap_err().message.contains("rate"));
        let ends = format!(
            "{HEAD}[[param.period]]\nfrom = \"2015-07-01\"\nto = \"2016-01-01\"\nvalue = \"1%\"\n{CITE}"
        );
        assert!(load(&ends).unwrap_err().message.contains("open-ended"));
        let twice =
            format!("{HEAD}[[param.period]]\nfrom = \"2015-07-01\"\nvalue = \"1%\"\n{CITE}");
        let twice = format!("{twice}{twice}");
        assert!(load(&twice).unwrap_err().message.contains("twice"));
    }

    #[test]
    fn unknown_values_need_a_note() {
        let text = format!(
            "{HEAD}[[param.period]]\nfrom = \"2015-07-01\"\nunknown = true\nbasis = \"PP 1\"\n"
        );
        assert!(load(&text).unwrap_err().message.contains("note"));
        let ok = format!("{text}note = \"NOT FOUND in any source\"\n");
        assert_eq!(
            load(&ok).unwrap()["x.rate"].periods[0].value,
            Value::Unknown
        );
    }
}
