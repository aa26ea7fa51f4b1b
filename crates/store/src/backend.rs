//! Two engines behind one code path. sqlx without the `Any` driver gives a distinct type per
//! engine, so the store keeps an enum of pools and transactions and the `with_tx!`/`with_pool!`
//! macros expand the same query text for each arm: queries are written once, with `$1..$n`
//! placeholders that both SQLite and PostgreSQL accept, and checked at run time.

use crate::error::Result;
use sqlx::postgres::{PgPool, PgRow};
use sqlx::sqlite::{SqlitePool, SqliteRow};
use sqlx::{Postgres, Row, Sqlite, Transaction};

/// The advisory lock every PostgreSQL write transaction takes first, so that audit entries are
/// appended one transaction at a time and the hash chain stays linear. SQLite gets the same
/// effect from `BEGIN IMMEDIATE` (one writer at a time).
const WRITE_LOCK_KEY: i64 = 0x6a61_6d73_6f73; // "jamsos"

/// Which engine a store runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub(crate) enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

pub(crate) enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

/// `with_tx!(tx, c => expr)`: evaluates `expr` with `c` bound to the transaction's connection,
/// once per engine.
macro_rules! with_tx {
    ($tx:expr, $c:ident => $body:expr) => {
        match $tx {
            $crate::backend::Tx::Sqlite(t) => {
                let $c = &mut **t;
                $body
            }
            $crate::backend::Tx::Postgres(t) => {
                let $c = &mut **t;
                $body
            }
        }
    };
}

/// `with_pool!(pool, p => expr)`: the same for reads outside a transaction.
macro_rules! with_pool {
    ($pool:expr, $p:ident => $body:expr) => {
        match $pool {
            $crate::backend::Pool::Sqlite(pool) => {
                let $p = pool;
                $body
            }
            $crate::backend::Pool::Postgres(pool) => {
                let $p = pool;
                $body
            }
        }
    };
}

/// Binds a list of [`Val`]s to a query, in order.
macro_rules! bind_vals {
    ($q:expr, $vals:expr) => {{
        let mut q = $q;
        for v in $vals {
            q = match v {
                $crate::backend::Val::Int(x) => q.bind(x),
                $crate::backend::Val::OptInt(x) => q.bind(x),
                $crate::backend::Val::Text(x) => q.bind(x),
                $crate::backend::Val::OptText(x) => q.bind(x),
                $crate::backend::Val::Bool(x) => q.bind(x),
                $crate::backend::Val::OptBool(x) => q.bind(x),
            };
        }
        q
    }};
}

/// Fetches all rows of `sql` bound with `vals` and maps each through `f` (an `Fn(&dyn Rec)`);
/// evaluates to `Result<Vec<T>>` (driver errors as `StoreError::Database`, so callers can map
/// unique violations).
macro_rules! fetch_all_tx {
    ($tx:expr, $sql:expr, $vals:expr, $f:expr) => {
        with_tx!($tx, c => {
            match bind_vals!(sqlx::query($sql), $vals).fetch_all(&mut *c).await {
                Ok(rows) => rows
                    .iter()
                    .map(|r| $f(r as &dyn $crate::backend::Rec))
                    .collect::<$crate::error::Result<Vec<_>>>(),
                Err(e) => Err($crate::error::StoreError::Database(e)),
            }
        })
    };
}

macro_rules! fetch_all_pool {
    ($pool:expr, $sql:expr, $vals:expr, $f:expr) => {
        with_pool!($pool, p => {
            match bind_vals!(sqlx::query($sql), $vals).fetch_all(p).await {
                Ok(rows) => rows
                    .iter()
                    .map(|r| $f(r as &dyn $crate::backend::Rec))
                    .collect::<$crate::error::Result<Vec<_>>>(),
                Err(e) => Err($crate::error::StoreError::Database(e)),
            }
        })
    };
}

/// Executes a statement in a transaction; evaluates to `Result<u64>` (rows affected).
macro_rules! exec_tx {
    ($tx:expr, $sql:expr, $vals:expr) => {
        with_tx!($tx, c => bind_vals!(sqlx::query($sql), $vals)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected())
            .map_err($crate::error::StoreError::Database))
    };
}

pub(crate) use {bind_vals, exec_tx, fetch_all_pool, fetch_all_tx, with_pool, with_tx};

