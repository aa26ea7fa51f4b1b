//! The store's error type: what went wrong, in terms a caller can act on. Database driver
//! errors are kept as the source but never shown to end users by the edges.

use thiserror::Error;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum StoreError {
    /// The database URL is neither `sqlite:` nor `postgres:`/`postgresql:`.
    #[error(
        "unsupported database URL {0:?}: use sqlite://PATH?mode=rwc or postgres://USER@HOST/DB"
    )]
    UnsupportedUrl(String),
    /// A record looked up by a key does not exist.
    #[error("{entity} {key} not found")]
    NotFound { entity: &'static str, key: String },
    /// Input the store refuses (a rule a caller can fix: a missing employer for a PU
    /// membership, an end date before the start, ...).
    #[error("invalid {field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
    /// Someone else changed the record since it was read (optimistic concurrency).
    #[error(
        "{entity} {key} was changed by someone else (expected version {expected}); reload and retry"
    )]
    Conflict {
        entity: &'static str,
        key: String,
        expected: i64,
    },
    /// A unique key is taken (NIK, NPP, sponsor code, ...).
    #[error("{entity} with {key} already exists")]
    Duplicate { entity: &'static str, key: String },
    /// An identifier space (NPP, KPJ) is exhausted.
    #[error("no more {0} numbers can be generated")]
    Exhausted(&'static str),
    /// A value read back from the database does not parse: the data was changed outside jamsos.
    #[error("corrupt {entity} row {id}: {message}")]
    Corrupt {
        entity: &'static str,
        id: String,
        message: String,
    },
    /// The file cannot be read as an import at all (encoding, header, empty).
    #[error("{0}")]
    ImportFile(#[from] jamsos_domain::import::FileError),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("JSON encoding failed: {0}")]
    Json(#[from] serde_json::Error),
}

impl StoreError {
    pub(crate) fn invalid(field: &'static str, message: impl Into<String>) -> StoreError {
        StoreError::Invalid {
            field,
            message: message.into(),
        }
    }

    pub(crate) fn corrupt(
        entity: &'static str,
        id: impl ToString,
        message: impl ToString,
    ) -> StoreError {
        StoreError::Corrupt {
            entity,
            id: id.to_string(),
            message: message.to_string(),
        }
    }

    /// Maps a unique-constraint violation to [`StoreError::Duplicate`], anything else through.
    pub(crate) fn unique_as_duplicate(
        err: sqlx::Error,
        entity: &'static str,
        key: String,
    ) -> StoreError {
        match &err {
            sqlx::Error::Database(db) if db.is_unique_violation() => {
                StoreError::Duplicate { entity, key }
            }
            _ => StoreError::Database(err),
        }
    }
}
