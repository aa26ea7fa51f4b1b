//! Rolling `coverage_current` up to the table's level in SQL (`enrolled_current_at`) gives the
//! same coverage tables as reading every village row (`enrolled_current`), at every level,
//! nationally and inside West Jakarta, on the West Jakarta demo registry.

use jamsos_analytics::coverage::{self, CoverageQuery};
use jamsos_analytics::db::AnalyticsDb;
use jamsos_analytics::region::{Kemendagri, RegionKey};
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Level, Month};
use jamsos_store::{Actor, Store};

#[tokio::test]
async fn rolled_up_reads_give_the_same_tables() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("c.db").display());
    let store = Store::connect(&url).await.unwrap();
    store
        .seed_demo(&Actor::new("test"), &jamsos_domain::demo::west_jakarta(1))
        .await
        .unwrap();
    let db = AnalyticsDb::of_store(&store).unwrap();
    let month = Month::parse("2026-03").unwrap();
    let names = Kemendagri::embedded();
    let jakbar = RegionKey::parse("31.73").unwrap();
    let tambora = RegionKey::parse("31.73.04").unwrap();
    let mut compared = 0;
    for within in [None, Some(&jakbar), Some(&tambora)] {
        let all = db.enrolled_current(within, month).await.unwrap();
        assert!(!all.is_empty());
        for level in [
            Level::Province,
            Level::Regency,
            Level::District,
            Level::Village,
        ] {
            let rolled = db.enrolled_current_at(within, month, level).await.unwrap();
            if within.is_none() && level == Level::Province {
                assert!(
                    rolled.len() * 10 < all.len(),
                    "{} vs {}",
                    rolled.len(),
                    all.len()
                );
            }
            for policy in [Policy::none(), Policy::city_analyst(5)] {
                let mut q = CoverageQuery::new(month, level);
                q.within = within.cloned();
                q.policy = policy;
                q.by_sector = true;
                let a = coverage::coverage(&q, &[], &all, &names);
                let b = coverage::coverage(&q, &[], &rolled, &names);
                assert_eq!(
                    serde_json::to_value(&a).unwrap(),
                    serde_json::to_value(&b).unwrap(),
                    "{within:?} {level:?}"
                );
                compared += 1;
            }
        }
    }
    assert_eq!(compared, 24);
}
