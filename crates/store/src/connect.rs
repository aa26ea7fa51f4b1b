//! Opening a store: URL parsing, engine settings, migrations.

use crate::backend::{Engine, Pool, Tx};
use crate::error::{Result, StoreError};
use jiff::Timestamp;
use sqlx::SqlSafeStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// `(version, description, sql)` of each migration, embedded by build.rs.
type Migrations = &'static [(i64, &'static str, &'static str)];
const SQLITE_MIGRATIONS: Migrations = include!(concat!(env!("OUT_DIR"), "/migrations_sqlite.rs"));
const POSTGRES_MIGRATIONS: Migrations =
    include!(concat!(env!("OUT_DIR"), "/migrations_postgres.rs"));

fn migrator(list: Migrations) -> Migrator {
    Migrator::with_migrations(
        list.iter()
            .map(|(version, description, sql)| {
                Migration::new(
                    *version,
                    (*description).into(),
                    MigrationType::Simple,
                    sql.into_sql_str(),
                    false,
                )
            })
            .collect(),
    )
}

type Clock = Arc<dyn Fn() -> Timestamp + Send + Sync>;

/// A handle on the registry database. Clone it freely (it shares one connection pool).
#[derive(Clone)]
pub struct Store {
    pub(crate) pool: Pool,
    clock: Clock,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("engine", &self.engine())
            .finish()
    }
}

impl Store {
    /// Opens (creating if needed) and migrates the database at `url`:
    /// - `sqlite://PATH?mode=rwc` (or `sqlite:PATH`): WAL journal, foreign keys on, a 10 s busy
    ///   timeout, `synchronous=NORMAL` (durable at each WAL checkpoint, safe against corruption);
    /// - `postgres://USER:PASS@HOST:PORT/DB` (or `postgresql://`).
    #[tracing::instrument(skip_all, fields(engine))]
    pub async fn connect(url: &str) -> Result<Store> {
        let pool = if url.starts_with("sqlite:") {
            tracing::Span::current().record("engine", "sqlite");
            let opts = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .pragma("cache_size", "-65536")
                .pragma("temp_store", "memory");
            let pool = SqlitePoolOptions::new()
                .max_connections(4)
                .connect_with(opts)
                .await?;
            migrator(SQLITE_MIGRATIONS).run(&pool).await?;
            Pool::Sqlite(pool)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            tracing::Span::current().record("engine", "postgres");
            let opts = PgConnectOptions::from_str(url)?;
            let pool = PgPoolOptions::new()
                .max_connections(8)
                .connect_with(opts)
                .await?;
            migrator(POSTGRES_MIGRATIONS).run(&pool).await?;
            Pool::Postgres(pool)
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_owned()));
        };
        Ok(Store {
            pool,
            clock: Arc::new(Timestamp::now),
        })
    }

    /// Replaces the clock (tests; replaying history). The store reads the clock once per write
    /// to date the change and its audit entry.
    pub fn with_clock(mut self, clock: impl Fn() -> Timestamp + Send + Sync + 'static) -> Store {
        self.clock = Arc::new(clock);
        self
    }

    pub fn engine(&self) -> Engine {
        self.pool.engine()
    }

    /// Closes the pool, waiting for connections to finish (SQLite checkpoints its WAL).
    pub async fn close(&self) {
        self.pool.close().await
    }

    /// The current instant as stored: RFC 3339, UTC, whole microseconds.
    pub(crate) fn now(&self) -> String {
        crate::text::timestamp((self.clock)())
    }

    pub(crate) async fn begin_write(&self) -> Result<Tx> {
        self.pool.begin_write().await
    }
}
