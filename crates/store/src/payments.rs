//! The payment ledger (migration 0230): contributions collected and benefits paid, append-only.
//!
//! [`Store::record_contributions`] and [`Store::record_benefits`] take rows already checked by
//! jamsos-domain's `payments::csv` (or built by the demo) and, in ONE write transaction:
//! resolve what each row names (the paying employer, sponsor or participant; the participant a
//! benefit is paid for; the payment a reversal cancels), refuse the whole batch with a list of
//! row/column problems if anything does not resolve, and otherwise write the ledger rows, the
//! batch's `payment_imports` row and one audit entry per payment or reversal.
//!
//! Each row is stamped with the region it counts under (so reports never join): a
//! contribution under its payer's region (an employer's or sponsor's registered region, a
//! self-paying participant's residence); a benefit under the participant's residence. A
//! reversal copies everything from the payment it cancels (region, month reported under,
//! amounts) and is reported in that payment's month, so the correction nets to zero there.

use crate::audit::{self, Change};
use crate::backend::{Rec, Tx, bind_vals, exec_tx, fetch_all_tx, vals, with_tx};
use crate::error::Result;
use crate::{Actor, Store};
use jamsos_domain::payments::{
    BenefitPayment, BenefitRow, ContributionPayment, ContributionRow, Entry, Issue, Payer,
    month_text,
};
use serde::Serialize;
use std::collections::HashMap;

/// Where a batch of payment rows comes from.
#[derive(Clone, Debug)]
pub struct PaymentSource {
    /// `contributions`, `benefits` or `demo`.
    pub kind: &'static str,
    pub file_name: String,
    /// The file's SHA-256 (or, for generated data, of a content key): a file is recorded once.
    pub sha256: String,
}

/// What a batch did.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum PaymentOutcome {
    Applied {
        import_id: i64,
        payments: u64,
        reversals: u64,
        /// Ledger rows written (a contribution payment has one per program).
        lines: u64,
        /// Net rupiah of the batch (payments minus reversals).
        net: i64,
    },
    /// Nothing was written: these rows name something the registry does not know, or reuse a
    /// reference.
    Rejected {
        issues: Vec<Issue>,
    },
    AlreadyImported {
        import_id: i64,
    },
}

fn issue(row: usize, column: &str, value: impl Into<String>, message: impl Into<String>) -> Issue {
    Issue {
        row,
        column: column.to_owned(),
        value: value.into(),
        message: message.into(),
    }
}

/// A stored contribution line, as a reversal needs it.
struct StoredLine {
    id: i64,
    program: String,
    amount: i64,
    payer_kind: String,
    payer: String,
    contribution_month: String,
    flow_month: String,
    region_code: String,
    reversed: bool,
}

/// A stored benefit payment, as a reversal needs it.
struct StoredBenefit {
    id: i64,
    program: String,
    benefit: String,
    amount: i64,
    kpj: String,
    claim_reference: String,
    flow_month: String,
    region_code: String,
    reversed: bool,
}

async fn one_text(tx: &mut Tx, sql: &'static str, key: String) -> Result<Option<String>> {
    let rows: Vec<String> = fetch_all_tx!(tx, sql, vals![key], |r: &dyn Rec| r.text("r"))?;
    Ok(rows.into_iter().next())
}

/// The participant behind a KPJ: (residence region, segment).
async fn participant(tx: &mut Tx, kpj: String) -> Result<Option<(String, String)>> {
    let rows: Vec<(String, String)> = fetch_all_tx!(
        tx,
        "SELECT p.region_code AS r, m.segment AS s FROM memberships m \
         JOIN persons p ON p.id = m.person_id WHERE m.kpj = $1",
        vals![kpj],
        |r: &dyn Rec| Ok((r.text("r")?, r.text("s")?))
    )?;
    Ok(rows.into_iter().next())
}

async fn import_by_hash(tx: &mut Tx, sha: &str) -> Result<Option<i64>> {
    let rows: Vec<i64> = fetch_all_tx!(
        tx,
        "SELECT id FROM payment_imports WHERE file_sha256 = $1",
        vals![sha],
        |r: &dyn Rec| r.int("id")
    )?;
    Ok(rows.into_iter().next())
}

