//! The `jamsos` command. Edges only: argument parsing, files, the clock and the database URL
//! live here; every rule lives in `jamsos-rules`, every registry fact in the domain and store
//! crates. Each subcommand family has its own module.

mod analytics;
mod calc;
mod month_close;
mod params_cmd;
mod payments;
mod registry;
mod serve;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a national analytics run allocates and frees
/// millions of small rows, and glibc's allocator spent about a fifth of such a run in page
/// faults and frees (docs/performance.md, "Analytics").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "jamsos",
    version,
    about = "Jaminan sosial ketenagakerjaan, end to end: rules, registry, server"
)]
struct Cli {
    /// Use the parameter files in DIR instead of the embedded ones (same format; see
    /// `jamsos params export`). Validated at load: a bad file stops with exit status 2.
    #[arg(long, global = true, value_name = "DIR", env = "JAMSOS_PARAMS")]
    params: Option<std::path::PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Calculate contributions, benefits or late fines (the calculation contract).
    Calc(calc::CalcArgs),
    /// Inspect, export or check the regulation parameters.
    #[command(subcommand)]
    Params(params_cmd::ParamsCommand),
    /// Registry, imports, audit log and demo data.
    #[command(flatten)]
    Registry(registry::RegistryCommand),
    /// Run the web application and REST API.
    Serve(serve::ServeArgs),
    /// The payment ledger: record contributions collected and benefits paid (CSV).
    #[command(subcommand)]
    Payments(payments::PaymentsCommand),
    /// Coverage, compliance, budget simulation, campaigns and regional reports.
    #[command(flatten)]
    Analytics(analytics::AnalyticsCommand),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Calc(args) => calc::run(args, cli.params.as_deref()),
        Command::Params(cmd) => params_cmd::run(cmd, cli.params.as_deref()),
        Command::Registry(cmd) => registry::run(cmd),
        Command::Serve(args) => serve::run(args),
        Command::Payments(cmd) => payments::run(cmd),
        Command::Analytics(cmd) => analytics::run(cmd),
    }
}
