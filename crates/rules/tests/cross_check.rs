//! Figures recomputed by hand from regulations.md (Decisions and Corrections first), one
//! scenario per rule and date that matters: both benefit regimes, the relief periods, the JP cap
//! changes, PP 50/2025, the Jakon bands. Each expected figure is written as the arithmetic that
//! gives it, so a reader can check it against the regulation without running the engine.

mod common;

use common::*;
use serde_json::{Value, json};

fn total(out: &Value, payer: &str) -> i64 {
    out["totals"][payer].as_i64().unwrap()
}

fn component(out: &Value, code: &str) -> i64 {
    out["components"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {out}"))["amount"]
        .as_i64()
        .unwrap()
}

fn bpu(date: &str, sector: Option<&str>, funded_by: Option<&str>) -> Value {
    let mut s =
        json!({"type": "contribution", "date": date, "segment": "BPU", "income": 1_000_000});
    if let Some(x) = sector {
        s["sector"] = json!(x);
    }
    if let Some(x) = funded_by {
        s["funded_by"] = json!(x);
    }
    s
}

fn textile(date: &str, wage: i64, class: i64, workers: i64) -> Value {
    json!({"type": "contribution", "date": date, "segment": "PU", "wage": wage, "risk_class": class,
           "employer": {"sector": "textile_apparel", "workers": workers}})
}

// ---------------------------------------------------------------- PU

#[test]
fn pu_march_2026_class_4_above_the_jp_cap() {
    let out = ok(pu("2026-03-31", 15_000_000, 4));
    assert_eq!(amount(&out, "JKK", "employer"), 15_000_000 * 127 / 10_000); // 1.27 %
    assert_eq!(amount(&out, "JKM", "employer"), 45_000); // 0.30 %
    assert_eq!(amount(&out, "JHT", "employer"), 555_000); // 3.7 %
    assert_eq!(amount(&out, "JHT", "worker"), 300_000); // 2 %
    assert_eq!(amount(&out, "JP", "employer"), 221_726); // 2 % × 11,086,300
    assert_eq!(amount(&out, "JP", "worker"), 110_863); // 1 % × 11,086,300
    assert_eq!(amount(&out, "JKP", "government"), 11_000); // 0.22 % × 5,000,000
    assert_eq!(allocation(&out, "JKK"), Some(7_000)); // 0.14 % × 5,000,000
    assert_eq!(allocation(&out, "JKM"), None); // none after PP 6/2025
    assert_eq!(
        total(&out, "employer"),
        190_500 + 45_000 + 555_000 + 221_726
    );
    assert_eq!(total(&out, "worker"), 300_000 + 110_863);
    assert_eq!(
        total(&out, "all"),
        190_500 + 45_000 + 555_000 + 221_726 + 300_000 + 110_863 + 11_000
    );
}

#[test]
fn pu_jp_cap_on_both_sides_of_each_march() {
    // (contribution month, cap in force): regulations.md §1.3, Corrections.
    for (before, after, cap_before, cap_after) in [
        ("2016-02-29", "2016-03-01", 7_000_000, 7_335_300),
        ("2021-02-28", "2021-03-01", 8_939_700, 8_754_600),
        ("2025-02-28", "2025-03-01", 10_042_300, 10_547_400),
        ("2026-02-28", "2026-03-01", 10_547_400, 11_086_300),
    ] {
        let b = ok(pu(before, 20_000_000, 1));
        let a = ok(pu(after, 20_000_000, 1));
        assert_eq!(amount(&b, "JP", "worker"), cap_before / 100, "{before}");
        assert_eq!(amount(&a, "JP", "worker"), cap_after / 100, "{after}");
        assert_eq!(amount(&a, "JP", "employer"), cap_after * 2 / 100, "{after}");
    }
}

#[test]
fn pu_jkp_recomposition_before_and_after_pp_6_2025() {
    // January 2025: 0.46 % = 0.22 gov + 0.14 from JKK + 0.10 from JKM.
    let jan = ok(pu("2025-01-15", 8_000_000, 2));
    assert_eq!(amount(&jan, "JKP", "government"), 11_000);
    assert_eq!(allocation(&jan, "JKK"), Some(7_000));
    assert_eq!(allocation(&jan, "JKM"), Some(5_000));
    // February 2025 is governed by its last day (after 7 Feb): 0.36 %, nothing from JKM.
    let feb = ok(pu("2025-02-03", 8_000_000, 2));
    assert_eq!(allocation(&feb, "JKK"), Some(7_000));
    assert_eq!(allocation(&feb, "JKM"), None);
    // Employer cash is the gross rate either way: 0.54 % + 0.30 %.
    for out in [&jan, &feb] {
        assert_eq!(amount(out, "JKK", "employer"), 43_200);
        assert_eq!(amount(out, "JKM", "employer"), 24_000);
    }
}

#[test]
fn pu_pp49_2020_relief_months_and_the_first_jkp_month() {
    // January 2021: JKK/JKM at 1 %, JP 1 % paid and 99 % deferred, no JKP yet.
    let jan = ok(pu("2021-01-15", 5_000_000, 1));
    assert_eq!(amount(&jan, "JKK", "employer"), 120); // 5M × 0.24 % × 1 %
    assert_eq!(amount(&jan, "JKM", "employer"), 150); // 5M × 0.30 % × 1 %
    assert_eq!(amount(&jan, "JHT", "employer"), 185_000); // no JHT relief
    assert_eq!(amount(&jan, "JP", "employer"), 1_000); // 5M × 2 % × 1 %
    assert_eq!(amount(&jan, "JP", "worker"), 500);
    let deferred: i64 = jan["deferred"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["amount"].as_i64().unwrap())
        .sum();
    assert_eq!(deferred, 99_000 + 49_500);
    assert!(find_line(&jan, "JKP", "government").is_none());
    // February 2021: relief over, JKP (PP 37/2021, 2 Feb 2021) in force for the month.
    let feb = ok(pu("2021-02-01", 5_000_000, 1));
    assert_eq!(amount(&feb, "JKK", "employer"), 12_000);
    assert_eq!(amount(&feb, "JKM", "employer"), 15_000);
    assert_eq!(amount(&feb, "JP", "employer"), 100_000);
    assert_eq!(amount(&feb, "JKP", "government"), 11_000);
    assert_eq!(allocation(&feb, "JKM"), Some(5_000));
    // July 2020: before the relief.
    let jul = ok(pu("2020-07-31", 5_000_000, 1));
    assert_eq!(amount(&jul, "JKK", "employer"), 12_000);
    assert_eq!(amount(&jul, "JP", "worker"), 50_000);
}

#[test]
fn pu_pp7_2025_discount_months_and_threshold() {
    // Example 19: 0.24 % → 0.12 %, 1.74 % → 0.87 %, from Feb 2025 to Jan 2026 (PP 36/2025).
    assert_eq!(
        amount(
            &ok(textile("2025-02-10", 10_000_000, 1, 120)),
            "JKK",
            "employer"
        ),
        12_000
    );
    assert_eq!(
        amount(
            &ok(textile("2026-01-10", 10_000_000, 5, 120)),
            "JKK",
            "employer"
        ),
        87_000
    );
    // Not before, not after, not below 50 workers.
    for s in [
        textile("2025-01-31", 10_000_000, 1, 120),
        textile("2026-02-01", 10_000_000, 1, 120),
        textile("2025-06-10", 10_000_000, 1, 49),
    ] {
        assert_eq!(amount(&ok(s), "JKK", "employer"), 24_000);
    }
}

// ---------------------------------------------------------------- BPU (PP 50/2025), Jakon, PMI

#[test]
fn bpu_pp50_2025_periods_by_sector_and_funding() {
    // Rp16,800 = 1 % × 1,000,000 + 6,800; Rp8,400 under PP 50/2025 (Corrections).
    for (date, sector, funded_by, participant, government) in [
        ("2025-12-15", Some("transport"), None, 16_800, 0),
        ("2026-01-15", Some("transport"), None, 8_400, 0),
        ("2027-03-15", Some("transport"), None, 8_400, 0),
        ("2027-04-15", Some("transport"), None, 16_800, 0),
        ("2026-03-15", None, None, 16_800, 0),
        ("2026-04-15", None, None, 8_400, 0),
        (
            "2026-12-15",
            Some("agriculture"),
            Some("other_sponsor"),
            8_400,
            0,
        ),
        ("2027-01-15", None, None, 16_800, 0),
        ("2026-04-15", None, Some("apbd"), 0, 16_800),
        ("2026-01-15", Some("transport"), Some("apbn"), 0, 16_800),
    ] {
        let out = ok(bpu(date, sector, funded_by));
        assert_eq!(
            total(&out, "participant"),
            participant,
            "{date} {sector:?} {funded_by:?}"
        );
        assert_eq!(
            total(&out, "government"),
            government,
            "{date} {sector:?} {funded_by:?}"
        );
    }
    // Example 20: PP 49/2020, JKM Rp6,800 → Rp68; JKK 1 % × 1 % × 1,000,000 = Rp100.
    let relief = ok(bpu("2020-09-15", None, None));
    assert_eq!(amount(&relief, "JKM", "participant"), 68);
    assert_eq!(amount(&relief, "JKK", "participant"), 100);
}

#[test]
fn jakon_bands_and_wage_route() {
    let jakon = |v: i64| {
        ok(
            json!({"type": "contribution", "date": "2025-06-01", "segment": "JAKON", "contract_value": v}),
        )
    };
    // Example 21.
    let small = jakon(80_000_000);
    assert_eq!(amount(&small, "JKK", "participant"), 168_000);
    assert_eq!(amount(&small, "JKM", "participant"), 24_000);
    let mid = jakon(850_000_000);
    assert_eq!(amount(&mid, "JKK", "participant"), 1_345_000);
    assert_eq!(amount(&mid, "JKM", "participant"), 180_000);
    // Every band: 100M × 0.21 % + 400M × 0.17 % + 500M × 0.13 % + 4B × 0.11 % + 1B × 0.09 %.
    let big = jakon(6_000_000_000);
    assert_eq!(
        amount(&big, "JKK", "participant"),
        210_000 + 680_000 + 650_000 + 4_400_000 + 900_000
    );
    // 100M × 0.03 % + 400M × 0.02 % + 500M × 0.02 % + 4B × 0.01 % + 1B × 0.01 %.
    assert_eq!(
        amount(&big, "JKM", "participant"),
        30_000 + 80_000 + 100_000 + 400_000 + 100_000
    );
    // Wage known: JKK 1.74 %, JKM 0.30 %.
    let wage = ok(
        json!({"type": "contribution", "date": "2025-06-01", "segment": "JAKON", "wage": 5_000_000}),
    );
    assert_eq!(amount(&wage, "JKK", "participant"), 87_000);
    assert_eq!(amount(&wage, "JKM", "participant"), 15_000);
}

#[test]
fn pmi_g_to_g_korea_package() {
    // Example 22: 332,500 + 12 × 13,500 = 494,500.
    let pmi = |p: &str| {
        total(
            &ok(
                json!({"type": "contribution", "date": "2025-06-01", "segment": "PMI", "package": p}),
            ),
            "participant",
        )
    };
    assert_eq!(pmi("placement_24m") + 12 * pmi("extension_month"), 494_500);
    assert_eq!(pmi("pre_placement"), 37_500);
    assert_eq!(pmi("placement_12m"), 189_000);
    assert_eq!(pmi("placement_6m"), 108_000);
}

// ---------------------------------------------------------------- late fines

fn fine(month: &str, paid_on: &str) -> Value {
    ok(
        json!({"type": "late_fine", "segment": "PU", "contribution_month": month,
              "amount_due": 1_000_000, "paid_on": paid_on}),
    )
}

#[test]
fn late_fine_counts_started_months_from_the_working_day_due_date() {
    // January 2026 is due on the 15th of February, a Sunday: Monday 16 February.
    let on_time = fine("2026-01", "2026-02-16");
    assert_eq!(on_time["due_date"], "2026-02-16");
    assert_eq!(on_time["fine"], 0);
    assert_eq!(fine("2026-01", "2026-02-17")["fine"], 20_000); // 2 % × 1M × 1
    let late = fine("2026-01", "2026-04-10");
    assert_eq!(late["months_late"], 2);
    assert_eq!(late["fine"], 40_000); // 2 % × 1M × 2
    // A PP 49/2020 month: due the 30th of the next month, fine 0.5 % a month.
    let relief = fine("2020-09", "2021-01-10");
    assert_eq!(relief["due_date"], "2020-10-30");
    assert_eq!(relief["months_late"], 3);
    assert_eq!(relief["fine"], 15_000); // 0.5 % × 1M × 3
}

// ---------------------------------------------------------------- JKK, JKM

fn jkk(date: &str, wage: i64, outcome: &str) -> Value {
    json!({"type": "benefit", "program": "JKK", "date": date, "segment": "PU", "wage": wage, "outcome": outcome})
}

#[test]
fn jkk_death_on_both_sides_of_2_december_2019() {
    // PP 44/2015: 48 × 4M + 24 × 200,000 + 3,000,000.
    let old = ok(jkk("2019-12-01", 4_000_000, "death"));
    assert_eq!(old["total"], 192_000_000 + 4_800_000 + 3_000_000);
    // PP 82/2019: 48 × 4M + 24 × 500,000 + 10,000,000.
    let new = ok(jkk("2019-12-02", 4_000_000, "death"));
    assert_eq!(new["total"], 192_000_000 + 12_000_000 + 10_000_000);
}

#[test]
fn jkk_death_lump_sum_is_at_least_the_jkm_lump_sum() {
    // 48 × 400,000 = 19,200,000 < Rp20,000,000 (§3.1, medium).
    let out = ok(jkk("2024-01-10", 400_000, "death"));
    assert_eq!(component(&out, "death_lump_sum"), 20_000_000);
}

#[test]
fn jkk_disability_and_stmb() {
    // Total: 70 % × 80 × 5M = 280M + 12M (PP 82/2019) or + 4.8M (PP 44/2015).
    assert_eq!(
        ok(jkk("2026-03-01", 5_000_000, "total_disability"))["total"],
        292_000_000
    );
    assert_eq!(
        ok(jkk("2019-06-01", 5_000_000, "total_disability"))["total"],
        284_800_000
    );
    // One eye: 35 % × 80 × 5M.
    let mut eye = jkk("2026-03-01", 5_000_000, "partial_disability");
    eye["disability_percent"] = json!(35);
    assert_eq!(ok(eye)["total"], 140_000_000);
    // STMB 14 months: 12 × 100 % + 2 × 50 % (PP 82/2019); 6 × 100 % + 6 × 75 % + 2 × 50 %.
    let mut stmb = jkk("2026-03-01", 5_000_000, "temporary_incapacity");
    stmb["incapacity_months"] = json!(14);
    assert_eq!(ok(stmb.clone())["total"], 60_000_000 + 5_000_000);
    stmb["date"] = json!("2019-03-01");
    assert_eq!(ok(stmb)["total"], 30_000_000 + 22_500_000 + 5_000_000);
}

#[test]
fn jkm_both_regimes_and_the_scholarship_membership() {
    let jkm = |date: &str, months: i64| {
        ok(
            json!({"type": "benefit", "program": "JKM", "date": date, "segment": "PU", "membership_months": months,
                  "children": [{"birth_date": "2008-01-01", "level": "SMA", "grade": 3}]}),
        )
    };
    // Example 11 + one SMA year (Rp3M) after ≥ 36 months.
    assert_eq!(jkm("2026-03-01", 36)["total"], 42_000_000 + 3_000_000);
    assert_eq!(jkm("2026-03-01", 35)["total"], 42_000_000);
    // Example 12 + the old Rp12M scholarship after ≥ 5 years.
    assert_eq!(jkm("2019-12-01", 60)["total"], 24_000_000 + 12_000_000);
    assert_eq!(jkm("2019-12-01", 59)["total"], 24_000_000);
}

// ---------------------------------------------------------------- JKP, JP, JHT

#[test]
fn jkp_on_both_sides_of_7_february_2025() {
    let jkp = |date: &str, wage: i64| {
        ok(
            json!({"type": "benefit", "program": "JKP", "date": date, "wage": wage, "reason": "termination",
                  "contribution_months_last_24": 12, "consecutive_months": 6}),
        )
    };
    // Example 14: 45 % × 5M × 3 + 25 % × 5M × 3.
    assert_eq!(jkp("2025-02-06", 5_000_000)["total"], 10_500_000);
    // Example 15: 60 % × min(6M, 5M) × 6.
    assert_eq!(jkp("2025-02-07", 6_000_000)["total"], 18_000_000);
    // Before the first claim date (1 Feb 2022) nothing is payable.
    assert_eq!(jkp("2022-01-31", 5_000_000)["eligible"], false);
}

fn jp_old_age(date: &str, birth: &str, months: i64, aiw: i64) -> Value {
    ok(
        json!({"type": "benefit", "program": "JP", "date": date, "outcome": "old_age", "birth_date": birth,
              "contribution_months": months, "average_indexed_wage": aiw}),
    )
}

#[test]
fn jp_formula_minimum_and_maximum() {
    // 1 % × 190/12 × 6,000,000 = 950,000; retirement age 59 in 2026, reached 15 Jan 2026.
    let out = jp_old_age("2026-03-01", "1967-01-15", 190, 6_000_000);
    assert_eq!(out["retirement_age"], 59);
    assert_eq!(component(&out, "monthly_pension"), 950_000);
    assert_eq!(out["components"][0]["from"], "2026-02");
    // 1 % × 190/12 × 2,000,000 = 316,667 < minimum 411,400 (2026, Corrections).
    assert_eq!(
        component(
            &jp_old_age("2026-03-01", "1967-01-15", 190, 2_000_000),
            "monthly_pension"
        ),
        411_400
    );
    // 1 % × 600/12 × 11,000,000 = 5,500,000 > maximum 4,932,300 (2026).
    assert_eq!(
        component(
            &jp_old_age("2026-03-01", "1967-01-15", 600, 11_000_000),
            "monthly_pension"
        ),
        4_932_300
    );
    // Born 10 Mar 1966: 58 in 2024, the age in force in 2024 (nobody reaches it in 2025, when
    // it is 59); paid from April 2024 at the 2024 minimum 393,500.
    let out = jp_old_age("2025-06-01", "1966-03-10", 190, 2_000_000);
    assert_eq!(out["retirement_age"], 58);
    assert_eq!(out["components"][0]["from"], "2024-04");
    assert_eq!(component(&out, "monthly_pension"), 393_500);
    // A disability in June 2025, paid from July 2025: the 2025 minimum 399,700.
    let out = ok(
        json!({"type": "benefit", "program": "JP", "date": "2025-06-01", "outcome": "disability",
        "birth_date": "1980-01-15", "contribution_months": 190, "average_indexed_wage": 2_000_000}),
    );
    assert_eq!(component(&out, "monthly_pension"), 399_700);
}

#[test]
fn jp_survivor_gets_half_of_the_fifteen_year_formula() {
    // Membership 70 months, density 60/70 ≥ 80 %: 15 years are used (Corrections).
    // Indexed wages: 5M × Π(1 + inflation 2020..2025) and 5.5M × Π(2021..2025), with BPS
    // inflation 1.68, 1.87, 5.51, 2.61, 1.57, 2.92 %: 5,861,386.9 and 6,340,996.8, mean
    // 6,101,191.9; 1 % × 180/12 × 6,101,192 = 915,178.8 → 915,179; × 50 % = 457,589.5 → 457,590.
    let out = ok(
        json!({"type": "benefit", "program": "JP", "date": "2026-03-01", "outcome": "death",
        "birth_date": "1980-01-15", "contribution_months": 60, "membership_months": 70,
        "wage_history": [{"year": 2020, "monthly_wage": 5_000_000}, {"year": 2021, "monthly_wage": 5_500_000}],
        "survivors": {"spouse": true, "children": 2, "parents": 0}}),
    );
    assert_eq!(component(&out, "monthly_pension"), 457_590);
    assert_eq!(out["components"][0]["beneficiary"], "spouse");
}

#[test]
fn jht_credited_yearly_with_the_2019_and_2020_rates() {
    // Decisions 3 with the rates of Corrections (2019 6.08 %, 2020 5.59 %), a deposit earning
    // its year's rate for the months from its month to December:
    // 228,000 × (1 + 6.08 %) × (1 + 5.59 %) = 255,382.5 and 228,000 × (1 + 5.59 % × 7/12)
    // = 235,434.3, together 490,816.8 → 490,817.
    let out = ok(
        json!({"type": "benefit", "program": "JHT", "date": "2021-01-05", "reason": "termination",
        "membership_start": "2019-01-01", "birth_date": "1990-01-01", "work_end": "2020-12-01",
        "contributions": [{"month": "2019-01", "amount": 228_000}, {"month": "2020-06", "amount": 228_000}]}),
    );
    assert_eq!(component(&out, "jht_balance"), 490_817);
}
