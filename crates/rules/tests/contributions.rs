//! Contributions: the worked examples of regulations.md §8 as vectors, input validation, the
//! equivalence of the compiled and traced paths, and properties of every result.

mod common;

use common::*;
use jamsos_rules::CalcError;
use jamsos_rules::input::RawScenario;
use proptest::prelude::*;
use serde_json::{Value, json};

// ---------------------------------------------------------------- §8 worked examples

#[test]
fn doc_example_ump_dki_2026_class_1() {
    let out = ok(pu("2026-03-01", 5_729_876, 1));
    assert_eq!(amount(&out, "JKK", "employer"), 13_752);
}

#[test]
fn example_6_jp_at_the_cap_march_2026_and_february_2026() {
    let mar = ok(pu("2026-03-10", 15_000_000, 1));
    assert_eq!(amount(&mar, "JP", "employer"), 221_726);
    assert_eq!(amount(&mar, "JP", "worker"), 110_863);
    assert_eq!(
        find_line(&mar, "JP", "employer").unwrap()["base"],
        11_086_300
    );
    let feb = ok(pu("2026-02-27", 15_000_000, 1));
    assert_eq!(amount(&feb, "JP", "employer"), 210_948);
    assert_eq!(amount(&feb, "JP", "worker"), 105_474);
    // The 2026 cap is medium-high: the result says it uses an unverified value.
    let warnings = mar["warnings"].to_string();
    assert!(warnings.contains("jp.wage_cap"), "{warnings}");
    assert!(!feb["warnings"].to_string().contains("jp.wage_cap"));
}

#[test]
fn example_7_payslip_june_2025() {
    let out = ok(pu("2025-06-20", 10_000_000, 1));
    assert_eq!(amount(&out, "JKK", "employer"), 24_000);
    assert_eq!(amount(&out, "JKM", "employer"), 30_000);
    assert_eq!(amount(&out, "JHT", "worker"), 200_000);
    assert_eq!(amount(&out, "JP", "worker"), 100_000);
    assert_eq!(amount(&out, "JHT", "employer"), 370_000);
    assert_eq!(amount(&out, "JP", "employer"), 200_000);
    // JKP: government 0.22 % of Rp5M; recomposition from JKK only after PP 6/2025.
    assert_eq!(amount(&out, "JKP", "government"), 11_000);
    assert_eq!(allocation(&out, "JKK"), Some(7_000));
    assert_eq!(allocation(&out, "JKM"), None);
    assert_eq!(
        out["totals"]["employer"],
        24_000 + 30_000 + 370_000 + 200_000
    );
    assert_eq!(out["totals"]["worker"], 300_000);
    assert_eq!(out["totals"]["government"], 11_000);
}

#[test]
fn example_8_wage_8m_risk_class_2() {
    let out = ok(pu("2024-08-01", 8_000_000, 2));
    assert_eq!(amount(&out, "JHT", "employer"), 296_000);
    assert_eq!(amount(&out, "JHT", "worker"), 160_000);
    assert_eq!(amount(&out, "JP", "employer"), 160_000);
    assert_eq!(amount(&out, "JP", "worker"), 80_000);
    assert_eq!(amount(&out, "JKM", "employer"), 24_000);
    assert_eq!(amount(&out, "JKK", "employer"), 43_200);
    // Before PP 6/2025 the recomposition also took 0.10 % out of JKM.
    assert_eq!(allocation(&out, "JKK"), Some(7_000));
    assert_eq!(allocation(&out, "JKM"), Some(5_000));
}

fn textile(date: &str, wage: i64, class: i64, workers: i64) -> Value {
    json!({"type": "contribution", "date": date, "segment": "PU", "wage": wage, "risk_class": class,
           "employer": {"sector": "textile_apparel", "workers": workers}})
}