async fn insert_import(
    tx: &mut Tx,
    source: &PaymentSource,
    actor: &Actor,
    at: &str,
    rows: usize,
) -> Result<i64> {
    let ids: Vec<i64> = fetch_all_tx!(
        tx,
        "INSERT INTO payment_imports (kind, file_name, file_sha256, actor, at, rows_total) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        vals![
            source.kind,
            source.file_name.clone(),
            source.sha256.clone(),
            actor.as_str(),
            at,
            rows as i64
        ],
        |r: &dyn Rec| r.int("id")
    )?;
    ids.into_iter().next().ok_or_else(|| {
        crate::StoreError::corrupt("payment_imports", source.file_name.clone(), "no id")
    })
}

/// Resolves a payer's region, with a cache: a monthly file repeats the same payers.
async fn payer_region(
    tx: &mut Tx,
    cache: &mut HashMap<(String, String), std::result::Result<String, String>>,
    payer: &Payer,
) -> Result<std::result::Result<String, String>> {
    let key = (payer.kind().to_owned(), payer.code());
    if let Some(v) = cache.get(&key) {
        return Ok(v.clone());
    }
    let found = match payer {
        Payer::Employer(npp) => one_text(
            tx,
            "SELECT region_code AS r FROM employers WHERE npp = $1",
            npp.to_string(),
        )
        .await?
        .ok_or_else(|| format!("no registered employer has NPP {npp}")),
        Payer::Sponsor(code) => one_text(
            tx,
            "SELECT region_code AS r FROM sponsors WHERE code = $1",
            code.as_str().to_owned(),
        )
        .await?
        .ok_or_else(|| format!("no sponsor has code {}", code.as_str())),
        Payer::Participant(kpj) => match participant(tx, kpj.to_string()).await? {
            None => Err(format!("no membership has KPJ {kpj}")),
            Some((region, segment)) if segment == "BPU" || segment == "PMI" => Ok(region),
            Some((_, segment)) => Err(format!(
                "KPJ {kpj} is a {segment} membership: its employer pays, not the participant"
            )),
        },
    };
    cache.insert(key, found.clone());
    Ok(found)
}

async fn contribution_lines(tx: &mut Tx, reference: &str) -> Result<Vec<StoredLine>> {
    fetch_all_tx!(
        tx,
        "SELECT c.id, c.program, c.amount, c.payer_kind, c.payer, c.contribution_month, \
                c.flow_month, c.region_code, \
                (SELECT count(*) FROM contributions_collected r WHERE r.reverses = c.id) AS reversed \
         FROM contributions_collected c WHERE c.reference = $1 AND c.entry = 'payment' ORDER BY c.id",
        vals![reference],
        |r: &dyn Rec| Ok(StoredLine {
            id: r.int("id")?,
            program: r.text("program")?,
            amount: r.int("amount")?,
            payer_kind: r.text("payer_kind")?,
            payer: r.text("payer")?,
            contribution_month: r.text("contribution_month")?,
            flow_month: r.text("flow_month")?,
            region_code: r.text("region_code")?,
            reversed: r.int("reversed")? > 0,
        })
    )
}

async fn reference_used(
    tx: &mut Tx,
    table: &'static str,
    reference: &str,
    entry: &str,
) -> Result<bool> {
    let sql = format!("SELECT count(*) AS n FROM {table} WHERE reference = $1 AND entry = $2");
    let n: Vec<i64> = fetch_all_tx!(
        tx,
        sqlx::AssertSqlSafe(sql),
        vals![reference, entry],
        |r: &dyn Rec| r.int("n")
    )?;
    Ok(n.first().copied().unwrap_or(0) > 0)
}

const INSERT_CONTRIBUTION: &str = "INSERT INTO contributions_collected (entry, reference, program, \
     amount, payer_kind, payer, contribution_month, paid_on, flow_month, region_code, reverses, \
     import_id, recorded_at, recorded_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

