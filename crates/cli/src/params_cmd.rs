//! `jamsos params`: list, show, export and check the parameter files.

use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum ParamsCommand {
    /// List every parameter with its current value.
    List,
}

pub fn run(cmd: ParamsCommand) -> ExitCode {
    match cmd {
        ParamsCommand::List => match jamsos_rules::Engine::embedded() {
            Ok(engine) => {
                for p in engine.params().iter() {
                    println!("{}", p.name);
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("{e}");
                ExitCode::from(1)
            }
        },
    }
}