#[test]
fn example_19_pp7_2025_jkk_discount() {
    let c1 = ok(textile("2025-03-05", 10_000_000, 1, 120));
    assert_eq!(find_line(&c1, "JKK", "employer").unwrap()["rate"], "0.0012");
    assert_eq!(amount(&c1, "JKK", "employer"), 12_000);
    let c5 = ok(textile("2025-03-05", 10_000_000, 5, 120));
    assert_eq!(find_line(&c5, "JKK", "employer").unwrap()["rate"], "0.0087");
    assert_eq!(amount(&c5, "JKK", "employer"), 87_000);
    let c3 = ok(textile("2025-03-05", 10_000_000, 3, 120));
    assert_eq!(
        find_line(&c3, "JKK", "employer").unwrap()["rate"],
        "0.00445"
    );
    // JKM, JHT, JP are untouched.
    assert_eq!(amount(&c1, "JKM", "employer"), 30_000);
    // The recomposition is halved too (engine decision, low confidence, warned).
    assert_eq!(allocation(&c1, "JKK"), Some(3_500));
    assert!(
        c1["warnings"]
            .to_string()
            .contains("jkk_to_jkp_recomposition_discount")
    );
    // Extension by PP 36/2025 through January 2026, none from February 2026.
    assert_eq!(
        amount(
            &ok(textile("2026-01-31", 10_000_000, 1, 120)),
            "JKK",
            "employer"
        ),
        12_000
    );
    assert_eq!(
        amount(
            &ok(textile("2026-02-01", 10_000_000, 1, 120)),
            "JKK",
            "employer"
        ),
        24_000
    );
    // Not before February 2025.
    assert_eq!(
        amount(
            &ok(textile("2025-01-31", 10_000_000, 1, 120)),
            "JKK",
            "employer"
        ),
        24_000
    );
    // Fewer than 50 workers, or another sector: no discount.
    assert_eq!(
        amount(
            &ok(textile("2025-03-05", 10_000_000, 1, 49)),
            "JKK",
            "employer"
        ),
        24_000
    );
    assert_eq!(
        amount(
            &ok(textile("2025-03-05", 10_000_000, 1, 50)),
            "JKK",
            "employer"
        ),
        12_000
    );
    let other = json!({"type": "contribution", "date": "2025-03-05", "segment": "PU", "wage": 10_000_000,
                       "risk_class": 1, "employer": {"sector": "mining", "workers": 500}});
    assert_eq!(amount(&ok(other), "JKK", "employer"), 24_000);
    // An eligible sector without a worker count cannot be decided.
    let no_count = json!({"type": "contribution", "date": "2025-03-05", "segment": "PU", "wage": 10_000_000,
                          "risk_class": 1, "employer": {"sector": "footwear"}});
    assert_eq!(invalid_field(no_count), "employer.workers");
}

fn bpu(date: &str, income: i64, extra: Value) -> Value {
    let mut v = json!({"type": "contribution", "date": date, "segment": "BPU", "income": income});
    if let (Some(o), Some(e)) = (v.as_object_mut(), extra.as_object()) {
        o.extend(e.clone());
    }
    v
}

#[test]
fn example_20_pp49_2020_relief() {
    let out = ok(bpu("2020-09-10", 1_000_000, json!({})));
    assert_eq!(amount(&out, "JKM", "participant"), 68);
    assert_eq!(amount(&out, "JKK", "participant"), 100);
    assert!(
        out["warnings"]
            .to_string()
            .contains("PP 49/2020 relief applied")
    );
    // PU: JKK and JKM at 1 %, JHT in full, JP 1 % paid now and 99 % deferred.
    let p = ok(pu("2020-08-01", 10_000_000, 1));
    assert_eq!(amount(&p, "JKK", "employer"), 240);
    assert_eq!(amount(&p, "JKM", "employer"), 300);
    assert_eq!(amount(&p, "JHT", "employer"), 370_000);
    // JP base: the cap from March 2020, Rp8,939,700. 2 % × 1 % = 0.02 % paid now.
    assert_eq!(amount(&p, "JP", "employer"), 1_788);
    assert_eq!(amount(&p, "JP", "worker"), 894);
    let deferred = p["deferred"].as_array().unwrap();
    assert_eq!(deferred.len(), 2);
    // Deferred = full contribution − paid: 178,794 − 1,788 and 89,397 − 894.
    assert_eq!(deferred[0]["amount"], 177_006);
    assert_eq!(deferred[1]["amount"], 88_503);
    // No JKP before PP 37/2021.
    assert!(find_line(&p, "JKP", "government").is_none());
    // Jakon: rates × 1 %.
    let j = ok(
        json!({"type": "contribution", "date": "2021-01-05", "segment": "JAKON", "contract_value": 80_000_000}),
    );
    assert_eq!(amount(&j, "JKK", "participant"), 1_680);
    assert_eq!(amount(&j, "JKM", "participant"), 240);
    // The relief ends with January 2021.
    assert_eq!(
        amount(
            &ok(bpu("2021-02-01", 1_000_000, json!({}))),
            "JKM",
            "participant"
        ),
        6_800
    );
    assert_eq!(
        amount(
            &ok(bpu("2020-07-31", 1_000_000, json!({}))),
            "JKM",
            "participant"
        ),
        6_800
    );
}

