//! The programs each employer size class must join (Perpres 109/2013 Pasal 6) and the size
//! thresholds, as data: both sides of the effective date, the trace's citations, overrides, and
//! every dated value of `employer_size.toml` observed through the functions that read it.

mod common;

use common::engine;
use jamsos_rules::CalcError;
use jamsos_rules::employer_size::{self, SizeClass, SizeRules};
use jamsos_rules::params::{Overrides, Value};
use jamsos_rules::results::Program;
use jamsos_rules::trace::{Ctx, Step, Warning};
use jiff::civil::{Date, date};
use serde_json::json;

use Program::{Jht, Jkk, Jkm, Jp};

fn ctx() -> Ctx<'static> {
    Ctx::new(engine().params(), None, true)
}

/// Perpres 109/2013 Pasal 6(3), typed in from the article's text.
fn pasal_6_3(size: SizeClass) -> Vec<Program> {
    match size {
        SizeClass::Large | SizeClass::Medium => vec![Jkk, Jkm, Jht, Jp], // huruf a
        SizeClass::Small => vec![Jkk, Jkm, Jht],                         // huruf b
        SizeClass::Micro => vec![Jkk, Jkm],                              // huruf c
    }
}

const IN_FORCE: Date = date(2015, 7, 1);

#[test]
fn mandatory_programs_on_both_sides_of_1_july_2015() {
    for size in SizeClass::ALL {
        for d in [IN_FORCE, date(2019, 12, 2), date(2026, 3, 1)] {
            let got = employer_size::mandatory_programs(&mut ctx(), size, d).unwrap();
            assert_eq!(got, pasal_6_3(size), "{size:?} on {d}");
        }
        // The day before: the Jamsostek-era obligation is not in the data.
        let before = IN_FORCE.yesterday().unwrap();
        match employer_size::mandatory_programs(&mut ctx(), size, before) {
            Err(CalcError::MissingParameter {
                parameter, date, ..
            }) => {
                assert_eq!(
                    parameter,
                    format!("employer_size.mandatory.{}.jkk", size.code())
                );
                assert_eq!(date, before);
            }
            other => panic!("{size:?} on {before}: {other:?}"),
        }
    }
}

#[test]
fn size_thresholds_on_both_sides_of_1_july_2015() {
    let d = IN_FORCE;
    for (workers, size) in [
        (0, SizeClass::Micro),
        (4, SizeClass::Micro),
        (5, SizeClass::Small),
        (19, SizeClass::Small),
        (20, SizeClass::Medium),
        (99, SizeClass::Medium),
        (100, SizeClass::Large),
    ] {
        assert_eq!(
            employer_size::size_class(&mut ctx(), workers, d).unwrap(),
            size,
            "{workers}"
        );
    }
    let before = d.yesterday().unwrap();
    assert!(matches!(
        employer_size::size_class(&mut ctx(), 10, before),
        Err(CalcError::MissingParameter { parameter, .. }) if parameter == employer_size::SMALL_FROM
    ));
    assert_eq!(
        employer_size::unregistered_risk_class(&mut ctx(), d).unwrap(),
        1
    );
    assert!(employer_size::unregistered_risk_class(&mut ctx(), before).is_err());
}

#[test]
fn the_trace_cites_the_article_and_warns_about_the_proxy() {
    let mut c = ctx();
    let (size, programs) =
        employer_size::mandatory_for_workers(&mut c, 12, date(2026, 3, 1)).unwrap();
    assert_eq!(size, SizeClass::Small);
    assert_eq!(programs, [Jkk, Jkm, Jht]);
    let (trace, warnings) = c.finish();
    let trace = trace.unwrap();
    let citations: Vec<String> = trace
        .iter()
        .filter_map(|s| match s {
            Step::Rule {
                citation: Some(c),
                holds: true,
                ..
            } => Some(c.to_string()),
            _ => None,
        })
        .collect();
    assert_eq!(
        citations,
        ["Perpres 109/2013 Pasal 6(1)", "Perpres 109/2013 Pasal 6(3)"]
    );
    let jp = trace
        .iter()
        .find_map(|s| match s {
            Step::Parameter { name, period, .. } if *name == "employer_size.mandatory.small.jp" => {
                Some(period)
            }
            _ => None,
        })
        .unwrap();
    assert_eq!(jp.value, Value::Bool(false));
    assert!(jp.basis.contains("Pasal 6(3) huruf b"), "{}", jp.basis);
    // The thresholds are a proxy (low confidence); the table itself is the article's text.
    let unverified: Vec<&str> = warnings
        .iter()
        .filter_map(|w| match w {
            Warning::Unverified { name, .. } => Some(*name),
            _ => None,
        })
        .collect();
    assert_eq!(
        unverified,
        [
            employer_size::SMALL_FROM,
            employer_size::MEDIUM_FROM,
            employer_size::LARGE_FROM
        ]
    );
}

