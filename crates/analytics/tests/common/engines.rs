//! Fresh stores on every engine available: SQLite always, PostgreSQL when
//! `JAMSOS_TEST_POSTGRES_URL` is set (scripts/start-postgres.sh prints one), a new database per
//! call so tests never see each other's rows.

use jamsos_store::Store;
use std::sync::atomic::{AtomicU32, Ordering};

#[path = "../../../store/tests/common/pg_sweep.rs"]
mod pg_sweep;

/// A store under test; keeps its temporary directory alive.
pub struct Db {
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// A fresh SQLite store in a temporary directory.
pub async fn sqlite() -> Db {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("a.db").display());
    Db {
        store: Store::connect(&url).await.unwrap(),
        _dir: Some(dir),
    }
}

/// SQLite, then PostgreSQL when configured.
pub async fn engines() -> Vec<Db> {
    let mut out = vec![sqlite().await];
    if let Some(db) = postgres().await {
        out.push(db);
    }
    out
}

async fn postgres() -> Option<Db> {
    let admin = std::env::var("JAMSOS_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    let name = format!(
        "jamsos_a_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        jiff::Timestamp::now().as_microsecond() % 1_000_000_000
    );
    let pool = sqlx::PgPool::connect(&admin).await.unwrap();
    pg_sweep::drop_stale_databases(&pool, "jamsos_a_").await;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let (base, query) = match admin.split_once('?') {
        Some((b, q)) => (b.to_owned(), format!("?{q}")),
        None => (admin.clone(), String::new()),
    };
    let base = base
        .rsplit_once('/')
        .map_or(base.clone(), |(b, _)| b.to_owned());
    Some(Db {
        store: Store::connect(&format!("{base}/{name}{query}"))
            .await
            .unwrap(),
        _dir: None,
    })
}