/// A bind value that both engines encode the same way.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Val {
    Int(i64),
    OptInt(Option<i64>),
    Text(String),
    OptText(Option<String>),
    Bool(bool),
    OptBool(Option<bool>),
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(v)
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Val {
        Val::OptInt(v)
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(v.to_owned())
    }
}
impl From<Option<String>> for Val {
    fn from(v: Option<String>) -> Val {
        Val::OptText(v)
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Val {
        Val::Bool(v)
    }
}
impl From<Option<bool>> for Val {
    fn from(v: Option<bool>) -> Val {
        Val::OptBool(v)
    }
}

/// `vals![a, b, c]` builds a `Vec<Val>`.
macro_rules! vals {
    ($($v:expr),* $(,)?) => { vec![$($crate::backend::Val::from($v)),*] };
}
pub(crate) use vals;

/// Column access that is the same on both engines' rows.
pub(crate) trait Rec {
    fn int(&self, col: &str) -> Result<i64>;
    fn opt_int(&self, col: &str) -> Result<Option<i64>>;
    fn text(&self, col: &str) -> Result<String>;
    fn opt_text(&self, col: &str) -> Result<Option<String>>;
    fn boolean(&self, col: &str) -> Result<bool>;
}

macro_rules! impl_rec {
    ($row:ty) => {
        impl Rec for $row {
            fn int(&self, col: &str) -> Result<i64> {
                Ok(self.try_get::<i64, _>(col)?)
            }
            fn opt_int(&self, col: &str) -> Result<Option<i64>> {
                Ok(self.try_get::<Option<i64>, _>(col)?)
            }
            fn text(&self, col: &str) -> Result<String> {
                Ok(self.try_get::<String, _>(col)?)
            }
            fn opt_text(&self, col: &str) -> Result<Option<String>> {
                Ok(self.try_get::<Option<String>, _>(col)?)
            }
            fn boolean(&self, col: &str) -> Result<bool> {
                Ok(self.try_get::<bool, _>(col)?)
            }
        }
    };
}
impl_rec!(SqliteRow);
impl_rec!(PgRow);

impl Pool {
    pub(crate) fn engine(&self) -> Engine {
        match self {
            Pool::Sqlite(_) => Engine::Sqlite,
            Pool::Postgres(_) => Engine::Postgres,
        }
    }

    /// Begins a write transaction holding the engine's writer lock (see [`WRITE_LOCK_KEY`]).
    pub(crate) async fn begin_write(&self) -> Result<Tx> {
        match self {
            Pool::Sqlite(p) => Ok(Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?)),
            Pool::Postgres(p) => {
                let mut t = p.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock($1)")
                    .bind(WRITE_LOCK_KEY)
                    .execute(&mut *t)
                    .await?;
                Ok(Tx::Postgres(t))
            }
        }
    }

    pub(crate) async fn close(&self) {
        with_pool!(self, p => p.close().await)
    }
}

impl Tx {
    pub(crate) fn engine(&self) -> Engine {
        match self {
            Tx::Sqlite(_) => Engine::Sqlite,
            Tx::Postgres(_) => Engine::Postgres,
        }
    }

    pub(crate) async fn commit(self) -> Result<()> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

/// One bind placeholder: `?` on SQLite, `$n` on PostgreSQL. Long statements (bulk inserts,
/// IN lists) use this because SQLite resolves a *named* parameter (`$n` is a name to it) by a
/// linear search, which made 4,800-parameter inserts quadratic; positional `?` costs nothing.
fn push_placeholder(sql: &mut String, engine: Engine, n: usize) {
    match engine {
        Engine::Sqlite => sql.push('?'),
        Engine::Postgres => {
            sql.push('$');
            sql.push_str(&n.to_string());
        }
    }
}

/// `n` placeholders separated by commas, numbered from `start` (see [`push_placeholder`]).
/// On SQLite every placeholder of the statement must then be positional.
pub(crate) fn placeholders(engine: Engine, start: usize, n: usize) -> String {
    let mut s = String::with_capacity(n * 6);
    for i in 0..n {
        if i > 0 {
            s.push(',');
        }
        push_placeholder(&mut s, engine, start + i);
    }
    s
}

/// Builds `INSERT INTO table (cols) VALUES (..),(..)` for `rows` rows with positional
/// placeholders; `suffix` is appended (e.g. `RETURNING id`).
pub(crate) fn multi_insert_sql(
    engine: Engine,
    table: &str,
    cols: &[&str],
    rows: usize,
    suffix: &str,
) -> String {
    let k = cols.len();
    let mut sql = String::with_capacity(32 + k * 8 * rows);
    sql.push_str("INSERT INTO ");
    sql.push_str(table);
    sql.push_str(" (");
    sql.push_str(&cols.join(", "));
    sql.push_str(") VALUES ");
    let mut n = 1usize;
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..k {
            if c > 0 {
                sql.push(',');
            }
            push_placeholder(&mut sql, engine, n);
            n += 1;
        }
        sql.push(')');
    }
    if !suffix.is_empty() {
        sql.push(' ');
        sql.push_str(suffix);
    }
    sql
}

#[cfg(test)]
mod tests {
    #[test]
    fn multi_insert_numbers_placeholders_across_rows() {
        use super::Engine;
        assert_eq!(
            super::multi_insert_sql(Engine::Postgres, "t", &["a", "b"], 2, "RETURNING id"),
            "INSERT INTO t (a, b) VALUES ($1,$2),($3,$4) RETURNING id"
        );
        assert_eq!(
            super::multi_insert_sql(Engine::Sqlite, "t", &["a", "b"], 2, ""),
            "INSERT INTO t (a, b) VALUES (?,?),(?,?)"
        );
        assert_eq!(super::placeholders(Engine::Postgres, 2, 3), "$2,$3,$4");
    }
}