#[test]
fn an_override_supplies_the_unknown_period_and_is_warned_about() {
    let before = date(2015, 1, 1);
    let mut o = Overrides::default();
    for p in ["jkk", "jkm", "jht"] {
        o.0.insert(format!("employer_size.mandatory.small.{p}"), json!(true));
    }
    o.0.insert("employer_size.mandatory.small.jp".to_owned(), json!(false));
    let mut c = Ctx::new(engine().params(), Some(o), true);
    let got = employer_size::mandatory_programs(&mut c, SizeClass::Small, before).unwrap();
    assert_eq!(got, [Jkk, Jkm, Jht]);
    let (_, warnings) = c.finish();
    assert_eq!(
        warnings
            .iter()
            .filter(|w| matches!(w, Warning::Overridden { .. }))
            .count(),
        4
    );
}

#[test]
fn thresholds_that_do_not_grow_are_refused() {
    let mut o = Overrides::default();
    o.0.insert(employer_size::MEDIUM_FROM.to_owned(), json!(3));
    let mut c = Ctx::new(engine().params(), Some(o), false);
    assert!(matches!(
        employer_size::size_class(&mut c, 10, date(2026, 3, 1)),
        Err(CalcError::InvalidInput { field, .. }) if field == "overrides.employer_size.medium.min_workers"
    ));
}

/// What [`SizeRules`] shows of one parameter.
fn observed(r: &SizeRules, name: &str) -> Value {
    match name {
        employer_size::SMALL_FROM => Value::Count(r.small_from as i64),
        employer_size::MEDIUM_FROM => Value::Count(r.medium_from as i64),
        employer_size::LARGE_FROM => Value::Count(r.large_from as i64),
        employer_size::UNREGISTERED_RISK_CLASS => {
            Value::Count(i64::from(r.unregistered_risk_class))
        }
        _ => {
            let size = SizeClass::ALL
                .into_iter()
                .find(|s| name.starts_with(&format!("employer_size.mandatory.{}.", s.code())))
                .unwrap_or_else(|| panic!("{name} has no oracle in this test"));
            let program = employer_size::PROGRAMS
                .into_iter()
                .find(|p| employer_size::mandatory_param(size, *p) == name)
                .unwrap();
            Value::Bool(r.mandatory(size).contains(&program))
        }
    }
}

#[test]
fn every_dated_value_of_the_file_is_what_the_functions_use() {
    let params = engine().params();
    let mine: Vec<_> = params
        .iter()
        .filter(|p| p.file == "employer_size.toml")
        .collect();
    assert_eq!(mine.len(), 4 * 4 + 3 + 1);
    let mut checked = 0;
    for p in mine {
        for (i, period) in p.periods.iter().enumerate() {
            let last_day = period.to.unwrap_or(date(2026, 12, 31));
            for d in [period.from, last_day] {
                if period.value == Value::Unknown {
                    // Unknown: the lookup fails and names the parameter and the date.
                    match ctx().value(&p.name, d) {
                        Err(CalcError::MissingParameter {
                            parameter, date, ..
                        }) => assert_eq!((parameter.as_str(), date), (p.name.as_str(), d)),
                        other => panic!("{} period {} on {d}: {other:?}", p.name, i + 1),
                    }
                    assert!(SizeRules::resolve(&mut ctx(), d).is_err());
                } else {
                    let r = SizeRules::resolve(&mut ctx(), d)
                        .unwrap_or_else(|e| panic!("{} on {d}: {e}", p.name));
                    assert_eq!(observed(&r, &p.name), period.value, "{} on {d}", p.name);
                }
                checked += 1;
            }
            assert!(!period.basis.is_empty());
            if period.value != Value::Unknown {
                assert!(!period.sources.is_empty(), "{}", p.name);
            }
        }
        assert!(p.periods.last().unwrap().to.is_none(), "{}", p.name);
    }
    assert!(checked >= 40, "{checked}");
}

#[test]
fn the_latest_rule_is_the_one_in_force_today() {
    let latest = SizeRules::latest(engine().params()).unwrap();
    let today = SizeRules::resolve(&mut ctx(), date(2026, 3, 1)).unwrap();
    assert_eq!(latest.mandatory, today.mandatory);
    assert_eq!(
        (latest.small_from, latest.medium_from, latest.large_from),
        (5, 20, 100)
    );
    assert_eq!(latest.date, IN_FORCE);
}

#[test]
fn before_the_date_the_error_names_the_table_and_says_why() {
    match SizeRules::resolve(&mut ctx(), date(2015, 6, 1)) {
        Err(CalcError::MissingParameter {
            parameter, message, ..
        }) => {
            assert_eq!(parameter, "employer_size.mandatory.micro.jkk");
            assert!(message.contains("Jamsostek"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}
