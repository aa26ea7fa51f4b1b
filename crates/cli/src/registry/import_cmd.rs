//! `jamsos import …` and `jamsos demo …`, with a progress bar on long runs.

use super::{CliError, CliResult, Global, actor, input, open, parse_arg, print_json};
use clap::{Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use jamsos_domain::campaign::CampaignCode;
use jamsos_domain::demo::{GenerateOptions, Generated, Generator, west_jakarta};
use jamsos_domain::model::SponsorCode;
use jamsos_domain::{Npp, RegionCode};
use jamsos_store::import::{
    ImportContext, ImportKind, ImportMode, ImportOutcome, ImportProgress, ImportRequest,
    ImportStatus,
};
use jamsos_store::payments::PaymentOutcome;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum)]
pub enum Kind {
    /// An employer's worker list (PU/Jakon with wages).
    Workers,
    /// A sponsor's list of vulnerable workers (BPU with declared income).
    Sponsored,
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Validate and import a CSV or XLSX file (template: docs/import-templates.md). Nothing is
    /// written unless every row is valid, unless --valid-only.
    #[command(name = "workers")]
    Workers(ImportArgs),
    #[command(name = "sponsored")]
    /// Validate and import a sponsored vulnerable-worker list.
    Sponsored(ImportArgs),
}

#[derive(clap::Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    /// Write the valid rows and return the invalid ones in a rejected-rows file.
    #[arg(long)]
    pub valid_only: bool,
    /// Where to write the rejected rows (default: FILE.rejected.csv beside the input).
    #[arg(long)]
    pub rejected: Option<PathBuf>,
    /// The employer of a worker list without an npp column.
    #[arg(long)]
    pub employer: Option<String>,
    /// The sponsor of a sponsored list without a sponsor column.
    #[arg(long)]
    pub sponsor: Option<String>,
    /// Tag every membership this import creates with an outreach campaign (its code; see
    /// `jamsos campaign create`). An unknown code writes nothing.
    #[arg(long, value_name = "CODE")]
    pub campaign: Option<String>,
}