fn jakon(value: i64) -> Value {
    json!({"type": "contribution", "date": "2026-05-01", "segment": "JAKON", "contract_value": value})
}

#[test]
fn example_21_jakon_marginal_bands() {
    let small = ok(jakon(80_000_000));
    assert_eq!(amount(&small, "JKK", "participant"), 168_000);
    assert_eq!(amount(&small, "JKM", "participant"), 24_000);
    assert_eq!(small["totals"]["all"], 192_000);
    let big = ok(jakon(850_000_000));
    assert_eq!(amount(&big, "JKK", "participant"), 1_345_000);
    assert_eq!(amount(&big, "JKM", "participant"), 180_000);
    // Above Rp5 billion: every band used.
    let huge = ok(jakon(6_000_000_000));
    assert_eq!(
        amount(&huge, "JKK", "participant"),
        210_000 + 680_000 + 650_000 + 4_400_000 + 900_000
    );
    // Wage known: 1.74 % and 0.30 %.
    let w = ok(
        json!({"type": "contribution", "date": "2026-05-01", "segment": "JAKON", "wage": 4_000_000}),
    );
    assert_eq!(amount(&w, "JKK", "participant"), 69_600);
    assert_eq!(amount(&w, "JKM", "participant"), 12_000);
}

#[test]
fn example_21_negative_the_jasabayar_figures_are_not_reproduced() {
    // blog.jasabayar.zone.id gives 1,415,000 / 145,000 for Rp850M: internally inconsistent,
    // and its JKM rates (0.015 % / 0.005 %) are not the regulation's (regulations.md §7).
    let big = ok(jakon(850_000_000));
    assert_ne!(amount(&big, "JKK", "participant"), 1_415_000);
    assert_ne!(amount(&big, "JKM", "participant"), 145_000);
    assert_ne!(big["totals"]["all"], 1_415_000 + 145_000);
}

#[test]
fn example_22_pmi_g_to_g_korea() {
    let pmi = |package: &str| {
        ok(
            json!({"type": "contribution", "date": "2026-06-01", "segment": "PMI", "package": package}),
        )
    };
    let placement = pmi("placement_24m");
    let extension = pmi("extension_month");
    let total =
        amount(&placement, "JKK", "participant") + 12 * amount(&extension, "JKK", "participant");
    assert_eq!(total, 494_500);
    assert_eq!(placement["lines"][0]["covers"], json!(["JKK", "JKM"]));
    assert_eq!(amount(&pmi("pre_placement"), "JKK", "participant"), 37_500);
    assert_eq!(amount(&pmi("placement_12m"), "JKK", "participant"), 189_000);
    assert_eq!(amount(&pmi("placement_6m"), "JKK", "participant"), 108_000);
    // Before Permenaker 4/2023 the amounts are not recorded: missing_parameter.
    let before = run(
        json!({"type": "contribution", "date": "2022-06-01", "segment": "PMI", "package": "placement_24m"}),
    );
    assert!(
        matches!(before, Err(CalcError::MissingParameter { ref parameter, .. }) if parameter == "pmi.package.placement_24m")
    );
    // JHT for PMI: the amount is unknown.
    let jht = run(
        json!({"type": "contribution", "date": "2026-06-01", "segment": "PMI", "package": "placement_24m", "programs": ["JKK", "JKM", "JHT"]}),
    );
    assert!(
        matches!(jht, Err(CalcError::MissingParameter { ref parameter, .. }) if parameter == "pmi.jht.amount")
    );
    // ... unless the caller supplies it.
    let jht = ok(
        json!({"type": "contribution", "date": "2026-06-01", "segment": "PMI", "package": "placement_24m",
                        "programs": ["JKK", "JKM", "JHT"], "overrides": {"pmi.jht.amount": 50000}}),
    );
    assert_eq!(amount(&jht, "JHT", "participant"), 50_000);
    assert!(jht["warnings"].to_string().contains("overridden"));
}

