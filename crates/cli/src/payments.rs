//! `jamsos payments import contributions|benefits FILE` (the payment ledger's write door) and
//! `jamsos report flows` (contributions collected and benefits paid by program, region and
//! period, read from the ledger). The checks live in jamsos-domain (`payments::csv`) and the
//! store; the sums in jamsos-analytics (`flows_db`, `flows`, `flows_summary`).

use anyhow::{Context, Result, anyhow, bail};
use jamsos_analytics::export::{Sheet, flows_svg, sheets, xlsx};
use jamsos_analytics::flows::{self, FlowRow, Granularity};
use jamsos_analytics::flows_db::{FlowQuery, flow_records};
use jamsos_analytics::flows_summary::{self, FlowTotals};
use jamsos_analytics::model::Program;
use jamsos_analytics::region::Kemendagri;
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Level, RegionDirectory, RegionKey};
use jamsos_domain::payments::{Issue, csv};
use jamsos_store::Store;
use jamsos_store::payments::{PaymentOutcome, PaymentSource};
use serde::Serialize;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum PaymentsCommand {
    /// Record payments from a CSV file: all rows or none (problems are listed by row and
    /// column). Templates: docs/import-templates.md ("Payments").
    Import {
        /// `contributions` (reference,payer_type,payer,month,paid_on,jkk,jkm,jht,jp,jkp,reverses)
        /// or `benefits` (reference,kpj,program,benefit,claim_reference,paid_on,amount,reverses).
        #[arg(value_parser = ["contributions", "benefits"])]
        kind: String,
        file: PathBuf,
        #[arg(long, env = "JAMSOS_DATABASE_URL")]
        database_url: Option<String>,
        /// Print the outcome as JSON.
        #[arg(long)]
        json: bool,
    },
}

/// Subcommands of `jamsos report`.
#[derive(clap::Subcommand)]
pub enum ReportAction {
    /// Contributions collected and benefits paid by program, region and period, from the
    /// payment ledger ("Rp… paid in DKI Jakarta so far").
    Flows(Box<FlowsArgs>),
}

pub fn report(action: ReportAction) -> ExitCode {
    match action {
        ReportAction::Flows(a) => exit(flows_cmd(*a)),
    }
}

