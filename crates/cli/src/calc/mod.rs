//! `jamsos calc`: single scenarios, `--explain`, and `--batch` over JSON Lines or CSV (the
//! calculation contract, `shared/spec/calc-contract.md`).
//!
//! Exit status: 0 success; 1 the input could not be read or the output written; 2 invalid
//! input (a scenario, a CSV header, any failed batch line, a bad `--params` directory);
//! 3 a parameter the rule needs has no value (single mode). Error objects go to standard output
//! (where the result would have gone); I/O and usage problems go to standard error.

mod batch;
mod bench_input;
mod csv_in;
mod csv_out;
mod json_out;
mod pipeline;
mod single;

use clap::ValueEnum;
use jamsos_rules::Lang;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const CSV_HELP: &str = "\
Batch CSV (--batch FILE.csv)
  One column per scenario field, named as in the calculation contract (type, date, segment,
  wage, risk_class, income, sector, funded_by, contract_value, package, programs, program,
  outcome, …). An empty cell is an absent field. Flattening of nested fields:
    employer {sector, workers}           -> employer_sector, employer_workers
    survivors {spouse, children, parents} -> survivors_spouse (true/false), survivors_children,
                                            survivors_parents
    programs [\"JKK\",\"JKM\"]              -> JKK;JKM (quote it in a ;-delimited file, or JKK JKM)
    overrides {\"pu.jkm.rate\": \"0.5%\"}    -> column overrides.pu.jkm.rate (or a JSON cell
                                            in an `overrides` column)
    children, contributions, wage_history -> the JSON list in the cell
  An optional `id` column is copied to the output. Whole numbers are digits only (no
  thousands separators). The delimiter (, ; or tab) is taken from the header row; a UTF-8 BOM
  is ignored. Output: the same delimiter, one row per scenario in input order:
    [id,] total_employer,total_worker,total_participant,total_government,total_all,
    JKK_employer … JKP_government (every program × payer),
    [eligible,total,<benefit component codes>]   when the input has a `program` column,
    [due_date,months_late,fine]                  when it has a `contribution_month` column,
    error                                        (code: field: message) for a failed row.

Exit status: 0 ok; 1 cannot read input or write output; 2 invalid input (or any batch row
failed, or a bad --params directory); 3 missing parameter value (single mode).";

#[derive(clap::Args)]
#[command(after_long_help = CSV_HELP)]
pub struct CalcArgs {
    /// Scenario file (one JSON object); standard input when absent or `-`.
    #[arg(conflicts_with = "batch")]
    pub file: Option<PathBuf>,

    /// Print the explanation as readable text instead of JSON.
    #[arg(long, conflicts_with = "batch")]
    pub explain: bool,

    /// Language of --explain: Bahasa Indonesia (default) or English.
    #[arg(long, value_enum, default_value_t = LangArg::Id)]
    pub lang: LangArg,

    /// Calculate many scenarios: FILE.jsonl (one JSON scenario a line) or FILE.csv (`-` reads
    /// standard input; then give --format).
    #[arg(long, value_name = "FILE")]
    pub batch: Option<PathBuf>,

    /// Batch format; by default taken from the file's extension (.csv, .jsonl/.ndjson).
    #[arg(long, value_enum)]
    pub format: Option<BatchFormat>,

    /// Include each result's trace in JSON Lines output (off by default: populations are large).
    #[arg(long, requires = "batch")]
    pub trace: bool,

    /// Write the output to this file instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,

    /// Worker threads for --batch (default: every core).
    #[arg(long, hide = true)]
    pub threads: Option<usize>,

    /// Write N deterministic benchmark scenarios (with --format and -o) and exit.
    #[arg(long, hide = true, value_name = "N", conflicts_with_all = ["batch", "file"])]
    pub gen_bench: Option<u64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    Id,
    En,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BatchFormat {
    Csv,
    Jsonl,
}

impl BatchFormat {
    fn from_path(path: &Path) -> Option<BatchFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" => Some(BatchFormat::Csv),
            "jsonl" | "ndjson" | "json" => Some(BatchFormat::Jsonl),
            _ => None,
        }
    }
}

pub fn run(args: CalcArgs, params: Option<&Path>) -> ExitCode {
    if let Some(n) = args.gen_bench {
        return gen_bench(n, &args);
    }
    let engine = match crate::params_cmd::load_engine(params) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("jamsos calc: {e}");
            return ExitCode::from(e.exit_status());
        }
    };
    match &args.batch {
        Some(path) => run_batch(&engine, path, &args),
        None => run_single(&engine, &args),
    }
}