#[test]
fn example_25_dki_rt_rw_heads_paid_from_the_apbd() {
    let out = ok(bpu("2024-02-01", 1_000_000, json!({"funded_by": "apbd"})));
    assert_eq!(amount(&out, "JKK", "government"), 10_000);
    assert_eq!(amount(&out, "JKM", "government"), 6_800);
    assert_eq!(out["totals"]["government"], 16_800);
    assert_eq!(out["totals"]["participant"], 0);
    // No PP 50/2025 relief for budget-funded contributions.
    let apr = ok(bpu("2026-04-01", 1_000_000, json!({"funded_by": "apbd"})));
    assert_eq!(apr["totals"]["all"], 16_800);
    let apbn = ok(bpu(
        "2026-04-01",
        1_000_000,
        json!({"funded_by": "apbn", "sector": "transport"}),
    ));
    assert_eq!(apbn["totals"]["all"], 16_800);
}

#[test]
fn pp50_2025_bpu_package_16800_becomes_8400() {
    let general_apr = ok(bpu("2026-04-15", 1_000_000, json!({})));
    assert_eq!(amount(&general_apr, "JKK", "participant"), 5_000);
    assert_eq!(amount(&general_apr, "JKM", "participant"), 3_400);
    assert_eq!(general_apr["totals"]["all"], 8_400);
    let transport_jan = ok(bpu("2026-01-15", 1_000_000, json!({"sector": "transport"})));
    assert_eq!(transport_jan["totals"]["all"], 8_400);
    let general_jan = ok(bpu("2026-01-15", 1_000_000, json!({"sector": "retail"})));
    assert_eq!(general_jan["totals"]["all"], 16_800);
    let transport_mar27 = ok(bpu("2027-03-31", 1_000_000, json!({"sector": "transport"})));
    assert_eq!(transport_mar27["totals"]["all"], 8_400);
    let transport_apr27 = ok(bpu("2027-04-01", 1_000_000, json!({"sector": "transport"})));
    assert_eq!(transport_apr27["totals"]["all"], 16_800);
    let general_jan27 = ok(bpu("2027-01-01", 1_000_000, json!({})));
    assert_eq!(general_jan27["totals"]["all"], 16_800);
    // A sponsor that is not the state still gets the relief; JHT is not discounted.
    let sponsor = ok(bpu(
        "2026-05-01",
        2_000_000,
        json!({"funded_by": "other_sponsor", "programs": ["JKK", "JKM", "JHT"]}),
    ));
    assert_eq!(amount(&sponsor, "JKK", "participant"), 10_000);
    assert_eq!(amount(&sponsor, "JHT", "participant"), 40_000);
    // Rp2,000,000 is not a confirmed bracket: said so.
    assert!(sponsor["warnings"].to_string().contains("income-bracket"));
}

// ---------------------------------------------------------------- programs and validation

