//! Accounts, browser sessions, API tokens, idempotency records and login attempts, on SQLite or
//! PostgreSQL. The schema is identical on both engines (see the `0100` migration), so every
//! query is written once and run on whichever pool is configured ([`with_pool!`]). Secrets are
//! looked up by their SHA-256 digest; the clock is an argument (`now`, unix seconds).

use crate::auth::policy::{Role, Scope};
use crate::auth::token;
use sqlx::postgres::PgPool;
use sqlx::sqlite::SqlitePool;
use sqlx::{AssertSqlSafe, Row};

#[derive(Debug, thiserror::Error)]
pub enum AccountsError {
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    #[error("username {0:?} is taken")]
    Taken(String),
    #[error("invalid account: {0}")]
    Invalid(String),
}

/// One of the two engines.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Runs the same query text on whichever pool is configured.
macro_rules! with_pool {
    ($db:expr, $p:ident => $body:expr) => {
        match $db {
            Db::Sqlite($p) => $body,
            Db::Postgres($p) => $body,
        }
    };
}

impl Db {
    /// The store's database: the account tables are created by the store's migrations
    /// (`crates/store/migrations/*/0100_accounts.sql`), so one migrator owns the schema.
    pub fn of_store(store: &jamsos_store::Store) -> Option<Db> {
        match (store.sqlite_pool(), store.postgres_pool()) {
            (Some(p), _) => Some(Db::Sqlite(p.clone())),
            (None, Some(p)) => Some(Db::Postgres(p.clone())),
            (None, None) => None,
        }
    }
}

/// An account as the rest of the crate sees it (no password hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub employer_npp: Option<String>,
    pub region_code: Option<String>,
}

impl Account {
    pub fn scope(&self) -> Scope {
        Scope::for_account(
            self.role,
            self.employer_npp.as_deref(),
            self.region_code.as_deref(),
        )
    }
}

/// What a login needs to decide.
#[derive(Clone, Debug)]
pub struct LoginRecord {
    pub account: Account,
    pub password_hash: String,
    pub locked_until: Option<i64>,
    pub disabled: bool,
}

#[derive(Clone, Debug)]
pub struct NewAccount {
    pub username: String,
    pub display_name: String,
    pub role: Role,
    pub employer_npp: Option<String>,
    pub region_code: Option<String>,
    pub password_hash: String,
}

#[derive(Clone, Debug, serde::Serialize, utoipa::ToSchema)]
pub struct TokenInfo {
    pub id: String,
    pub label: String,
    pub created_at: i64,
    pub revoked: bool,
}

/// A stored response for an `Idempotency-Key`.
#[derive(Clone, Debug)]
pub struct StoredResponse {
    pub request_hash: String,
    pub status: u16,
    pub body: String,
}

const ACCOUNT_COLS: &str = "id, username, display_name, role, employer_npp, region_code";

fn account_from<R: Row>(row: &R) -> Result<Account, AccountsError>
where
    for<'a> &'a str: sqlx::ColumnIndex<R>,
    for<'a> String: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
    for<'a> Option<String>: sqlx::Decode<'a, R::Database> + sqlx::Type<R::Database>,
{
    let role: String = row.try_get("role")?;
    Ok(Account {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        display_name: row.try_get("display_name")?,
        role: Role::parse(&role).ok_or_else(|| AccountsError::Invalid(format!("role {role}")))?,
        employer_npp: row.try_get("employer_npp")?,
        region_code: row.try_get("region_code")?,
    })
}

/// The account store.
#[derive(Clone, Debug)]
pub struct Accounts {
    db: Db,
}

impl Accounts {
    pub fn new(db: Db) -> Accounts {
        Accounts { db }
    }

    pub fn of_store(store: &jamsos_store::Store) -> Option<Accounts> {
        Db::of_store(store).map(Accounts::new)
    }

    pub async fn ping(&self) -> bool {
        with_pool!(&self.db, p => sqlx::query("SELECT 1").execute(p).await.is_ok())
    }

    pub async fn count(&self) -> Result<i64, AccountsError> {
        let n: i64 = with_pool!(&self.db, p => {
            sqlx::query("SELECT COUNT(*) AS n FROM accounts").fetch_one(p).await?.try_get("n")?
        });
        Ok(n)
    }

