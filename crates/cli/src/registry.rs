//! `jamsos employer|person|import|audit|demo`: the system of record.

use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum RegistryCommand {
    /// Seed or generate demo data.
    #[command(subcommand)]
    Demo(DemoCommand),
}

#[derive(clap::Subcommand)]
pub enum DemoCommand {
    /// Build the West Jakarta demo dataset.
    Seed,
}

pub fn run(_cmd: RegistryCommand) -> ExitCode {
    eprintln!("jamsos: the registry is not implemented yet");
    ExitCode::from(1)
}