#[derive(Subcommand)]
pub enum DemoCommand {
    /// Load the West Jakarta demo dataset (synthetic people, real region codes 31.73).
    Seed {
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Generate a large synthetic population (deterministic for a seed) and load it, or with
    /// --csv write it as import files (registering its employers and sponsors).
    Generate {
        #[arg(long)]
        participants: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Limit residence to a region, e.g. 31.73 (West Jakarta).
        #[arg(long)]
        region: Option<String>,
        /// Write DIR/workers.csv and DIR/sponsored.csv instead of loading the participants.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Also load N company data rows for compliance analytics: one report per registered
        /// employer (some under-reporting workers or wages, some without their NPP), then
        /// unregistered companies up to N.
        #[arg(long, value_name = "N")]
        companies: Option<usize>,
        /// Also load workforce potential per district and KBLI section (coverage analytics).
        #[arg(long)]
        potential: bool,
    },
}

fn bar(total: u64, json: bool) -> ProgressBar {
    if json || total < 10_000 {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(total);
    pb.set_style(
        ProgressStyle::with_template(
            "{elapsed_precise} [{bar:40}] {pos}/{len} rows ({per_sec}, eta {eta})",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> "),
    );
    pb
}

pub async fn import(g: &Global, cmd: ImportCommand) -> CliResult {
    let (kind, args) = match cmd {
        ImportCommand::Workers(a) => (ImportKind::Workers, a),
        ImportCommand::Sponsored(a) => (ImportKind::Sponsored, a),
    };
    let bytes =
        std::fs::read(&args.file).map_err(|e| input(format!("{}: {e}", args.file.display())))?;
    let context = ImportContext {
        employer: args
            .employer
            .as_deref()
            .map(|n| parse_arg("--employer", n, Npp::parse))
            .transpose()?,
        sponsor: args
            .sponsor
            .as_deref()
            .map(|s| parse_arg("--sponsor", s, SponsorCode::parse))
            .transpose()?,
    };
    let campaign = args
        .campaign
        .as_deref()
        .map(|c| parse_arg("--campaign", c, CampaignCode::parse))
        .transpose()?;
    let store = open(g).await?;
    let pb = bar((bytes.len() / 80) as u64, g.json);
    let progress = {
        let pb = pb.clone();
        move |p: ImportProgress| {
            pb.set_length(p.rows_hint.max(p.rows_done));
            pb.set_position(p.rows_done);
        }
    };
    let req = ImportRequest {
        kind,
        context,
        mode: if args.valid_only {
            ImportMode::ValidOnly
        } else {
            ImportMode::AllOrNothing
        },
        file_name: args
            .file
            .file_name()
            .map_or_else(|| "import".into(), |n| n.to_string_lossy().into_owned()),
        bytes,
    };
    let started = std::time::Instant::now();
    let out = store
        .import_file_tagged(&actor(), req, campaign.as_ref(), &progress)
        .await;
    pb.finish_and_clear();
    let out = out?;
    let rejected_path = match &out.rejected_csv {
        Some(csv) => {
            let path = args
                .rejected
                .clone()
                .unwrap_or_else(|| default_rejected(&args.file));
            std::fs::write(&path, csv)?;
            Some(path)
        }
        None => None,
    };
    store.close().await;
    if g.json {
        print_json(&serde_json::json!({ "outcome": out, "rejected_file": rejected_path }))?;
    } else {
        print_outcome(&out, rejected_path.as_deref(), started.elapsed());
        if let (Some(c), ImportStatus::Applied { .. }) = (&campaign, &out.status) {
            println!(
                "{} new membership(s) tagged with campaign {c} / ditandai dengan kampanye {c}",
                out.counts.campaign_tagged
            );
        }
    }
    match out.status {
        ImportStatus::NothingWritten => Err(CliError::Input(
            "nothing written: fix the rows above (or use --valid-only)".into(),
        )),
        _ => Ok(()),
    }
}

fn default_rejected(file: &Path) -> PathBuf {
    let stem = file
        .file_stem()
        .map_or_else(|| "import".into(), |s| s.to_string_lossy().into_owned());
    file.with_file_name(format!("{stem}.rejected.csv"))
}

fn print_outcome(out: &ImportOutcome, rejected: Option<&Path>, took: std::time::Duration) {
    match &out.status {
        ImportStatus::Applied { import_id } => println!("import {import_id} applied / diterapkan"),
        ImportStatus::AlreadyImported { import_id } => {
            println!(
                "this file was already imported as import {import_id}: nothing changed / file ini sudah pernah diimpor"
            )
        }
        ImportStatus::NothingWritten => {
            println!("NOTHING WRITTEN / TIDAK ADA YANG DISIMPAN: the file has invalid rows")
        }
    }
    if let Some(report) = &out.report {
        let errors: Vec<_> = report.errors().collect();
        println!(
            "{} rows read: {} valid, {} rejected by validation; {} warning(s)",
            report.rows_read,
            report.rows_valid,
            report.rows_rejected,
            report.warnings().count()
        );
        for i in errors.iter().take(50) {
            println!(
                "  row {}{}{}: [{}] {}",
                i.row,
                i.column
                    .as_ref()
                    .map_or(String::new(), |c| format!(", column {c}")),
                i.value
                    .as_ref()
                    .map_or(String::new(), |v| format!(", value {v:?}")),
                i.code,
                i.message
            );
        }
        if errors.len() > 50 {
            println!(
                "  … and {} more (see the rejected-rows file)",
                errors.len() - 50
            );
        }
        for n in report.near_duplicates.iter().take(20) {
            println!(
                "  near-duplicate: row {} and row {} ({}), NIKs {} / {}",
                n.first_row, n.row, n.masked_name, n.first_nik_masked, n.nik_masked
            );
        }
    }
    for r in out.store_rejections.iter().take(50) {
        println!("  row {}: [{}] {}", r.row, r.code, r.message);
    }
    let c = &out.counts;
    println!(
        "persons +{}, memberships +{}, wages +{} ({} corrected), unchanged rows {}, NIK conflicts {}, reviews opened {}",
        c.persons_created,
        c.memberships_created,
        c.wages_created,
        c.wages_corrected,
        c.unchanged,
        c.conflicts,
        c.reviews_opened
    );
    if let Some(p) = rejected {
        println!("rejected rows written to / baris ditolak: {}", p.display());
    }
    let secs = took.as_secs_f64();
    if c.rows > 0 && secs > 0.0 {
        #[allow(clippy::float_arithmetic)] // a display rate, not money
        let rate = c.rows as f64 / secs;
        println!("{} rows in {secs:.1} s ({rate:.0} rows/s)", c.rows);
    }
}

pub async fn demo(g: &Global, cmd: DemoCommand) -> CliResult {
    let store = open(g).await?;
    match cmd {
        DemoCommand::Seed { seed } => {
            let ds = west_jakarta(seed);
            let out = store.seed_demo(&actor(), &ds).await?;
            // The payment ledger: contributions and benefits computed by the rules engine.
            let engine =
                jamsos_rules::Engine::embedded().map_err(|e| CliError::Failed(e.to_string()))?;
            let paid = store.seed_demo_payments(&actor(), &ds, &engine).await?;
            let campaign = jamsos_domain::demo::tambora_campaign()
                .map_err(|e| CliError::Failed(format!("{e:?}")))?;
            store.seed_demo_campaign(&actor(), campaign).await?;
            store.close().await;
            if g.json {
                return print_json(&out);
            }
            match out.status {
                ImportStatus::AlreadyImported { import_id } => {
                    println!("already seeded (import {import_id}): nothing changed")
                }
                _ => println!(
                    "West Jakarta demo loaded: {} sponsors, {} employers, {} persons, {} memberships, {} wage rows, {} family members, {} deaths\n{}",
                    out.sponsors,
                    out.employers,
                    out.counts.persons_created,
                    out.counts.memberships_created,
                    out.counts.wages_created,
                    out.family_members,
                    ds.deaths.len(),
                    ds.note
                ),
            }
            if let (
                PaymentOutcome::Applied { payments: c, .. },
                PaymentOutcome::Applied { payments: b, .. },
            ) = paid
            {
                println!("payment ledger: {c} contribution payments, {b} benefit payments");
            }
        }
        DemoCommand::Generate {
            participants,
            seed,
            region,
            csv,
            companies,
            potential,
        } => {
            let mut opts = GenerateOptions::new(participants, seed);
            opts.within = region
                .map(|r| parse_arg("--region", &r, RegionCode::parse))
                .transpose()?;
            if let Some(dir) = csv {
                return write_csv(g, &store, opts, &dir).await;
            }
            let analytics_opts = opts.clone();
            let pb = bar(participants as u64, g.json);
            let progress = {
                let pb = pb.clone();
                move |p: ImportProgress| pb.set_position(p.rows_done)
            };
            let started = std::time::Instant::now();
            let out = store.generate_demo(&actor(), opts, &progress).await;
            pb.finish_and_clear();
            let out = out?;
            if companies.is_some() || potential {
                let started = std::time::Instant::now();
                let db = jamsos_analytics::db::AnalyticsDb::of_store(&store)
                    .ok_or_else(|| input("the store has no database pool".to_owned()))?;
                let loaded = db
                    .load_generated(&analytics_opts, companies, potential, &actor())
                    .await
                    .map_err(|e| CliError::Failed(format!("analytics data: {e}")))?;
                if !g.json {
                    let show = |o: &Option<jamsos_analytics::db::ImportOutcome>| match o {
                        Some(o) => format!(
                            "{} rows (import {}; by NPP {}, by NIB {}, for review {}, unmatched {})",
                            o.rows,
                            o.import_id,
                            o.matched_npp,
                            o.matched_nib,
                            o.for_review,
                            o.unmatched
                        ),
                        None => "already loaded".to_owned(),
                    };
                    if potential {
                        println!("workforce potential: {}", show(&loaded.potential));
                    }
                    if companies.is_some() {
                        println!("company data: {}", show(&loaded.companies));
                    }
                    println!("analytics data in {:.1} s", started.elapsed().as_secs_f64());
                }
            }
            store.close().await;
            if g.json {
                return print_json(&out);
            }
            match out.status {
                ImportStatus::AlreadyImported { import_id } => {
                    println!("already generated (import {import_id}): nothing changed")
                }
                _ => {
                    #[allow(clippy::float_arithmetic)] // a display rate, not money
                    let rate = out.counts.rows as f64 / started.elapsed().as_secs_f64().max(1e-9);
                    println!(
                        "generated: {} sponsors, {} employers, {} persons, {} memberships, {} wage rows, {} near-duplicate reviews in {:.1} s ({rate:.0} participants/s)",
                        out.sponsors,
                        out.employers,
                        out.counts.persons_created,
                        out.counts.memberships_created,
                        out.counts.wages_created,
                        out.counts.reviews_opened,
                        started.elapsed().as_secs_f64()
                    );
                }
            }
        }
    }
    Ok(())
}

/// Writes a generated population as import files and registers its employers and sponsors.
async fn write_csv(
    g: &Global,
    store: &jamsos_store::Store,
    opts: GenerateOptions,
    dir: &Path,
) -> CliResult {
    std::fs::create_dir_all(dir)?;
    let generator = Generator::new(opts).map_err(|e| input(e.to_string()))?;
    let csv_err = |e: csv::Error| CliError::Failed(e.to_string());
    let mut workers = csv::Writer::from_path(dir.join("workers.csv")).map_err(csv_err)?;
    let mut sponsored = csv::Writer::from_path(dir.join("sponsored.csv")).map_err(csv_err)?;
    workers
        .write_record([
            "nik",
            "name",
            "birth_date",
            "sex",
            "region_code",
            "phone",
            "kpj",
            "npp",
            "segment",
            "programs",
            "start_date",
            "end_date",
            "wage",
            "wage_from",
            "occupation",
        ])
        .map_err(csv_err)?;
    sponsored
        .write_record([
            "sponsor",
            "nik",
            "name",
            "birth_date",
            "sex",
            "region_code",
            "phone",
            "kpj",
            "occupation",
            "role",
            "declared_income",
            "programs",
            "start_date",
            "end_date",
        ])
        .map_err(csv_err)?;
    let (mut sponsors, mut employers) = (Vec::new(), Vec::new());
    let (mut n_workers, mut n_sponsored, mut skipped) = (0u64, 0u64, 0u64);
    for item in generator {
        match item {
            Generated::Sponsor(s) => sponsors.push(s),
            Generated::Employer(e) => employers.push(e),
            Generated::Participant(p) => {
                let (person, m, w) = (&p.person, &p.membership, &p.wage);
                let phone = person
                    .phone
                    .as_ref()
                    .map_or(String::new(), |p| p.as_str().to_owned());
                let end = m.end.map_or(String::new(), |d| d.to_string());
                match (m.employer, &m.sponsor) {
                    (Some(npp), _) => {
                        workers
                            .write_record([
                                person.nik.to_string(),
                                person.name.clone(),
                                person.birth_date.to_string(),
                                person.sex.code_id().to_owned(),
                                person.region.to_string(),
                                phone,
                                m.kpj.to_string(),
                                npp.to_string(),
                                m.segment.code().to_owned(),
                                m.programs.to_string(),
                                m.start.to_string(),
                                end,
                                w.amount.get().to_string(),
                                w.effective_from.to_string(),
                                m.occupation.clone().unwrap_or_default(),
                            ])
                            .map_err(csv_err)?;
                        n_workers += 1;
                    }
                    (None, Some(code)) if m.segment == jamsos_rules::results::Segment::Bpu => {
                        sponsored
                            .write_record([
                                code.to_string(),
                                person.nik.to_string(),
                                person.name.clone(),
                                person.birth_date.to_string(),
                                person.sex.code_id().to_owned(),
                                person.region.to_string(),
                                phone,
                                m.kpj.to_string(),
                                m.occupation.clone().unwrap_or_else(|| "pekerja".into()),
                                m.role.map_or(String::new(), |r| r.code().to_owned()),
                                w.amount.get().to_string(),
                                m.programs.to_string(),
                                m.start.to_string(),
                                end,
                            ])
                            .map_err(csv_err)?;
                        n_sponsored += 1;
                    }
                    _ => skipped += 1,
                }
            }
        }
    }
    workers.flush()?;
    sponsored.flush()?;
    store
        .add_generated_organisations(&actor(), &sponsors, &employers)
        .await?;
    store.close().await;
    let summary = serde_json::json!({
        "dir": dir, "workers_rows": n_workers, "sponsored_rows": n_sponsored,
        "skipped_self_paying_bpu_and_pmi": skipped, "employers_registered": employers.len(), "sponsors_registered": sponsors.len(),
    });
    if g.json {
        return print_json(&summary);
    }
    println!(
        "wrote {} ({n_workers} rows) and {} ({n_sponsored} rows); registered {} employers and {} sponsors; {skipped} self-paying BPU/PMI participants have no template and were left out",
        dir.join("workers.csv").display(),
        dir.join("sponsored.csv").display(),
        employers.len(),
        sponsors.len()
    );
    Ok(())
}
