//! Demo data: the West Jakarta seed and generated populations load through the bulk writer,
//! idempotently, on both engines.

mod common;

use jamsos_domain::demo::{GenerateOptions, west_jakarta};
use jamsos_domain::heirs::determine;
use jamsos_store::import::ImportStatus;
use jamsos_store::{Actor, PersonQuery};

#[tokio::test]
async fn west_jakarta_seeds_once_with_its_two_deceased_participants_and_their_heirs() {
    let dataset = west_jakarta(1);
    for db in common::engines().await {
        let s = &db.store;
        let actor = Actor::new("test:demo");
        let out = s.seed_demo(&actor, &dataset).await.unwrap();
        assert!(
            matches!(out.status, ImportStatus::Applied { .. }),
            "{}",
            db.name
        );
        assert_eq!(
            out.counts.persons_created as usize,
            dataset.persons.len(),
            "{}",
            db.name
        );
        assert_eq!(
            out.counts.memberships_created as usize,
            dataset.memberships.len()
        );
        assert_eq!(out.counts.wages_created as usize, dataset.wages.len());
        assert_eq!(out.counts.rejected, 0);
        assert_eq!(out.family_members as usize, dataset.family.len());
        assert_eq!(dataset.deaths.len(), 2);
        for death in &dataset.deaths {
            let p = &s
                .find_persons(&PersonQuery::Nik(death.participant), 1)
                .await
                .unwrap()[0];
            assert_eq!(p.record.died_on, Some(death.died_on));
            let m = s.membership(death.kpj).await.unwrap().unwrap();
            assert_eq!(m.record.end, Some(death.died_on));
            let family: Vec<_> = s
                .family_of(death.participant)
                .await
                .unwrap()
                .into_iter()
                .map(|f| f.record)
                .collect();
            assert!(
                !determine(
                    &jamsos_rules::ParamSet::embedded().unwrap(),
                    &family,
                    death.died_on
                )
                .unwrap()
                .heirs
                .is_empty(),
                "{}: heirs of a deceased participant",
                db.name
            );
        }
        // New registrations continue after the seeded numbers.
        let again = s.seed_demo(&actor, &dataset).await.unwrap();
        assert!(matches!(again.status, ImportStatus::AlreadyImported { .. }));
        let e = s
            .add_employer(&actor, common::fixtures::employer("CV Baru"))
            .await
            .unwrap();
        assert!(dataset.employers.iter().all(|d| d.npp != e.record.npp));
        assert!(s.audit_verify().await.unwrap().is_intact());
    }
}

#[tokio::test]
async fn generated_populations_load_deterministically() {
    for db in common::engines().await {
        let s = &db.store;
        let actor = Actor::new("test:bench");
        let out = s
            .generate_demo(&actor, GenerateOptions::new(3_000, 7), &|_| {})
            .await
            .unwrap();
        assert!(
            matches!(out.status, ImportStatus::Applied { .. }),
            "{}",
            db.name
        );
        assert_eq!(out.counts.persons_created, 3_000, "{}", db.name);
        assert_eq!(out.counts.memberships_created, 3_000);
        assert!(out.employers > 0);
        let again = s
            .generate_demo(&actor, GenerateOptions::new(3_000, 7), &|_| {})
            .await
            .unwrap();
        assert!(matches!(again.status, ImportStatus::AlreadyImported { .. }));
    }
}

#[tokio::test]
async fn active_participants_agree_with_the_seeded_dataset() {
    use jamsos_store::stats::ActiveFilter;
    let dataset = west_jakarta(1);
    let open: Vec<_> = dataset
        .memberships
        .iter()
        .filter(|m| m.end.is_none())
        .collect();
    for db in common::engines().await {
        let s = &db.store;
        s.seed_demo(&Actor::new("test:demo"), &dataset)
            .await
            .unwrap();
        let all = s.active_participants(&ActiveFilter::All).await.unwrap();
        assert_eq!(all.total as usize, open.len(), "{}", db.name);
        let pu = open.iter().filter(|m| m.segment.code() == "PU").count();
        assert_eq!(all.by_segment.get("PU").copied().unwrap_or(0) as usize, pu);
        // JKK and JKM are compulsory: every open membership holds both.
        assert_eq!(all.by_program["JKK"], all.total, "{}", db.name);
        assert_eq!(all.by_program["JKM"], all.total);
        let jp = open
            .iter()
            .filter(|m| m.programs.to_string().split(';').any(|p| p == "JP"))
            .count();
        assert_eq!(all.by_program.get("JP").copied().unwrap_or(0) as usize, jp);
        // The whole dataset lives in West Jakarta; nobody in Central Jakarta.
        let jakbar = jamsos_domain::RegionCode::parse("31.73").unwrap();
        let region = s
            .active_participants(&ActiveFilter::Region(jakbar))
            .await
            .unwrap();
        let residents = open
            .iter()
            .filter(|m| {
                dataset
                    .persons
                    .iter()
                    .any(|p| p.nik == m.person && p.region.to_string().starts_with("31.73."))
            })
            .count();
        assert_eq!(region.total as usize, residents, "{}", db.name);
        let jakpus = jamsos_domain::RegionCode::parse("31.71").unwrap();
        let none = s
            .active_participants(&ActiveFilter::Region(jakpus))
            .await
            .unwrap();
        assert!(none.total <= all.total - region.total);
        // A district (read from the roll-up) and one of its villages (from coverage_current).
        for code in ["31.73.04", "31.73.04.1001"] {
            let counted = s
                .active_participants(&ActiveFilter::Region(
                    jamsos_domain::RegionCode::parse(code).unwrap(),
                ))
                .await
                .unwrap();
            let expected = open
                .iter()
                .filter(|m| {
                    dataset.persons.iter().any(|p| {
                        p.nik == m.person && {
                            let r = p.region.to_string();
                            r == code || r.starts_with(&format!("{code}."))
                        }
                    })
                })
                .count();
            assert!(expected > 0, "{code}");
            assert_eq!(counted.total as usize, expected, "{} {code}", db.name);
        }
        let first = &dataset.employers[0];
        let at_first = open
            .iter()
            .filter(|m| m.employer == Some(first.npp))
            .count();
        let emp = s
            .active_participants(&ActiveFilter::Employer(first.npp))
            .await
            .unwrap();
        assert_eq!(emp.total as usize, at_first, "{}", db.name);
        assert!(at_first > 0);
    }
}
