//! `jamsos serve`: the web application and REST API. Reads the clock, the environment and the
//! database URL (the edges); everything else is in `jamsos-web`.

use jamsos_web::accounts::Accounts;
use jamsos_web::{AppState, Settings, demo, server, telemetry};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080", env = "JAMSOS_LISTEN")]
    pub listen: String,
    /// Database URL: `sqlite:PATH` (default: an embedded file in the data directory) or
    /// `postgres://…`.
    #[arg(long, env = "JAMSOS_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Seed the West Jakarta demo data and demo accounts on first start.
    #[arg(long)]
    pub demo: bool,
    /// Log as JSON lines (for log shippers) instead of text.
    #[arg(long, env = "JAMSOS_LOG_JSON")]
    pub log_json: bool,
    /// Mark cookies `Secure` (set when served over HTTPS behind a proxy).
    #[arg(long, env = "JAMSOS_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// Counts of people under this many are hidden from city analysts on the analytics API
    /// and pages (k-anonymity; at least 2).
    #[arg(long, env = "JAMSOS_ANALYTICS_MIN_CELL", value_name = "N", default_value_t = jamsos_analytics::suppress::Policy::DEFAULT_MIN, value_parser = crate::analytics::min_cell_count)]
    pub analytics_min_cell: u64,
}

/// `$XDG_DATA_HOME/jamsos/jamsos.db`, or `~/.local/share/jamsos/jamsos.db`, or `./jamsos.db`.
fn default_database_path() -> PathBuf {
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")));
    match base {
        Some(b) => b.join("jamsos").join("jamsos.db"),
        None => PathBuf::from("jamsos.db"),
    }
}

pub fn run(args: ServeArgs) -> ExitCode {
    telemetry::init(args.log_json);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("jamsos serve: cannot start the runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(serve(args)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jamsos serve: {e:#}");
            ExitCode::from(1)
        }
    }
}

async fn serve(args: ServeArgs) -> anyhow::Result<()> {
    let engine = jamsos_rules::Engine::embedded()?;
    let url = match args.database_url {
        Some(u) => u,
        None => {
            let path = default_database_path();
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            format!("sqlite://{}", path.display())
        }
    };
    let store = jamsos_store::Store::connect(&url).await?;
    let accounts = Accounts::of_store(&store).ok_or_else(|| anyhow::anyhow!("no database pool"))?;
    let now = jiff::Timestamp::now().as_second();
    if args.demo {
        let employer_npp = match demo::seed_registry(&store).await? {
            Some(s) => {
                println!(
                    "jamsos: seeded the West Jakarta demo registry (synthetic): {} employers, {} persons, {} memberships, {} family members",
                    s.employers, s.persons, s.memberships, s.family_members
                );
                s.first_npp
            }
            None => None,
        };
        // Analytics needs denominators the registry demo lacks: synthetic workforce potential
        // and company reports for West Jakarta, derived from the registry (jamsos-analytics).
        if let Some(db) = jamsos_analytics::db::AnalyticsDb::of_store(&store) {
            let city = jamsos_analytics::RegionKey::parse("31.73")?;
            if let Some(s) = db.seed_demo(&city, 2026).await? {
                println!(
                    "jamsos: seeded synthetic analytics data for West Jakarta: {} potential rows, {} company reports",
                    s.potential.rows, s.companies.rows
                );
            }
        }
        let npp = employer_npp.unwrap_or_else(|| demo::DEMO_EMPLOYER_NPP.to_owned());
        if demo::ensure_demo_users(&accounts, &npp, now).await? {
            tracing::info!("demo accounts created");
        }
    }
    let settings = Settings {
        secure_cookies: args.secure_cookies,
        analytics_min_cell: args.analytics_min_cell,
        ..Settings::default()
    };
    let state = AppState::new(engine, Some(store), settings);
    let listener = tokio::net::TcpListener::bind(&args.listen).await?;
    let addr = listener.local_addr()?;
    println!("jamsos: http://{addr}/  (database: {})", redact(&url));
    if args.demo {
        println!("Demo — masuk / sign in at http://{addr}/login with one of these accounts,");
        println!("password \"{}\":", demo::DEMO_PASSWORD);
        for (user, name, role) in demo::DEMO_USERS {
            println!("  {user:<14} {} ({name})", role.code());
        }
    }
    server::serve(listener, state, server::shutdown_signal()).await?;
    println!("jamsos: stopped");
    Ok(())
}

/// Hides a password in a database URL before printing it.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn database_passwords_are_not_printed() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("sqlite:///x/jamsos.db"), "sqlite:///x/jamsos.db");
    }
}
