//! `jamsos campaign create|list`: record outreach campaigns and list them with the enrolments
//! imports tagged with them (`jamsos import sponsored FILE --campaign CODE`). `jamsos campaign`
//! without a subcommand stays the report (enrolments and coverage change per campaign, in
//! `crate::analytics`). Validation is the domain's; every bad field is reported at once.

use super::table::Table;
use super::{CliError, CliResult, Global, actor, input, open, print_json};
use clap::Subcommand;
use jamsos_domain::campaign::CampaignInput;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum CampaignAction {
    /// Record an outreach campaign (written with an audit-log entry).
    Create(Box<CreateArgs>),
    /// List recorded campaigns with the enrolments tagged with each.
    List {
        #[command(flatten)]
        global: Global,
    },
}

#[derive(clap::Args)]
pub struct CreateArgs {
    #[command(flatten)]
    global: Global,
    /// Code imports name it by: letters, digits, hyphens (e.g. tambora-konveksi-2025).
    #[arg(long)]
    code: String,
    /// Name shown in reports (e.g. "Konveksi Terlindungi Tambora").
    #[arg(long)]
    name: String,
    /// Kemendagri region code at any level (31.73.04 = Tambora).
    #[arg(long)]
    region: String,
    /// KBLI 2020 section letter or 2-digit division (14 = apparel); omit for every sector.
    #[arg(long)]
    sector: Option<String>,
    /// Partner organisation.
    #[arg(long)]
    partner: String,
    /// Pentahelix role: government, business, academia, community or media (or pemerintah,
    /// dunia usaha, akademisi, komunitas).
    #[arg(long)]
    role: String,
    /// First month (YYYY-MM, or a date).
    #[arg(long)]
    start: String,
    /// Last month (YYYY-MM, or a date); omit while running.
    #[arg(long)]
    end: Option<String>,
}

pub fn run(action: CampaignAction) -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("jamsos: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        match action {
            CampaignAction::Create(a) => create(*a).await,
            CampaignAction::List { global } => list(&global).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(CliError::Input(msg)) => {
            eprintln!("jamsos: {msg}");
            ExitCode::from(2)
        }
        Err(CliError::Failed(msg)) => {
            eprintln!("jamsos: {msg}");
            ExitCode::from(1)
        }
    }
}

async fn create(a: CreateArgs) -> CliResult {
    let form = CampaignInput {
        code: a.code,
        name: a.name,
        region_code: a.region,
        sector: a.sector,
        partner: a.partner,
        role: a.role,
        start: a.start,
        end: a.end,
    };
    let campaign = match form.validate() {
        Ok(c) => c,
        Err(errs) => {
            if a.global.json {
                print_json(&serde_json::json!({ "errors": errs }))?;
            }
            let lines: Vec<String> = errs
                .iter()
                .map(|e| format!("  --{}: {}", flag(e.field), e.message))
                .collect();
            return Err(input(format!(
                "the campaign is not valid; nothing was written:\n{}",
                lines.join("\n")
            )));
        }
    };
    let store = open(&a.global).await?;
    let stored = store.create_campaign(&actor(), campaign).await?;
    store.close().await;
    if a.global.json {
        return print_json(&stored);
    }
    println!(
        "campaign {} recorded / kampanye dicatat (id {})",
        stored.record.code, stored.id
    );
    println!(
        "tag enrolments with it: jamsos import sponsored FILE --campaign {}",
        stored.record.code
    );
    Ok(())
}

/// The CLI flag of a domain field.
fn flag(field: &str) -> &str {
    match field {
        "region_code" => "region",
        f => f,
    }
}

async fn list(g: &Global) -> CliResult {
    let store = open(g).await?;
    let all = store.campaigns().await?;
    store.close().await;
    if g.json {
        return print_json(&all);
    }
    let regions = jamsos_domain::regions();
    let mut t = Table::new(&[
        "code",
        "name",
        "region",
        "sector",
        "partner",
        "role",
        "months",
        "enrolments",
    ]);
    for c in &all {
        let r = &c.campaign.record;
        t.row(vec![
            r.code.to_string(),
            r.name.clone(),
            format!("{} {}", r.region, regions.name(&r.region).unwrap_or("")),
            r.sector
                .as_ref()
                .map_or_else(|| "all".to_owned(), |s| s.to_string()),
            r.partner.clone(),
            r.role.code().to_owned(),
            format!(
                "{} – {}",
                r.start,
                r.end
                    .map_or_else(|| "running".to_owned(), |e| e.to_string())
            ),
            c.enrolments.to_string(),
        ]);
    }
    t.print();
    if all.is_empty() {
        println!("no campaigns yet: jamsos campaign create --help");
    }
    Ok(())
}