fn open_output(path: Option<&Path>) -> io::Result<Box<dyn Write + Send>> {
    Ok(match path {
        Some(p) => Box::new(io::BufWriter::with_capacity(
            1 << 20,
            std::fs::File::create(p)?,
        )),
        None => Box::new(io::BufWriter::with_capacity(1 << 20, io::stdout())),
    })
}

fn io_failure(what: &str, path: Option<&Path>, e: &io::Error) -> ExitCode {
    // A closed pipe (`| head`) is the reader's choice, not a failure worth a message.
    if e.kind() != io::ErrorKind::BrokenPipe {
        let name = path.map_or("standard input/output".to_owned(), |p| {
            p.display().to_string()
        });
        eprintln!("jamsos calc: cannot {what} {name}: {e}");
    }
    ExitCode::from(1)
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn run_single(engine: &jamsos_rules::Engine, args: &CalcArgs) -> ExitCode {
    let mut input = Vec::new();
    let file = args.file.as_deref().filter(|p| !is_stdin(p));
    let read = match file {
        Some(p) => std::fs::File::open(p).and_then(|mut f| f.read_to_end(&mut input)),
        None => io::stdin().lock().read_to_end(&mut input),
    };
    if let Err(e) = read {
        return io_failure("read", file, &e);
    }
    let lang = args.explain.then_some(match args.lang {
        LangArg::Id => Lang::Id,
        LangArg::En => Lang::En,
    });
    let answer = single::answer(engine, &input, lang);
    let out_path = args.output.as_deref();
    let written = open_output(out_path).and_then(|mut out| {
        out.write_all(&answer.text)?;
        out.flush()
    });
    if let Err(e) = written {
        return io_failure("write", out_path, &e);
    }
    ExitCode::from(answer.status)
}

fn run_batch(engine: &jamsos_rules::Engine, path: &Path, args: &CalcArgs) -> ExitCode {
    let Some(format) = args.format.or_else(|| BatchFormat::from_path(path)) else {
        eprintln!(
            "jamsos calc: cannot tell the format of {}: name it .csv or .jsonl, or give --format",
            path.display()
        );
        return ExitCode::from(2);
    };
    let input: Box<dyn Read> = if is_stdin(path) {
        Box::new(io::stdin())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(f),
            Err(e) => return io_failure("read", Some(path), &e),
        }
    };
    let out_path = args.output.as_deref();
    let mut output = match open_output(out_path) {
        Ok(o) => o,
        Err(e) => return io_failure("create", out_path, &e),
    };
    let workers = args.threads.unwrap_or_else(|| {
        std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
    });
    let result = match format {
        BatchFormat::Jsonl => batch::jsonl(engine, input, &mut output, args.trace, workers),
        BatchFormat::Csv => batch::csv(engine, input, &mut output, workers),
    };
    match result {
        Ok(stats) if stats.failed == 0 => ExitCode::SUCCESS,
        Ok(stats) => {
            eprintln!(
                "jamsos calc: {} of {} scenarios failed (first: number {}); see their error {}",
                stats.failed,
                stats.records,
                stats.first_failed.unwrap_or(0),
                if format == BatchFormat::Csv {
                    "column"
                } else {
                    "lines"
                }
            );
            ExitCode::from(2)
        }
        Err(batch::BatchError::Pipeline(pipeline::PipelineError::Read(e))) => {
            io_failure("read", Some(path), &e)
        }
        Err(batch::BatchError::Pipeline(pipeline::PipelineError::Write(e))) => {
            io_failure("write", out_path, &e)
        }
        Err(e) => {
            eprintln!("jamsos calc: {}: {e}", path.display());
            ExitCode::from(e.exit_status())
        }
    }
}

fn gen_bench(n: u64, args: &CalcArgs) -> ExitCode {
    let format = match args.format {
        Some(BatchFormat::Csv) => bench_input::GenFormat::Csv,
        Some(BatchFormat::Jsonl) => bench_input::GenFormat::Jsonl,
        None => {
            eprintln!("jamsos calc --gen-bench: give --format csv or --format jsonl");
            return ExitCode::from(2);
        }
    };
    let out_path = args.output.as_deref();
    let written = open_output(out_path).and_then(|out| bench_input::generate(n, format, out));
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => io_failure("write", out_path, &e),
    }
}
