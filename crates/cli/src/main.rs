//! The `jamsos` command. Edges only: argument parsing, files, the clock; every rule lives in
//! `jamsos-rules`.

use clap::Parser;

#[derive(Parser)]
#[command(
    name = "jamsos",
    version,
    about = "Jaminan sosial ketenagakerjaan, end to end"
)]
enum Cli {
    /// Print the number of embedded parameters.
    Params,
}

fn main() -> anyhow::Result<()> {
    match Cli::parse() {
        Cli::Params => {
            let engine = jamsos_rules::Engine::embedded()?;
            println!("{} parameters", engine.params().len());
        }
    }
    Ok(())
}
