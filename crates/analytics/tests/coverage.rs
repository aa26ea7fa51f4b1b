//! Coverage on a small West Jakarta dataset; every expected number is worked out by hand in
//! the comments.

mod common;

use common::{m, r};
use jamsos_analytics::StatPeriod;
use jamsos_analytics::coverage::{self, CoverageQuery, RowRegion, SectorCol};
use jamsos_analytics::model::{EnrolledRecord, PotentialRecord, ProgramSet, Segment};
use jamsos_analytics::region::{Level, MapDirectory};
use jamsos_analytics::sector::Sector;
use jamsos_analytics::suppress::Policy;

fn pot(region: &str, sector: &str, period: &str, w: u64, v: u64) -> PotentialRecord {
    PotentialRecord {
        region: r(region),
        sector: Sector::parse(sector).unwrap(),
        period: StatPeriod::parse(period).unwrap(),
        workers: w,
        vulnerable_workers: v,
        source: "test".to_owned(),
    }
}

fn enr(
    region: &str,
    sector: Option<&str>,
    month: &str,
    seg: Segment,
    vuln: bool,
    progs: &str,
    n: u64,
) -> EnrolledRecord {
    EnrolledRecord {
        region: r(region),
        sector: sector.map(|s| Sector::parse(s).unwrap()),
        month: m(month),
        segment: seg,
        vulnerable: vuln,
        programs: ProgramSet::parse(progs).unwrap(),
        count: n,
    }
}

fn data() -> (Vec<PotentialRecord>, Vec<EnrolledRecord>) {
    let potential = vec![
        // replaced by the 2025 figure from January 2025
        pot("31.73.04.1002", "14", "2024", 900, 700),
        pot("31.73.04.1002", "14", "2025", 1000, 800),
        pot("31.73.04.1001", "14", "2025", 200, 150),
        pot("31.73.04.1001", "G", "2025", 300, 100),
        pot("31.73.01", "C", "2025", 5000, 2000),
        // a city-wide figure: not placeable at district level
        pot("31.73", "A", "2025", 50, 40),
        // another city: outside the selection
        pot("31.74.01", "C", "2025", 999, 999),
    ];
    use Segment::*;
    let enrolled = vec![
        enr(
            "31.73.04.1002",
            Some("14"),
            "2025-08",
            Pu,
            false,
            "JKK;JKM;JHT;JP",
            150,
        ),
        enr(
            "31.73.04.1002",
            Some("14"),
            "2025-08",
            Bpu,
            true,
            "JKK;JKM",
            250,
        ),
        enr(
            "31.73.04.1001",
            Some("14"),
            "2025-08",
            Bpu,
            true,
            "JKK;JKM",
            3,
        ),
        enr(
            "31.73.04.1001",
            Some("47"),
            "2025-08",
            Pu,
            false,
            "JKK;JKM;JHT",
            120,
        ),
        enr(
            "31.73.01.1001",
            Some("C"),
            "2025-08",
            Pu,
            false,
            "JKK;JKM;JHT;JP",
            2000,
        ),
        // residence known only to the district
        enr("31.73.01", None, "2025-08", Bpu, true, "JKK;JKM", 10),
        enr(
            "31.73.04.1002",
            Some("14"),
            "2025-07",
            Bpu,
            true,
            "JKK;JKM",
            200,
        ),
        enr(
            "31.74.01.1001",
            Some("C"),
            "2025-08",
            Pu,
            false,
            "JKK;JKM",
            7,
        ),
    ];
    (potential, enrolled)
}

fn row<'a>(t: &'a coverage::CoverageTable, code: &str) -> &'a coverage::CoverageRow {
    t.rows
        .iter()
        .find(|x| x.region == RowRegion::Region(r(code)))
        .unwrap()
}

#[test]
fn west_jakarta_by_kecamatan() {
    let (p, e) = data();
    let mut q = CoverageQuery::new(m("2025-08"), Level::District);
    q.within = Some(r("31.73"));
    q.policy = Policy::none();
    let mut names = MapDirectory::new();
    names.insert(r("31.73.04"), "Tambora");
    let t = coverage::coverage(&q, &p, &e, &names);

    let cengkareng = row(&t, "31.73.01");
    assert_eq!(cengkareng.potential, 5000);
    assert_eq!(cengkareng.enrolled, Some(2010)); // 2000 + 10 known only to the district
    assert_eq!(cengkareng.uncovered, Some(2990));
    assert_eq!(cengkareng.rate.unwrap().bp(), Some(4020)); // 2010/5000 = 40.20 %
    assert_eq!(cengkareng.rate_vulnerable.unwrap().bp(), Some(50)); // 10/2000 = 0.50 %

    let tambora = row(&t, "31.73.04");
    assert_eq!(tambora.name.as_deref(), Some("Tambora"));
    assert_eq!(tambora.potential, 1500); // 1000 + 200 + 300 (the 2024 figure is replaced)
    assert_eq!(tambora.potential_vulnerable, 1050); // 800 + 150 + 100
    assert_eq!(tambora.enrolled, Some(523)); // 150 + 250 + 3 + 120
    assert_eq!(tambora.enrolled_vulnerable, Some(253));
    assert_eq!(tambora.uncovered, Some(977));
    assert_eq!(tambora.uncovered_vulnerable, Some(797));
    assert_eq!(tambora.rate.unwrap().bp(), Some(3487)); // 34.8667 %
    assert_eq!(tambora.rate_vulnerable.unwrap().bp(), Some(2410)); // 24.0952 %
    assert_eq!(tambora.by_segment["PU"], Some(270));
    assert_eq!(tambora.by_segment["BPU"], Some(253));
    assert_eq!(tambora.by_program["JKK"].enrolled, Some(523));
    assert_eq!(tambora.by_program["JHT"].enrolled, Some(270));
    assert_eq!(tambora.by_program["JP"].enrolled, Some(150));
    assert_eq!(tambora.by_program["JP"].rate.unwrap().bp(), Some(1000)); // 150/1500

    // the city-wide agriculture figure is not placed in a district but is in the total
    let na = t
        .rows
        .iter()
        .find(|x| x.region == RowRegion::NotAllocated)
        .unwrap();
    assert_eq!(na.potential, 50);
    assert_eq!(t.total.potential, 6550);
    assert_eq!(t.total.enrolled, Some(2533));
    assert_eq!(t.total.rate.unwrap().bp(), Some(3867)); // 2533/6550 = 38.67 %
    assert_eq!(t.total.potential_vulnerable, 3090);
    assert_eq!(t.total.enrolled_vulnerable, Some(263));
    assert_eq!(t.potential_periods, vec![StatPeriod::Year(2025)]);
}