const INSERT_BENEFIT: &str = "INSERT INTO benefits_paid (entry, reference, program, benefit, \
     amount, kpj, claim_reference, paid_on, flow_month, region_code, reverses, import_id, \
     recorded_at, recorded_by) \
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";

/// A contribution row resolved against the registry, ready to write.
enum ResolvedContribution<'a> {
    Payment {
        p: &'a ContributionPayment,
        region: String,
    },
    Reversal {
        reference: &'a str,
        paid_on: String,
        reverses: &'a str,
        lines: Vec<StoredLine>,
    },
}

enum ResolvedBenefit<'a> {
    Payment {
        p: &'a BenefitPayment,
        region: String,
    },
    Reversal {
        reference: &'a str,
        paid_on: String,
        reverses: &'a str,
        original: StoredBenefit,
    },
}

impl Store {
    /// Records contribution payments and reversals: all rows or none (see the module docs).
    #[tracing::instrument(skip_all, fields(rows = rows.len()))]
    pub async fn record_contributions(
        &self,
        actor: &Actor,
        source: &PaymentSource,
        rows: &[ContributionRow],
    ) -> Result<PaymentOutcome> {
        let mut tx = self.begin_write().await?;
        if let Some(import_id) = import_by_hash(&mut tx, &source.sha256).await? {
            return Ok(PaymentOutcome::AlreadyImported { import_id });
        }
        let mut issues = Vec::new();
        let mut cache = HashMap::new();
        let mut resolved = Vec::with_capacity(rows.len());
        for r in rows {
            match &r.entry {
                Entry::Payment(p) => {
                    if reference_used(&mut tx, "contributions_collected", &p.reference, "payment")
                        .await?
                    {
                        issues.push(issue(
                            r.row,
                            "reference",
                            p.reference.clone(),
                            "a payment with this reference is already in the ledger",
                        ));
                    }
                    match payer_region(&mut tx, &mut cache, &p.payer).await? {
                        Ok(region) => resolved.push(ResolvedContribution::Payment { p, region }),
                        Err(why) => issues.push(issue(r.row, "payer", p.payer.code(), why)),
                    }
                }
                Entry::Reversal {
                    reference,
                    paid_on,
                    reverses,
                } => {
                    if reference_used(&mut tx, "contributions_collected", reference, "reversal")
                        .await?
                    {
                        issues.push(issue(
                            r.row,
                            "reference",
                            reference.clone(),
                            "a reversal with this reference is already in the ledger",
                        ));
                    }
                    let lines = contribution_lines(&mut tx, reverses).await?;
                    if lines.is_empty() {
                        issues.push(issue(
                            r.row,
                            "reverses",
                            reverses.clone(),
                            "no contribution payment with this reference is in the ledger \
                             (a reversal cancels a payment recorded earlier)",
                        ));
                    } else if lines.iter().any(|l| l.reversed) {
                        issues.push(issue(
                            r.row,
                            "reverses",
                            reverses.clone(),
                            "this payment was already reversed",
                        ));
                    } else {
                        resolved.push(ResolvedContribution::Reversal {
                            reference,
                            paid_on: paid_on.to_string(),
                            reverses,
                            lines,
                        });
                    }
                }
            }
        }
        if !issues.is_empty() {
            return Ok(PaymentOutcome::Rejected { issues });
        }
        let at = self.now();
        let import_id = insert_import(&mut tx, source, actor, &at, rows.len()).await?;
        let (mut payments, mut reversals, mut lines, mut net) = (0u64, 0u64, 0u64, 0i64);
        for r in &resolved {
            match r {
                ResolvedContribution::Payment { p, region } => {
                    let month = month_text(p.month);
                    let flow = month_text(p.paid_on);
                    for (program, amount) in &p.lines {
                        exec_tx!(
                            &mut tx,
                            INSERT_CONTRIBUTION,
                            vals![
                                "payment",
                                p.reference.clone(),
                                program.code(),
                                amount.0,
                                p.payer.kind(),
                                p.payer.code(),
                                month.clone(),
                                p.paid_on.to_string(),
                                flow.clone(),
                                region.clone(),
                                None::<i64>,
                                import_id,
                                at.clone(),
                                actor.as_str()
                            ]
                        )?;
                        lines += 1;
                        net += amount.0;
                    }
                    payments += 1;
                    let after = serde_json::json!({
                        "payment": p, "region_code": region, "import_id": import_id,
                    });
                    audit::append(
                        &mut tx,
                        &at,
                        actor,
                        Change::new::<(), _>(
                            "payment.contribution",
                            "contribution_payment",
                            &p.reference,
                            None,
                            Some(&after),
                        )?,
                    )
                    .await?;
                }
                ResolvedContribution::Reversal {
                    reference,
                    paid_on,
                    reverses,
                    lines: originals,
                } => {
                    for l in originals {
                        exec_tx!(
                            &mut tx,
                            INSERT_CONTRIBUTION,
                            vals![
                                "reversal",
                                (*reference).to_owned(),
                                l.program.clone(),
                                l.amount,
                                l.payer_kind.clone(),
                                l.payer.clone(),
                                l.contribution_month.clone(),
                                paid_on.clone(),
                                l.flow_month.clone(),
                                l.region_code.clone(),
                                Some(l.id),
                                import_id,
                                at.clone(),
                                actor.as_str()
                            ]
                        )?;
                        lines += 1;
                        net -= l.amount;
                    }
                    reversals += 1;
                    let after = serde_json::json!({
                        "reference": reference, "paid_on": paid_on, "reverses": reverses,
                        "amount": originals.iter().map(|l| l.amount).sum::<i64>(),
                        "import_id": import_id,
                    });
                    audit::append(
                        &mut tx,
                        &at,
                        actor,
                        Change::new::<(), _>(
                            "payment.contribution_reversal",
                            "contribution_payment",
                            reverses,
                            None,
                            Some(&after),
                        )?,
                    )
                    .await?;
                }
            }
        }
        tx.commit().await?;
        Ok(PaymentOutcome::Applied {
            import_id,
            payments,
            reversals,
            lines,
            net,
        })
    }

