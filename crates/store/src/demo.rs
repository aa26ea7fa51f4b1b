//! Demo and benchmark data from jamsos-domain's deterministic generators, written through the
//! same bulk writer as imports: [`Store::seed_demo`] (the West Jakarta dataset) and
//! [`Store::generate_demo`] (large synthetic populations). Both are recorded like imports
//! (kind `demo`, a content key instead of a file hash), so running them twice changes nothing.

use crate::audit::{self, Change};
use crate::backend::{Tx, bind_vals, exec_tx, multi_insert_sql, vals, with_tx};
use crate::error::{Result, StoreError};
use crate::import::bulk::{BulkWriter, ImportCounts};
use crate::import::{ImportMode, ImportProgress, ImportStatus, insert_import_row, tune_for_bulk};
use crate::registry::codec::serde_code;
use crate::registry::family::insert_family;
use crate::{Actor, Store};
use jamsos_domain::Kpj;
use jamsos_domain::demo::{DemoDataset, GenerateOptions, Generated, Generator, Participant};
use jamsos_domain::import::ImportRow;
use jamsos_domain::model::{Employer, Sponsor, WageRecord};
use serde::Serialize;
use std::collections::HashMap;

const CHUNK: usize = 5_000;
/// `Kpj::from_sequence(n)` is 10,000,000,000 + n.
const KPJ_BASE: u64 = 10_000_000_000;

/// What a seed or generation wrote.
#[derive(Clone, Debug, Serialize)]
pub struct DemoOutcome {
    #[serde(flatten)]
    pub status: ImportStatus,
    pub sponsors: u64,
    pub employers: u64,
    pub family_members: u64,
    pub counts: ImportCounts,
}

fn kpj_seq(k: Kpj) -> u64 {
    k.to_string()
        .parse::<u64>()
        .unwrap_or(0)
        .saturating_sub(KPJ_BASE)
}

fn row_of(
    n: usize,
    p: &jamsos_domain::model::Person,
    m: &jamsos_domain::model::Membership,
    w: &WageRecord,
) -> ImportRow {
    ImportRow {
        row: n,
        person: p.clone(),
        kpj: Some(m.kpj),
        employer: m.employer,
        segment: m.segment,
        programs: m.programs,
        start: m.start,
        end: m.end,
        sponsor: m.sponsor.clone(),
        occupation: m.occupation.clone(),
        role: m.role,
        amount: w.amount,
        amount_kind: w.kind,
        amount_from: w.effective_from,
        sector: m.sector.clone(),
    }
}

/// Inserts sponsors and employers that come with their own codes/NPPs (multi-row, no
/// per-row audit: the caller's summary entry counts them), and moves the NPP counter past them.
pub(crate) async fn insert_organisations(
    tx: &mut Tx,
    at: &str,
    import_id: i64,
    sponsors: &[Sponsor],
    employers: &[Employer],
) -> Result<()> {
    for batch in sponsors.chunks(400) {
        let sql = multi_insert_sql(
            tx.engine(),
            "sponsors",
            &[
                "code",
                "name",
                "kind",
                "region_code",
                "basis",
                "covers",
                "synthetic",
                "created_at",
                "updated_at",
            ],
            batch.len(),
            "",
        );
        let mut params = Vec::new();
        for s in batch {
            params.extend(vals![
                s.code.as_str(),
                s.name.clone(),
                serde_code(&s.kind)?,
                s.region.to_string(),
                s.basis.clone(),
                s.covers
                    .iter()
                    .map(|c| c.code())
                    .collect::<Vec<_>>()
                    .join(","),
                s.synthetic,
                at,
                at
            ]);
        }
        exec_tx!(tx, sqlx::AssertSqlSafe(sql), params)?;
    }
    let mut max_npp = 0u64;
    for batch in employers.chunks(400) {
        let sql = multi_insert_sql(
            tx.engine(),
            "employers",
            &[
                "npp",
                "legal_name",
                "nib",
                "kbli",
                "risk_class",
                "size_class",
                "address",
                "region_code",
                "status",
                "synthetic",
                "import_id",
                "created_at",
                "updated_at",
            ],
            batch.len(),
            "",
        );
        let mut params = Vec::new();
        for e in batch {
            max_npp = max_npp.max(e.npp.sequence().unwrap_or(0));
            params.extend(vals![
                e.npp.to_string(),
                e.legal_name.clone(),
                e.nib.map(|n| n.to_string()),
                e.kbli.as_ref().map(|k| k.to_string()),
                i64::from(e.risk_class.get()),
                e.size_class.code(),
                e.address.clone(),
                e.region.to_string(),
                e.status.code(),
                e.synthetic,
                import_id,
                at,
                at
            ]);
        }
        exec_tx!(tx, sqlx::AssertSqlSafe(sql), params)?;
    }
    bump_counter(tx, "npp", max_npp).await
}

