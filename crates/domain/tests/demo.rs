//! Demo data: deterministic for a seed, and valid — every NIK parses and agrees with the
//! person's birth date and sex, references resolve, the West Jakarta story is all there.

use jamsos_domain::demo::{Generated, generate, generate_in, west_jakarta};
use jamsos_domain::heirs::{determine, heir_indexes};
use jamsos_domain::model::{CommunityRole, EducationLevel, Relation, Segment};
use jamsos_domain::{Nik, RegionCode, regions};
use std::collections::{HashMap, HashSet};

fn rc(s: &str) -> RegionCode {
    RegionCode::parse(s).unwrap()
}

#[test]
fn west_jakarta_is_deterministic() {
    let a = west_jakarta(42);
    assert_eq!(a, west_jakarta(42));
    assert_ne!(a.persons, west_jakarta(43).persons);
}

#[test]
fn west_jakarta_is_valid_and_complete() {
    let ds = west_jakarta(7);
    assert!(ds.note.contains("SYNTHETIC"));
    let jakbar = rc("31.73");

    // People: valid, unique, consistent NIKs; all synthetic; living in Jakarta Barat.
    let mut niks = HashSet::new();
    for p in &ds.persons {
        assert!(p.synthetic);
        assert_eq!(
            Nik::parse_with(&p.nik.to_string(), p.birth_date, p.sex).unwrap(),
            p.nik
        );
        assert!(niks.insert(p.nik), "duplicate NIK {:?}", p.nik);
        assert!(jakbar.contains(&p.region), "{}", p.region);
        assert!(regions().exists(&p.region));
    }
    for f in &ds.family {
        assert!(f.synthetic);
        if let Some(n) = f.nik {
            Nik::parse_with(&n.to_string(), f.birth_date.unwrap(), f.sex.unwrap()).unwrap();
            assert!(niks.insert(n), "family NIK reused");
        }
        assert!(ds.persons.iter().any(|p| p.nik == f.participant));
    }
    // References resolve; memberships are coherent; each has a wage history.
    let employers: HashSet<_> = ds.employers.iter().map(|e| e.npp).collect();
    let sponsors: HashSet<_> = ds.sponsors.iter().map(|s| s.code.clone()).collect();
    let mut kpjs = HashSet::new();
    for m in &ds.memberships {
        m.check().unwrap();
        assert!(kpjs.insert(m.kpj));
        assert!(niks.contains(&m.person));
        if let Some(e) = m.employer {
            assert!(employers.contains(&e));
        }
        if let Some(s) = &m.sponsor {
            assert!(sponsors.contains(s));
        }
        assert!(
            ds.wages
                .iter()
                .any(|w| w.kpj == m.kpj && w.effective_from == m.start)
        );
    }
    for e in &ds.employers {
        assert!(e.legal_name.contains("(sintetis)"), "{}", e.legal_name);
        assert!(regions().exists(&e.region));
    }
    // Employers in all eight kecamatan.
    let kecamatan: HashSet<_> = ds
        .employers
        .iter()
        .filter_map(|e| e.region.at_level(jamsos_domain::RegionLevel::District))
        .collect();
    assert_eq!(kecamatan.len(), 8);
    // Garment workshops in Tambora, 5–20 workers each.
    let mut workers: HashMap<_, usize> = HashMap::new();
    for m in &ds.memberships {
        if let Some(e) = m.employer {
            *workers.entry(e).or_default() += 1;
        }
    }
    let konfeksi: Vec<_> = ds
        .employers
        .iter()
        .filter(|e| e.kbli.as_ref().is_some_and(|k| k.to_string() == "14111"))
        .collect();
    assert!(konfeksi.len() >= 10);
    for k in konfeksi {
        assert!(rc("31.73.04").contains(&k.region));
        assert!((5..=20).contains(&workers[&k.npp]), "{}", workers[&k.npp]);
    }
    // PU and BPU, RT/RW heads paid by Pemprov DKI, PPSU crews.
    let count = |f: &dyn Fn(&jamsos_domain::Membership) -> bool| {
        ds.memberships.iter().filter(|m| f(m)).count()
    };
    assert!(count(&|m| m.segment == Segment::Pu) > 100);
    assert!(count(&|m| m.segment == Segment::Bpu) > 50);
    assert!(
        count(&|m| m.role == Some(CommunityRole::RtHead)
            && m.sponsor
                .as_ref()
                .is_some_and(|s| s.as_str() == "PEMPROV-DKI"))
            >= 56
    );
    assert!(count(&|m| m.role == Some(CommunityRole::RwHead)) >= 8);
    assert!(count(&|m| m.role == Some(CommunityRole::Ppsu)) >= 56);

    // The two deceased participants.
    assert_eq!(ds.deaths.len(), 2);
    let places = [
        ("31.73.05.1003", CommunityRole::RtHead),
        ("31.73.07.1002", CommunityRole::Ppsu),
    ];
    for (death, (village, role)) in ds.deaths.iter().zip(places) {
        let p = ds
            .persons
            .iter()
            .find(|p| p.nik == death.participant)
            .unwrap();
        assert_eq!(p.region, rc(village));
        assert_eq!(p.died_on, Some(death.died_on));
        let m = ds.memberships.iter().find(|m| m.kpj == death.kpj).unwrap();
        assert_eq!((m.role, m.end), (Some(role), Some(death.died_on)));
        let family: Vec<_> = ds
            .family
            .iter()
            .filter(|f| f.participant == p.nik)
            .cloned()
            .collect();
        let params = jamsos_rules::ParamSet::embedded().unwrap();
        let order = determine(&params, &family, death.died_on).unwrap();
        assert_eq!(order.rank, Some(1));
        let heirs: Vec<_> = heir_indexes(&order)
            .into_iter()
            .map(|i| &family[i])
            .collect();
        assert_eq!(
            heirs
                .iter()
                .filter(|f| f.relation == Relation::Spouse)
                .count(),
            1
        );
        let school: Vec<_> = heirs
            .iter()
            .filter(|f| f.relation == Relation::Child)
            .filter(|f| f.education.is_some_and(|e| e.level != EducationLevel::None))
            .collect();
        assert_eq!(school.len(), 2);
    }
}

