//! Test kit for the conformance suite: every test runs against a fresh SQLite file and, when
//! `JAMSOS_TEST_POSTGRES_URL` is set (scripts/start-postgres.sh prints one), against a fresh
//! PostgreSQL database created for that test alone.

#![allow(dead_code)]

pub mod fixtures;
pub mod pg_sweep;

use jamsos_store::Store;
use std::sync::atomic::{AtomicU32, Ordering};

/// A store under test; keeps its temporary directory alive.
pub struct TestDb {
    pub name: &'static str,
    pub url: String,
    pub store: Store,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

/// Fresh databases on every engine available: SQLite always, PostgreSQL when configured.
pub async fn engines() -> Vec<TestDb> {
    let mut out = vec![sqlite().await];
    if let Some(db) = postgres().await {
        out.push(db);
    }
    out
}

pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}?mode=rwc", dir.path().join("t.db").display());
    let store = Store::connect(&url).await.expect("connect sqlite");
    TestDb {
        name: "sqlite",
        url,
        store,
        _dir: Some(dir),
    }
}

pub async fn postgres() -> Option<TestDb> {
    let admin_url = std::env::var("JAMSOS_TEST_POSTGRES_URL")
        .ok()
        .filter(|u| !u.is_empty())?;
    let name = format!(
        "jamsos_t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        jiff::Timestamp::now().as_microsecond() % 1_000_000_000
    );
    let admin = sqlx::PgPool::connect(&admin_url)
        .await
        .expect("connect postgres admin URL");
    pg_sweep::drop_stale_databases(&admin, "jamsos_t_").await;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&admin)
        .await
        .expect("create test database");
    admin.close().await;
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b.to_owned(), format!("?{q}")),
        None => (admin_url.clone(), String::new()),
    };
    let base = base
        .rsplit_once('/')
        .map(|(b, _)| b.to_owned())
        .unwrap_or(base);
    let url = format!("{base}/{name}{query}");
    let store = Store::connect(&url)
        .await
        .expect("connect postgres test database");
    Some(TestDb {
        name: "postgres",
        url,
        store,
        _dir: None,
    })
}

/// Runs raw SQL against a test database (tamper tests).
pub async fn raw(db: &TestDb, sql: &str) {
    if db.name == "sqlite" {
        let pool = sqlx::SqlitePool::connect(&db.url)
            .await
            .expect("raw sqlite");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&pool)
            .await
            .unwrap_or_else(|e| panic!("raw SQL {sql:?}: {e}"));
        pool.close().await;
    } else {
        let pool = sqlx::PgPool::connect(&db.url).await.expect("raw postgres");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&pool)
            .await
            .unwrap_or_else(|e| panic!("raw SQL {sql:?}: {e}"));
        pool.close().await;
    }
}

/// Raw SQL that must fail; returns the error text.
pub async fn raw_err(db: &TestDb, sql: &str) -> String {
    let res = if db.name == "sqlite" {
        let pool = sqlx::SqlitePool::connect(&db.url)
            .await
            .expect("raw sqlite");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&pool)
            .await
            .map(|_| ())
    } else {
        let pool = sqlx::PgPool::connect(&db.url).await.expect("raw postgres");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(&pool)
            .await
            .map(|_| ())
    };
    match res {
        Ok(()) => panic!("{sql:?} unexpectedly succeeded on {}", db.name),
        Err(e) => e.to_string(),
    }
}