#[test]
fn default_and_chosen_programs() {
    let all = ok(pu("2026-03-01", 6_000_000, 3));
    let programs: Vec<&str> = all["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["program"].as_str().unwrap())
        .collect();
    assert_eq!(programs, ["JKK", "JKM", "JHT", "JHT", "JP", "JP", "JKP"]);
    // Before JKP existed, the default leaves it out; asking for it is an error.
    let old = ok(pu("2020-01-01", 6_000_000, 3));
    assert!(find_line(&old, "JKP", "government").is_none());
    let mut ask = pu("2020-01-01", 6_000_000, 3);
    ask["programs"] = json!(["JKK", "JKP"]);
    assert_eq!(invalid_field(ask), "programs");
    // February 2021 is the first JKP month (PP 37/2021 in force from 2 Feb).
    assert!(find_line(&ok(pu("2021-02-01", 6_000_000, 3)), "JKP", "government").is_some());
    assert!(find_line(&ok(pu("2021-01-31", 6_000_000, 3)), "JKP", "government").is_none());
    // A micro employer's subset.
    let mut micro = pu("2026-03-01", 6_000_000, 3);
    micro["programs"] = json!("JKK;JKM");
    let out = ok(micro);
    assert_eq!(out["lines"].as_array().unwrap().len(), 2);
    assert!(out["allocations"].as_array().unwrap().is_empty());
    // BPU default: JKK + JKM; JP and JKP are refused with the reason.
    assert_eq!(
        ok(bpu("2026-03-01", 1_000_000, json!({})))["lines"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let e = run(bpu(
        "2026-03-01",
        1_000_000,
        json!({"programs": ["JKK", "JKM", "JP"]}),
    ))
    .unwrap_err();
    assert!(
        matches!(e, CalcError::InvalidInput { ref field, ref message } if field == "programs" && message.contains("JP"))
    );
    assert_eq!(
        invalid_field(bpu("2026-03-01", 1_000_000, json!({"programs": ["JHT"]}))),
        "programs"
    );
    assert_eq!(
        invalid_field(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "JAKON", "contract_value": 1, "programs": ["JHT"]})
        ),
        "programs"
    );
    assert_eq!(
        invalid_field(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PMI", "package": "placement_6m", "programs": ["JKK"]})
        ),
        "programs"
    );
    let mut twice = pu("2026-03-01", 6_000_000, 3);
    twice["programs"] = json!(["JKK", "JKK"]);
    assert_eq!(invalid_field(twice), "programs");
    let mut none = pu("2026-03-01", 6_000_000, 3);
    none["programs"] = json!([]);
    assert_eq!(invalid_field(none), "programs");
}

#[test]
fn invalid_inputs_name_their_field() {
    let c = |v: Value| invalid_field(v);
    assert_eq!(c(pu("2026-03-01", 0, 1)), "wage");
    assert_eq!(c(pu("2026-03-01", -5, 1)), "wage");
    assert_eq!(c(pu("2026-03-01", 5_000_000, 0)), "risk_class");
    assert_eq!(c(pu("2026-03-01", 5_000_000, 6)), "risk_class");
    assert_eq!(c(pu("2026-3-1", 5_000_000, 1)), "date");
    assert_eq!(c(pu("2026-02-30", 5_000_000, 1)), "date");
    assert_eq!(
        c(json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "risk_class": 1})),
        "wage"
    );
    assert_eq!(
        c(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 5_000_000})
        ),
        "risk_class"
    );
    assert_eq!(
        c(json!({"type": "contribution", "date": "2026-03-01", "wage": 5_000_000})),
        "segment"
    );
    assert_eq!(
        c(json!({"type": "contribution", "date": "2026-03-01", "segment": "XX"})),
        "segment"
    );
    assert_eq!(
        c(json!({"type": "contribution", "segment": "PU", "wage": 1, "risk_class": 1})),
        "date"
    );
    assert_eq!(
        c(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 5_000_000, "risk_class": 1, "income": 1})
        ),
        "income"
    );
    assert_eq!(
        c(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 5_000_000, "risk_class": 1, "sector": "transport"})
        ),
        "sector"
    );
    assert_eq!(
        c(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 5_000_000, "risk_class": 1, "employer": {"sector": "Textile!", "workers": 3}})
        ),
        "employer.sector"
    );
    assert_eq!(
        c(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 5_000_000, "risk_class": 1, "employer": {"workers": -1}})
        ),
        "employer.workers"
    );
    assert_eq!(c(bpu("2026-03-01", 900_000, json!({}))), "income");
    assert_eq!(
        c(bpu(
            "2026-03-01",
            1_000_000,
            json!({"funded_by": "village"})
        )),
        "funded_by"
    );
    assert_eq!(
        c(bpu("2026-03-01", 1_000_000, json!({"risk_class": 1}))),
        "risk_class"
    );
    assert_eq!(
        c(json!({"type": "contribution", "date": "2026-03-01", "segment": "JAKON"})),
        "contract_value"
    );
    assert_eq!(
        c(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "JAKON", "contract_value": 5, "wage": 5})
        ),
        "wage"
    );
    assert_eq!(
        c(json!({"type": "contribution", "date": "2026-03-01", "segment": "PMI"})),
        "package"
    );
    assert_eq!(
        c(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PMI", "package": "forever"})
        ),
        "package"
    );
    assert_eq!(
        c(
            json!({"type": "contribution", "date": "2026-03-01", "segment": "PU", "wage": 1, "risk_class": 1, "package": "placement_6m"})
        ),
        "package"
    );
    // Before the first rules this engine holds: a missing parameter, named with its date.
    assert!(matches!(
        run(pu("2015-06-30", 5_000_000, 1)),
        Err(CalcError::MissingParameter { .. })
    ));
}