#[test]
fn generate_is_deterministic_and_valid() {
    let a: Vec<Generated> = generate(2_000, 9).collect();
    assert_eq!(a, generate(2_000, 9).collect::<Vec<_>>());
    assert_ne!(a, generate(2_000, 10).collect::<Vec<_>>());

    let mut niks = HashSet::new();
    let mut kpjs = HashSet::new();
    let mut employers = HashSet::new();
    let mut sponsors = HashSet::new();
    let mut participants = 0;
    let mut provinces = HashSet::new();
    for g in generate(30_000, 1) {
        match g {
            Generated::Employer(e) => assert!(employers.insert(e.npp)),
            Generated::Sponsor(s) => assert!(sponsors.insert(s.code)),
            Generated::Participant(p) => {
                participants += 1;
                let n = p.person.nik;
                assert_eq!(
                    Nik::parse_with(&n.to_string(), p.person.birth_date, p.person.sex).unwrap(),
                    n
                );
                assert!(niks.insert(n), "duplicate NIK");
                assert!(kpjs.insert(p.membership.kpj));
                p.membership.check().unwrap();
                if let Some(e) = p.membership.employer {
                    assert!(
                        employers.contains(&e),
                        "employer emitted before its workers"
                    );
                }
                if let Some(s) = &p.membership.sponsor {
                    assert!(sponsors.contains(s));
                }
                assert!(regions().exists(&p.person.region));
                provinces.insert(
                    p.person
                        .region
                        .at_level(jamsos_domain::RegionLevel::Province),
                );
            }
        }
    }
    assert_eq!(participants, 30_000);
    assert!(
        provinces.len() > 30,
        "spread over Indonesia: {}",
        provinces.len()
    );
}

#[test]
fn generate_within_a_region() {
    let jakbar = rc("31.73");
    let mut n = 0;
    let mut niks = HashSet::new();
    for g in generate_in(jakbar, 20_000, 3).unwrap() {
        if let Generated::Participant(p) = g {
            assert!(jakbar.contains(&p.person.region));
            assert!(niks.insert(p.person.nik));
            n += 1;
        }
    }
    assert_eq!(n, 20_000);
    // A single village works too (every NIK in its one district stays unique).
    let slipi = rc("31.73.07.1002");
    for g in generate_in(slipi, 500, 3).unwrap() {
        if let Generated::Participant(p) = g {
            assert_eq!(p.person.region, slipi);
        }
    }
    assert!(generate_in(rc("31.73.99"), 10, 1).is_err());
}

#[test]
fn synthetic_worker_list_imports_cleanly() {
    use jamsos_domain::Npp;
    use jamsos_domain::demo::worker_list_csv;
    use jamsos_domain::import::{ImportContext, ImportKind, parse};
    let csv = worker_list_csv(3_000, 4);
    let ctx = ImportContext {
        employer: Npp::from_sequence(1),
        sponsor: None,
    };
    let parsed = parse(&csv, ImportKind::Workers, ctx).unwrap();
    assert_eq!(
        (parsed.report.rows_valid, parsed.report.rows_rejected),
        (3_000, 0)
    );
    assert_eq!(parsed.report.errors().count(), 0);
}

#[test]
fn west_jakarta_home_garment_workers_are_sponsored_bpu_in_division_14() {
    let ds = west_jakarta(7);
    let tambora = RegionCode::parse("31.73.04").unwrap();
    let persons: std::collections::HashMap<_, _> = ds.persons.iter().map(|p| (p.nik, p)).collect();
    let garment: Vec<_> = ds
        .memberships
        .iter()
        .filter(|m| m.sector.as_ref().map(|s| s.to_string()).as_deref() == Some("14"))
        .collect();
    assert_eq!(
        garment.len(),
        jamsos_domain::demo::WEST_JAKARTA_HOME_GARMENT_WORKERS
    );
    for m in garment {
        assert_eq!((m.segment, m.employer), (Segment::Bpu, None));
        assert!(m.sponsor.is_some() && m.end.is_none());
        assert!(m.check().is_ok());
        assert!(tambora.contains(&persons[&m.person].region));
    }
    // Nobody else carries a sector of their own (PU takes the employer's KBLI).
    assert!(
        ds.memberships
            .iter()
            .all(|m| m.sector.is_none() || m.segment == Segment::Bpu)
    );
}
