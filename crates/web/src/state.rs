//! Shared application state: the rules engine (immutable, built once), the account database
//! when there is one, and the server's settings. Cloning is cheap (reference counts).

use crate::accounts::Accounts;
use crate::auth::limiter::LoginLimiter;
use jamsos_rules::Engine;
use jamsos_store::Store;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Settings that change behaviour, not data.
#[derive(Clone, Debug)]
pub struct Settings {
    /// Set the `Secure` attribute on cookies (true behind HTTPS; false on plain loopback).
    pub secure_cookies: bool,
    /// Largest accepted body for JSON endpoints.
    pub json_body_limit: usize,
    /// Largest accepted upload (imports).
    pub upload_body_limit: usize,
    /// Login attempts allowed per IP per minute before `429`.
    pub login_per_minute: u32,
    /// Failed logins on one account before it is locked for `lockout_minutes`.
    pub lockout_after: u32,
    pub lockout_minutes: i64,
    /// Browser session lifetime.
    pub session_hours: i64,
    /// Counts of people under this many are hidden from city analysts (k-anonymity, at least
    /// 2; `jamsos serve --analytics-min-cell`, `JAMSOS_ANALYTICS_MIN_CELL`).
    pub analytics_min_cell: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            secure_cookies: false,
            json_body_limit: 256 * 1024,
            upload_body_limit: 64 * 1024 * 1024,
            login_per_minute: 10,
            lockout_after: 5,
            lockout_minutes: 15,
            session_hours: 12,
            analytics_min_cell: jamsos_analytics::suppress::Policy::DEFAULT_MIN,
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub engine: Arc<Engine>,
    pub accounts: Option<Accounts>,
    /// The registry; `None` only in tests of the database-free routes.
    pub store: Option<Store>,
    pub settings: Arc<Settings>,
    pub login_limiter: Arc<LoginLimiter>,
    shutting_down: Arc<AtomicBool>,
}

impl AppState {
    /// State over a registry store (accounts live in the same database).
    pub fn new(engine: Engine, store: Option<Store>, settings: Settings) -> AppState {
        AppState {
            engine: Arc::new(engine),
            accounts: store.as_ref().and_then(Accounts::of_store),
            store,
            login_limiter: Arc::new(LoginLimiter::new(settings.login_per_minute)),
            settings: Arc::new(settings),
            shutting_down: Arc::new(AtomicBool::new(false)),
        }
    }

    /// Marks the server as draining: `/readyz` turns 503 so load balancers stop sending work.
    pub fn begin_shutdown(&self) {
        self.shutting_down.store(true, Ordering::Relaxed);
    }

    pub fn is_shutting_down(&self) -> bool {
        self.shutting_down.load(Ordering::Relaxed)
    }
}