#[test]
fn every_day_of_a_month_gives_the_same_result() {
    for date in ["2025-02-01", "2025-02-06", "2025-02-07", "2025-02-28"] {
        let out = ok(pu(date, 7_000_000, 2));
        // February 2025 is governed by PP 6/2025 (in force from 7 Feb): no JKM recomposition.
        assert_eq!(allocation(&out, "JKM"), None, "{date}");
    }
    for date in ["2025-01-01", "2025-01-31"] {
        assert_eq!(
            allocation(&ok(pu(date, 7_000_000, 2)), "JKM"),
            Some(5_000),
            "{date}"
        );
    }
}

#[test]
fn the_trace_explains_lines_with_parameters_and_citations() {
    let out = ok(pu("2026-03-01", 5_729_876, 1));
    let trace = out["trace"].as_array().unwrap();
    let param = trace
        .iter()
        .find(|s| s["step"] == "parameter" && s["name"] == "pu.jkk.rate.class_1")
        .unwrap();
    assert_eq!(
        param["legal_basis"],
        "PP 44/2015 Pasal 16(1) and Lampiran I"
    );
    assert_eq!(param["confidence"], "high");
    let formula = trace
        .iter()
        .find(|s| s["step"] == "formula" && s["result"] == 13_752)
        .unwrap();
    assert_eq!(formula["formula_id"], "Rp5.729.876 × 0,24% = Rp13.752");
    assert_eq!(formula["legal_basis"], "PP 44/2015 Pasal 16(1)");
    assert!(
        trace
            .iter()
            .any(|s| s["step"] == "input" && s["name"] == "wage")
    );
}

// ---------------------------------------------------------------- compiled path ≡ traced path

fn scenario() -> impl Strategy<Value = Value> {
    let date = (0i64..(13 * 366)).prop_map(|d| {
        let base: jiff::civil::Date = "2015-06-20".parse().unwrap();
        base.checked_add(jiff::Span::new().days(d))
            .unwrap()
            .to_string()
    });
    let programs = prop_oneof![
        3 => Just(Value::Null),
        1 => proptest::sample::subsequence(vec!["JKK", "JKM", "JHT", "JP", "JKP"], 0..=5)
            .prop_map(|v| json!(v)),
    ];
    let sector = proptest::sample::select(vec![
        "textile_apparel",
        "food_beverage_tobacco",
        "leather_goods",
        "footwear",
        "toys",
        "furniture",
        "mining",
        "transport",
        "retail",
    ]);
    let employer = prop_oneof![
        2 => Just(Value::Null),
        1 => (sector.clone(), proptest::option::of(0i64..200))
            .prop_map(|(s, w)| json!({"sector": s, "workers": w})),
    ];
    let pu = (
        date.clone(),
        1i64..60_000_000,
        0i64..=6,
        employer,
        programs.clone(),
    )
        .prop_map(|(date, wage, class, employer, programs)| {
            json!({"type": "contribution", "date": date, "segment": "PU", "wage": wage,
                   "risk_class": class, "employer": employer, "programs": programs})
        });
    let funded = proptest::sample::select(vec!["self", "apbd", "apbn", "other_sponsor"]);
    let bpu = (
        date.clone(),
        500_000i64..20_000_000,
        proptest::option::of(sector),
        funded,
        programs.clone(),
    )
        .prop_map(|(date, income, sector, funded, programs)| {
            json!({"type": "contribution", "date": date, "segment": "BPU", "income": income,
                   "sector": sector, "funded_by": funded, "programs": programs})
        });
    let jakon = (date.clone(), 1i64..8_000_000_000, any::<bool>(), programs.clone()).prop_map(
        |(date, v, by_wage, programs)| {
            let field = if by_wage { "wage" } else { "contract_value" };
            json!({"type": "contribution", "date": date, "segment": "JAKON", field: v, "programs": programs})
        },
    );
    let package = proptest::sample::select(vec![
        "pre_placement",
        "placement_24m",
        "placement_12m",
        "placement_6m",
        "extension_month",
    ]);
    let pmi = (date, package, programs).prop_map(|(date, package, programs)| {
        json!({"type": "contribution", "date": date, "segment": "PMI", "package": package, "programs": programs})
    });
    prop_oneof![5 => pu, 3 => bpu, 1 => jakon, 1 => pmi].prop_map(strip_nulls)
}

