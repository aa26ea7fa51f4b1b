//! `jamsos params`: list, show, export and check the parameter files, and the `--params DIR`
//! loader every command uses. This is the edge: the only place here that reads the clock
//! (`params list` without `--date`).

use jamsos_rules::params::{Parameter, Period, Value};
use jamsos_rules::trace::confidence_id;
use jamsos_rules::{Engine, ParamError, ParamSet};
use jiff::civil::Date;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum ParamsCommand {
    /// List every parameter with the value in force today (or on --date) and its confidence.
    List {
        /// The date whose values to show (YYYY-MM-DD); default today.
        #[arg(long)]
        date: Option<Date>,
    },
    /// Show every period of one parameter with its legal basis and sources.
    Show {
        /// Parameter name, e.g. pu.jkm.rate.
        name: String,
    },
    /// Write the embedded parameter files to DIR, to edit and use with --params DIR.
    Export {
        dir: PathBuf,
        /// Overwrite files that already exist.
        #[arg(long)]
        force: bool,
    },
    /// Validate a directory of parameter files (the same checks --params DIR runs).
    Check { dir: PathBuf },
}

/// Why a parameter set could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("parameter directory {dir}: {error}")]
    Dir { dir: String, error: std::io::Error },
    #[error("parameter directory {dir} holds no *.toml parameter files")]
    NoFiles { dir: String },
    #[error("parameter file {file}: not UTF-8 text")]
    NotUtf8 { file: String },
    #[error("parameter file {0}")]
    Invalid(#[from] ParamError),
}

impl LoadError {
    /// Every problem with a parameter directory is invalid input (exit 2).
    pub fn exit_status(&self) -> u8 {
        2
    }
}

/// Reads every `*.toml` file of `dir` (sorted by name) and validates them as one set.
pub fn load_dir(dir: &Path) -> Result<ParamSet, LoadError> {
    let dir_name = dir.display().to_string();
    let io_err = |error| LoadError::Dir {
        dir: dir_name.clone(),
        error,
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io_err)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(io_err)?;
    paths.retain(|p| p.extension().is_some_and(|e| e == "toml") && p.is_file());
    paths.sort();
    if paths.is_empty() {
        return Err(LoadError::NoFiles { dir: dir_name });
    }
    let mut files = Vec::with_capacity(paths.len());
    for p in paths {
        let name = p
            .file_name()
            .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into());
        let bytes = std::fs::read(&p).map_err(io_err)?;
        let text =
            String::from_utf8(bytes).map_err(|_| LoadError::NotUtf8 { file: name.clone() })?;
        files.push((name, text));
    }
    Ok(ParamSet::from_files(&dir_name, &files)?)
}

/// The engine with the embedded parameters, or with those of `dir`.
pub fn load_engine(dir: Option<&Path>) -> Result<Engine, LoadError> {
    match dir {
        Some(d) => load_dir(d).map(Engine::new),
        None => Ok(Engine::embedded()?),
    }
}

pub fn run(cmd: ParamsCommand, params: Option<&Path>) -> ExitCode {
    let loaded = match &cmd {
        ParamsCommand::Check { dir } => load_dir(dir),
        _ => load_engine(params).map(|e| e.params().clone()),
    };
    let set = match loaded {
        Ok(s) => s,
        Err(e) => {
            eprintln!("jamsos params: {e}");
            return ExitCode::from(e.exit_status());
        }
    };
    match cmd {
        ParamsCommand::List { date } => {
            let date = date.unwrap_or_else(|| jiff::Zoned::now().date());
            print!("{}", list(&set, date));
            ExitCode::SUCCESS
        }
        ParamsCommand::Show { name } => match set.get(&name) {
            Some(p) => {
                print!("{}", show(p));
                ExitCode::SUCCESS
            }
            None => {
                let similar: Vec<&str> = set
                    .iter()
                    .map(|p| p.name.as_str())
                    .filter(|n| n.contains(&name) || name.contains(*n))
                    .take(10)
                    .collect();
                eprintln!("jamsos params: no parameter named {name:?}");
                if !similar.is_empty() {
                    eprintln!("  similar: {}", similar.join(", "));
                }
                ExitCode::from(2)
            }
        },
        ParamsCommand::Export { dir, force } => export(&dir, force),
        ParamsCommand::Check { dir } => {
            print!("{}", check_report(&set, &dir));
            ExitCode::SUCCESS
        }
    }
}

