//! Compliance categories and shortfalls on five hand-made companies. The rules double makes
//! every program cost 1 % of the wage and the minimum wage Rp5,000,000, so each shortfall can
//! be checked by hand (the real rates are the engine's, tested in `engine.rs`).

mod common;

use common::{FakeRules, r};
use jamsos_analytics::compliance::{
    self, Category, CompanyReport, ComplianceConfig, EmployerFacts, MatchOut, SizeClass, WageStats,
};
use jamsos_analytics::compliance_batches::FirstRows;
use jamsos_analytics::model::ProgramSet;
use jamsos_analytics::sector::Sector;
use jamsos_rules::Rupiah;
use jiff::civil::date;

fn company(
    row: usize,
    nib: Option<&str>,
    name: &str,
    region: &str,
    workers: u64,
    wage: i64,
    npp: Option<&str>,
) -> CompanyReport {
    CompanyReport {
        row,
        nib: nib.map(str::to_owned),
        name: name.to_owned(),
        region: r(region),
        kbli: "14111".to_owned(),
        sector: Sector::parse("14111").unwrap(),
        reported_workers: workers,
        average_wage: Rupiah(wage),
        npp: npp.map(str::to_owned),
    }
}

fn employer(
    npp: &str,
    nib: Option<&str>,
    name: &str,
    region: &str,
    programs: &str,
    wages: &[i64],
) -> EmployerFacts {
    let wages: Vec<Rupiah> = wages.iter().map(|w| Rupiah(*w)).collect();
    EmployerFacts {
        npp: npp.to_owned(),
        nib: nib.map(str::to_owned),
        name: name.to_owned(),
        region: r(region),
        risk_class: 2,
        programs: ProgramSet::parse(programs).unwrap(),
        wages: WageStats::from_wages(&wages, Some(Rupiah(5_000_000))),
    }
}

#[test]
fn categories_shortfalls_and_outreach_order() {
    let companies = vec![
        company(
            2,
            Some("9120000000001"),
            "PT Konfeksi Anyar",
            "31.73.04.1002",
            12,
            4_000_000,
            None,
        ),
        company(
            3,
            None,
            "CV Maju Garmen",
            "31.73.04.1001",
            30,
            6_000_000,
            Some("11111111"),
        ),
        company(
            4,
            Some("9120000000003"),
            "PT Sinar Jaya",
            "31.73.04.1003",
            8,
            5_500_000,
            None,
        ),
        company(
            5,
            None,
            "Sinar Konfeksi",
            "31.73.04.1001",
            6,
            5_000_000,
            None,
        ),
        company(
            6,
            None,
            "Toko Baru",
            "31.73.04.1004",
            3,
            5_000_000,
            Some("99999999"),
        ),
    ];
    let mut maju = vec![6_000_000; 18];
    maju.extend([4_500_000, 4_500_000]);
    let employers = vec![
        employer(
            "11111111",
            None,
            "CV Maju Garmen",
            "31.73.04.1001",
            "JKK;JKM;JHT",
            &maju,
        ),
        employer(
            "22222222",
            Some("9120000000003"),
            "PT Sinar Jaya",
            "31.73.04.1003",
            "JKK;JKM;JHT",
            &[5_500_000; 8],
        ),
        employer(
            "33333333",
            None,
            "CV. Sinar Konfeksi",
            "31.73.04",
            "JKK;JKM",
            &[5_000_000; 6],
        ),
    ];
    let cfg = ComplianceConfig::new(date(2026, 3, 1));
    let rep = compliance::assess(&FakeRules, &cfg, &companies, &employers).unwrap();

    // Outreach order: Maju (Rp3,690,000) before Konfeksi Anyar (Rp1,800,000).
    assert_eq!(rep.outreach.len(), 2);
    let maju = &rep.outreach[0];
    assert_eq!(maju.company.name, "CV Maju Garmen");
    assert_eq!(
        maju.matched,
        MatchOut::Npp {
            npp: "11111111".to_owned()
        }
    );
    assert_eq!(maju.size_class, SizeClass::Medium);
    let f = |c: Category| maju.findings.iter().find(|x| x.category == c).unwrap();
    // PDS TK: 30 − 20 = 10 workers at Rp6,000,000 on 4 programs: 10 × 4 % × 6M = 2,400,000
    assert_eq!(f(Category::PdsTk).workers, 10);
    assert_eq!(f(Category::PdsTk).monthly_shortfall, Rupiah(2_400_000));
    // PDS upah (minimum): 2 × (3 % × 5,000,000 − 3 % × 4,500,000) = 2 × 15,000 = 30,000
    assert_eq!(f(Category::PdsUpahMinimum).workers, 2);
    assert_eq!(
        f(Category::PdsUpahMinimum).monthly_shortfall,
        Rupiah(30_000)
    );
    // PDS upah (average): registered average after the minimum = (18 × 6M + 2 × 5M) / 20 =
    // 5,900,000; 20 × 3 % × (6,000,000 − 5,900,000) = 60,000
    assert_eq!(
        f(Category::PdsUpahRataRata).monthly_shortfall,
        Rupiah(60_000)
    );
    // PDS program: JP missing for a medium employer: 20 × 1 % × 6,000,000 = 1,200,000
    assert_eq!(f(Category::PdsProgram).programs.codes(), ["JP"]);
    assert_eq!(f(Category::PdsProgram).monthly_shortfall, Rupiah(1_200_000));
    assert_eq!(maju.monthly_shortfall, Rupiah(3_690_000));
    assert_eq!(maju.uncovered_workers, 10);

    // PWBD: 12 workers, small (JKK, JKM, JHT), wage raised to the minimum 5,000,000:
    // 12 × 3 % × 5,000,000 = 1,800,000
    let anyar = &rep.outreach[1];
    assert_eq!(anyar.matched, MatchOut::None);
    assert_eq!(anyar.findings.len(), 1);
    assert_eq!(anyar.findings[0].category, Category::Pwbd);
    assert_eq!(anyar.findings[0].wage, Rupiah(5_000_000));
    assert_eq!(anyar.monthly_shortfall, Rupiah(1_800_000));
    assert_eq!(anyar.uncovered_workers, 12);

    // Sinar Jaya matched by NIB, nothing missing
    assert_eq!(rep.compliant, 1);
    // name-only and unknown-NPP rows go to review, never merged
    assert_eq!(rep.review.len(), 2);
    assert_eq!(
        rep.review[0].matched,
        MatchOut::Review {
            candidates: vec!["33333333".to_owned()],
            reason: "same_name_same_region"
        }
    );
    assert!(rep.review[0].findings.is_empty());
    assert_eq!(
        rep.review[1].matched,
        MatchOut::Review {
            candidates: vec![],
            reason: "npp_unknown"
        }
    );

    let total = |c: Category| rep.totals.iter().find(|(x, _)| *x == c).unwrap().1;
    assert_eq!(total(Category::Pwbd).workers, 12);
    assert_eq!(total(Category::PdsTk).monthly_shortfall, Rupiah(2_400_000));
    assert_eq!(rep.monthly_shortfall, Rupiah(5_490_000));
    assert_eq!(
        rep.minimum_wages,
        vec![("31".to_owned(), Some(Rupiah(5_000_000)))]
    );
}

