//! The contribution parameters as data, tested on both sides of every effective date.
//!
//! For each parameter of the contribution, relief, fine and calendar files and each date on
//! which its value changes, the test computes a scenario in the contribution month before the
//! change and in the month of the change, and checks that the observed line (or due date, or
//! fine) is what the data says for that month. A contribution month is governed by the rules
//! in force on its last day, so "the month before" a mid-month change is the previous month,
//! and the day before a mid-month change already gets the new rule (checked too). Every
//! parameter that changes must have an oracle here: a new parameter without one fails the test.

mod common;

use common::*;
use jamsos_rules::calendar;
use jamsos_rules::contribution::rule_date;
use jamsos_rules::params::{Parameter, Value};
use jamsos_rules::rounding::floor_to_step;
use jamsos_rules::{CalcError, ParamSet, Rate, Rupiah};
use jiff::ToSpan;
use jiff::civil::Date;
use proptest::prelude::*;
use serde_json::{Value as Json, json};

const MY_FILES: [&str; 9] = [
    "calendar.toml",
    "pu.toml",
    "jp.toml",
    "jkp.toml",
    "bpu.toml",
    "jakon.toml",
    "pmi.toml",
    "relief.toml",
    "fines.toml",
];

/// Parameters no calculation reads (data for people and for other tests).
const DATA_ONLY: [&str; 2] = ["jp.wage_cap.gdp_growth", "calendar.public_holidays"];

type Out = Result<Json, CalcError>;

/// How to observe one parameter: a scenario for a date, what to read from its result, and
/// whether the result agrees with a value of the parameter.
struct Oracle {
    scenario: fn(Date) -> Json,
    observe: fn(&Out) -> Json,
    agrees: fn(&Out, &Value, Date) -> Result<(), String>,
}

fn rate(v: &Value) -> Rate {
    match v {
        Value::Rate(r) => *r,
        other => panic!("expected a rate, got {other:?}"),
    }
}

fn share(d: Rate) -> Rate {
    Rate::from_ppb(1_000_000_000 - d.ppb())
}

fn line_field(out: &Out, program: &str, payer: &str, field: &str) -> Json {
    match out {
        Ok(v) => find_line(v, program, payer).map_or(Json::Null, |l| l[field].clone()),
        Err(e) => json!(format!("error: {e}")),
    }
}

fn expect(observed: Json, expected: Json) -> Result<(), String> {
    if observed == expected {
        Ok(())
    } else {
        Err(format!("observed {observed}, the data says {expected}"))
    }
}

fn late(segment: &'static str, d: Date) -> Json {
    json!({"type": "late_fine", "segment": segment,
           "contribution_month": format!("{:04}-{:02}", d.year(), d.month()),
           "amount_due": 1_000_000, "paid_on": "2030-01-01"})
}

fn due_of(out: &Out) -> Json {
    match out {
        Ok(v) => v["due_date"].clone(),
        Err(e) => json!(format!("error: {e}")),
    }
}

fn param_value(name: &str, d: Date) -> Value {
    engine()
        .params()
        .get(name)
        .and_then(|p| p.period_at(rule_date(d)))
        .map(|p| p.value.clone())
        .unwrap_or(Value::Unknown)
}

/// The share still paid under PP 49/2020 in the month of `d`.
fn pp49_share(d: Date) -> Rate {
    share(rate(&param_value("relief.pp49_2020.jkk_jkm_discount", d)))
}

fn count(v: &Value) -> i64 {
    match v {
        Value::Count(n) => *n,
        other => panic!("expected a count, got {other:?}"),
    }
}

/// The due date is a working day within a week of the nominal date `day` of the month
/// `months_after` after the contribution month.
fn due_near(out: &Out, d: Date, months_after: i64, day: i64) -> Result<(), String> {
    let due: Date = due_of(out)
        .as_str()
        .ok_or_else(|| format!("no due date: {out:?}"))?
        .parse()
        .map_err(|e| format!("{e}"))?;
    let nominal = calendar::nominal_due(d, months_after, day).map_err(|e| e.to_string())?;
    let gap = (due - nominal).get_days().abs();
    if calendar::is_weekend(due) || gap > 7 {
        return Err(format!(
            "due {due} is not a working day near the nominal {nominal}"
        ));
    }
    Ok(())
}