/// `jamsos report flows …`.
#[derive(clap::Args)]
pub struct FlowsArgs {
    #[arg(long, env = "JAMSOS_DATABASE_URL")]
    database_url: Option<String>,
    /// Only inside this region (e.g. 31 for DKI Jakarta, 31.73 for West Jakarta).
    #[arg(long)]
    within: Option<String>,
    /// Period: month, year or all ("so far").
    #[arg(long, default_value = "all", value_parser = ["month", "year", "all"])]
    by: String,
    /// Row level: province, regency (city), district or village; default: one level below
    /// --within (provinces without it).
    #[arg(long)]
    level: Option<String>,
    /// Only this program (JKK, JKM, JHT, JP, JKP).
    #[arg(long)]
    program: Option<String>,
    /// Hide rows paying fewer than this many cases (k-anonymity).
    #[arg(long, default_value_t = Policy::DEFAULT_MIN)]
    k: u64,
    /// Show every row (agency roles entitled to registry detail).
    #[arg(long)]
    no_suppression: bool,
    #[arg(long)]
    json: bool,
    #[arg(long)]
    csv: Option<PathBuf>,
    #[arg(long)]
    xlsx: Option<PathBuf>,
    /// The bar chart (SVG).
    #[arg(long)]
    svg: Option<PathBuf>,
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

async fn open(url: &Option<String>) -> Result<Store> {
    let url = url.clone().unwrap_or_else(crate::registry::default_url);
    Store::connect(&url)
        .await
        .with_context(|| format!("opening the database {url}"))
}

fn exit(result: Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("jamsos: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn issues_text(issues: &[Issue]) -> String {
    issues
        .iter()
        .map(|i| format!("  {i}"))
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn run(cmd: PaymentsCommand) -> ExitCode {
    match cmd {
        PaymentsCommand::Import {
            kind,
            file,
            database_url,
            json,
        } => exit(import(&kind, &file, &database_url, json)),
    }
}

fn import(kind: &str, file: &PathBuf, url: &Option<String>, json: bool) -> Result<()> {
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let source = PaymentSource {
        kind: if kind == "benefits" {
            "benefits"
        } else {
            "contributions"
        },
        file_name: file.file_name().map_or_else(
            || file.display().to_string(),
            |n| n.to_string_lossy().into(),
        ),
        sha256: jamsos_store::import::file_sha256(&bytes),
    };
    let invalid = |issues: Vec<Issue>| {
        anyhow!(
            "{} is not valid; nothing was written:\n{}",
            file.display(),
            issues_text(&issues)
        )
    };
    let actor = crate::registry::actor();
    let out = runtime()?.block_on(async {
        let store = open(url).await?;
        let out = if source.kind == "benefits" {
            let rows = csv::benefits(&bytes).map_err(invalid)?;
            store.record_benefits(&actor, &source, &rows).await?
        } else {
            let rows = csv::contributions(&bytes).map_err(invalid)?;
            store.record_contributions(&actor, &source, &rows).await?
        };
        store.close().await;
        Ok::<_, anyhow::Error>(out)
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&out)?);
    }
    match out {
        PaymentOutcome::Applied {
            import_id,
            payments,
            reversals,
            lines,
            net,
        } => {
            if !json {
                println!(
                    "recorded / dicatat: {payments} payments, {reversals} reversals ({lines} ledger rows, net {}), payment import {import_id}",
                    jamsos_rules::Rupiah(net).to_id_string()
                );
            }
            Ok(())
        }
        PaymentOutcome::AlreadyImported { import_id } => {
            if !json {
                println!("already imported (payment import {import_id}): nothing changed");
            }
            Ok(())
        }
        PaymentOutcome::Rejected { issues } => Err(invalid(issues)),
    }
}

/// What `report flows --json` prints.
#[derive(Serialize)]
struct FlowsReport {
    within: Option<RegionKey>,
    place: String,
    level: Level,
    granularity: Granularity,
    program: Option<Program>,
    policy: Policy,
    headline: String,
    totals: FlowTotals,
    rows: Vec<FlowRow>,
}

fn flows_cmd(a: FlowsArgs) -> Result<()> {
    let within = a
        .within
        .as_deref()
        .map(|w| RegionKey::parse(w).map_err(|e| anyhow!("--within: {e}")))
        .transpose()?;
    let level = match &a.level {
        Some(l) => Level::parse(l)
            .ok_or_else(|| anyhow!("--level: expected province, regency, district or village"))?,
        None => within
            .as_ref()
            .map_or(Some(Level::Province), |w| w.level().finer())
            .unwrap_or(Level::Village),
    };
    let granularity = match a.by.as_str() {
        "month" => Granularity::Month,
        "year" => Granularity::Year,
        _ => Granularity::All,
    };
    let program = match &a.program {
        Some(p) => Some(
            Program::parse(&p.to_ascii_uppercase())
                .ok_or_else(|| anyhow!("--program: expected JKK, JKM, JHT, JP or JKP"))?,
        ),
        None => None,
    };
    if a.k == 0 {
        bail!("--k must be at least 1 (use --no-suppression to show every row)");
    }
    let policy = if a.no_suppression {
        Policy::none()
    } else {
        Policy::city_analyst(a.k)
    };
    let query = FlowQuery {
        within: within.clone(),
        level,
        program,
    };
    let records = runtime()?.block_on(async {
        let store = open(&a.database_url).await?;
        let r = flow_records(&store, &query).await;
        store.close().await;
        r.map_err(anyhow::Error::from)
    })?;
    let rows = flows::report(&records, None, level, granularity, policy);
    let totals = flows_summary::totals(&records, None, policy);
    let dir = Kemendagri::embedded();
    let place = within.as_ref().map_or_else(
        || "Indonesia".to_owned(),
        |w| dir.name(w).unwrap_or_else(|| w.to_string()),
    );
    let headline = flows_summary::headline(&totals, &place);
    let title = format!("Iuran dan manfaat / Money flows: {place}");
    let chart = flows_svg::flow_bars(&rows, &title);
    let mut sheet = sheets::flows(&rows);
    sheet.notes.insert(0, headline.clone());
    if a.json {
        let report = FlowsReport {
            within,
            place,
            level,
            granularity,
            program,
            policy,
            headline,
            totals,
            rows,
        };
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{headline}");
        println!();
        print_sheet(&sheet);
    }
    write(&a.csv, sheet.to_csv())?;
    if a.xlsx.is_some() {
        write(&a.xlsx, xlsx::workbook(std::slice::from_ref(&sheet))?)?;
    }
    write(&a.svg, chart)?;
    Ok(())
}

fn write(path: &Option<PathBuf>, bytes: impl AsRef<[u8]>) -> Result<()> {
    if let Some(p) = path {
        std::fs::write(p, bytes).with_context(|| format!("writing {}", p.display()))?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

fn print_sheet(s: &Sheet) {
    let cells: Vec<Vec<String>> = std::iter::once(s.columns.clone())
        .chain(
            s.rows
                .iter()
                .map(|r| r.iter().map(|v| v.display_id()).collect()),
        )
        .collect();
    let widths: Vec<usize> = (0..s.columns.len())
        .map(|c| {
            cells
                .iter()
                .map(|r| r.get(c).map_or(0, |x| x.chars().count()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    for r in &cells {
        let line: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(x, w)| format!("{x:<w$}", w = *w))
            .collect();
        println!("{}", line.join(" | ").trim_end());
    }
    for n in s.notes.iter().skip(1) {
        println!("{n}");
    }
}
