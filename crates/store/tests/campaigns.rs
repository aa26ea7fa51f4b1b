//! Migrations 0210 and 0250 and outreach campaigns, on every engine: `coverage_current` stays
//! equal to a recount, and `coverage_rollup` to `coverage_current` cut to province, regency and
//! district, after a script of registry writes that move every part of its key (a BPU sector of
//! its own, an employer's KBLI, a move, an ending, a sector changed in place); campaigns are
//! recorded with their audit entry; an import tagged with a campaign tags exactly the
//! memberships it creates, in its own transaction, and an unknown campaign writes nothing.

mod common;

use common::fixtures::*;
use jamsos_domain::campaign::{CampaignCode, CampaignInput};
use jamsos_domain::model::{CommunityRole, Segment};
use jamsos_domain::{KbliCode, Sex};
use jamsos_rules::Rupiah;
use jamsos_store::audit::AuditFilter;
use jamsos_store::import::{ImportContext, ImportKind, ImportMode, ImportRequest, ImportStatus};
use jamsos_store::{Actor, NewMembership, PersonOutcome, Store, StoreError};
use jiff::civil::date;

/// (region, sector, segment, vulnerable, programs, active)
type Row = (String, String, String, i64, String, i64);

const SUMMARY: &str = "SELECT region_code, sector, segment, \
     CAST(CASE WHEN vulnerable THEN 1 ELSE 0 END AS BIGINT), programs, active \
     FROM coverage_current WHERE active <> 0 ORDER BY 1, 2, 3, 4, 5";

/// The recount: what 0210 says the summary holds, from the memberships themselves.
const RECOUNT: &str = "SELECT COALESCE(p.region_code, ''), COALESCE(m.sector, substr(e.kbli, 1, 2), ''), \
     m.segment, CAST(CASE WHEN m.segment = 'BPU' AND m.sponsor_id IS NOT NULL THEN 1 ELSE 0 END AS BIGINT), \
     m.programs, CAST(count(*) AS BIGINT) \
     FROM memberships m JOIN persons p ON p.id = m.person_id \
     LEFT JOIN employers e ON e.id = m.employer_id \
     WHERE m.end_date IS NULL GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5";

/// (cut length, region, sector, segment, vulnerable, programs, active)
type RollupRow = (i64, String, String, String, i64, String, i64);

const ROLLUP: &str = "SELECT CAST(level_len AS BIGINT), region_code, sector, segment, \
     CAST(CASE WHEN vulnerable THEN 1 ELSE 0 END AS BIGINT), programs, active \
     FROM coverage_rollup WHERE active <> 0 ORDER BY 1, 2, 3, 4, 5, 6";

/// What 0250 says the roll-up holds, from `coverage_current`.
const ROLLUP_RECOUNT: &str = "SELECT CAST(l.level_len AS BIGINT), substr(c.region_code, 1, l.level_len), \
     c.sector, c.segment, CAST(CASE WHEN c.vulnerable THEN 1 ELSE 0 END AS BIGINT), c.programs, \
     CAST(sum(c.active) AS BIGINT) \
     FROM coverage_current c \
     CROSS JOIN (SELECT 2 AS level_len UNION ALL SELECT 5 UNION ALL SELECT 8) l \
     GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(c.active) <> 0 ORDER BY 1, 2, 3, 4, 5, 6";

