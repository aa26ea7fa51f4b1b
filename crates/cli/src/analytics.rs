//! `jamsos coverage|compliance|simulate|campaign|report`: the analyst's doors. Data comes from
//! the registry database by default (`--database-url` / `JAMSOS_DATABASE_URL`, the same default
//! as the registry commands; `jamsos_analytics::db`), from files (CSV/XLSX: workforce
//! potential, participant aggregates, company reports, employers and their wages, campaigns)
//! or from the synthetic West Jakarta demo (`--demo`). Imports into the database:
//! `jamsos coverage import-potential FILE`, `jamsos compliance import-companies FILE`. Every
//! command prints a table, or JSON with `--json`, and can export CSV, XLSX, SVG and a
//! printable HTML page; `report --pdf` writes the A4 PDF summary. Rules come from the
//! embedded engine; the clock is read only here.

use anyhow::{Context, Result, anyhow, bail};
use jamsos_analytics::budget::{self, Assumptions, BudgetRequest, Package, Target};
use jamsos_analytics::budget_privacy;
use jamsos_analytics::compliance::{self, CompanyReport, ComplianceConfig, EmployerFacts};
use jamsos_analytics::compliance_batches::FirstRows;
use jamsos_analytics::coverage::{self, CoverageQuery};
use jamsos_analytics::db::{AnalyticsDb, DatasetQuery};
use jamsos_analytics::demo::{self, Dataset};
use jamsos_analytics::export::{Sheet, html, pdf, sheets, svg, xlsx};
use jamsos_analytics::import::{self, ImportReport, registry_files};
use jamsos_analytics::region::Kemendagri;
use jamsos_analytics::rules_port::{self, FundedBy};
use jamsos_analytics::sector::{Sector, SectorLevel};
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Level, Month, ProgramSet, RegionKey, campaign, summary};
use jamsos_rules::{Engine, Rate, Rupiah};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum AnalyticsCommand {
    /// Coverage by region (and sector) for a month: potential, enrolled, uncovered, rate.
    Coverage(Box<CoverageArgs>),
    /// Compliance: unregistered (PWBD) and partly registered (PDS) companies, with shortfalls.
    Compliance(Box<ComplianceArgs>),
    /// Budget simulation: what it costs a sponsor to cover uncovered (vulnerable) workers.
    Simulate(Box<SimulateArgs>),
    /// Outreach campaigns: enrolments and coverage change per campaign.
    Campaign(Box<CampaignArgs>),
    /// A printable summary for a region (PDF; HTML with print stylesheet; XLSX with every table).
    Report(Box<ReportArgs>),
}

#[derive(clap::Args, Clone)]
pub struct DataArgs {
    /// Registry database (read when neither --demo nor files are given): sqlite://PATH?mode=rwc
    /// or postgres://USER:PASS@HOST/DB. Default: the registry commands' SQLite file.
    #[arg(long, env = "JAMSOS_DATABASE_URL")]
    database_url: Option<String>,
    /// Use the synthetic West Jakarta demo data (seeded) instead of the database.
    #[arg(long, value_name = "SEED", num_args = 0..=1, default_missing_value = "1")]
    demo: Option<u64>,
    /// Workforce potential: region_code,sector,period,workers,vulnerable_workers,source
    #[arg(long)]
    potential: Option<PathBuf>,
    /// Active participants: region_code,sector,month,segment,vulnerable,programs,count
    #[arg(long)]
    enrolled: Option<PathBuf>,
    /// Company data: nib,name,region_code,kbli,reported_workers,average_wage,npp
    #[arg(long)]
    companies: Option<PathBuf>,
    /// Registered employers: npp,nib,name,region_code,risk_class,programs
    #[arg(long)]
    employers: Option<PathBuf>,
    /// Registered wages: npp,wage,workers
    #[arg(long)]
    wages: Option<PathBuf>,
    /// Campaigns: id,name,region_code,sector,partner,role,start,end
    #[arg(long)]
    campaigns: Option<PathBuf>,
    /// Tagged enrolments: campaign_id,month,vulnerable
    #[arg(long)]
    tagged: Option<PathBuf>,
}

#[derive(clap::Args, Clone)]
pub struct OutArgs {
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Write the main table as CSV.
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write every table into one XLSX workbook.
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// Write a chart as SVG.
    #[arg(long, value_name = "FILE")]
    svg: Option<PathBuf>,
    /// Write a printable HTML page.
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
}

