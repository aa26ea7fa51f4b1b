//! `jamsos serve`: the web application and REST API.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: String,
}

pub fn run(_args: ServeArgs) -> ExitCode {
    eprintln!("jamsos serve: not implemented yet");
    ExitCode::from(1)
}
