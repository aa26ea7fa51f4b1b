//! Money flows by program/region/period and campaign reports, hand-checked.

mod common;

use common::{m, r};
use jamsos_analytics::campaign::{self, Campaign, PentahelixRole, TaggedEnrolment};
use jamsos_analytics::flows::{self, FlowKind, FlowRecord, Granularity};
use jamsos_analytics::model::{EnrolledRecord, PotentialRecord, Program, ProgramSet, Segment};
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Level, Sector, StatPeriod};
use jamsos_rules::Rupiah;

fn flow(
    kind: FlowKind,
    p: Program,
    region: &str,
    month: &str,
    amount: i64,
    cases: u64,
) -> FlowRecord {
    FlowRecord {
        kind,
        program: p,
        region: r(region),
        month: m(month),
        amount: Rupiah(amount),
        cases,
    }
}

#[test]
fn benefits_paid_by_program_region_and_year() {
    use FlowKind::*;
    let recs = vec![
        flow(
            BenefitPaid,
            Program::Jkm,
            "31.73.04.1002",
            "2025-03",
            42_000_000,
            1,
        ),
        flow(
            BenefitPaid,
            Program::Jkm,
            "31.73.04.1001",
            "2025-05",
            420_000_000,
            10,
        ),
        flow(
            BenefitPaid,
            Program::Jkm,
            "31.73.01.1001",
            "2025-07",
            840_000_000,
            20,
        ),
        flow(
            BenefitPaid,
            Program::Jht,
            "31.73.01.1001",
            "2025-07",
            100_000_000,
            8,
        ),
        flow(
            ContributionCollected,
            Program::Jkk,
            "31.73.04.1002",
            "2025-03",
            16_800_000,
            1000,
        ),
        flow(
            BenefitPaid,
            Program::Jkm,
            "31.74.01.1001",
            "2025-07",
            42_000_000,
            1,
        ),
    ];
    let rows = flows::report(
        &recs,
        Some(&r("31.73")),
        Level::District,
        Granularity::Year,
        Policy::none(),
    );
    let find = |k, p, code: &str| {
        rows.iter()
            .find(|x| x.kind == k && x.program == p && x.region == Some(r(code)))
            .unwrap()
    };
    // Tambora JKM 2025: 42,000,000 + 420,000,000, 11 cases
    assert_eq!(
        find(BenefitPaid, Program::Jkm, "31.73.04").amount,
        Some(Rupiah(462_000_000))
    );
    assert_eq!(find(BenefitPaid, Program::Jkm, "31.73.04").cases, Some(11));
    assert_eq!(
        find(BenefitPaid, Program::Jkm, "31.73.01").amount,
        Some(Rupiah(840_000_000))
    );
    assert_eq!(
        find(ContributionCollected, Program::Jkk, "31.73.04").amount,
        Some(Rupiah(16_800_000))
    );
    assert!(!rows.iter().any(|x| x.region == Some(r("31.74.01"))));
    // by village with k = 5: the single JKM case (1) is hidden, and Tambora's 10 with it
    let rows = flows::report(
        &recs,
        Some(&r("31.73.04")),
        Level::Village,
        Granularity::All,
        Policy::default(),
    );
    let jkm: Vec<_> = rows.iter().filter(|x| x.program == Program::Jkm).collect();
    assert_eq!(jkm.len(), 2);
    assert!(jkm.iter().all(|x| x.amount.is_none() && x.cases.is_none()));
}

#[test]
fn campaign_enrolments_and_coverage_change() {
    let tambora = r("31.73.04");
    let potential = vec![PotentialRecord {
        region: r("31.73.04.1002"),
        sector: Sector::Division(14),
        period: StatPeriod::Year(2025),
        workers: 1000,
        vulnerable_workers: 800,
        source: "t".to_owned(),
    }];
    let enr = |month: &str, n: u64| EnrolledRecord {
        region: r("31.73.04.1002"),
        sector: Some(Sector::Division(14)),
        month: m(month),
        segment: Segment::Bpu,
        vulnerable: true,
        programs: ProgramSet::of(&[Program::Jkk, Program::Jkm]),
        count: n,
    };
    let enrolled = vec![enr("2025-05", 100), enr("2025-08", 160)];
    let c = Campaign {
        id: "c1".to_owned(),
        name: "Konveksi Terlindungi".to_owned(),
        region: tambora,
        sector: Some(Sector::Division(14)),
        partner: "Forum RW".to_owned(),
        role: PentahelixRole::Community,
        start: m("2025-06"),
        end: Some(m("2025-08")),
    };
    let mut tagged: Vec<TaggedEnrolment> = (0..40)
        .map(|i| TaggedEnrolment {
            campaign_id: "c1".to_owned(),
            month: m(if i < 30 { "2025-06" } else { "2025-07" }),
            vulnerable: true,
        })
        .collect();
    tagged.push(TaggedEnrolment {
        campaign_id: "other".to_owned(),
        month: m("2025-06"),
        vulnerable: true,
    });
    tagged.extend((0..3).map(|_| TaggedEnrolment {
        campaign_id: "c1".to_owned(),
        month: m("2025-08"),
        vulnerable: false,
    }));
    let rep = campaign::report(
        &c,
        &tagged,
        &potential,
        &enrolled,
        m("2025-12"),
        Policy::default(),
    );
    assert_eq!(rep.enrolments, Some(43));
    assert_eq!(rep.enrolments_vulnerable, Some(40));
    assert_eq!(
        rep.by_month,
        vec![
            (m("2025-06"), Some(30)),
            (m("2025-07"), Some(10)),
            (m("2025-08"), None)
        ]
    );
    // 100/1000 = 10 % in May → 160/1000 = 16 % in August: +600 bp
    assert_eq!(rep.coverage_before.unwrap().bp(), Some(1000));
    assert_eq!(rep.coverage_after.unwrap().bp(), Some(1600));
    assert_eq!(rep.change_bp, Some(600));
    // vulnerable: 100/800 = 12.5 % → 160/800 = 20 %: +750 bp
    assert_eq!(rep.vulnerable_change_bp, Some(750));
}