/// `params list`: one line per parameter.
pub fn list(set: &ParamSet, date: Date) -> String {
    let rows: Vec<[String; 4]> = set
        .iter()
        .map(|p| match p.period_at(date) {
            Some(period) => [
                p.name.clone(),
                value_text(&period.value),
                period.confidence.as_str().to_owned(),
                format!("since {}", period.from),
            ],
            None => [
                p.name.clone(),
                "(not in force)".to_owned(),
                String::new(),
                String::new(),
            ],
        })
        .collect();
    let mut widths = [4usize, 5, 10, 0];
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = format!(
        "# {} parameters in force on {date} ({})\n",
        set.len(),
        set.origin
    );
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.chars().count())));
    out.push_str(&format!(
        "{}  {}  {}  from\n",
        pad("name", widths[0]),
        pad("value", widths[1]),
        pad("confidence", widths[2])
    ));
    for [n, v, c, f] in rows {
        out.push_str(&format!(
            "{}  {}  {}  {f}\n",
            pad(&n, widths[0]),
            pad(&v, widths[1]),
            pad(&c, widths[2])
        ));
    }
    out
}

/// A value in full (tables and lists spelled out), for `list` and `show`.
pub fn value_text(v: &Value) -> String {
    match v {
        Value::RateTable(t) => t
            .iter()
            .map(|(k, r)| format!("{k} = {}", r.to_percent_string()))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Dates(d) => d.iter().map(Date::to_string).collect::<Vec<_>>().join(", "),
        Value::Unknown => "unknown".to_owned(),
        other => other.display(),
    }
}

fn period_text(p: &Period) -> String {
    let to = p.to.map_or("(open)".to_owned(), |t| t.to_string());
    let mut out = format!(
        "  {} – {to}: {}\n    confidence: {} ({})\n    basis: {}\n",
        p.from,
        value_text(&p.value),
        p.confidence.as_str(),
        confidence_id(p.confidence),
        p.basis
    );
    for s in &p.sources {
        out.push_str(&format!("    source: {s}\n"));
    }
    if let Some(n) = &p.note {
        out.push_str(&format!("    note: {n}\n"));
    }
    out
}

/// `params show NAME`.
pub fn show(p: &Parameter) -> String {
    let mut out = format!(
        "{} ({:?}, file {})\n{}\n",
        p.name, p.kind, p.file, p.description
    );
    for period in &p.periods {
        out.push_str(&period_text(period));
    }
    out
}

fn export(dir: &Path, force: bool) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("jamsos params export: cannot create {}: {e}", dir.display());
        return ExitCode::from(1);
    }
    let files = jamsos_rules::params::embedded_files();
    if !force && let Some((name, _)) = files.iter().find(|(n, _)| dir.join(n).exists()) {
        eprintln!(
            "jamsos params export: {} already exists; give --force to overwrite",
            dir.join(name).display()
        );
        return ExitCode::from(1);
    }
    for (name, text) in files {
        if let Err(e) = std::fs::write(dir.join(name), text) {
            eprintln!("jamsos params export: cannot write {name}: {e}");
            return ExitCode::from(1);
        }
    }
    println!(
        "wrote {} parameter files to {}; use them with: jamsos --params {} calc …",
        files.len(),
        dir.display(),
        dir.display()
    );
    ExitCode::SUCCESS
}

/// `params check DIR`: valid (else the loader already failed), plus how it differs from the
/// embedded set, so an analyst sees a parameter they dropped by mistake.
fn check_report(set: &ParamSet, dir: &Path) -> String {
    let mut out = format!("{}: valid, {} parameters\n", dir.display(), set.len());
    if let Ok(embedded) = ParamSet::embedded() {
        let missing: Vec<&str> = embedded
            .iter()
            .filter(|p| set.get(&p.name).is_none())
            .map(|p| p.name.as_str())
            .collect();
        let extra: Vec<&str> = set
            .iter()
            .filter(|p| embedded.get(&p.name).is_none())
            .map(|p| p.name.as_str())
            .collect();
        let changed = set
            .iter()
            .filter(|p| {
                embedded
                    .get(&p.name)
                    .is_some_and(|e| e.periods != p.periods)
            })
            .count();
        if !missing.is_empty() {
            out.push_str(&format!(
                "warning: {} embedded parameters are absent (calculations needing them fail with missing_parameter): {}\n",
                missing.len(),
                missing.join(", ")
            ));
        }
        if !extra.is_empty() {
            out.push_str(&format!(
                "note: {} parameters the engine does not define (unused): {}\n",
                extra.len(),
                extra.join(", ")
            ));
        }
        out.push_str(&format!(
            "{changed} parameters differ from the embedded set\n"
        ));
    }
    out
}
