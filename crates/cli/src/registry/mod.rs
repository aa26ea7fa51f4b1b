//! `jamsos employer|person|membership|review|import|audit|demo`: the system of record from the
//! command line. Thin: parse arguments, open the store, call one `Store` method, print a table
//! (NIKs and names masked in lists, UU 27/2022) or `--json`.
//!
//! Database: `--database-url` on any of these commands, or `JAMSOS_DATABASE_URL`; by default an
//! SQLite file at `$XDG_DATA_HOME/jamsos/jamsos.db` (`~/.local/share/jamsos/jamsos.db`), or
//! `./jamsos.db` when no home directory is known. PostgreSQL: `postgres://user:pass@host/db`.

mod audit_cmd;
pub(crate) mod campaign_cmd;
mod import_cmd;
mod org;
mod people;
mod table;

use clap::{Args, Subcommand};
use jamsos_store::{Actor, Store, StoreError};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum RegistryCommand {
    /// Employers (pemberi kerja): register, list, show.
    Employer(Box<Family<org::EmployerCommand>>),
    /// Sponsors paying contributions for others (e.g. a city government).
    Sponsor(Box<Family<org::SponsorCommand>>),
    /// Persons (tenaga kerja): register, find, show with memberships and heirs.
    Person(Box<Family<people::PersonCommand>>),
    /// Memberships (kepesertaan): open, end, wages.
    Membership(Box<Family<people::MembershipCommand>>),
    /// Review items: NIK conflicts and near-duplicates found on entry or import.
    Review(Box<Family<people::ReviewCommand>>),
    /// Import worker lists or sponsored vulnerable-worker lists (CSV/XLSX).
    Import(Box<Family<import_cmd::ImportCommand>>),
    /// The append-only, hash-chained audit log.
    Audit(Box<Family<audit_cmd::AuditCommand>>),
    /// Demo data: the West Jakarta dataset, or large synthetic populations.
    Demo(Box<Family<import_cmd::DemoCommand>>),
}

/// A command family with the options every registry command takes.
#[derive(Args)]
pub struct Family<C: Subcommand> {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: C,
}

#[derive(Args, Clone)]
pub struct Global {
    /// Database URL: sqlite://PATH?mode=rwc or postgres://USER:PASS@HOST/DB. Default: an SQLite
    /// file under the user's data directory ($XDG_DATA_HOME/jamsos/jamsos.db), else ./jamsos.db.
    #[arg(long, global = true, env = "JAMSOS_DATABASE_URL")]
    pub database_url: Option<String>,
    /// Print JSON instead of tables (for scripts).
    #[arg(long, global = true)]
    pub json: bool,
}

/// Errors that choose the exit code: 2 for input the user can fix, 1 otherwise.
pub enum CliError {
    Input(String),
    Failed(String),
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> CliError {
        match e {
            StoreError::Invalid { .. }
            | StoreError::NotFound { .. }
            | StoreError::Duplicate { .. }
            | StoreError::Conflict { .. }
            | StoreError::ImportFile(_)
            | StoreError::UnsupportedUrl(_) => CliError::Input(e.to_string()),
            other => CliError::Failed(other.to_string()),
        }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> CliError {
        CliError::Failed(e.to_string())
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> CliError {
        CliError::Failed(e.to_string())
    }
}

pub type CliResult<T = ()> = Result<T, CliError>;

pub fn input(msg: impl Into<String>) -> CliError {
    CliError::Input(msg.into())
}

/// The default database: an SQLite file in the user's data directory.
pub(crate) fn default_url() -> String {
    let dir = std::env::var_os("XDG_DATA_HOME")
        .filter(|d| !d.is_empty())
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME").map(|h| std::path::PathBuf::from(h).join(".local/share"))
        })
        .map(|d| d.join("jamsos"));
    match dir {
        Some(dir) if std::fs::create_dir_all(&dir).is_ok() => {
            format!("sqlite://{}?mode=rwc", dir.join("jamsos.db").display())
        }
        _ => "sqlite://jamsos.db?mode=rwc".to_owned(),
    }
}

/// Opens the store named by the options (migrating it).
pub async fn open(global: &Global) -> CliResult<Store> {
    let url = global.database_url.clone().unwrap_or_else(default_url);
    Ok(Store::connect(&url).await?)
}

/// The actor recorded in the audit log for CLI changes: `cli:<login name>`.
pub fn actor() -> Actor {
    let user = std::env::var("USER")
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into());
    Actor::new(format!("cli:{user}"))
}

pub fn print_json<T: serde::Serialize>(value: &T) -> CliResult {
    println!("{}", serde_json::to_string_pretty(value)?);
    Ok(())
}

pub fn run(cmd: RegistryCommand) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("jamsos: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        match cmd {
            RegistryCommand::Employer(f) => org::employer(&f.global, f.command).await,
            RegistryCommand::Sponsor(f) => org::sponsor(&f.global, f.command).await,
            RegistryCommand::Person(f) => people::person(&f.global, f.command).await,
            RegistryCommand::Membership(f) => people::membership(&f.global, f.command).await,
            RegistryCommand::Review(f) => people::review(&f.global, f.command).await,
            RegistryCommand::Import(f) => import_cmd::import(&f.global, f.command).await,
            RegistryCommand::Audit(f) => audit_cmd::audit(&f.global, f.command).await,
            RegistryCommand::Demo(f) => import_cmd::demo(&f.global, f.command).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Input(msg)) => {
            eprintln!("jamsos: {msg}");
            ExitCode::from(2)
        }
        Err(CliError::Failed(msg)) => {
            eprintln!("jamsos: {msg}");
            ExitCode::from(1)
        }
    }
}

/// Parses an argument with a domain `parse`, naming the option on failure.
pub fn parse_arg<T, E: std::fmt::Display>(
    what: &str,
    text: &str,
    parse: impl Fn(&str) -> Result<T, E>,
) -> CliResult<T> {
    parse(text).map_err(|e| input(format!("{what}: {e}")))
}

pub fn parse_date(what: &str, text: &str) -> CliResult<jiff::civil::Date> {
    text.trim()
        .parse::<jiff::civil::Date>()
        .map_err(|e| input(format!("{what}: expected YYYY-MM-DD, got {text:?} ({e})")))
}

pub fn parse_rupiah(what: &str, text: &str) -> CliResult<jamsos_rules::Rupiah> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | '_' | ' '))
        .collect();
    let digits = digits.trim_start_matches("Rp").trim_start_matches("rp");
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .map(jamsos_rules::Rupiah)
        .ok_or_else(|| {
            input(format!(
                "{what}: expected whole rupiah like 5396761 or 5.396.761, got {text:?}"
            ))
        })
}