fn strip_nulls(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.retain(|_, x| !x.is_null());
        if let Some(e) = o.get_mut("employer").and_then(|e| e.as_object_mut()) {
            e.retain(|_, x| !x.is_null());
        }
    }
    v
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn compiled_path_equals_traced_path(s in scenario()) {
        let raw: RawScenario = raw(&s);
        let with_trace = traced(&raw, true);
        let without_trace = traced(&raw, false);
        let fast = compiled(&raw);
        prop_assert_eq!(&with_trace, &fast, "{}", s);
        prop_assert_eq!(&without_trace, &fast, "{}", s);
        // The engine (which takes the compiled path when untraced) agrees too.
        let bytes = serde_json::to_vec(&s).unwrap();
        let engine_untraced = engine().calculate_json(&bytes, false).map(|o| serde_json::to_value(&o).unwrap());
        let engine_traced = engine().calculate_json(&bytes, true).map(|o| {
            let mut v = serde_json::to_value(&o).unwrap();
            v.as_object_mut().unwrap().remove("trace");
            v
        });
        prop_assert_eq!(engine_untraced, engine_traced);
    }

    #[test]
    fn totals_are_the_sums_of_the_lines_and_nothing_is_negative(s in scenario()) {
        if let Ok((r, _)) = compiled(&raw(&s)) {
            let v = serde_json::to_value(&r).unwrap();
            let mut by_payer = std::collections::BTreeMap::<String, i64>::new();
            let mut all = 0;
            for l in v["lines"].as_array().unwrap() {
                let a = l["amount"].as_i64().unwrap();
                prop_assert!(a >= 0, "{}", v);
                *by_payer.entry(l["payer"].as_str().unwrap().to_owned()).or_default() += a;
                all += a;
            }
            prop_assert_eq!(v["totals"]["all"].as_i64().unwrap(), all);
            for payer in ["employer", "worker", "participant", "government"] {
                prop_assert_eq!(v["totals"][payer].as_i64().unwrap(), by_payer.get(payer).copied().unwrap_or(0));
            }
            for a in v["allocations"].as_array().unwrap().iter().chain(v["deferred"].as_array().into_iter().flatten()) {
                prop_assert!(a["amount"].as_i64().unwrap() >= 0);
            }
        }
    }

    #[test]
    fn raising_the_wage_never_lowers_a_line(s in scenario(), raise in 1i64..5_000_000) {
        let field = match s["segment"].as_str() {
            Some("PU") => "wage",
            Some("BPU") => "income",
            Some("JAKON") if s.get("wage").is_some() => "wage",
            Some("JAKON") => "contract_value",
            _ => return Ok(()),
        };
        let Ok((low, _)) = compiled(&raw(&s)) else { return Ok(()) };
        let mut higher = s.clone();
        higher[field] = json!(s[field].as_i64().unwrap() + raise);
        let Ok((high, _)) = compiled(&raw(&higher)) else { return Ok(()) };
        for l in &low.lines {
            let h = high.lines.iter().find(|h| h.program == l.program && h.payer == l.payer).unwrap();
            prop_assert!(h.amount >= l.amount, "{} → {}: {:?} vs {:?}", s, higher, l, h);
        }
        prop_assert!(high.totals.all >= low.totals.all);
    }
}

#[test]
fn bracket_table_override_restricts_incomes() {
    let table = json!({"1000000": "1%", "1500000": "1%"});
    let ok_income = ok(bpu(
        "2026-03-01",
        1_500_000,
        json!({"overrides": {"bpu.income.brackets": table}}),
    ));
    assert_eq!(amount(&ok_income, "JKK", "participant"), 15_000);
    let e = run(bpu(
        "2026-03-01",
        1_200_000,
        json!({"overrides": {"bpu.income.brackets": table}}),
    ))
    .unwrap_err();
    assert!(
        matches!(e, CalcError::InvalidInput { ref field, ref message } if field == "income" && message.contains("Rp1,500,000"))
    );
}