/// Moves a counter past `used` (a sequence number handed out by a generator).
async fn bump_counter(tx: &mut Tx, name: &str, used: u64) -> Result<()> {
    let next = i64::try_from(used + 1).map_err(|_| StoreError::Exhausted("sequence"))?;
    exec_tx!(
        tx,
        "UPDATE id_counters SET next_value = $2 WHERE name = $1 AND next_value < $2",
        vals![name, next]
    )?;
    Ok(())
}

impl Store {
    /// Loads jamsos-domain's West Jakarta demo registry (synthetic people, real region codes).
    #[tracing::instrument(skip_all, fields(seed = dataset.seed))]
    pub async fn seed_demo(&self, actor: &Actor, dataset: &DemoDataset) -> Result<DemoOutcome> {
        let key =
            crate::import::file_sha256(format!("demo:west_jakarta:{}", dataset.seed).as_bytes());
        if let Some(import_id) = self.import_by_hash(&key).await? {
            return Ok(DemoOutcome {
                status: ImportStatus::AlreadyImported { import_id },
                sponsors: 0,
                employers: 0,
                family_members: 0,
                counts: ImportCounts::default(),
            });
        }
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let name = format!("demo west_jakarta seed {}", dataset.seed);
        let import_id = insert_import_row(
            &mut tx,
            "demo",
            &name,
            &key,
            ImportMode::AllOrNothing,
            actor,
            &at,
        )
        .await?;
        insert_organisations(
            &mut tx,
            &at,
            import_id,
            &dataset.sponsors,
            &dataset.employers,
        )
        .await?;

        // Participants: the first wage with the membership, later wages in later passes (each
        // pass finds the membership by its natural key and adds the next period).
        let persons: HashMap<_, _> = dataset.persons.iter().map(|p| (p.nik, p)).collect();
        let mut wages: HashMap<Kpj, Vec<&WageRecord>> = HashMap::new();
        for w in &dataset.wages {
            wages.entry(w.kpj).or_default().push(w);
        }
        for list in wages.values_mut() {
            list.sort_by_key(|w| w.effective_from);
        }
        let mut writer = BulkWriter::new(import_id, at.clone(), actor.0.clone(), name.clone());
        let mut max_kpj = 0u64;
        let mut pass = 0usize;
        loop {
            let mut rows = Vec::new();
            for (n, m) in dataset.memberships.iter().enumerate() {
                max_kpj = max_kpj.max(kpj_seq(m.kpj));
                let Some(p) = persons.get(&m.person) else {
                    return Err(StoreError::invalid(
                        "demo",
                        format!("membership {} has no person", m.kpj),
                    ));
                };
                if let Some(w) = wages.get(&m.kpj).and_then(|l| l.get(pass)) {
                    rows.push(row_of(n + 1, p, m, w));
                }
            }
            if rows.is_empty() {
                break;
            }
            writer.write_chunk(&mut tx, &rows).await?;
            pass += 1;
        }
        if !writer.rejections.is_empty() {
            return Err(StoreError::invalid(
                "demo",
                format!("{:?}", writer.rejections),
            ));
        }
        bump_counter(&mut tx, "kpj", max_kpj).await?;
        let mut family = 0u64;
        for f in &dataset.family {
            insert_family(&mut tx, &at, actor, f.clone()).await?;
            family += 1;
        }
        let summary = serde_json::json!({
            "dataset": "west_jakarta", "seed": dataset.seed, "note": dataset.note,
            "sponsors": dataset.sponsors.len(), "employers": dataset.employers.len(),
            "family_members": family, "counts": writer.counts,
        });
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new::<(), _>("demo.seed", "import", import_id, None, Some(&summary))?,
        )
        .await?;
        tx.commit().await?;
        Ok(DemoOutcome {
            status: ImportStatus::Applied { import_id },
            sponsors: dataset.sponsors.len() as u64,
            employers: dataset.employers.len() as u64,
            family_members: family,
            counts: writer.counts,
        })
    }

    /// Generates and loads a synthetic population (jamsos-domain `demo::generate`), in one
    /// transaction through the bulk writer. Deterministic for `opts.seed`.
    #[tracing::instrument(skip_all, fields(participants = opts.participants, seed = opts.seed))]
    pub async fn generate_demo(
        &self,
        actor: &Actor,
        opts: GenerateOptions,
        progress: &(dyn Fn(ImportProgress) + Send + Sync),
    ) -> Result<DemoOutcome> {
        let name = format!(
            "demo generate participants={} seed={} region={} as_of={}",
            opts.participants,
            opts.seed,
            opts.within
                .map(|r| r.to_string())
                .unwrap_or_else(|| "all".into()),
            opts.as_of
        );
        let key = crate::import::file_sha256(name.as_bytes());
        if let Some(import_id) = self.import_by_hash(&key).await? {
            return Ok(DemoOutcome {
                status: ImportStatus::AlreadyImported { import_id },
                sponsors: 0,
                employers: 0,
                family_members: 0,
                counts: ImportCounts::default(),
            });
        }
        let total = opts.participants as u64;
        let generator =
            Generator::new(opts).map_err(|e| StoreError::invalid("region", e.to_string()))?;
        // Generation is CPU work: run it on a blocking thread, streaming chunks.
        let (sender, mut receiver) =
            tokio::sync::mpsc::channel::<(Vec<Sponsor>, Vec<Employer>, Vec<Participant>)>(4);
        let producer = tokio::task::spawn_blocking(move || produce(generator, &sender));

        let mut tx = self.begin_write().await?;
        let at = self.now();
        tune_for_bulk(&mut tx).await?;
        let import_id = insert_import_row(
            &mut tx,
            "demo",
            &name,
            &key,
            ImportMode::AllOrNothing,
            actor,
            &at,
        )
        .await?;
        let mut writer = BulkWriter::new(import_id, at.clone(), actor.0.clone(), name.clone());
        let (mut sponsors, mut employers, mut done, mut max_kpj) = (0u64, 0u64, 0u64, 0u64);
        while let Some((s, e, participants)) = receiver.recv().await {
            insert_organisations(&mut tx, &at, import_id, &s, &e).await?;
            sponsors += s.len() as u64;
            employers += e.len() as u64;
            let rows: Vec<ImportRow> = participants
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    max_kpj = max_kpj.max(kpj_seq(p.membership.kpj));
                    row_of(done as usize + i + 1, &p.person, &p.membership, &p.wage)
                })
                .collect();
            writer.write_chunk(&mut tx, &rows).await?;
            done += rows.len() as u64;
            progress(ImportProgress {
                rows_done: done,
                rows_hint: total,
            });
        }
        producer
            .await
            .map_err(|e| StoreError::invalid("demo", format!("generator failed: {e}")))?;
        if !writer.rejections.is_empty() {
            return Err(StoreError::invalid(
                "demo",
                format!(
                    "{} generated rows refused, first: {:?}",
                    writer.rejections.len(),
                    writer.rejections.first()
                ),
            ));
        }
        bump_counter(&mut tx, "kpj", max_kpj).await?;
        let summary = serde_json::json!({ "generator": name, "sponsors": sponsors, "employers": employers, "counts": writer.counts });
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new::<(), _>("demo.generate", "import", import_id, None, Some(&summary))?,
        )
        .await?;
        tx.commit().await?;
        Ok(DemoOutcome {
            status: ImportStatus::Applied { import_id },
            sponsors,
            employers,
            family_members: 0,
            counts: writer.counts,
        })
    }

    /// Registers generated sponsors and employers (with their own codes and NPPs) in one
    /// transaction with one audit entry: used before importing generated worker files.
    pub async fn add_generated_organisations(
        &self,
        actor: &Actor,
        sponsors: &[Sponsor],
        employers: &[Employer],
    ) -> Result<()> {
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let key = crate::import::file_sha256(
            format!(
                "organisations:{}:{}:{:?}",
                sponsors.len(),
                employers.len(),
                employers.first().map(|e| e.npp)
            )
            .as_bytes(),
        );
        let import_id = insert_import_row(
            &mut tx,
            "demo",
            "generated organisations",
            &key,
            ImportMode::AllOrNothing,
            actor,
            &at,
        )
        .await?;
        insert_organisations(&mut tx, &at, import_id, sponsors, employers).await?;
        let summary =
            serde_json::json!({ "sponsors": sponsors.len(), "employers": employers.len() });
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new::<(), _>(
                "demo.organisations",
                "import",
                import_id,
                None,
                Some(&summary),
            )?,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

type Batch = (Vec<Sponsor>, Vec<Employer>, Vec<Participant>);

fn produce(generator: Generator, out: &tokio::sync::mpsc::Sender<Batch>) {
    let mut batch: Batch = (Vec::new(), Vec::new(), Vec::with_capacity(CHUNK));
    for item in generator {
        match item {
            Generated::Sponsor(s) => batch.0.push(s),
            Generated::Employer(e) => batch.1.push(e),
            Generated::Participant(p) => {
                batch.2.push(*p);
                if batch.2.len() == CHUNK {
                    let full = std::mem::replace(
                        &mut batch,
                        (Vec::new(), Vec::new(), Vec::with_capacity(CHUNK)),
                    );
                    if out.blocking_send(full).is_err() {
                        return;
                    }
                }
            }
        }
    }
    let _ = out.blocking_send(batch);
}