/// Writes into the analytics tables of the registry database.
#[derive(clap::Subcommand)]
pub enum CoverageAction {
    /// Import workforce potential (CSV/XLSX: region_code,sector,period,workers,
    /// vulnerable_workers,source) into the database: one transaction, nothing written unless
    /// every row is valid and none overlaps a stored row.
    ImportPotential(ImportArgs),
    /// Rebuild closed months' month-end snapshots (the trend) from membership start/end dates,
    /// replacing what was written for them; default: every closed month since the first
    /// membership. `jamsos serve` writes missing months by itself (month_close.rs).
    Snapshot {
        /// One closed month (YYYY-MM).
        #[arg(long)]
        month: Option<String>,
        /// First month (YYYY-MM); default: the month of the first membership.
        #[arg(long)]
        from: Option<String>,
        /// Last month (YYYY-MM); default: last month (the current month is never snapshotted).
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        json: bool,
        #[arg(long, env = "JAMSOS_DATABASE_URL")]
        database_url: Option<String>,
    },
}

#[derive(clap::Subcommand)]
pub enum ComplianceAction {
    /// Import company data (CSV/XLSX: nib,name,region_code,kbli,reported_workers,average_wage,
    /// npp) and match it to registered employers (NPP, NIB, else name + region for review).
    ImportCompanies(ImportArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    file: PathBuf,
    #[arg(long, env = "JAMSOS_DATABASE_URL")]
    database_url: Option<String>,
    /// Print JSON instead of a summary.
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CoverageArgs {
    #[command(subcommand)]
    action: Option<CoverageAction>,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    out: OutArgs,
    /// Month (YYYY-MM); default: the latest month with participants.
    #[arg(long)]
    month: Option<String>,
    /// Only inside this region (e.g. 31.73 for West Jakarta).
    #[arg(long)]
    within: Option<String>,
    /// Row level: province, regency (city), district (kecamatan) or village (kelurahan).
    #[arg(long, default_value = "district")]
    level: String,
    /// Also break each region down by sector.
    #[arg(long)]
    by_sector: bool,
    /// Group sectors by 2-digit KBLI division instead of section.
    #[arg(long)]
    divisions: bool,
    /// Only these sectors (KBLI section letters or divisions), repeatable.
    #[arg(long)]
    sector: Vec<String>,
    /// Hide counts of people under this many (k-anonymity; at least 2). `--k` still works.
    #[arg(long = "min-cell-count", visible_alias = "k", value_name = "N", default_value_t = Policy::DEFAULT_MIN, value_parser = min_cell_count)]
    k: u64,
    /// Show every count (agency roles entitled to registry detail).
    #[arg(long)]
    no_suppression: bool,
    /// Add the month-by-month trend from this month (YYYY-MM).
    #[arg(long)]
    trend_from: Option<String>,
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ComplianceArgs {
    #[command(subcommand)]
    action: Option<ComplianceAction>,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    out: OutArgs,
    /// Month whose rules apply (YYYY-MM); default: the current month.
    #[arg(long)]
    month: Option<String>,
    /// Only companies inside this region.
    #[arg(long)]
    within: Option<String>,
    /// JKK risk class assumed for unregistered companies; default: the parameter
    /// `compliance.unregistered.jkk_risk_class` (1).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=5))]
    assumed_risk_class: Option<u8>,
    /// Rows of the outreach and review lists printed, as tables or JSON (all are exported).
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// Print every row of the outreach and review lists.
    #[arg(long)]
    all: bool,
    /// Check the fast path: count wages from memberships and wage history (no summary table)
    /// and price every shortfall through the contract path. Same answer, much slower.
    #[arg(long, hide = true)]
    reference: bool,
}

#[derive(clap::Args)]
pub struct SimulateArgs {
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    out: OutArgs,
    /// First month paid (YYYY-MM); default: next month.
    #[arg(long)]
    start: Option<String>,
    #[arg(long, default_value_t = 12)]
    months: u32,
    /// Regions covered (repeatable), e.g. 31.73.04 for Tambora.
    #[arg(long, required = true)]
    region: Vec<String>,
    /// Sectors (repeatable); default: all.
    #[arg(long)]
    sector: Vec<String>,
    /// How many to cover; default: all uncovered vulnerable workers of the selection.
    #[arg(long)]
    count: Option<u64>,
    /// Programs paid; default the BPU minimum JKK;JKM.
    #[arg(long, default_value = "JKK;JKM")]
    programs: String,
    /// Declared income; default: the lowest BPU bracket in force.
    #[arg(long)]
    income: Option<i64>,
    /// Who pays: apbd, apbn, other_sponsor (CSR) or self.
    #[arg(long, default_value = "apbd")]
    funded_by: String,
    /// Annual death rate (non-work), e.g. 0.3% — enables expected benefits.
    #[arg(long)]
    death_rate: Option<String>,
    /// Annual work-accident death rate, e.g. 0.01%.
    #[arg(long, default_value = "0%")]
    accident_death_rate: String,
    /// Hide counts of people under this many (k-anonymity; at least 2). `--k` still works.
    #[arg(long = "min-cell-count", visible_alias = "k", value_name = "N", default_value_t = Policy::DEFAULT_MIN, value_parser = min_cell_count)]
    k: u64,
    /// Show every count (agency roles entitled to registry detail).
    #[arg(long)]
    no_suppression: bool,
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct CampaignArgs {
    /// Record or list campaigns (crates/cli/src/registry/campaign_cmd.rs); none: the report.
    #[command(subcommand)]
    action: Option<crate::registry::campaign_cmd::CampaignAction>,
    #[command(flatten)]
    data: DataArgs,
    #[command(flatten)]
    out: OutArgs,
    /// Report as of this month (YYYY-MM); default: the latest month with participants.
    #[arg(long)]
    as_of: Option<String>,
    /// Hide counts of people under this many (k-anonymity; at least 2). `--k` still works.
    #[arg(long = "min-cell-count", visible_alias = "k", value_name = "N", default_value_t = Policy::DEFAULT_MIN, value_parser = min_cell_count)]
    k: u64,
}

#[derive(clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ReportArgs {
    /// `flows`: contributions collected and benefits paid (crates/cli/src/payments.rs).
    #[command(subcommand)]
    action: Option<crate::payments::ReportAction>,
    #[command(flatten)]
    data: DataArgs,
    /// The region summarised (e.g. 31.73); required unless a subcommand is given.
    #[arg(long)]
    region: Option<String>,
    #[arg(long)]
    month: Option<String>,
    /// Output HTML file (default summary.html unless --pdf is given).
    #[arg(long)]
    html: Option<PathBuf>,
    /// Also (or only) write the printable PDF summary (A4).
    #[arg(long)]
    pdf: Option<PathBuf>,
    /// Also write every table into one XLSX workbook.
    #[arg(long)]
    xlsx: Option<PathBuf>,
    /// Hide counts of people under this many (k-anonymity; at least 2). `--k` still works.
    #[arg(long = "min-cell-count", visible_alias = "k", value_name = "N", default_value_t = Policy::DEFAULT_MIN, value_parser = min_cell_count)]
    k: u64,
}

pub fn run(cmd: AnalyticsCommand) -> ExitCode {
    let result = match cmd {
        AnalyticsCommand::Coverage(a) => match a.action {
            Some(CoverageAction::ImportPotential(i)) => import_cmd(i, Kind::Potential),
            Some(CoverageAction::Snapshot {
                month,
                from,
                to,
                json,
                database_url,
            }) => crate::month_close::snapshot_cmd(month, from, to, database_url, json),
            None => coverage_cmd(*a),
        },
        AnalyticsCommand::Compliance(a) => match a.action {
            Some(ComplianceAction::ImportCompanies(i)) => import_cmd(i, Kind::Companies),
            None => compliance_cmd(*a),
        },
        AnalyticsCommand::Simulate(a) => simulate_cmd(*a),
        AnalyticsCommand::Campaign(mut a) => match a.action.take() {
            Some(action) => return crate::registry::campaign_cmd::run(action),
            None => campaign_cmd(*a),
        },
        AnalyticsCommand::Report(mut a) => match a.action.take() {
            Some(action) => return crate::payments::report(action),
            None => report_cmd(*a),
        },
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if let Some(c) = e.downcast_ref::<jamsos_rules::CalcError>() {
                eprintln!("jamsos: {c}");
                return ExitCode::from(c.exit_status() as u8);
            }
            eprintln!("jamsos: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn load<T>(
    path: &Option<PathBuf>,
    what: &str,
    parse: impl Fn(&[u8]) -> import::ImportResult<T>,
) -> Result<Vec<T>> {
    let Some(p) = path else { return Ok(Vec::new()) };
    let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
    parse(&bytes).map(|(v, _)| v).map_err(|r: ImportReport| {
        anyhow!(
            "{what} file {} is not valid; nothing was read:\n  {}",
            p.display(),
            r.lines().join("\n  ")
        )
    })
}

/// What a database read needs besides the region (see `jamsos_analytics::db::DatasetQuery`).
struct DbRead {
    within: Option<RegionKey>,
    history_from: Option<Month>,
    minimum_wage: Option<Rupiah>,
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

async fn open_db(url: &Option<String>) -> Result<AnalyticsDb> {
    let url = url.clone().unwrap_or_else(crate::registry::default_url);
    let store = jamsos_store::Store::connect(&url)
        .await
        .with_context(|| format!("opening the database {url}"))?;
    AnalyticsDb::of_store(&store).ok_or_else(|| anyhow!("the store has no database pool"))
}

fn uses_files(a: &DataArgs) -> bool {
    [
        &a.potential,
        &a.enrolled,
        &a.companies,
        &a.employers,
        &a.wages,
        &a.campaigns,
        &a.tagged,
    ]
    .iter()
    .any(|p| p.is_some())
}

fn dataset(a: &DataArgs, read: DbRead) -> Result<Dataset> {
    if let Some(seed) = a.demo {
        return Ok(demo::west_jakarta(seed));
    }
    if !uses_files(a) {
        let today = jiff::Zoned::now().date();
        let q = DatasetQuery {
            within: read.within,
            current: Month::of(today),
            history_from: read.history_from,
            minimum_wage: read.minimum_wage,
            wage_date: today,
        };
        return runtime()?.block_on(async {
            let db = open_db(&a.database_url).await?;
            Ok(db.dataset(&q).await?)
        });
    }
    let dir = Kemendagri::embedded();
    let mut d = Dataset {
        potential: load(&a.potential, "potential", |b| {
            import::workforce::import(b, &dir)
        })?,
        enrolled: load(&a.enrolled, "enrolled", |b| {
            registry_files::enrolled(b, &dir)
        })?,
        companies: load(&a.companies, "company", |b| {
            import::company::import(b, &dir)
        })?,
        campaigns: load(&a.campaigns, "campaign", |b| {
            registry_files::campaigns(b, &dir)
        })?,
        tagged: load(&a.tagged, "tagged", registry_files::tagged)?,
        employers: Vec::new(),
    };
    let employers = load(&a.employers, "employer", |b| {
        registry_files::employers(b, &dir)
    })?;
    let wages = load(&a.wages, "wage", registry_files::wages)?;
    for e in employers {
        let w: Vec<(Rupiah, u64)> = wages
            .iter()
            .filter(|w| w.npp == e.npp)
            .map(|w| (Rupiah(w.wage), w.workers))
            .collect();
        d.employers.push((
            jamsos_analytics::compliance::EmployerFacts {
                npp: e.npp,
                nib: e.nib,
                name: e.name,
                region: e.region,
                risk_class: e.risk_class,
                programs: e.programs,
                wages: Default::default(),
            },
            w,
        ));
    }
    Ok(d)
}

fn month_arg(text: &Option<String>, d: &Dataset) -> Result<Month> {
    match text {
        Some(t) => Month::parse(t).map_err(|e| anyhow!("--month: {e}")),
        None => d
            .enrolled
            .iter()
            .map(|e| e.month)
            .max()
            .ok_or_else(|| anyhow!("--month is required when there are no participants")),
    }
}

fn month_opt(text: &Option<String>, flag: &str) -> Result<Option<Month>> {
    text.as_deref()
        .map(|t| Month::parse(t).map_err(|e| anyhow!("{flag}: {e}")))
        .transpose()
}

fn months_back(mut m: Month, n: u32) -> Month {
    for _ in 0..n {
        m = m.prev();
    }
    m
}

fn this_month() -> Month {
    Month::of(jiff::Zoned::now().date())
}

fn region_arg(t: &str) -> Result<RegionKey> {
    RegionKey::parse(t).map_err(|e| anyhow!("{e}"))
}

fn sectors_arg(v: &[String]) -> Result<Vec<Sector>> {
    v.iter()
        .map(|s| Sector::parse(s).map_err(|e| anyhow!("--sector: {e}")))
        .collect()
}

fn write(path: &Option<PathBuf>, bytes: impl AsRef<[u8]>) -> Result<()> {
    if let Some(p) = path {
        std::fs::write(p, bytes).with_context(|| format!("writing {}", p.display()))?;
        eprintln!("wrote {}", p.display());
    }
    Ok(())
}

fn emit(
    out: &OutArgs,
    json: &impl serde::Serialize,
    tables: &[Sheet],
    charts: Vec<String>,
) -> Result<()> {
    if out.json {
        println!("{}", serde_json::to_string_pretty(json)?);
    } else if let Some(first) = tables.first() {
        print_sheet(first, usize::MAX);
    }
    if let Some(first) = tables.first() {
        write(&out.csv, first.to_csv())?;
    }
    if out.xlsx.is_some() {
        write(&out.xlsx, xlsx::workbook(tables)?)?;
    }
    // One SVG document per chart: the first at --svg, the others beside it (`name.2.svg`, …).
    if let Some(path) = &out.svg {
        for (i, c) in charts.iter().enumerate() {
            let p = if i == 0 {
                path.clone()
            } else {
                path.with_extension(format!("{}.svg", i + 1))
            };
            write(&Some(p), c)?;
        }
    }
    if out.html.is_some() {
        let title = tables.first().map_or("", |t| t.title.as_str());
        write(&out.html, html::summary_page(title, "", &charts, tables))?;
    }
    Ok(())
}

fn print_sheet(s: &Sheet, max_rows: usize) {
    println!("{}", s.title);
    let cells: Vec<Vec<String>> = std::iter::once(s.columns.clone())
        .chain(
            s.rows
                .iter()
                .take(max_rows)
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
                .min(40)
        })
        .collect();
    for r in &cells {
        let line: Vec<String> = r
            .iter()
            .zip(&widths)
            .map(|(x, w)| format!("{:<w$}", x.chars().take(40).collect::<String>(), w = *w))
            .collect();
        println!("{}", line.join(" | ").trim_end());
    }
    if s.rows.len() > max_rows {
        println!("… {} more rows", s.rows.len() - max_rows);
    }
    for n in &s.notes {
        println!("{n}");
    }
    println!();
}

fn coverage_cmd(a: CoverageArgs) -> Result<()> {
    let within = a.within.as_deref().map(region_arg).transpose()?;
    let explicit = month_opt(&a.month, "--month")?;
    let trend_from = month_opt(&a.trend_from, "--trend-from")?;
    let history_from = [explicit, trend_from].into_iter().flatten().min();
    let level = Level::parse(&a.level)
        .ok_or_else(|| anyhow!("--level: province, regency, district or village"))?;
    let d = if a.data.demo.is_none() && !uses_files(&a.data) {
        coverage_from_db(&a.data, within.as_ref(), history_from, level)?
    } else {
        dataset(
            &a.data,
            DbRead {
                within: within.clone(),
                history_from,
                minimum_wage: None,
            },
        )?
    };
    let month = month_arg(&a.month, &d)?;
    let mut q = CoverageQuery::new(month, level);
    q.within = within;
    q.by_sector = a.by_sector;
    q.sector_level = if a.divisions {
        SectorLevel::Division
    } else {
        SectorLevel::Section
    };
    q.sectors = sectors_arg(&a.sector)?;
    q.policy = if a.no_suppression {
        Policy::none()
    } else {
        Policy::city_analyst(a.k)
    };
    let table = coverage::coverage(&q, &d.potential, &d.enrolled, &Kemendagri::embedded());
    let mut tables = sheets::coverage(&table);
    let title = format!("Cakupan / Coverage {month}");
    let mut charts = vec![svg::coverage_bars(&table, &title)];
    let trend = match trend_from {
        Some(from) => {
            let pts = coverage::trend(&q, &from.through(month), &d.potential, &d.enrolled);
            tables.push(sheets::trend(&pts, &title));
            charts.push(svg::trend_line(&pts, "Tren cakupan / Coverage trend"));
            Some(pts)
        }
        None => None,
    };
    let json = serde_json::json!({"coverage": table, "trend": trend});
    emit(&a.out, &json, &tables, charts)
}

fn compliance_cmd(a: ComplianceArgs) -> Result<()> {
    let engine = Engine::embedded()?;
    let month = match &a.month {
        Some(t) => Month::parse(t).map_err(|e| anyhow!("--month: {e}"))?,
        None => this_month(),
    };
    let within = a.within.as_deref().map(region_arg).transpose()?;
    let mut cfg = ComplianceConfig::from_rules(&engine, month.first_day())?;
    if let Some(class) = a.assumed_risk_class {
        cfg.assumed_risk_class = class;
    }
    let exporting = a.out.csv.is_some() || a.out.xlsx.is_some() || a.out.html.is_some();
    // Printed output shows the first --top rows of the outreach and review lists (--all: every
    // row); totals and counts always cover every company, and exports always hold every row.
    // Ordering and building all ~1,000,000 assessments of a national run only to print 20
    // would cost more than assessing them, so only an export asks for every row.
    let top = if a.all { usize::MAX } else { a.top };
    let keep = if exporting { usize::MAX } else { top };
    let from_db = a.data.demo.is_none() && !uses_files(&a.data);
    let rep = if from_db && !a.reference && keep != usize::MAX {
        // The rows shown only: company rows assessed batch by batch as they are read.
        first_rows_from_db(&engine, &a.data, within.as_ref(), &cfg, keep)?
    } else {
        let (companies, employers) = if from_db {
            compliance_from_db(&engine, &a.data, within.as_ref(), cfg.date, a.reference)?
        } else {
            let d = dataset(
                &a.data,
                DbRead {
                    within: within.clone(),
                    history_from: None,
                    minimum_wage: None,
                },
            )?;
            let companies: Vec<_> = d
                .companies
                .iter()
                .filter(|c| within.as_ref().is_none_or(|w| c.region.within(w)))
                .cloned()
                .collect();
            // Wage statistics against the minimum wage of the employers' province (DKI only
            // for now).
            let min = match d.employers.first() {
                Some((e, _)) => rules_port::minimum_wage(&engine, &e.region, cfg.date)?,
                None => None,
            };
            (companies, d.employer_facts(min))
        };
        if a.reference {
            compliance::assess(
                &rules_port::ContractPath(&engine),
                &cfg,
                &companies,
                &employers,
            )?
        } else {
            compliance::assess_first(&engine, &cfg, companies, &employers, keep)?
        }
    };
    let shown = compliance::ComplianceReport {
        config: rep.config.clone(),
        minimum_wages: rep.minimum_wages.clone(),
        outreach: rep.outreach.iter().take(top).cloned().collect(),
        review: rep.review.iter().take(top).cloned().collect(),
        compliant: rep.compliant,
        totals: rep.totals.clone(),
        monthly_shortfall: rep.monthly_shortfall,
        outreach_count: rep.outreach_count,
        review_count: rep.review_count,
    };
    if a.out.json {
        // Through a Value: keys sorted, as every JSON this command has printed.
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::to_value(&shown)?)?
        );
    } else {
        // The summary's total counts every company with a finding, not only those shown.
        for (i, t) in sheets::compliance(&shown).iter().enumerate() {
            print_sheet(t, if i == 0 { usize::MAX } else { top });
        }
    }
    if !exporting {
        // A national report holds a million assessments; freeing them one by one took a fifth
        // of the command's time, and the process ends here anyway.
        std::mem::forget(rep);
        return Ok(());
    }
    let tables = sheets::compliance(&rep);
    if let Some(t) = tables.get(1) {
        write(&a.out.csv, t.to_csv())?;
    }
    if a.out.xlsx.is_some() {
        write(&a.out.xlsx, xlsx::workbook(&tables)?)?;
    }
    if a.out.html.is_some() {
        write(
            &a.out.html,
            html::summary_page("Kepatuhan / Compliance", &month.to_string(), &[], &tables),
        )?;
    }
    Ok(())
}

/// Coverage reads only workforce potential and enrolment from the database: today's summary
/// already rolled up to the table's level in SQL, and month-end snapshots for a trend.
fn coverage_from_db(
    a: &DataArgs,
    within: Option<&RegionKey>,
    history_from: Option<Month>,
    level: Level,
) -> Result<Dataset> {
    let current = Month::of(jiff::Zoned::now().date());
    runtime()?.block_on(async {
        let db = open_db(&a.database_url).await?;
        let mut enrolled = match history_from {
            Some(from) if from < current => {
                db.enrolled_monthly(within, from, current.prev()).await?
            }
            _ => Vec::new(),
        };
        enrolled.extend(db.enrolled_current_at(within, current, level).await?);
        Ok(Dataset {
            potential: db.potential(within).await?,
            enrolled,
            ..Dataset::default()
        })
    })
}

/// The minimum wage of a province (`"31"`) on a date, for the employer reads: they take a
/// plain lookup, so the first failure is kept here and reported by [`ProvinceMinimums::finish`].
struct ProvinceMinimums<'a> {
    engine: &'a Engine,
    date: jiff::civil::Date,
    failed: std::sync::Mutex<Option<anyhow::Error>>,
}

impl<'a> ProvinceMinimums<'a> {
    fn new(engine: &'a Engine, date: jiff::civil::Date) -> ProvinceMinimums<'a> {
        ProvinceMinimums {
            engine,
            date,
            failed: std::sync::Mutex::new(None),
        }
    }

    fn of(&self, province: &str) -> Option<Rupiah> {
        let found = RegionKey::parse(province)
            .map_err(|e| anyhow!("province {province}: {e}"))
            .and_then(|r| Ok(rules_port::minimum_wage(self.engine, &r, self.date)?));
        found.unwrap_or_else(|e| {
            if let Ok(mut f) = self.failed.lock() {
                f.get_or_insert(e);
            }
            None
        })
    }

    /// The first lookup that failed, if any.
    fn finish(self) -> Result<()> {
        match self.failed.into_inner().ok().flatten() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

/// The first `keep` rows of a compliance run from the database, with counts and totals over
/// every company: the company rows are read in batches that are assessed as they arrive and
/// then dropped ([`jamsos_analytics::compliance_batches`]). The read starts first, so the
/// first batches wait ready while the employers are read.
fn first_rows_from_db(
    engine: &Engine,
    a: &DataArgs,
    within: Option<&RegionKey>,
    cfg: &ComplianceConfig,
    keep: usize,
) -> Result<compliance::ComplianceReport> {
    let minimums = ProvinceMinimums::new(engine, cfg.date);
    let minimum_of = |province: &str| minimums.of(province);
    let today = jiff::Zoned::now().date();
    let rep = runtime()?.block_on(async {
        let db = open_db(&a.database_url).await?;
        let mut batches = db.company_batches(within).await?;
        let employers = db.employers_with(within, &minimum_of, today).await?;
        let mut run = FirstRows::new(engine, cfg, &employers, keep)?;
        while let Some(batch) = batches.recv().await {
            let (start, rows) = batch?;
            run.add(start, rows)?;
        }
        anyhow::Ok(run.finish())
    })?;
    minimums.finish()?;
    Ok(rep)
}

/// Compliance reads only company data and employers from the database: each employer's wages
/// (as of today) are counted against the minimum wage of its own province for the month.
fn compliance_from_db(
    engine: &Engine,
    a: &DataArgs,
    within: Option<&RegionKey>,
    date: jiff::civil::Date,
    reference: bool,
) -> Result<(Vec<CompanyReport>, Vec<EmployerFacts>)> {
    let minimums = ProvinceMinimums::new(engine, date);
    let minimum_of = |province: &str| minimums.of(province);
    let today = jiff::Zoned::now().date();
    let (companies, employers) = runtime()?.block_on(async {
        let db = open_db(&a.database_url).await?;
        // The two reads are independent: run them at once, each on its own connections.
        let employers = async {
            if reference {
                db.employers_recount_with(within, &minimum_of, today).await
            } else {
                db.employers_with(within, &minimum_of, today).await
            }
        };
        let (companies, employers) = tokio::join!(db.companies(within), employers);
        anyhow::Ok((companies?, employers?))
    })?;
    minimums.finish()?;
    Ok((companies, employers))
}

fn simulate_cmd(a: SimulateArgs) -> Result<()> {
    let engine = Engine::embedded()?;
    let within = match a.region.as_slice() {
        [one] => Some(region_arg(one)?),
        _ => None,
    };
    let d = dataset(
        &a.data,
        DbRead {
            within,
            history_from: None,
            minimum_wage: None,
        },
    )?;
    let start = match &a.start {
        Some(t) => Month::parse(t).map_err(|e| anyhow!("--start: {e}"))?,
        None => this_month().next(),
    };
    let funded_by = FundedBy::parse(&a.funded_by)
        .ok_or_else(|| anyhow!("--funded-by: apbd, apbn, other_sponsor or self"))?;
    let programs = ProgramSet::parse(&a.programs).map_err(|e| anyhow!("--programs: {e}"))?;
    if programs.is_empty() {
        bail!("--programs: at least one program");
    }
    let rate = |t: &str, f: &str| Rate::parse(t).map_err(|e| anyhow!("{f}: {e}"));
    let assumptions = match &a.death_rate {
        Some(dr) => Some(Assumptions {
            annual_death_rate: rate(dr, "--death-rate")?,
            annual_work_accident_death_rate: rate(&a.accident_death_rate, "--accident-death-rate")?,
            children: Assumptions::default_children(start),
        }),
        None => None,
    };
    let req = BudgetRequest {
        start,
        months: a.months,
        regions: a
            .region
            .iter()
            .map(|r| region_arg(r))
            .collect::<Result<_>>()?,
        sectors: sectors_arg(&a.sector)?,
        target: a
            .count
            .map_or(Target::AllUncoveredVulnerable, Target::Count),
        package: Package {
            programs,
            income: a.income.map(Rupiah),
        },
        funded_by,
        assumptions,
    };
    let res = budget::simulate(&engine, &req, &d.potential, &d.enrolled)?;
    let policy = if a.no_suppression {
        Policy::none()
    } else {
        Policy::city_analyst(a.k)
    };
    let hidden = budget_privacy::disclosure(&res, req.target, policy);
    emit(
        &a.out,
        &budget_privacy::publish(&res, &hidden),
        &budget_privacy::sheets(&res, &hidden),
        Vec::new(),
    )
}

/// `--min-cell-count`: a whole number, at least 2.
pub(crate) fn min_cell_count(text: &str) -> std::result::Result<u64, String> {
    let k = text
        .trim()
        .parse::<u64>()
        .map_err(|_| format!("{text:?} is not a whole number"))?;
    Policy::checked_min(k)
}

fn campaign_cmd(a: CampaignArgs) -> Result<()> {
    // Campaign windows reach back: read every month-end snapshot.
    let d = dataset(
        &a.data,
        DbRead {
            within: None,
            history_from: Month::new(2000, 1),
            minimum_wage: None,
        },
    )?;
    let as_of = match &a.as_of {
        Some(t) => Month::parse(t).map_err(|e| anyhow!("--as-of: {e}"))?,
        None => month_arg(&None, &d)?,
    };
    let reports: Vec<_> = d
        .campaigns
        .iter()
        .map(|c| {
            campaign::report(
                c,
                &d.tagged,
                &d.potential,
                &d.enrolled,
                as_of,
                Policy::city_analyst(a.k),
            )
        })
        .collect();
    emit(&a.out, &reports, &[sheets::campaigns(&reports)], Vec::new())
}

fn report_cmd(a: ReportArgs) -> Result<()> {
    let engine = Engine::embedded()?;
    let region = region_arg(
        a.region
            .as_deref()
            .ok_or_else(|| anyhow!("--region is required (or: jamsos report flows …)"))?,
    )?;
    let explicit = month_opt(&a.month, "--month")?;
    let d = dataset(
        &a.data,
        DbRead {
            within: Some(region.clone()),
            history_from: Some(months_back(explicit.unwrap_or_else(this_month), 11)),
            minimum_wage: rules_port::minimum_wage(
                &engine,
                &region,
                explicit.unwrap_or_else(this_month).first_day(),
            )
            .ok()
            .flatten(),
        },
    )?;
    let month = month_arg(&a.month, &d)?;
    let dir = Kemendagri::embedded();
    let name = jamsos_analytics::RegionDirectory::name(&dir, &region)
        .unwrap_or_else(|| region.to_string());
    let policy = Policy::city_analyst(a.k);
    let level = region.level().finer().unwrap_or(Level::Village);
    let mut q = CoverageQuery::new(month, level);
    q.within = Some(region.clone());
    q.policy = policy;
    let table = coverage::coverage(&q, &d.potential, &d.enrolled, &dir);
    let first = d.enrolled.iter().map(|e| e.month).min().unwrap_or(month);
    let pts = coverage::trend(&q, &first.through(month), &d.potential, &d.enrolled);
    let mut tables = sheets::coverage(&table);
    tables.push(sheets::trend(&pts, &name));
    let mut charts = vec![
        svg::coverage_bars(&table, &format!("Cakupan {name} / Coverage, {month}")),
        svg::trend_line(&pts, "Tren cakupan / Coverage trend"),
    ];
    // Compliance of the region's companies and the cost of covering its vulnerable workers.
    let cfg = ComplianceConfig::from_rules(&engine, month.first_day())?;
    let min = rules_port::minimum_wage(&engine, &region, cfg.date)
        .ok()
        .flatten();
    let companies: Vec<_> = d
        .companies
        .iter()
        .filter(|c| c.region.within(&region))
        .cloned()
        .collect();
    if !companies.is_empty() {
        let rep = compliance::assess(&engine, &cfg, &companies, &d.employer_facts(min))?;
        tables.extend(sheets::compliance(&rep));
    }
    let req = BudgetRequest {
        start: month.next(),
        months: 12,
        regions: vec![region.clone()],
        sectors: Vec::new(),
        target: Target::AllUncoveredVulnerable,
        package: Package::default(),
        funded_by: FundedBy::Apbd,
        assumptions: None,
    };
    match budget::simulate(&engine, &req, &d.potential, &d.enrolled) {
        Ok(b) => tables.extend(budget_privacy::sheets(
            &b,
            &budget_privacy::disclosure(&b, req.target, policy),
        )),
        Err(e) => eprintln!("jamsos: budget section left out: {e}"),
    }
    let reports: Vec<_> = d
        .campaigns
        .iter()
        .filter(|c| c.region.within(&region))
        .map(|c| campaign::report(c, &d.tagged, &d.potential, &d.enrolled, month, policy))
        .collect();
    if !reports.is_empty() {
        tables.push(sheets::campaigns(&reports));
    }
    let sector_q = CoverageQuery {
        by_sector: true,
        ..q.clone()
    };
    let by_sector = coverage::coverage(&sector_q, &d.potential, &d.enrolled, &dir);
    if let Some(s) = sheets::coverage(&by_sector).into_iter().nth(1) {
        tables.push(s);
    }
    charts.truncate(2);
    let page = html::summary_page(
        &format!("Ringkasan jaminan sosial ketenagakerjaan: {name} ({region})"),
        &format!(
            "Bulan / month {month}; {}",
            policy.caption().unwrap_or_default()
        ),
        &charts,
        &tables,
    );
    let html_path = (a.html.clone()).or_else(|| a.pdf.is_none().then(|| "summary.html".into()));
    write(&html_path, page)?;
    if a.xlsx.is_some() {
        write(&a.xlsx, xlsx::workbook(&tables)?)?;
    }
    if a.pdf.is_some() {
        let req = summary::SummaryRequest::new(region.clone(), month, policy);
        let s = summary::build(&engine, &d, &req, &dir)?;
        let opt = pdf::PdfOptions::new(jiff::Zoned::now().date());
        write(&a.pdf, pdf::region_summary(&s, &opt))?;
    }
    Ok(())
}

enum Kind {
    Potential,
    Companies,
}

fn import_cmd(a: ImportArgs, kind: Kind) -> Result<()> {
    let bytes = std::fs::read(&a.file).with_context(|| format!("reading {}", a.file.display()))?;
    let name = a.file.file_name().map_or_else(
        || a.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let actor = crate::registry::actor();
    let out = runtime()?.block_on(async {
        let db = open_db(&a.database_url).await?;
        let r = match kind {
            Kind::Potential => db.import_potential(&bytes, &name, &actor).await,
            Kind::Companies => db.import_companies(&bytes, &name, &actor).await,
        };
        r.map_err(|e| anyhow!("{} : {e}", a.file.display()))
    })?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!(
            "imported {} rows (analytics import {})",
            out.rows, out.import_id
        );
        if let Kind::Companies = kind {
            println!(
                "matched by NPP {}, by NIB {}; for review {}; not registered {}",
                out.matched_npp, out.matched_nib, out.for_review, out.unmatched
            );
        }
    }
    Ok(())
}