fn oracle(name: &str) -> Option<Oracle> {
    Some(match name {
        "jp.wage_cap" => Oracle {
            scenario: |d| json!({"type": "contribution", "date": d.to_string(), "segment": "PU", "wage": 50_000_000, "risk_class": 1, "programs": ["JP"]}),
            observe: |o| line_field(o, "JP", "employer", "base"),
            agrees: |o, v, _| match v {
                Value::Rupiah(cap) => {
                    expect(line_field(o, "JP", "employer", "base"), json!(cap.get()))
                }
                _ => Err("not rupiah".into()),
            },
        },
        "jkp.contribution.in_force" => Oracle {
            scenario: |d| pu(&d.to_string(), 6_000_000, 1),
            observe: |o| json!(line_field(o, "JKP", "government", "amount").is_i64()),
            agrees: |o, v, _| {
                expect(
                    json!(line_field(o, "JKP", "government", "amount").is_i64()),
                    json!(*v == Value::Bool(true)),
                )
            },
        },
        "jkp.contribution.government_rate" => Oracle {
            scenario: |d| pu(&d.to_string(), 6_000_000, 1),
            observe: |o| line_field(o, "JKP", "government", "amount"),
            agrees: |o, v, _| {
                expect(
                    line_field(o, "JKP", "government", "amount"),
                    json!(rate(v).of(Rupiah(5_000_000)).get()),
                )
            },
        },
        "jkp.recomposition.from_jkk_rate" | "jkp.recomposition.from_jkm_rate" => Oracle {
            scenario: |d| pu(&d.to_string(), 6_000_000, 1),
            observe: |o| {
                o.as_ref()
                    .map(|v| json!([allocation(v, "JKK"), allocation(v, "JKM")]))
                    .unwrap_or(Json::Null)
            },
            agrees: |o, v, d| {
                let from = if param_value("jkp.recomposition.from_jkk_rate", d) == *v {
                    "JKK"
                } else {
                    "JKM"
                };
                let expected = rate(v).of(Rupiah(5_000_000)).get();
                let observed = o.as_ref().map_err(|e| e.to_string())?;
                expect(
                    json!(allocation(observed, from).unwrap_or(0)),
                    json!(expected),
                )
            },
        },
        "relief.pp49_2020.jkk_jkm_discount" => Oracle {
            scenario: |d| json!({"type": "contribution", "date": d.to_string(), "segment": "PU", "wage": 10_000_000, "risk_class": 1, "programs": ["JKK", "JKM"]}),
            observe: |o| line_field(o, "JKK", "employer", "rate"),
            agrees: |o, v, _| {
                let r = Rate::parse("0.24%").unwrap().times(share(rate(v))).unwrap();
                expect(
                    line_field(o, "JKK", "employer", "rate"),
                    json!(r.to_fraction_string()),
                )
            },
        },
        "relief.pp49_2020.jp_deferred_share" => Oracle {
            scenario: |d| json!({"type": "contribution", "date": d.to_string(), "segment": "PU", "wage": 5_000_000, "risk_class": 1, "programs": ["JP"]}),
            observe: |o| line_field(o, "JP", "employer", "rate"),
            agrees: |o, v, _| {
                let r = Rate::parse("2%").unwrap().times(share(rate(v))).unwrap();
                expect(
                    line_field(o, "JP", "employer", "rate"),
                    json!(r.to_fraction_string()),
                )
            },
        },
        "relief.pp7_2025.jkk_discount_by_sector" => Oracle {
            scenario: |d| json!({"type": "contribution", "date": d.to_string(), "segment": "PU", "wage": 10_000_000, "risk_class": 1, "programs": ["JKK"], "employer": {"sector": "textile_apparel", "workers": 100}}),
            observe: |o| line_field(o, "JKK", "employer", "rate"),
            agrees: |o, v, d| {
                let Value::RateTable(t) = v else {
                    return Err("not a table".into());
                };
                let d7 = t.get("textile_apparel").copied().unwrap_or(Rate::ZERO);
                let r = Rate::parse("0.24%")
                    .unwrap()
                    .times(pp49_share(d))
                    .unwrap()
                    .times(share(d7))
                    .unwrap();
                expect(
                    line_field(o, "JKK", "employer", "rate"),
                    json!(r.to_fraction_string()),
                )
            },
        },
        "relief.pp7_2025.jkk_to_jkp_recomposition_discount" => Oracle {
            scenario: |d| json!({"type": "contribution", "date": d.to_string(), "segment": "PU", "wage": 10_000_000, "risk_class": 1, "employer": {"sector": "textile_apparel", "workers": 100}}),
            observe: |o| {
                o.as_ref()
                    .map(|v| json!(allocation(v, "JKK")))
                    .unwrap_or(Json::Null)
            },
            agrees: |o, v, d| {
                let observed = o.as_ref().map_err(|e| e.to_string())?;
                if param_value("jkp.contribution.in_force", d) != Value::Bool(true) {
                    return expect(json!(allocation(observed, "JKK")), Json::Null);
                }
                let from_jkk = rate(&param_value("jkp.recomposition.from_jkk_rate", d));
                let r = from_jkk.times(share(rate(v))).unwrap();
                expect(
                    json!(allocation(observed, "JKK")),
                    json!(r.of(Rupiah(5_000_000)).get()),
                )
            },
        },
        "relief.pp50_2025.bpu_discount.transport" | "relief.pp50_2025.bpu_discount.general" => {
            Oracle {
                // One oracle for both: it observes a transport participant, so it checks the
                // transport parameter; the general one has its own test below.
                scenario: |d| json!({"type": "contribution", "date": d.to_string(), "segment": "BPU", "income": 1_000_000, "sector": "transport"}),
                observe: |o| {
                    o.as_ref()
                        .map(|v| v["totals"]["all"].clone())
                        .unwrap_or(Json::Null)
                },
                agrees: |o, v, d| {
                    if param_value("relief.pp50_2025.bpu_discount.transport", d) != *v {
                        return Ok(()); // the general one: checked by its own oracle below
                    }
                    let s = share(rate(v)).times(pp49_share(d)).unwrap();
                    let total = Rate::parse("1%")
                        .unwrap()
                        .times(s)
                        .unwrap()
                        .of(Rupiah(1_000_000))
                        .get()
                        + s.of(Rupiah(6_800)).get();
                    let observed = o.as_ref().map_err(|e| e.to_string())?;
                    expect(observed["totals"]["all"].clone(), json!(total))
                },
            }
        }
        "pu.payment_due.day"
        | "pu.payment_due.months_after"
        | "calendar.due_date.holiday_shift" => Oracle {
            scenario: |d| late("PU", d),
            observe: due_of,
            agrees: |o, _, d| {
                due_near(
                    o,
                    d,
                    count(&param_value("pu.payment_due.months_after", d)),
                    count(&param_value("pu.payment_due.day", d)),
                )?;
                let shift = count(&param_value("calendar.due_date.holiday_shift", d));
                let due: Date = due_of(o)
                    .as_str()
                    .unwrap_or_default()
                    .parse()
                    .map_err(|e| format!("{e}"))?;
                let nominal = calendar::nominal_due(
                    d,
                    count(&param_value("pu.payment_due.months_after", d)),
                    count(&param_value("pu.payment_due.day", d)),
                )
                .unwrap();
                let moved = (due - nominal).get_days().signum();
                if moved != 0 && i64::from(moved) != shift {
                    return Err(format!("moved {moved} but the shift is {shift}"));
                }
                Ok(())
            },
        },
        "bpu.payment_due.day" | "bpu.payment_due.months_after" => Oracle {
            scenario: |d| late("BPU", d),
            observe: due_of,
            agrees: |o, _, d| {
                due_near(
                    o,
                    d,
                    count(&param_value("bpu.payment_due.months_after", d)),
                    count(&param_value("bpu.payment_due.day", d)),
                )
            },
        },
        "fine.late.rate" => Oracle {
            scenario: |d| late("PU", d),
            observe: |o| o.as_ref().map(|v| v["fine"].clone()).unwrap_or(Json::Null),
            agrees: |o, v, _| {
                let observed = o.as_ref().map_err(|e| e.to_string())?;
                let months = observed["months_late"].as_i64().unwrap();
                expect(
                    observed["fine"].clone(),
                    json!(rate(v).of(Rupiah(1_000_000 * months)).get()),
                )
            },
        },
        n if n.starts_with("pmi.package.") => Oracle {
            scenario: |d| json!({"type": "contribution", "date": d.to_string(), "segment": "PMI", "package": "placement_24m"}),
            observe: |o| match o {
                Ok(v) => v["totals"]["all"].clone(),
                Err(e) => json!(e.code()),
            },
            agrees: |o, v, d| {
                // Every package changes on the same date; the 24-month one stands for all.
                let v24 = param_value("pmi.package.placement_24m", d);
                match (o, &v24) {
                    (Err(CalcError::MissingParameter { .. }), Value::Unknown) => Ok(()),
                    (Ok(out), Value::Rupiah(r)) => {
                        expect(out["totals"]["all"].clone(), json!(r.get()))
                    }
                    _ => Err(format!("{o:?} vs {v:?}")),
                }
            },
        },
        _ => return None,
    })
}

