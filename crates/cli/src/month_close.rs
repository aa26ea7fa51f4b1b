//! The trend's month-end snapshots at the edge: `jamsos coverage snapshot` (backfill closed
//! months from membership history) and the month-close task `jamsos serve` runs in the
//! background. Both read the clock here — "today" and the run's timestamp — and hand them to
//! `jamsos_analytics::db_history`, which stays clock-free.

use anyhow::{Result, anyhow};
use jamsos_analytics::Month;
use jamsos_analytics::db::AnalyticsDb;
use jamsos_analytics::db_history::Stamp;
use jamsos_analytics::history;
use jamsos_store::Actor;
use std::time::Duration;

/// How often a running server looks for a newly closed month.
pub const PERIOD: Duration = Duration::from_secs(3600);

/// `jamsos coverage snapshot [--month M | --from M [--to M]]`: reconstructs closed months'
/// month-end snapshots from membership history, replacing what was written for them.
pub fn snapshot_cmd(
    month: Option<String>,
    from: Option<String>,
    to: Option<String>,
    url: Option<String>,
    json: bool,
) -> Result<()> {
    let parse = |t: &Option<String>, flag: &str| -> Result<Option<Month>> {
        t.as_deref()
            .map(|t| Month::parse(t).map_err(|e| anyhow!("{flag}: {e}")))
            .transpose()
    };
    let month = parse(&month, "--month")?;
    let (from, to) = match month {
        Some(m) if from.is_none() && to.is_none() => (Some(m), Some(m)),
        Some(_) => return Err(anyhow!("--month cannot be combined with --from/--to")),
        None => (parse(&from, "--from")?, parse(&to, "--to")?),
    };
    let now = jiff::Zoned::now();
    let stamp = Stamp {
        actor: Actor::new(format!("cli:{}", whoami())),
        at: now.timestamp(),
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    let written = rt.block_on(async {
        let db = open_db(&url).await?;
        let first = db.first_membership_month().await?;
        let months = history::backfill_months(from, to, first, now.date())?;
        Ok::<_, anyhow::Error>(db.backfill_snapshots(&months, &stamp).await?)
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&written)?);
    } else if written.is_empty() {
        println!("coverage snapshot: no closed month to write (no membership yet?)");
    } else {
        for s in &written {
            println!(
                "coverage snapshot {}: {} active participants in {} rows",
                s.month, s.active, s.cells
            );
        }
    }
    Ok(())
}

async fn open_db(url: &Option<String>) -> Result<AnalyticsDb> {
    let url = url.clone().unwrap_or_else(crate::registry::default_url);
    let store = jamsos_store::Store::connect(&url)
        .await
        .map_err(|e| anyhow!("opening the database {url}: {e}"))?;
    AnalyticsDb::of_store(&store).ok_or_else(|| anyhow!("the store has no database pool"))
}

fn whoami() -> String {
    std::env::var("USER").unwrap_or_else(|_| "operator".to_owned())
}

/// One pass of the month-close job with the server's clock; logs what it wrote.
pub async fn close_once(db: &AnalyticsDb) {
    let now = jiff::Zoned::now();
    let stamp = Stamp {
        actor: Actor::new("system:month-close"),
        at: now.timestamp(),
    };
    match db.close_months(now.date(), &stamp).await {
        Ok(r) => {
            // One line per pass (a first start may write years of months); each month at debug.
            for s in &r.written {
                tracing::debug!(
                    month = %s.month, active = s.active, cells = s.cells,
                    "month close: coverage snapshot written"
                );
            }
            if let (Some(first), Some(last)) = (r.written.first(), r.written.last()) {
                tracing::info!(
                    months = r.written.len(), from = %first.month, to = %last.month,
                    active_at_end = last.active,
                    "month close: coverage snapshots written"
                );
            }
            if !r.taken.is_empty() {
                let months: Vec<String> = r.taken.iter().map(Month::to_string).collect();
                tracing::info!(
                    months = %months.join(","),
                    "month close: written by another server meanwhile"
                );
            }
            if r.written.is_empty() && r.taken.is_empty() {
                tracing::debug!("month close: every closed month has its snapshot");
            }
        }
        Err(e) => tracing::warn!(error = %e, "month close failed; retrying next period"),
    }
}

/// Starts the month-close task: a pass now, then every [`PERIOD`]. It runs beside the request
/// handlers (its own tokio task; each month is one transaction of its own), so requests never wait
/// for it, and a failed pass is logged and retried at the next tick.
pub fn spawn(store: &jamsos_store::Store) -> Option<tokio::task::JoinHandle<()>> {
    let db = AnalyticsDb::of_store(store)?;
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(PERIOD);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            close_once(&db).await;
        }
    }))
}
