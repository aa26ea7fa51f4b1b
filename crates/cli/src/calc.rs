//! `jamsos calc`: single scenarios, `--explain`, and `--batch` over JSON Lines or CSV.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CalcArgs {
    /// Scenario file (JSON); standard input when absent.
    pub file: Option<std::path::PathBuf>,
}

pub fn run(_args: CalcArgs) -> ExitCode {
    eprintln!("jamsos calc: not implemented yet");
    ExitCode::from(1)
}