#[test]
fn outside_jakarta_the_minimum_wage_check_is_skipped() {
    // No minimum wage is recorded for Banten (36): the reported wage is used as is.
    let companies = vec![company(
        2,
        None,
        "PT Tangerang",
        "36.71",
        10,
        3_000_000,
        None,
    )];
    let cfg = ComplianceConfig::new(date(2026, 3, 1));
    let rep = compliance::assess(&FakeRules, &cfg, &companies, &[]).unwrap();
    // 10 × 3 % × 3,000,000 = 900,000 (small: JKK, JKM, JHT)
    assert_eq!(rep.outreach[0].monthly_shortfall, Rupiah(900_000));
    assert_eq!(rep.minimum_wages, vec![("36".to_owned(), None)]);
}

#[test]
fn size_classes() {
    let cfg = ComplianceConfig::new(date(2026, 3, 1));
    assert_eq!(cfg.size_class(4), SizeClass::Micro);
    assert_eq!(cfg.size_class(5), SizeClass::Small);
    assert_eq!(cfg.size_class(19), SizeClass::Small);
    assert_eq!(cfg.size_class(20), SizeClass::Medium);
    assert_eq!(cfg.size_class(100), SizeClass::Large);
    assert_eq!(
        compliance::required_programs(SizeClass::Micro).codes(),
        ["JKK", "JKM"]
    );
    assert_eq!(
        compliance::required_programs(SizeClass::Large).codes(),
        ["JKK", "JKM", "JHT", "JP"]
    );
}

/// `count` companies from a small pool of names, sizes and wages (so outreach keys tie often
/// and only the row decides), a few matched to employers by NPP and a few by name (review).
fn varied_companies(count: usize, seed: u64) -> (Vec<CompanyReport>, Vec<EmployerFacts>) {
    let mut x = seed | 1;
    let mut next = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let names = [
        "Konfeksi Anyar",
        "Maju Garmen",
        "Sinar Jaya",
        "Toko Baru",
        "Sinar Konfeksi",
    ];
    let employers = vec![
        employer(
            "11111111",
            None,
            "CV Maju Garmen",
            "31.73.04.1001",
            "JKK;JKM;JHT",
            &[6_000_000; 5],
        ),
        employer(
            "22222222",
            None,
            "PT Sinar Jaya",
            "31.73.04.1003",
            "JKK;JKM",
            &[4_000_000; 3],
        ),
    ];
    let companies = (0..count)
        .map(|i| {
            let npp = match next(10) {
                0 => Some("11111111"),
                1 => Some("22222222"),
                _ => None,
            };
            let name = names[next(names.len() as u64) as usize];
            company(
                i + 2,
                None,
                &match next(3) {
                    0 => name.to_owned(),
                    k => format!("{name} {k}"),
                },
                [
                    "31.73.04.1001",
                    "31.73.04.1003",
                    "31.71.01.1001",
                    "32.73.01.1002",
                    "51.71.01.1001",
                ][next(5) as usize],
                1 + next(4) * 7,
                4_000_000 + 500_000 * next(4) as i64,
                npp,
            )
        })
        .collect();
    (companies, employers)
}

