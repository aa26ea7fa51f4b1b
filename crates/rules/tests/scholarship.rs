//! Scholarships: example 13 (Rp87M per child, Rp174M for two), the choice of children, age and
//! marriage/work limits, children not yet at school, the PP 44/2015 one-off, field errors, and
//! properties of the schedule.

use jamsos_rules::Engine;
use proptest::prelude::*;
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static E: OnceLock<Engine> = OnceLock::new();
    E.get_or_init(|| Engine::embedded().expect("embedded parameters are valid"))
}

fn jkm(date: &str, children: Value) -> Value {
    json!({"type":"benefit","program":"JKM","date":date,"segment":"PU","membership_months":120,"children":children})
}

fn calc(s: Value) -> Value {
    let out = engine()
        .calculate_json(s.to_string().as_bytes(), true)
        .unwrap_or_else(|e| panic!("{s}: {e}"));
    serde_json::to_value(&out).unwrap()
}

fn scholarship(r: &Value) -> Option<Value> {
    r["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == "scholarship")
        .cloned()
}

fn field_error(s: Value) -> String {
    let e = engine()
        .calculate_json(s.to_string().as_bytes(), false)
        .expect_err("should fail");
    e.to_object().error.field.unwrap_or_default()
}

#[test]
fn example_13_maximum_per_child_and_for_two() {
    // Both in TK grade 1 at the start of 2024/2025: 19 school years each, the last starting at 22.
    let one = json!([{"birth_date":"2020-03-01","level":"TK","grade":1}]);
    let r = calc(jkm("2024-08-01", one));
    let s = scholarship(&r).unwrap();
    assert_eq!(s["max_total"], 87_000_000);
    assert_eq!(s["amount"], 1_500_000);
    let sched = s["schedule"].as_array().unwrap();
    assert_eq!(sched.len(), 19);
    assert_eq!(sched[0]["school_year"], "2024/2025");
    assert_eq!(sched[18]["school_year"], "2042/2043");
    assert_eq!(sched[18]["level"], "PT");
    assert_eq!(sched[18]["grade"], 5);
    let per_level: BTreeMap<String, i64> = sched.iter().fold(BTreeMap::new(), |mut m, p| {
        *m.entry(p["level"].as_str().unwrap().to_owned())
            .or_default() += p["amount"].as_i64().unwrap();
        m
    });
    assert_eq!(per_level["TK"], 3_000_000);
    assert_eq!(per_level["SD"], 9_000_000);
    assert_eq!(per_level["SMP"], 6_000_000);
    assert_eq!(per_level["SMA"], 9_000_000);
    assert_eq!(per_level["PT"], 60_000_000);

    let two = json!([{"birth_date":"2020-03-01","level":"TK","grade":1},
                     {"birth_date":"2020-05-01","level":"TK","grade":1}]);
    let r = calc(jkm("2024-08-01", two));
    let s = scholarship(&r).unwrap();
    assert_eq!(s["max_total"], 174_000_000);
    assert_eq!(s["amount"], 3_000_000);
    assert_eq!(r["total"], 42_000_000 + 3_000_000);
}

#[test]
fn the_two_eldest_qualifying_children_are_chosen() {
    // children[0] is the eldest but married; children[3] is 23 already.
    let kids = json!([
        {"birth_date":"2004-01-01","level":"PT","grade":2,"married":true},
        {"birth_date":"2012-01-01","level":"SMP","grade":1},
        {"birth_date":"2010-01-01","level":"SMA","grade":1},
        {"birth_date":"2001-01-01","level":"PT","grade":5},
        {"birth_date":"2016-01-01","level":"SD","grade":3}
    ]);
    let r = calc(jkm("2024-08-01", kids));
    let s = scholarship(&r).unwrap();
    let chosen: BTreeSet<i64> = s["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["input_index"].as_i64().unwrap())
        .collect();
    assert_eq!(chosen, BTreeSet::from([2, 1]));
    // Paid now: SMA grade 1 (3M) + SMP grade 1 (2M).
    assert_eq!(s["amount"], 5_000_000);
    // Child 1 in the schedule is the eldest of the two.
    assert_eq!(s["schedule"][0]["input_index"], 2);
    assert_eq!(s["schedule"][0]["child"], 1);
}

#[test]
fn a_child_with_no_year_left_does_not_take_a_slot() {
    // A PT student in year 6 has no scholarship year left; the two younger children are chosen.
    let kids = json!([
        {"birth_date":"2003-01-01","level":"PT","grade":6},
        {"birth_date":"2012-01-01","level":"SMP","grade":1},
        {"birth_date":"2016-01-01","level":"SD","grade":3}
    ]);
    let s = scholarship(&calc(jkm("2024-08-01", kids))).unwrap();
    let chosen: BTreeSet<i64> = s["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["input_index"].as_i64().unwrap())
        .collect();
    assert_eq!(chosen, BTreeSet::from([1, 2]));
}

#[test]
fn the_schedule_stops_before_age_23() {
    // Born 1 Mar 2005, SMA grade 1 in 2024/2025 (age 19): SMA 1–3, then PT 1 at 22; PT 2 would
    // start at 23.
    let kids = json!([{"birth_date":"2005-03-01","level":"SMA","grade":1}]);
    let s = scholarship(&calc(jkm("2024-08-01", kids))).unwrap();
    let years: Vec<&str> = s["schedule"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["school_year"].as_str().unwrap())
        .collect();
    assert_eq!(years, ["2024/2025", "2025/2026", "2026/2027", "2027/2028"]);
    assert_eq!(s["max_total"], 3 * 3_000_000 + 12_000_000);
}

#[test]
fn the_school_year_turns_in_july() {
    let kids = json!([{"birth_date":"2015-01-01","level":"SD","grade":4}]);
    let june = scholarship(&calc(jkm("2025-06-30", kids.clone()))).unwrap();
    let july = scholarship(&calc(jkm("2025-07-01", kids))).unwrap();
    assert_eq!(june["schedule"][0]["school_year"], "2024/2025");
    assert_eq!(july["schedule"][0]["school_year"], "2025/2026");
}

#[test]
fn a_child_not_yet_at_school_gets_future_years_with_a_warning() {
    // Born 1 Jan 2022; at 1 Jul 2026 the child is 4: TK grade 1 in 2026/2027, 19 years to 2044/2045.
    let kids = json!([{"birth_date":"2022-01-01","level":"none"}]);
    let r = calc(jkm("2024-08-01", kids));
    let s = scholarship(&r).unwrap();
    assert_eq!(s["amount"], 0);
    assert_eq!(s["not_payable_now"], true);
    assert_eq!(s["schedule"][0]["school_year"], "2026/2027");
    assert_eq!(s["schedule"][0]["level"], "TK");
    assert_eq!(s["max_total"], 87_000_000);
    assert_eq!(r["total"], 42_000_000);
    assert!(
        r["warnings"]
            .to_string()
            .contains("scholarship.school_entry_age")
    );
    assert!(
        r["warnings"]
            .to_string()
            .contains("assumes the child enters TK")
    );
}

#[test]
fn an_older_child_not_at_school_has_no_schedule() {
    let kids = json!([{"birth_date":"2012-01-01","level":"none"}]);
    let r = calc(jkm("2024-08-01", kids));
    assert!(scholarship(&r).is_none());
    assert_eq!(r["reasons"][0]["code"], "scholarship_no_eligible_child");
}

#[test]
fn old_regime_pays_12m_once_to_one_child() {
    let kids = json!([{"birth_date":"2014-01-01","level":"SD","grade":1},
                      {"birth_date":"2010-01-01","level":"SD","grade":4}]);
    let r = calc(jkm("2019-06-01", kids));
    let s = scholarship(&r).unwrap();
    assert_eq!(s["amount"], 12_000_000);
    assert_eq!(s["max_total"], 12_000_000);
    let sched = s["schedule"].as_array().unwrap();
    assert_eq!(sched.len(), 1);
    assert_eq!(sched[0]["input_index"], 1);
    assert_eq!(r["total"], 36_000_000);
}

#[test]
fn field_errors_name_the_child_and_the_field() {
    let k = |c: Value| jkm("2024-08-01", c);
    assert_eq!(
        field_error(k(
            json!([{"birth_date":"2012-01-01","level":"SD","grade":1},{"level":"SD","grade":1}])
        )),
        "children[1].birth_date"
    );
    assert_eq!(
        field_error(k(
            json!([{"birth_date":"2012-13-01","level":"SD","grade":1}])
        )),
        "children[0].birth_date"
    );
    assert_eq!(
        field_error(k(
            json!([{"birth_date":"2012-01-01","level":"S1","grade":1}])
        )),
        "children[0].level"
    );
    assert_eq!(
        field_error(k(json!([{"birth_date":"2012-01-01"}]))),
        "children[0].level"
    );
    assert_eq!(
        field_error(k(json!([{"birth_date":"2012-01-01","level":"SD"}]))),
        "children[0].grade"
    );
    assert_eq!(
        field_error(k(
            json!([{"birth_date":"2012-01-01","level":"SD","grade":0}])
        )),
        "children[0].grade"
    );
    assert_eq!(
        field_error(k(
            json!([{"birth_date":"2012-01-01","level":"SD","grade":7}])
        )),
        "children[0].grade"
    );
    assert_eq!(
        field_error(k(
            json!([{"birth_date":"2020-01-01","level":"none","grade":1}])
        )),
        "children[0].grade"
    );
    assert_eq!(
        field_error(k(
            json!([{"birth_date":"2025-01-01","level":"TK","grade":1}])
        )),
        "children[0].birth_date"
    );
    assert_eq!(
        field_error(k(
            json!([{"birth_date":"2012-01-01","level":"SD","grade":1,"age":3}])
        )),
        "children[0].age"
    );
}

/// A child as (age in years at the event, birth month, birth day, level, grade, married, working).
type ChildSpec = (i32, u32, u32, usize, i64, bool, bool);

fn child() -> impl Strategy<Value = ChildSpec> {
    (
        0i32..=26,
        1u32..=12,
        1u32..=28,
        0usize..6,
        1i64..=7,
        0u8..10,
        0u8..10,
    )
        .prop_map(|(a, m, d, l, g, married, working)| (a, m, d, l, g, married == 0, working == 0))
}

fn child_json(event_year: i32, c: &ChildSpec) -> Value {
    const LEVELS: [(&str, i64); 6] = [
        ("none", 0),
        ("TK", 2),
        ("SD", 6),
        ("SMP", 3),
        ("SMA", 3),
        ("PT", 7),
    ];
    let (age, m, d, l, g, married, working) = *c;
    let (lvl, max) = LEVELS[l];
    let mut v = json!({"birth_date": format!("{:04}-{m:02}-{d:02}", event_year - age), "level": lvl,
                       "married": married, "working": working});
    if max > 0 {
        v["grade"] = json!(1 + (g - 1) % max);
    }
    v
}

fn age_on(birth: &str, on: &str) -> i64 {
    let p = |s: &str| -> (i64, i64, i64) {
        let v: Vec<i64> = s.split('-').map(|x| x.parse().unwrap()).collect();
        (v[0], v[1], v[2])
    };
    let (by, bm, bd) = p(birth);
    let (y, m, d) = p(on);
    y - by - i64::from((m, d) < (bm, bd))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn schedule_limits_hold(
        specs in proptest::collection::vec(child(), 0..6),
        (y, m, d) in (2016i32..=2035, 1u32..=12, 1u32..=28),
        program_jkk in any::<bool>()
    ) {
        let date = format!("{y:04}-{m:02}-{d:02}");
        let kids: Vec<Value> = specs.iter().map(|c| child_json(y, c)).collect();
        let s = if program_jkk {
            json!({"type":"benefit","program":"JKK","date":date,"segment":"PU","wage":3_000_000,"outcome":"death","children":kids})
        } else {
            jkm(&date, json!(kids))
        };
        let r = match engine().calculate_json(s.to_string().as_bytes(), false) {
            Ok(out) => serde_json::to_value(&out).unwrap(),
            Err(e) => {
                // The only refusal these inputs can meet: a child at school born after the event.
                let o = e.to_object().error;
                prop_assert!(o.field.as_deref().is_some_and(|f| f.ends_with("birth_date")), "{:?}", o.message);
                return Ok(());
            }
        };
        let Some(sch) = scholarship(&r) else { return Ok(()) };
        let sched = sch["schedule"].as_array().unwrap();
        let mut per_child: BTreeMap<i64, i64> = BTreeMap::new();
        let mut now = 0;
        let current_start = if i64::from(m) >= 7 { i64::from(y) } else { i64::from(y) - 1 };
        for p in sched {
            let idx = p["input_index"].as_i64().unwrap();
            let amount = p["amount"].as_i64().unwrap();
            prop_assert!(amount > 0);
            *per_child.entry(idx).or_default() += amount;
            let year: i64 = p["school_year"].as_str().unwrap()[..4].parse().unwrap();
            let birth = kids[idx as usize]["birth_date"].as_str().unwrap();
            let start = format!("{year:04}-07-01");
            prop_assert!(age_on(birth, &start) < 23, "{birth} too old in {year}");
            prop_assert!(year >= current_start);
            if year == current_start { now += amount; }
            prop_assert!(!kids[idx as usize]["married"].as_bool().unwrap());
            prop_assert!(!kids[idx as usize]["working"].as_bool().unwrap());
        }
        prop_assert!(per_child.len() <= 2);
        for total in per_child.values() {
            prop_assert!(*total <= 87_000_000);
        }
        prop_assert_eq!(sch["max_total"].as_i64().unwrap(), per_child.values().sum::<i64>());
        if r["regime"] == "PP 82/2019" {
            prop_assert_eq!(sch["amount"].as_i64().unwrap(), now);
        } else {
            prop_assert_eq!(sch["amount"].as_i64().unwrap(), 12_000_000);
            prop_assert_eq!(per_child.len(), 1);
        }
    }
}