/// The rows of `sql` on either engine.
async fn rows<T>(db: &common::TestDb, sql: &'static str) -> Vec<T>
where
    T: for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>
        + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
        + Send
        + Unpin,
{
    if db.name == "sqlite" {
        let pool = sqlx::SqlitePool::connect(&db.url).await.unwrap();
        sqlx::query_as(sql).fetch_all(&pool).await.unwrap()
    } else {
        let pool = sqlx::PgPool::connect(&db.url).await.unwrap();
        sqlx::query_as(sql).fetch_all(&pool).await.unwrap()
    }
}

/// A write the registry API does not offer (a sector corrected in place), straight in SQL.
async fn exec(db: &common::TestDb, sql: &'static str) -> Result<u64, sqlx::Error> {
    if db.name == "sqlite" {
        let pool = sqlx::SqlitePool::connect(&db.url).await?;
        Ok(sqlx::query(sql).execute(&pool).await?.rows_affected())
    } else {
        let pool = sqlx::PgPool::connect(&db.url).await?;
        Ok(sqlx::query(sql).execute(&pool).await?.rows_affected())
    }
}

async fn assert_exact(db: &common::TestDb, step: &str) -> Vec<Row> {
    let summary: Vec<Row> = rows(db, SUMMARY).await;
    assert_eq!(
        summary,
        rows(db, RECOUNT).await,
        "{}: after {step}",
        db.name
    );
    let rollup = rows::<RollupRow>(db, ROLLUP).await;
    assert_eq!(
        rollup,
        rows::<RollupRow>(db, ROLLUP_RECOUNT).await,
        "{}: coverage_rollup after {step}",
        db.name
    );
    // Every open membership is counted once at each of the three levels.
    let total: i64 = summary.iter().map(|r| r.5).sum();
    for len in [2, 5, 8] {
        let at: i64 = rollup.iter().filter(|r| r.0 == len).map(|r| r.6).sum();
        assert_eq!(at, total, "{}: level {len} after {step}", db.name);
    }
    summary
}

fn officer() -> Actor {
    Actor::new("test:officer")
}

fn row(region: &str, sector: &str, segment: &str, vulnerable: i64, programs: &str, n: i64) -> Row {
    (
        region.into(),
        sector.into(),
        segment.into(),
        vulnerable,
        programs.into(),
        n,
    )
}

async fn add(
    store: &Store,
    name: &str,
    birth: jiff::civil::Date,
    serial: u16,
) -> jamsos_domain::Nik {
    let p = person(name, birth, Sex::Female, serial);
    let nik = p.nik;
    match store.add_person(&officer(), p, "test").await.unwrap() {
        PersonOutcome::Created { .. } => nik,
        other => panic!("{other:?}"),
    }
}

fn bpu(person: jamsos_domain::Nik, sector: Option<&str>, sponsored: bool) -> NewMembership {
    NewMembership {
        person,
        employer: None,
        segment: Segment::Bpu,
        programs: bpu_programs(),
        start: date(2025, 1, 1),
        sponsor: sponsored.then(|| city_sponsor().code),
        occupation: Some("penjahit rumahan".into()),
        role: sponsored.then_some(CommunityRole::VulnerableWorker),
        initial_amount: Some(Rupiah(1_000_000)),
        sector: sector.map(|s| KbliCode::parse_sector(s).unwrap()),
    }
}

#[tokio::test]
async fn coverage_current_equals_a_recount_after_every_write() {
    for db in common::engines().await {
        let s = &db.store;
        let who = officer();
        s.add_sponsor(&who, city_sponsor()).await.unwrap();
        let mut konfeksi = employer("Konfeksi Maju (sintetis)");
        konfeksi.kbli = Some(KbliCode::parse("14111").unwrap());
        let konfeksi = s.add_employer(&who, konfeksi).await.unwrap();

        let a = add(s, "Ani Lestari", date(1990, 3, 12), 1).await;
        let b = add(s, "Bunga Citra", date(1991, 4, 13), 2).await;
        let c = add(s, "Cici Paramida", date(1992, 5, 14), 3).await;
        let d = add(s, "Dewi Sartika", date(1993, 6, 15), 4).await;
        let v = "31.73.04.1001";
        // Sponsored home garment workers (sector 14, vulnerable), a self-paying BPU with a
        // section, a sponsored BPU without a sector, and a PU garment worker.
        let ma = s
            .open_membership(&who, bpu(a, Some("14"), true))
            .await
            .unwrap();
        s.open_membership(&who, bpu(b, Some("14111"), true))
            .await
            .unwrap();
        s.open_membership(&who, bpu(c, Some("G"), false))
            .await
            .unwrap();
        let md = s.open_membership(&who, bpu(d, None, true)).await.unwrap();
        let pu = NewMembership {
            employer: Some(konfeksi.record.npp),
            segment: Segment::Pu,
            programs: pu_programs(),
            sponsor: None,
            role: None,
            sector: None,
            initial_amount: Some(Rupiah(5_396_761)),
            ..bpu(d, None, false)
        };
        s.open_membership(&who, pu.clone()).await.unwrap();
        assert_eq!(
            assert_exact(&db, "opening").await,
            vec![
                row(v, "", "BPU", 1, "JKK;JKM", 1),
                row(v, "14", "BPU", 1, "JKK;JKM", 2),
                row(v, "14", "PU", 0, "JKK;JKM;JHT;JP", 1),
                row(v, "G", "BPU", 0, "JKK;JKM", 1),
            ],
            "{}",
            db.name
        );
        // The sector is stored and read back.
        let back = s.membership(ma.record.kpj).await.unwrap().unwrap();
        assert_eq!(
            back.record.sector.map(|k| k.to_string()).as_deref(),
            Some("14")
        );
        // A PU membership cannot carry a sector of its own (the employer's KBLI gives it).
        let bad = NewMembership {
            sector: Some(KbliCode::parse_sector("47").unwrap()),
            ..pu.clone()
        };
        assert!(matches!(
            s.open_membership(&who, bad).await,
            Err(StoreError::Invalid {
                field: "sector",
                ..
            })
        ));
        assert!(
            exec(
                &db,
                "UPDATE memberships SET sector = '47' WHERE segment = 'PU'"
            )
            .await
            .is_err(),
            "{}: the CHECK refuses a sector next to an employer",
            db.name
        );

        // The employer's KBLI changes: only its PU worker moves.
        let mut e = konfeksi.record.clone();
        e.kbli = Some(KbliCode::parse("47111").unwrap());
        s.update_employer(&who, konfeksi.version, e).await.unwrap();
        assert_exact(&db, "employer KBLI change").await;

        // Ani moves to Jembatan Besi: her sector-14 membership goes with her.
        let ani = s
            .find_persons(&jamsos_store::PersonQuery::Nik(a), 1)
            .await
            .unwrap()
            .remove(0);
        let mut moved = ani.record.clone();
        moved.region = region("31.73.04.1005");
        s.update_person(&who, ani.id, ani.version, moved)
            .await
            .unwrap();
        assert_exact(&db, "a move").await;
        // Bunga moves to Bandung: another province, regency and district.
        let bunga = s
            .find_persons(&jamsos_store::PersonQuery::Nik(b), 1)
            .await
            .unwrap()
            .remove(0);
        let mut moved = bunga.record.clone();
        moved.region = region("32.73.01.1002");
        s.update_person(&who, bunga.id, bunga.version, moved)
            .await
            .unwrap();
        let after = assert_exact(&db, "a move to another province").await;
        assert!(after.iter().any(|r| r.0 == "32.73.01.1002" && r.5 == 1));
        // A hand-made correction of coverage_current's key itself moves its roll-up too.
        exec(
            &db,
            "UPDATE coverage_current SET region_code = '32.73.01.1001' \
             WHERE region_code = '32.73.01.1002'",
        )
        .await
        .unwrap();
        let rollup = rows::<RollupRow>(&db, ROLLUP).await;
        assert_eq!(
            rollup,
            rows::<RollupRow>(&db, ROLLUP_RECOUNT).await,
            "{}",
            db.name
        );
        exec(
            &db,
            "UPDATE coverage_current SET region_code = '32.73.01.1002' \
             WHERE region_code = '32.73.01.1001'",
        )
        .await
        .unwrap();
        assert_exact(&db, "the correction undone").await;
        let bunga = s
            .find_persons(&jamsos_store::PersonQuery::Nik(b), 1)
            .await
            .unwrap()
            .remove(0);
        let mut back = bunga.record.clone();
        back.region = region(v);
        s.update_person(&who, bunga.id, bunga.version, back)
            .await
            .unwrap();
        assert_exact(&db, "a move back").await;

        // A sector corrected in place, then an ending.
        exec(
            &db,
            "UPDATE memberships SET sector = '13' WHERE sector = 'G'",
        )
        .await
        .unwrap();
        assert_exact(&db, "a sector change").await;
        s.end_membership(&who, md.record.kpj, md.version, date(2025, 6, 30), "test")
            .await
            .unwrap();
        s.end_membership(&who, ma.record.kpj, ma.version, date(2025, 6, 30), "test")
            .await
            .unwrap();

        // A sponsored import with a sector column.
        let e_nik = nik(date(1994, 7, 16), Sex::Female, 5);
        let csv = format!(
            "nik,name,birth_date,sex,region_code,occupation,declared_income,start_date,sektor\n\
             {e_nik},Eka Susanti,1994-07-16,P,{v},penjahit rumahan,1000000,2025-02-01,14\n"
        );
        let out = s
            .import_file(&who, sponsored(csv.into_bytes()), &|_| {})
            .await
            .unwrap();
        assert!(
            matches!(out.status, ImportStatus::Applied { .. }),
            "{out:?}"
        );
        // Hand-checked: Bunga and Eka are the open sponsored garment workers in 1001; Ani's
        // ended, Dewi's sponsored BPU ended, Cici's is now division 13, Dewi's PU is in 47.
        assert_eq!(
            assert_exact(&db, "endings and an import").await,
            vec![
                row(v, "13", "BPU", 0, "JKK;JKM", 1),
                row(v, "14", "BPU", 1, "JKK;JKM", 2),
                row(v, "47", "PU", 0, "JKK;JKM;JHT;JP", 1),
            ],
            "{}",
            db.name
        );
    }
}

fn sponsored(bytes: Vec<u8>) -> ImportRequest {
    ImportRequest {
        kind: ImportKind::Sponsored,
        context: ImportContext {
            employer: None,
            sponsor: Some(city_sponsor().code),
        },
        mode: ImportMode::AllOrNothing,
        file_name: "rentan.csv".into(),
        bytes,
    }
}

fn tambora_campaign() -> CampaignInput {
    CampaignInput {
        code: "tambora-konveksi-2025".into(),
        name: "Konveksi Terlindungi Tambora".into(),
        region_code: "31.73.04".into(),
        sector: Some("14".into()),
        partner: "Forum RW Kalianyar".into(),
        role: "community".into(),
        start: "2025-06".into(),
        end: None,
    }
}

#[tokio::test]
async fn campaigns_are_recorded_and_tag_what_an_import_creates() {
    for db in common::engines().await {
        let s = &db.store;
        let who = officer();
        s.add_sponsor(&who, city_sponsor()).await.unwrap();
        let c = s
            .create_campaign(&who, tambora_campaign().validate().unwrap())
            .await
            .unwrap();
        assert_eq!(c.record.code.as_str(), "tambora-konveksi-2025");
        let again = s
            .create_campaign(&who, tambora_campaign().validate().unwrap())
            .await;
        assert!(matches!(
            again,
            Err(StoreError::Duplicate {
                entity: "campaign",
                ..
            })
        ));
        let audit = s
            .audit_list(&AuditFilter {
                entity: Some("campaign".into()),
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        assert_eq!(audit.len(), 1, "{}", db.name);
        assert_eq!(audit[0].action, "campaign.create");

        let nik1 = nik(date(1994, 7, 16), Sex::Female, 5);
        let nik2 = nik(date(1995, 8, 17), Sex::Female, 6);
        let v = "31.73.04.1001";
        let csv = format!(
            "nik,name,birth_date,sex,region_code,occupation,declared_income,start_date,sector\n\
             {nik1},Eka Susanti,1994-07-16,P,{v},penjahit rumahan,1000000,2025-07-01,14\n\
             {nik2},Fitri Handayani,1995-08-17,P,{v},penjahit rumahan,1000000,2025-07-01,14\n"
        );
        // An unknown campaign: a clear error, nothing written.
        let nope = CampaignCode::parse("no-such-campaign").unwrap();
        let err = s
            .import_file_tagged(
                &who,
                sponsored(csv.clone().into_bytes()),
                Some(&nope),
                &|_| {},
            )
            .await
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid { field: "campaign", message } if message.contains("no-such-campaign")),
            "{err:?}"
        );
        assert!(
            s.import_by_hash(&jamsos_store::import::file_sha256(csv.as_bytes()))
                .await
                .unwrap()
                .is_none()
        );
        assert!(rows::<Row>(&db, RECOUNT).await.is_empty());

        let code = c.record.code.clone();
        let out = s
            .import_file_tagged(
                &who,
                sponsored(csv.clone().into_bytes()),
                Some(&code),
                &|_| {},
            )
            .await
            .unwrap();
        assert_eq!(
            (out.counts.memberships_created, out.counts.campaign_tagged),
            (2, 2)
        );
        let listed = s.campaigns().await.unwrap();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].enrolments, 2, "{}", db.name);

        // A second file repeating one person with a new one: only the new membership is tagged.
        let nik3 = nik(date(1996, 9, 18), Sex::Female, 7);
        let csv2 = format!(
            "nik,name,birth_date,sex,region_code,occupation,declared_income,start_date\n\
             {nik1},Eka Susanti,1994-07-16,P,{v},penjahit rumahan,1000000,2025-07-01\n\
             {nik3},Gita Gutawa,1996-09-18,P,{v},penjahit rumahan,1000000,2025-08-01\n"
        );
        let out = s
            .import_file_tagged(&who, sponsored(csv2.into_bytes()), Some(&code), &|_| {})
            .await
            .unwrap();
        assert_eq!(
            (out.counts.memberships_created, out.counts.campaign_tagged),
            (1, 1)
        );
        assert_eq!(s.campaign(&code).await.unwrap().enrolments, 3);
        let imports = s
            .audit_list(&AuditFilter {
                entity: Some("import".into()),
                ..AuditFilter::default()
            })
            .await
            .unwrap();
        assert!(imports.iter().all(|e| {
            e.after
                .as_ref()
                .is_some_and(|a| a["campaign"] == "tambora-konveksi-2025")
        }));
    }
}