fn my_params() -> Vec<&'static Parameter> {
    engine()
        .params()
        .iter()
        .filter(|p| MY_FILES.contains(&p.file.as_str()))
        .collect()
}

fn month_before(b: Date) -> Date {
    // The last day of the contribution month before the one the change governs.
    b.first_of_month().yesterday().unwrap()
}

#[test]
fn every_effective_date_changes_what_the_data_says_on_both_sides() {
    let mut checked = 0;
    for p in my_params() {
        let dates: Vec<Date> = p.effective_dates().collect();
        if dates.is_empty() || DATA_ONLY.contains(&p.name.as_str()) {
            continue;
        }
        let o = oracle(&p.name)
            .unwrap_or_else(|| panic!("{} changes value but has no oracle in this test", p.name));
        for b in dates {
            let before = month_before(b);
            let v_before = p.period_at(rule_date(before)).unwrap().value.clone();
            let v_on = p.period_at(rule_date(b)).unwrap().value.clone();
            let out_before = run((o.scenario)(before));
            let out_on = run((o.scenario)(b));
            if let Err(e) = (o.agrees)(&out_before, &v_before, before) {
                panic!("{} before {b} ({before}): {e}", p.name);
            }
            if let Err(e) = (o.agrees)(&out_on, &v_on, b) {
                panic!("{} on {b}: {e}", p.name);
            }
            if v_before != v_on && !p.name.starts_with("relief.pp50_2025.bpu_discount.general") {
                assert_ne!(
                    (o.observe)(&out_before),
                    (o.observe)(&out_on),
                    "{} at {b}: the value changes but the result does not",
                    p.name
                );
            }
            if b.day() != 1 {
                // Mid-month change: the whole month, its first day included, follows the new rule.
                let same_month = run((o.scenario)(b.yesterday().unwrap()));
                assert_eq!(
                    (o.observe)(&same_month),
                    (o.observe)(&out_on),
                    "{} at {b}",
                    p.name
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 30, "only {checked} boundaries checked");
}

#[test]
fn the_general_pp50_relief_on_both_sides() {
    // Its own check (the shared oracle above observes the transport participant).
    let p = engine()
        .params()
        .get("relief.pp50_2025.bpu_discount.general")
        .unwrap();
    for b in p.effective_dates() {
        for d in [month_before(b), b] {
            let s = share(rate(&p.period_at(rule_date(d)).unwrap().value))
                .times(pp49_share(d))
                .unwrap();
            let out = ok(
                json!({"type": "contribution", "date": d.to_string(), "segment": "BPU", "income": 1_000_000, "sector": "retail"}),
            );
            let total = Rate::parse("1%")
                .unwrap()
                .times(s)
                .unwrap()
                .of(Rupiah(1_000_000))
                .get()
                + s.of(Rupiah(6_800)).get();
            assert_eq!(out["totals"]["all"], total, "{d}");
        }
    }
}

#[test]
fn every_parameter_covers_july_2015_onwards_and_cites_its_sources() {
    let start: Date = "2015-07-01".parse().unwrap();
    for p in my_params() {
        let first = p.periods.first().unwrap().from;
        let relief_start = p.name == "relief.pp7_2025.min_workers"
            || p.name.starts_with("jkp.contribution.") && p.name != "jkp.contribution.in_force"
            || p.name.starts_with("jkp.recomposition.")
            || p.name == "jp.wage_cap.gdp_growth"
            || p.name == "calendar.public_holidays";
        assert!(first <= start || relief_start, "{} starts {first}", p.name);
        assert!(
            p.periods.last().unwrap().to.is_none(),
            "{} is not open-ended",
            p.name
        );
        for period in &p.periods {
            assert!(!period.basis.is_empty());
            if period.value != Value::Unknown {
                assert!(!period.sources.is_empty(), "{}", p.name);
            }
        }
    }
}

#[test]
fn every_jp_wage_cap_follows_from_the_previous_by_gdp_growth_floored_to_rp100() {
    let params: &ParamSet = engine().params();
    let cap = params.get("jp.wage_cap").unwrap();
    let growth = params.get("jp.wage_cap.gdp_growth").unwrap();
    assert_eq!(cap.periods[0].value, Value::Rupiah(Rupiah(7_000_000)));
    assert_eq!(cap.periods.len(), 12);
    for pair in cap.periods.windows(2) {
        let (Value::Rupiah(prev), Value::Rupiah(next)) = (&pair[0].value, &pair[1].value) else {
            panic!("caps are rupiah");
        };
        let g = rate(&growth.period_at(pair[1].from).unwrap().value);
        assert_eq!(
            growth.period_at(pair[1].from).unwrap().from,
            pair[1].from,
            "growth and cap periods align"
        );
        let factor = g.one_plus();
        let exact = factor.exact_numerator(*prev);
        let indexed = floor_to_step(exact, 1_000_000_000, 100);
        assert_eq!(
            indexed,
            *next,
            "{} × (1 + {g}) floored to Rp100",
            prev.get()
        );
        // Applies from the March contribution month.
        assert_eq!((pair[1].from.month(), pair[1].from.day()), (3, 1));
    }
}

#[test]
fn each_holiday_year_holds_the_fixed_holidays_and_only_its_own_dates() {
    let p = engine().params().get("calendar.public_holidays").unwrap();
    for period in &p.periods {
        let Value::Dates(dates) = &period.value else {
            assert!(
                period.from.year() >= 2028,
                "only years from 2028 may be unknown"
            );
            continue;
        };
        let y = period.from.year();
        for fixed in ["01-01", "05-01", "08-17", "12-25"] {
            let d: Date = format!("{y}-{fixed}").parse().unwrap();
            assert!(dates.contains(&d), "{y}: {fixed} missing");
        }
        if y >= 2017 {
            assert!(
                dates.contains(&format!("{y}-06-01").parse().unwrap()),
                "{y}: Pancasila day"
            );
        }
        assert!(
            dates.iter().all(|d| d.year() == y),
            "{y}: a date of another year"
        );
        assert!(
            (14..=20).contains(&dates.len()),
            "{y}: {} holidays",
            dates.len()
        );
    }
}

fn boundary_cases() -> Vec<(String, Date, Date)> {
    // (parameter, start of the old period, the change date) for every observed change.
    let mut v = Vec::new();
    for p in my_params() {
        if DATA_ONLY.contains(&p.name.as_str()) || oracle(&p.name).is_none() {
            continue;
        }
        for pair in p.periods.windows(2) {
            v.push((
                p.name.clone(),
                pair[0].from.max("2015-07-01".parse().unwrap()),
                pair[1].from,
            ));
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// A contribution month that ends before an effective date uses the old rule; one that
    /// ends on or after it, the new one.
    #[test]
    fn a_month_before_an_effective_date_uses_the_old_rule(pick in any::<prop::sample::Index>(), offset in 0i64..2000) {
        let cases = boundary_cases();
        let (name, old_from, change) = pick.get(&cases).clone();
        let p = engine().params().get(&name).unwrap();
        let o = oracle(&name).unwrap();
        let span = (change - old_from).get_days().max(1);
        let d = old_from.checked_add((offset % i64::from(span)).days()).unwrap();
        let value = p.period_at(rule_date(d)).unwrap().value.clone();
        if rule_date(d) < change {
            prop_assert_eq!(&value, &p.period_at(old_from).unwrap().value);
        }
        let out = run((o.scenario)(d));
        prop_assert!((o.agrees)(&out, &value, d).is_ok(), "{} on {}: {:?}", name, d, (o.agrees)(&out, &value, d));
    }
}