#[test]
fn roll_up_to_city_and_province_agrees_with_districts() {
    let (p, e) = data();
    let mut q = CoverageQuery::new(m("2025-08"), Level::Regency);
    q.within = Some(r("31"));
    q.policy = Policy::none();
    let t = coverage::coverage(&q, &p, &e, &jamsos_analytics::region::NoDirectory);
    let jakbar = row(&t, "31.73");
    assert_eq!(jakbar.potential, 6550);
    assert_eq!(jakbar.enrolled, Some(2533));
    let jaksel = row(&t, "31.74");
    assert_eq!(jaksel.potential, 999);
    assert_eq!(jaksel.enrolled, Some(7));
    q.level = Level::Province;
    let t = coverage::coverage(&q, &p, &e, &jamsos_analytics::region::NoDirectory);
    assert_eq!(row(&t, "31").enrolled, Some(2540));
    assert_eq!(t.total.potential, 7549);
}

#[test]
fn kelurahan_table_suppresses_small_cells_and_their_complements() {
    let (p, e) = data();
    let mut q = CoverageQuery::new(m("2025-08"), Level::Village);
    q.within = Some(r("31.73.04"));
    let t = coverage::coverage(&q, &p, &e, &jamsos_analytics::region::NoDirectory);
    let tambora = row(&t, "31.73.04.1001");
    let kali_anyar = row(&t, "31.73.04.1002");
    // 123 and 400 enrolled: shown
    assert_eq!(tambora.enrolled, Some(123));
    assert_eq!(kali_anyar.enrolled, Some(400));
    // 3 vulnerable in Tambora: hidden; Kali Anyar's 250 hidden too, or 253 − 250 gives it away
    assert_eq!(tambora.enrolled_vulnerable, None);
    assert_eq!(tambora.uncovered_vulnerable, None);
    assert!(tambora.rate_vulnerable.is_none());
    assert_eq!(kali_anyar.enrolled_vulnerable, None);
    assert_eq!(t.total.enrolled_vulnerable, Some(253));
    // segment breakdown: BPU 3 hidden, and with it enough cells that none can be derived
    assert_eq!(tambora.by_segment["BPU"], None);
    assert_eq!(tambora.by_segment["PU"], None);
    assert_eq!(kali_anyar.by_segment["BPU"], None);
    assert_eq!(kali_anyar.by_segment["PU"], None);
    assert_eq!(t.total.by_segment["BPU"], Some(253));
    // without suppression every count is shown
    q.policy = Policy::none();
    let t = coverage::coverage(&q, &p, &e, &jamsos_analytics::region::NoDirectory);
    assert_eq!(row(&t, "31.73.04.1001").enrolled_vulnerable, Some(3));
}

#[test]
fn by_sector_rows_and_margins() {
    let (p, e) = data();
    let mut q = CoverageQuery::new(m("2025-08"), Level::District);
    q.within = Some(r("31.73.04"));
    q.by_sector = true;
    q.policy = Policy::none();
    let t = coverage::coverage(&q, &p, &e, &jamsos_analytics::region::NoDirectory);
    let cell = |s: char| {
        t.sector_rows
            .iter()
            .find(|x| x.sector == SectorCol::Known(Sector::Section(s)))
            .unwrap()
    };
    assert_eq!(cell('C').potential, 1200); // divisions 14 roll up to section C
    assert_eq!(cell('C').enrolled, Some(403));
    assert_eq!(cell('G').potential, 300);
    assert_eq!(cell('G').enrolled, Some(120));
    assert_eq!(cell('G').rate.unwrap().bp(), Some(4000));
    // only apparel (division 14): 1200 potential, 403 enrolled
    q.sectors = vec![Sector::Division(14)];
    q.by_sector = false;
    let t = coverage::coverage(&q, &p, &e, &jamsos_analytics::region::NoDirectory);
    assert_eq!(t.total.potential, 1200);
    assert_eq!(t.total.enrolled, Some(403));
}

#[test]
fn monthly_trend() {
    let (p, e) = data();
    let mut q = CoverageQuery::new(m("2025-08"), Level::District);
    q.within = Some(r("31.73.04"));
    q.policy = Policy::none();
    let pts = coverage::trend(&q, &m("2025-07").through(m("2025-08")), &p, &e);
    assert_eq!(pts.len(), 2);
    assert_eq!(pts[0].enrolled, Some(200));
    assert_eq!(pts[0].rate.unwrap().bp(), Some(1333)); // 200/1500
    assert_eq!(pts[1].enrolled, Some(523));
    // in 2024 the 900-worker figure was in force
    let pts = coverage::trend(&q, &[m("2024-12")], &p, &e);
    assert_eq!(pts[0].potential, 900);
}