    pub async fn create(&self, new: NewAccount, now: i64) -> Result<Account, AccountsError> {
        let username = new.username.trim().to_lowercase();
        if username.is_empty() || username.len() > 64 {
            return Err(AccountsError::Invalid(
                "username must be 1–64 characters".into(),
            ));
        }
        let id = token::random_hex(8);
        let sql = "INSERT INTO accounts (id, username, display_name, role, employer_npp, \
                   region_code, password_hash, failed_logins, disabled, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, 0, 0, $8)";
        let res = with_pool!(&self.db, p => sqlx::query(sql)
            .bind(&id).bind(&username).bind(&new.display_name).bind(new.role.code())
            .bind(&new.employer_npp).bind(&new.region_code).bind(&new.password_hash).bind(now)
            .execute(p).await.map(|_| ()));
        match res {
            Ok(_) => Ok(Account {
                id,
                username,
                display_name: new.display_name,
                role: new.role,
                employer_npp: new.employer_npp,
                region_code: new.region_code,
            }),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                Err(AccountsError::Taken(username))
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn list(&self) -> Result<Vec<Account>, AccountsError> {
        let sql = format!("SELECT {ACCOUNT_COLS} FROM accounts ORDER BY username");
        with_pool!(&self.db, p => {
            let rows = sqlx::query(AssertSqlSafe(sql.clone())).fetch_all(p).await?;
            rows.iter().map(account_from).collect()
        })
    }

    pub async fn login_record(&self, username: &str) -> Result<Option<LoginRecord>, AccountsError> {
        let sql = format!(
            "SELECT {ACCOUNT_COLS}, password_hash, locked_until, disabled FROM accounts WHERE username = $1"
        );
        let username = username.trim().to_lowercase();
        with_pool!(&self.db, p => {
            match sqlx::query(AssertSqlSafe(sql.clone())).bind(&username).fetch_optional(p).await? {
                None => Ok(None),
                Some(row) => Ok(Some(LoginRecord {
                    account: account_from(&row)?,
                    password_hash: row.try_get("password_hash")?,
                    locked_until: row.try_get("locked_until")?,
                    disabled: row.try_get::<i64, _>("disabled")? != 0,
                })),
            }
        })
    }

    /// Records an attempt (for the audit trail and per-account lockout).
    pub async fn record_attempt(
        &self,
        username: &str,
        ip_tag: &str,
        now: i64,
        success: bool,
    ) -> Result<(), AccountsError> {
        let sql =
            "INSERT INTO login_attempts (username, ip_tag, at, success) VALUES ($1, $2, $3, $4)";
        with_pool!(&self.db, p => sqlx::query(sql)
            .bind(username.trim().to_lowercase()).bind(ip_tag).bind(now).bind(i64::from(success))
            .execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Counts a failed password; locks the account for `lock_secs` once `after` failures accrue.
    pub async fn register_failure(
        &self,
        account_id: &str,
        now: i64,
        after: u32,
        lock_secs: i64,
    ) -> Result<(), AccountsError> {
        let sql = "UPDATE accounts SET failed_logins = failed_logins + 1, \
                   locked_until = CASE WHEN failed_logins + 1 >= $2 THEN $3 ELSE locked_until END \
                   WHERE id = $1";
        with_pool!(&self.db, p => sqlx::query(sql)
            .bind(account_id).bind(i64::from(after)).bind(now + lock_secs)
            .execute(p).await.map(|_| ()))?;
        Ok(())
    }

    pub async fn reset_failures(&self, account_id: &str) -> Result<(), AccountsError> {
        let sql = "UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1";
        with_pool!(&self.db, p => sqlx::query(sql).bind(account_id).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Starts a browser session; returns the secret for the cookie (stored only as a digest).
    pub async fn create_session(
        &self,
        account_id: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<String, AccountsError> {
        let secret = token::new_session_secret();
        let sql = "INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)";
        with_pool!(&self.db, p => sqlx::query(sql)
            .bind(token::digest(&secret)).bind(account_id).bind(now).bind(expires_at)
            .execute(p).await.map(|_| ()))?;
        Ok(secret)
    }

    pub async fn session_account(
        &self,
        secret: &str,
        now: i64,
    ) -> Result<Option<Account>, AccountsError> {
        let sql = "SELECT a.id, a.username, a.display_name, a.role, a.employer_npp, a.region_code \
                   FROM sessions s JOIN accounts a ON a.id = s.account_id \
                   WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled = 0";
        with_pool!(&self.db, p => {
            match sqlx::query(sql).bind(token::digest(secret)).bind(now).fetch_optional(p).await? {
                Some(row) => Ok(Some(account_from(&row)?)),
                None => Ok(None),
            }
        })
    }

    pub async fn delete_session(&self, secret: &str) -> Result<(), AccountsError> {
        let sql = "DELETE FROM sessions WHERE token_hash = $1";
        with_pool!(&self.db, p => sqlx::query(sql).bind(token::digest(secret)).execute(p).await.map(|_| ()))?;
        Ok(())
    }

    /// Issues an API token; the secret is returned once and never stored.
    pub async fn create_token(
        &self,
        account_id: &str,
        label: &str,
        now: i64,
    ) -> Result<(TokenInfo, String), AccountsError> {
        let secret = token::new_api_token();
        let id = token::random_hex(6);
        let sql = "INSERT INTO api_tokens (token_hash, id, account_id, label, created_at) VALUES ($1, $2, $3, $4, $5)";
        with_pool!(&self.db, p => sqlx::query(sql)
            .bind(token::digest(&secret)).bind(&id).bind(account_id).bind(label).bind(now)
            .execute(p).await.map(|_| ()))?;
        Ok((
            TokenInfo {
                id,
                label: label.to_owned(),
                created_at: now,
                revoked: false,
            },
            secret,
        ))
    }

    pub async fn token_account(&self, secret: &str) -> Result<Option<Account>, AccountsError> {
        let sql = "SELECT a.id, a.username, a.display_name, a.role, a.employer_npp, a.region_code \
                   FROM api_tokens t JOIN accounts a ON a.id = t.account_id \
                   WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.disabled = 0";
        with_pool!(&self.db, p => {
            match sqlx::query(sql).bind(token::digest(secret)).fetch_optional(p).await? {
                Some(row) => Ok(Some(account_from(&row)?)),
                None => Ok(None),
            }
        })
    }

    pub async fn tokens(&self, account_id: &str) -> Result<Vec<TokenInfo>, AccountsError> {
        let sql = "SELECT id, label, created_at, revoked_at FROM api_tokens WHERE account_id = $1 ORDER BY created_at, id";
        with_pool!(&self.db, p => {
            let rows = sqlx::query(sql).bind(account_id).fetch_all(p).await?;
            rows.iter()
                .map(|r| {
                    Ok(TokenInfo {
                        id: r.try_get("id")?,
                        label: r.try_get("label")?,
                        created_at: r.try_get("created_at")?,
                        revoked: r.try_get::<Option<i64>, _>("revoked_at")?.is_some(),
                    })
                })
                .collect()
        })
    }

    /// Revokes one of the account's own tokens; false when there is no such live token.
    pub async fn revoke_token(
        &self,
        account_id: &str,
        token_id: &str,
        now: i64,
    ) -> Result<bool, AccountsError> {
        let sql = "UPDATE api_tokens SET revoked_at = $3 WHERE account_id = $1 AND id = $2 AND revoked_at IS NULL";
        let n = with_pool!(&self.db, p => sqlx::query(sql)
            .bind(account_id).bind(token_id).bind(now).execute(p).await?.rows_affected());
        Ok(n == 1)
    }

    pub async fn idempotent_get(
        &self,
        account_id: &str,
        key: &str,
    ) -> Result<Option<StoredResponse>, AccountsError> {
        let sql = "SELECT request_hash, status, response_body FROM idempotency_keys WHERE account_id = $1 AND idem_key = $2";
        with_pool!(&self.db, p => {
            match sqlx::query(sql).bind(account_id).bind(key).fetch_optional(p).await? {
                Some(r) => Ok(Some(StoredResponse {
                    request_hash: r.try_get("request_hash")?,
                    status: u16::try_from(r.try_get::<i64, _>("status")?).unwrap_or(500),
                    body: r.try_get("response_body")?,
                })),
                None => Ok(None),
            }
        })
    }

    pub async fn idempotent_put(
        &self,
        account_id: &str,
        key: &str,
        stored: &StoredResponse,
        now: i64,
    ) -> Result<(), AccountsError> {
        let sql = "INSERT INTO idempotency_keys (account_id, idem_key, request_hash, status, response_body, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account_id, idem_key) DO NOTHING";
        with_pool!(&self.db, p => sqlx::query(sql)
            .bind(account_id).bind(key).bind(&stored.request_hash).bind(i64::from(stored.status))
            .bind(&stored.body).bind(now).execute(p).await.map(|_| ()))?;
        Ok(())
    }
}
