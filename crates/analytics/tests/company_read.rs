//! A national read of company data (id ranges; JSON batches on SQLite) gives the same rows, in
//! the same order, as the per-region read, names with quotes, commas and non-ASCII included.

use jamsos_analytics::db::AnalyticsDb;
use jamsos_analytics::region::RegionKey;
use jamsos_store::{Actor, Store};

const COMPANIES: &str = "nib,name,region_code,kbli,reported_workers,average_wage,npp
9120000000001,\"CV \"\"Garmen\"\" Tambora, Jaya\",31.73.04.1001,14111,20,6000000,
,Konveksi Maju Ñusantara \\ Ltd,31.73.04.1002,14111,8,5000000,
9120000000003,Toko Sembako,31.71.01.1001,47111,3,4100000,
";

#[tokio::test]
async fn national_and_regional_reads_agree() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("r.db").display());
    let store = Store::connect(&url).await.unwrap();
    let db = AnalyticsDb::of_store(&store).unwrap();
    db.import_companies(COMPANIES.as_bytes(), "c.csv", &Actor::new("test"))
        .await
        .unwrap();
    let all = db.companies(None).await.unwrap();
    let dki = db
        .companies(Some(&RegionKey::parse("31").unwrap()))
        .await
        .unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all, dki);
    assert_eq!(all[0].name, "CV \"Garmen\" Tambora, Jaya");
    assert_eq!(all[1].nib, None);
    assert_eq!(all[1].name, "Konveksi Maju Ñusantara \\ Ltd");
}
