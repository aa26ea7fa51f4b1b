//! Registry conformance: employers, persons (conflicts and near-duplicates), memberships,
//! wages, family — on SQLite and, when configured, PostgreSQL.

mod common;

use common::fixtures::*;
use jamsos_domain::Sex;
use jamsos_domain::heirs::{determine, heir_indexes};
use jamsos_domain::model::{Education, EducationLevel, FamilyMember, Relation, WageKind};
use jamsos_rules::Rupiah;
use jamsos_rules::results::Segment;
use jamsos_store::audit::AuditFilter;
use jamsos_store::{Actor, NewMembership, PersonOutcome, PersonQuery, StoreError};
use jiff::civil::date;

fn officer() -> Actor {
    Actor::new("test:officer")
}

#[tokio::test]
async fn employers_get_unique_generated_npps_and_audited_updates() {
    for db in common::engines().await {
        let s = &db.store;
        let a = s
            .add_employer(&officer(), employer("CV Garmen Tambora"))
            .await
            .unwrap();
        let b = s
            .add_employer(&officer(), employer("PT Konveksi Jaya"))
            .await
            .unwrap();
        assert_eq!(a.record.npp.to_string(), "10000001", "{}", db.name);
        assert_eq!(b.record.npp.to_string(), "10000002", "{}", db.name);

        let mut changed = a.record.clone();
        changed.legal_name = "CV Garmen Tambora Sejahtera".into();
        let updated = s
            .update_employer(&officer(), a.version, changed.clone())
            .await
            .unwrap();
        assert_eq!(updated.version, 2);
        // A second writer still holding version 1 is refused, not silently overwriting.
        let err = s.update_employer(&officer(), 1, changed).await.unwrap_err();
        assert!(
            matches!(err, StoreError::Conflict { .. }),
            "{}: {err}",
            db.name
        );

        let log = s
            .audit_list(&AuditFilter {
                entity: Some("employer".into()),
                entity_id: Some("10000001".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        let actions: Vec<_> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(
            actions,
            ["employer.create", "employer.update"],
            "{}",
            db.name
        );
        let upd = log.last().unwrap();
        assert_eq!(
            upd.before.as_ref().unwrap()["legal_name"],
            "CV Garmen Tambora"
        );
        assert_eq!(
            upd.after.as_ref().unwrap()["legal_name"],
            "CV Garmen Tambora Sejahtera"
        );
        assert_eq!(upd.after.as_ref().unwrap()["version"], 2);
        assert_eq!(upd.actor, "test:officer");
        assert_eq!(
            s.employers(Some(&region("31.73")), 10, 0)
                .await
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            s.employers(Some(&region("31.71")), 10, 0)
                .await
                .unwrap()
                .len(),
            0
        );
    }
}

#[tokio::test]
async fn same_nik_same_person_is_recognised_different_details_open_a_review() {
    for db in common::engines().await {
        let s = &db.store;
        let created = s.add_person(&officer(), siti(), "test").await.unwrap();
        let PersonOutcome::Created {
            person,
            near_duplicates,
        } = created
        else {
            panic!("{created:?}")
        };
        assert!(near_duplicates.is_empty());

        // Same NIK, same facts (different spacing and case): the same person.
        let mut again = siti();
        again.name = "  SITI   aminah ".into();
        let out = s.add_person(&officer(), again, "test").await.unwrap();
        assert!(
            matches!(out, PersonOutcome::Existing { ref person } if person.id == person.id),
            "{}",
            db.name
        );

        // Same NIK, another name: not merged, not overwritten; a review is opened.
        let mut other = siti();
        other.name = "Sri Wahyuni".into();
        let out = s.add_person(&officer(), other, "upload.csv").await.unwrap();
        let PersonOutcome::Conflict {
            existing,
            review_id,
        } = out
        else {
            panic!("{out:?}")
        };
        assert_eq!(existing.record.name, "Siti Aminah");
        let reviews = s.reviews("open", 10).await.unwrap();
        assert_eq!(reviews.len(), 1, "{}", db.name);
        assert_eq!(reviews[0].id, review_id);
        assert_eq!(reviews[0].kind, "nik_conflict");
        assert!(reviews[0].claimed.contains("Sri Wahyuni"));
        let stored = s.person(person.id).await.unwrap().unwrap();
        assert_eq!(stored.record.name, "Siti Aminah");

        s.resolve_review(
            &officer(),
            review_id,
            "KTP checked: data entry error at the employer",
        )
        .await
        .unwrap();
        assert!(s.reviews("open", 10).await.unwrap().is_empty());
    }
}

#[tokio::test]
async fn same_name_and_birth_date_under_another_nik_is_flagged_not_merged() {
    for db in common::engines().await {
        let s = &db.store;
        s.add_person(&officer(), siti(), "test").await.unwrap();
        let twin = person("Siti Aminah", date(1990, 3, 12), Sex::Female, 77);
        let out = s.add_person(&officer(), twin, "test").await.unwrap();
        let PersonOutcome::Created {
            person,
            near_duplicates,
        } = out
        else {
            panic!("{out:?}")
        };
        assert_eq!(near_duplicates.len(), 1, "{}", db.name);
        let r = &s.reviews("open", 10).await.unwrap()[0];
        assert_eq!(
            (r.kind.as_str(), r.person_id),
            ("near_duplicate", person.id)
        );
        assert_eq!(
            s.find_persons(&PersonQuery::Name("siti".into()), 10)
                .await
                .unwrap()
                .len(),
            2
        );
    }
}

#[tokio::test]
async fn a_nik_that_contradicts_the_birth_date_or_sex_is_refused() {
    for db in common::engines().await {
        let s = &db.store;
        let mut p = siti();
        p.birth_date = date(1990, 3, 13);
        let err = s.add_person(&officer(), p, "test").await.unwrap_err();
        assert!(
            matches!(err, StoreError::Invalid { field: "nik", .. }),
            "{err}"
        );
        let mut p = siti();
        p.sex = Sex::Male;
        assert!(s.add_person(&officer(), p, "test").await.is_err());
        assert!(
            s.find_persons(&PersonQuery::Name("siti".into()), 10)
                .await
                .unwrap()
                .is_empty()
        );
    }
}

#[tokio::test]
async fn memberships_wages_and_corrections_keep_history() {
    for db in common::engines().await {
        let s = &db.store;
        let e = s
            .add_employer(&officer(), employer("CV Garmen Tambora"))
            .await
            .unwrap();
        s.add_person(&officer(), budi(), "test").await.unwrap();
        let nik = budi().nik;
        let m = s
            .open_membership(
                &officer(),
                NewMembership {
                    person: nik,
                    employer: Some(e.record.npp),
                    segment: Segment::Pu,
                    programs: pu_programs(),
                    start: date(2024, 1, 1),
                    sponsor: None,
                    occupation: Some("penjahit".into()),
                    role: None,
                    initial_amount: Some(Rupiah(5_067_381)),
                    sector: None,
                },
            )
            .await
            .unwrap();
        assert_eq!(m.record.kpj.to_string(), "10000000001", "{}", db.name);
        let kpj = m.record.kpj;

        s.set_wage(
            &officer(),
            kpj,
            date(2025, 1, 1),
            Rupiah(5_396_761),
            "UMP 2025",
        )
        .await
        .unwrap();
        // A correction of the 2025 period: the wrong row stays, superseded.
        s.set_wage(
            &officer(),
            kpj,
            date(2025, 1, 1),
            Rupiah(5_400_000),
            "payroll correction",
        )
        .await
        .unwrap();

        let current = s.wage_history(kpj, false).await.unwrap();
        assert_eq!(current.len(), 2, "{}", db.name);
        assert_eq!(current[0].effective_to, Some(date(2024, 12, 31)));
        assert_eq!(current[1].amount, Rupiah(5_400_000));
        assert_eq!(current[1].effective_to, None);
        assert_eq!(current[0].kind, WageKind::Wage);
        let all = s.wage_history(kpj, true).await.unwrap();
        assert_eq!(all.len(), 3);
        let old = all.iter().find(|w| w.amount == Rupiah(5_396_761)).unwrap();
        assert!(old.superseded_at.is_some());
        assert_eq!(current[1].supersedes, Some(old.id));

        assert_eq!(
            s.wage_on(kpj, date(2024, 6, 30)).await.unwrap(),
            Some(Rupiah(5_067_381))
        );
        assert_eq!(
            s.wage_on(kpj, date(2025, 2, 1)).await.unwrap(),
            Some(Rupiah(5_400_000))
        );
        assert_eq!(s.wage_on(kpj, date(2023, 12, 31)).await.unwrap(), None);
        let log = s
            .audit_list(&AuditFilter {
                entity: Some("membership".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        let actions: Vec<_> = log.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["membership.open", "wage.set", "wage.correct"]);
        assert_eq!(log[2].before.as_ref().unwrap()["amount"], 5_396_761);

        let ended = s
            .end_membership(&officer(), kpj, m.version, date(2025, 6, 30), "resigned")
            .await
            .unwrap();
        assert_eq!(ended.record.end, Some(date(2025, 6, 30)));
        assert!(
            s.set_wage(&officer(), kpj, date(2025, 7, 1), Rupiah(1), "late")
                .await
                .is_err()
        );
        assert_eq!(s.memberships_of(nik).await.unwrap().len(), 1);
        assert_eq!(
            s.find_persons(&PersonQuery::Kpj(kpj), 5).await.unwrap()[0]
                .record
                .nik,
            nik
        );
    }
}

#[tokio::test]
async fn bpu_with_sponsor_and_segment_rules() {
    for db in common::engines().await {
        let s = &db.store;
        let sponsor = s.add_sponsor(&officer(), city_sponsor()).await.unwrap();
        s.add_person(&officer(), siti(), "test").await.unwrap();
        let e = s
            .add_employer(&officer(), employer("CV Garmen"))
            .await
            .unwrap();
        let base = NewMembership {
            person: siti().nik,
            employer: None,
            segment: Segment::Bpu,
            programs: bpu_programs(),
            start: date(2026, 1, 1),
            sponsor: Some(sponsor.record.code.clone()),
            occupation: Some("ketua RT".into()),
            role: None,
            initial_amount: Some(Rupiah(1_000_000)),
            sector: None,
        };
        let m = s.open_membership(&officer(), base.clone()).await.unwrap();
        assert_eq!(
            m.record.sponsor.as_ref().map(|c| c.as_str()),
            Some("PEMKOT-JAKBAR")
        );
        assert_eq!(
            s.wage_history(m.record.kpj, false).await.unwrap()[0].kind,
            WageKind::DeclaredIncome
        );

        // BPU with an employer, PU without one: refused, nothing written.
        let mut bad = base.clone();
        bad.employer = Some(e.record.npp);
        bad.sponsor = None;
        assert!(matches!(
            s.open_membership(&officer(), bad).await,
            Err(StoreError::Invalid { .. })
        ));
        let mut bad = base.clone();
        bad.segment = Segment::Pu;
        bad.sponsor = None;
        assert!(matches!(
            s.open_membership(&officer(), bad).await,
            Err(StoreError::Invalid { .. })
        ));
        assert_eq!(
            s.memberships_of(siti().nik).await.unwrap().len(),
            1,
            "{}",
            db.name
        );
        // A duplicate sponsor code is a clear error.
        assert!(matches!(
            s.add_sponsor(&officer(), city_sponsor()).await,
            Err(StoreError::Duplicate { .. })
        ));
    }
}

#[tokio::test]
async fn family_members_feed_the_heir_order() {
    for db in common::engines().await {
        let s = &db.store;
        s.add_person(&officer(), budi(), "test").await.unwrap();
        let participant = budi().nik;
        let member = |relation, name: &str, birth| FamilyMember {
            participant,
            nik: None,
            name: name.into(),
            relation,
            sex: None,
            birth_date: Some(birth),
            education: None,
            married: false,
            working: false,
            alive: true,
            notarial_will: false,
            synthetic: true,
        };
        s.add_family_member(
            &officer(),
            member(Relation::Parent, "Sukarti", date(1960, 1, 1)),
        )
        .await
        .unwrap();
        let mut child = member(Relation::Child, "Rani", date(2015, 5, 5));
        child.education = Some(Education {
            level: EducationLevel::Sd,
            grade: Some(5),
        });
        let child = s.add_family_member(&officer(), child).await.unwrap();
        s.add_family_member(
            &officer(),
            member(Relation::Spouse, "Wati", date(1988, 2, 2)),
        )
        .await
        .unwrap();

        let family: Vec<_> = s
            .family_of(participant)
            .await
            .unwrap()
            .into_iter()
            .map(|f| f.record)
            .collect();
        assert_eq!(family.len(), 3, "{}", db.name);
        assert_eq!(
            family[1].education,
            Some(Education {
                level: EducationLevel::Sd,
                grade: Some(5)
            })
        );
        let params = jamsos_rules::ParamSet::embedded().unwrap();
        let order = determine(&params, &family, date(2026, 2, 1)).unwrap();
        assert_eq!(order.rank, Some(1), "spouse and children");
        assert_eq!(heir_indexes(&order), vec![1, 2]);

        let mut moved_up = child.record.clone();
        moved_up.education = Some(Education {
            level: EducationLevel::Sd,
            grade: Some(6),
        });
        let updated = s
            .update_family_member(&officer(), child.id, child.version, moved_up)
            .await
            .unwrap();
        assert_eq!(updated.version, 2);
    }
}

#[tokio::test]
async fn a_failure_mid_write_leaves_nothing() {
    for db in common::engines().await {
        // Make the audit append (the last step of every write) fail for employer creation.
        let trap = if db.name == "sqlite" {
            "CREATE TRIGGER trap BEFORE INSERT ON audit_log WHEN NEW.action = 'employer.create' \
             BEGIN SELECT RAISE(ABORT, 'trap'); END;"
        } else {
            "CREATE FUNCTION trap() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN \
               IF NEW.action = 'employer.create' THEN RAISE EXCEPTION 'trap'; END IF; RETURN NEW; END; $$; \
             CREATE TRIGGER trap BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION trap();"
        };
        common::raw(&db, trap).await;
        let err = db
            .store
            .add_employer(&officer(), employer("CV Gagal"))
            .await
            .unwrap_err();
        assert!(err.to_string().contains("trap"), "{}: {err}", db.name);
        assert!(
            db.store.employers(None, 10, 0).await.unwrap().is_empty(),
            "{}",
            db.name
        );
        let untrap = if db.name == "sqlite" {
            "DROP TRIGGER trap"
        } else {
            "DROP TRIGGER trap ON audit_log"
        };
        common::raw(&db, untrap).await;
        // The NPP reserved by the failed write was rolled back with it.
        let e = db
            .store
            .add_employer(&officer(), employer("CV Berhasil"))
            .await
            .unwrap();
        assert_eq!(e.record.npp.to_string(), "10000001", "{}", db.name);
        assert!(db.store.audit_verify().await.unwrap().is_intact());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_writers_keep_the_chain_linear_and_numbers_unique() {
    for db in common::engines().await {
        let mut tasks = Vec::new();
        for i in 0..16 {
            let store = db.store.clone();
            tasks.push(tokio::spawn(async move {
                store
                    .add_employer(&officer(), employer(&format!("CV Serentak {i}")))
                    .await
            }));
        }
        let mut npps = Vec::new();
        for t in tasks {
            npps.push(t.await.unwrap().unwrap().record.npp);
        }
        npps.sort();
        npps.dedup();
        assert_eq!(npps.len(), 16, "{}", db.name);
        let report = db.store.audit_verify().await.unwrap();
        assert!(report.is_intact(), "{}: {:?}", db.name, report.broken);
        assert_eq!(report.entries, 16);
    }
}
