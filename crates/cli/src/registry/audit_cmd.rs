//! `jamsos audit list|verify`.

use super::table::{Table, opt};
use super::{CliError, CliResult, Global, input, open, print_json};
use clap::Subcommand;
use jamsos_domain::audit::{ChainHead, Hash32};
use jamsos_store::audit::AuditFilter;

#[derive(Subcommand)]
pub enum AuditCommand {
    /// List entries, newest first.
    List {
        /// Entity kind: employer, person, membership, family_member, sponsor, import, review.
        #[arg(long)]
        entity: Option<String>,
        /// Entity id (an NPP, KPJ, person id, import id…).
        #[arg(long)]
        id: Option<String>,
        #[arg(long, default_value_t = 50)]
        limit: u32,
    },
    /// Re-compute the hash chain; exit 1 if any entry was edited or removed.
    Verify {
        /// A head kept outside the database, SEQ:HASH as printed by an earlier verify: also
        /// catches entries cut off the end together with the recorded head.
        #[arg(long)]
        expect_head: Option<String>,
    },
}

pub async fn audit(g: &Global, cmd: AuditCommand) -> CliResult {
    let store = open(g).await?;
    match cmd {
        AuditCommand::List { entity, id, limit } => {
            let list = store
                .audit_list(&AuditFilter {
                    entity,
                    entity_id: id,
                    after_seq: None,
                    newest_first: true,
                    limit: Some(limit),
                })
                .await?;
            if g.json {
                return print_json(&list);
            }
            let mut t = Table::new(&["seq", "at", "actor", "action", "entity", "id", "hash"]);
            for e in &list {
                let hash = e.hash.to_hex();
                t.row(vec![
                    e.seq.to_string(),
                    e.at.to_string(),
                    e.actor.clone(),
                    e.action.clone(),
                    e.entity.clone(),
                    e.entity_id.clone(),
                    hash.get(..12).map(str::to_owned).unwrap_or(hash),
                ]);
            }
            t.print();
        }
        AuditCommand::Verify { expect_head } => {
            let expected = expect_head.map(|h| parse_head(&h)).transpose()?;
            let report = store.audit_verify_against(expected).await?;
            if g.json {
                print_json(&report)?;
            } else {
                match &report.broken {
                    None => println!(
                        "audit log intact / log audit utuh: {} entries, head {}:{}",
                        report.entries, report.chain_head.seq, report.chain_head.hash
                    ),
                    Some(b) => println!(
                        "AUDIT LOG BROKEN / LOG AUDIT RUSAK at entry {} ({:?}): {}\n{} entries verified before it; recorded head {}",
                        b.seq,
                        b.kind,
                        b.why,
                        report.entries,
                        opt(&Some(format!(
                            "{}:{}",
                            report.recorded_head.seq, report.recorded_head.hash
                        )))
                    ),
                }
            }
            if !report.is_intact() {
                return Err(CliError::Failed("the audit log does not verify".into()));
            }
        }
    }
    Ok(())
}

fn parse_head(text: &str) -> CliResult<ChainHead> {
    let (seq, hash) = text
        .split_once(':')
        .ok_or_else(|| input("--expect-head: SEQ:HASH"))?;
    Ok(ChainHead {
        seq: seq
            .trim()
            .parse()
            .map_err(|_| input("--expect-head: SEQ must be a number"))?,
        hash: Hash32::from_hex(hash).map_err(|e| input(format!("--expect-head: {e}")))?,
    })
}