/// The first rows of a report kept to `keep` rows are the first rows of the full report, in
/// the same order; counts, totals and the shortfall cover every company either way.
fn assert_first_rows_agree(companies: &[CompanyReport], employers: &[EmployerFacts], keep: usize) {
    let cfg = ComplianceConfig::new(date(2026, 3, 1));
    let full = compliance::assess(&FakeRules, &cfg, companies, employers).unwrap();
    let first =
        compliance::assess_first(&FakeRules, &cfg, companies.to_vec(), employers, keep).unwrap();
    let n = keep.min(full.outreach.len());
    assert_eq!(first.outreach, full.outreach[..n], "keep {keep}");
    let n = keep.min(full.review.len());
    assert_eq!(first.review, full.review[..n], "keep {keep}");
    assert_eq!(first.outreach_count, full.outreach.len() as u64);
    assert_eq!(first.review_count, full.review.len() as u64);
    assert_eq!(full.outreach_count, full.outreach.len() as u64);
    assert_eq!(first.totals, full.totals);
    assert_eq!(first.monthly_shortfall, full.monthly_shortfall);
    assert_eq!(first.compliant, full.compliant);
    let listed: u64 = full.totals.iter().map(|(_, t)| t.companies).sum();
    assert!(listed >= full.outreach_count);
}

#[test]
fn first_rows_of_a_large_run_across_parallel_chunks() {
    // More than two of the assessment's 4,096-company chunks, so kept rows come from several.
    let (companies, employers) = varied_companies(10_000, 7);
    for keep in [0, 1, 20, 4_097, 9_000] {
        assert_first_rows_agree(&companies, &employers, keep);
    }
    let cfg = ComplianceConfig::new(date(2026, 3, 1));
    let full = compliance::assess(&FakeRules, &cfg, &companies, &employers).unwrap();
    assert!(
        full.outreach.len() > 8_000 && !full.review.is_empty(),
        "{} {} {}",
        full.outreach.len(),
        full.review.len(),
        full.compliant
    );
}

/// Batches of `size` rows fed to [`FirstRows`] in a shuffled order give the report of
/// `assess_first` over all rows.
fn assert_batches_agree(
    companies: &[CompanyReport],
    employers: &[EmployerFacts],
    keep: usize,
    size: usize,
    seed: u64,
) {
    let cfg = ComplianceConfig::new(date(2026, 3, 1));
    let first =
        compliance::assess_first(&FakeRules, &cfg, companies.to_vec(), employers, keep).unwrap();
    let mut batches: Vec<(i64, Vec<CompanyReport>)> = companies
        .chunks(size.max(1))
        .enumerate()
        .map(|(i, rows)| ((i * size.max(1)) as i64 + 100, rows.to_vec()))
        .collect();
    // Fisher-Yates with a small xorshift: the order the parts of a read arrive in.
    let mut x = seed | 1;
    for i in (1..batches.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        batches.swap(i, (x % (i as u64 + 1)) as usize);
    }
    let mut run = FirstRows::new(&FakeRules, &cfg, employers, keep).unwrap();
    for (start, rows) in batches {
        run.add(start, rows).unwrap();
    }
    let streamed = run.finish();
    if companies.len() > 100 {
        assert_eq!(streamed.minimum_wages.len(), 3);
    }
    assert_eq!(
        serde_json::to_value(&streamed).unwrap(),
        serde_json::to_value(&first).unwrap(),
        "keep {keep}, batches of {size}"
    );
}

#[test]
fn batches_in_any_order_give_the_same_first_rows() {
    let (companies, employers) = varied_companies(10_000, 11);
    for (keep, size, seed) in [
        (20, 20_000, 1),
        (20, 777, 2),
        (0, 1_000, 3),
        (5_000, 4_500, 4),
    ] {
        assert_batches_agree(&companies, &employers, keep, size, seed);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn first_rows_equal_the_full_report(count in 0usize..60, seed in 1u64..1_000_000, keep in 0usize..70) {
        let (companies, employers) = varied_companies(count, seed);
        assert_first_rows_agree(&companies, &employers, keep);
        assert_batches_agree(&companies, &employers, keep, 1 + (seed % 13) as usize, seed);
    }
}