    /// Records benefit payments and reversals: all rows or none (see the module docs).
    #[tracing::instrument(skip_all, fields(rows = rows.len()))]
    pub async fn record_benefits(
        &self,
        actor: &Actor,
        source: &PaymentSource,
        rows: &[BenefitRow],
    ) -> Result<PaymentOutcome> {
        let mut tx = self.begin_write().await?;
        if let Some(import_id) = import_by_hash(&mut tx, &source.sha256).await? {
            return Ok(PaymentOutcome::AlreadyImported { import_id });
        }
        let mut issues = Vec::new();
        let mut residence: HashMap<String, Option<String>> = HashMap::new();
        let mut resolved = Vec::with_capacity(rows.len());
        for r in rows {
            match &r.entry {
                Entry::Payment(p) => {
                    if reference_used(&mut tx, "benefits_paid", &p.reference, "payment").await? {
                        issues.push(issue(
                            r.row,
                            "reference",
                            p.reference.clone(),
                            "a payment with this reference is already in the ledger",
                        ));
                    }
                    let kpj = p.kpj.to_string();
                    let region = match residence.get(&kpj) {
                        Some(v) => v.clone(),
                        None => {
                            let v = participant(&mut tx, kpj.clone()).await?.map(|(r, _)| r);
                            residence.insert(kpj.clone(), v.clone());
                            v
                        }
                    };
                    match region {
                        Some(region) => resolved.push(ResolvedBenefit::Payment { p, region }),
                        None => issues.push(issue(
                            r.row,
                            "kpj",
                            kpj.clone(),
                            format!("no membership has KPJ {kpj}"),
                        )),
                    }
                }
                Entry::Reversal {
                    reference,
                    paid_on,
                    reverses,
                } => {
                    if reference_used(&mut tx, "benefits_paid", reference, "reversal").await? {
                        issues.push(issue(
                            r.row,
                            "reference",
                            reference.clone(),
                            "a reversal with this reference is already in the ledger",
                        ));
                    }
                    let found: Vec<StoredBenefit> = fetch_all_tx!(
                        &mut tx,
                        "SELECT b.id, b.program, b.benefit, b.amount, b.kpj, b.claim_reference, \
                                b.flow_month, b.region_code, \
                                (SELECT count(*) FROM benefits_paid r WHERE r.reverses = b.id) AS reversed \
                         FROM benefits_paid b WHERE b.reference = $1 AND b.entry = 'payment'",
                        vals![reverses.clone()],
                        |r: &dyn Rec| Ok(StoredBenefit {
                            id: r.int("id")?,
                            program: r.text("program")?,
                            benefit: r.text("benefit")?,
                            amount: r.int("amount")?,
                            kpj: r.text("kpj")?,
                            claim_reference: r.text("claim_reference")?,
                            flow_month: r.text("flow_month")?,
                            region_code: r.text("region_code")?,
                            reversed: r.int("reversed")? > 0,
                        })
                    )?;
                    match found.into_iter().next() {
                        None => issues.push(issue(
                            r.row,
                            "reverses",
                            reverses.clone(),
                            "no benefit payment with this reference is in the ledger \
                             (a reversal cancels a payment recorded earlier)",
                        )),
                        Some(o) if o.reversed => issues.push(issue(
                            r.row,
                            "reverses",
                            reverses.clone(),
                            "this payment was already reversed",
                        )),
                        Some(original) => resolved.push(ResolvedBenefit::Reversal {
                            reference,
                            paid_on: paid_on.to_string(),
                            reverses,
                            original,
                        }),
                    }
                }
            }
        }
        if !issues.is_empty() {
            return Ok(PaymentOutcome::Rejected { issues });
        }
        let at = self.now();
        let import_id = insert_import(&mut tx, source, actor, &at, rows.len()).await?;
        let (mut payments, mut reversals, mut net) = (0u64, 0u64, 0i64);
        for r in &resolved {
            let (action, key, after) = match r {
                ResolvedBenefit::Payment { p, region } => {
                    exec_tx!(
                        &mut tx,
                        INSERT_BENEFIT,
                        vals![
                            "payment",
                            p.reference.clone(),
                            p.program.code(),
                            p.benefit.code(),
                            p.amount.0,
                            p.kpj.to_string(),
                            p.claim_reference.clone(),
                            p.paid_on.to_string(),
                            month_text(p.paid_on),
                            region.clone(),
                            None::<i64>,
                            import_id,
                            at.clone(),
                            actor.as_str()
                        ]
                    )?;
                    payments += 1;
                    net += p.amount.0;
                    (
                        "payment.benefit",
                        p.reference.as_str(),
                        serde_json::json!({
                            "payment": p, "region_code": region, "import_id": import_id,
                        }),
                    )
                }
                ResolvedBenefit::Reversal {
                    reference,
                    paid_on,
                    reverses,
                    original: o,
                } => {
                    exec_tx!(
                        &mut tx,
                        INSERT_BENEFIT,
                        vals![
                            "reversal",
                            (*reference).to_owned(),
                            o.program.clone(),
                            o.benefit.clone(),
                            o.amount,
                            o.kpj.clone(),
                            o.claim_reference.clone(),
                            paid_on.clone(),
                            o.flow_month.clone(),
                            o.region_code.clone(),
                            Some(o.id),
                            import_id,
                            at.clone(),
                            actor.as_str()
                        ]
                    )?;
                    reversals += 1;
                    net -= o.amount;
                    (
                        "payment.benefit_reversal",
                        *reverses,
                        serde_json::json!({
                            "reference": reference, "paid_on": paid_on, "reverses": reverses,
                            "amount": o.amount, "import_id": import_id,
                        }),
                    )
                }
            };
            audit::append(
                &mut tx,
                &at,
                actor,
                Change::new::<(), _>(action, "benefit_payment", key, None, Some(&after))?,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(PaymentOutcome::Applied {
            import_id,
            payments,
            reversals,
            lines: payments + reversals,
            net,
        })
    }
}
