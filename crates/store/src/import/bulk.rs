//! The bulk writer behind imports and generated populations: validated rows in, set-wise SQL
//! out, inside ONE transaction the caller commits or rolls back.
//!
//! Per chunk of rows it issues a handful of statements whatever the chunk size: one lookup of
//! existing persons by NIK, multi-row INSERTs (a few hundred rows each, prepared once and
//! cached), one near-duplicate query over the persons just inserted, one KPJ block reservation.
//! Idempotency comes from natural keys: a person is their NIK (same identity → reused, different
//! identity → `nik_conflict` review, row not applied); a membership is (person, segment,
//! employer, start); a wage is (membership, effective date, amount).

use crate::backend::{
    Rec, Tx, Val, bind_vals, exec_tx, fetch_all_tx, multi_insert_sql, placeholders, vals, with_tx,
};
use crate::counters;
use crate::error::{Result, StoreError};
use crate::registry::codec::sex_code;
use crate::registry::persons::validate_person;
use crate::text;
use jamsos_domain::import::ImportRow;
use jamsos_domain::model::{SponsorCode, normalize_name};
use jamsos_domain::{Kpj, Npp};
use serde::Serialize;
use std::collections::HashMap;

/// Rows per multi-row INSERT: large enough that statement overhead vanishes, small enough for
/// SQLite's 32,766-parameter limit with the widest table (14 columns).
const ROWS_PER_INSERT: usize = 400;
/// Keys per `IN (...)` lookup.
const KEYS_PER_LOOKUP: usize = 900;

/// What an import (or generation) did, row by row summed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportCounts {
    /// Rows handed to the writer (valid rows of the file).
    pub rows: u64,
    /// Rows that created or changed something.
    pub applied: u64,
    /// Rows already fully present (re-import of the same data): nothing written.
    pub unchanged: u64,
    /// Rows the store could not apply (unknown employer or sponsor, KPJ held by someone else).
    pub rejected: u64,
    /// Rows not applied because their NIK belongs to a person with another identity (a review
    /// is opened for each).
    pub conflicts: u64,
    pub persons_created: u64,
    pub memberships_created: u64,
    pub wages_created: u64,
    /// Wage rows corrected (old row superseded, new row naming it).
    pub wages_corrected: u64,
    /// Review items opened: NIK conflicts and near-duplicates (name + birth date).
    pub reviews_opened: u64,
    /// New memberships tagged with the import's outreach campaign (`campaign_enrolments`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub campaign_tagged: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

/// A row the store refused, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StoreRejection {
    pub row: usize,
    pub code: &'static str,
    pub message: String,
}

pub(crate) struct BulkWriter {
    pub import_id: i64,
    pub at: String,
    pub actor: String,
    pub source: String,
    pub counts: ImportCounts,
    pub rejections: Vec<StoreRejection>,
    employers: HashMap<Npp, Option<i64>>,
    sponsors: HashMap<SponsorCode, Option<i64>>,
    /// The campaign (id) every membership this writer creates is tagged with.
    pub campaign: Option<i64>,
}

struct ExistingPerson {
    id: i64,
    name_key: String,
    birth_date: String,
    sex: String,
}

struct ExistingMembership {
    id: i64,
    kpj: String,
    person_id: i64,
    segment: String,
    employer_id: Option<i64>,
    start_date: String,
}

/// A row on its way through a chunk.
struct Pending<'r> {
    row: &'r ImportRow,
    person_id: Option<i64>,
    employer_id: Option<i64>,
    sponsor_id: Option<i64>,
    membership_id: Option<i64>,
    new_membership: bool,
    changed: bool,
}

impl BulkWriter {
    pub(crate) fn new(import_id: i64, at: String, actor: String, source: String) -> BulkWriter {
        BulkWriter {
            import_id,
            at,
            actor,
            source,
            counts: ImportCounts::default(),
            rejections: Vec::new(),
            employers: HashMap::new(),
            sponsors: HashMap::new(),
            campaign: None,
        }
    }

    fn reject(&mut self, row: usize, code: &'static str, message: String) {
        self.counts.rejected += 1;
        self.rejections.push(StoreRejection { row, code, message });
    }

    async fn employer_id(&mut self, tx: &mut Tx, npp: Npp) -> Result<Option<i64>> {
        if let Some(id) = self.employers.get(&npp) {
            return Ok(*id);
        }
        let ids: Vec<i64> = fetch_all_tx!(
            tx,
            "SELECT id FROM employers WHERE npp = $1",
            vals![npp.to_string()],
            |r: &dyn Rec| r.int("id")
        )?;
        let id = ids.into_iter().next();
        self.employers.insert(npp, id);
        Ok(id)
    }

    async fn sponsor_id(&mut self, tx: &mut Tx, code: &SponsorCode) -> Result<Option<i64>> {
        if let Some(id) = self.sponsors.get(code) {
            return Ok(*id);
        }
        let ids: Vec<i64> = fetch_all_tx!(
            tx,
            "SELECT id FROM sponsors WHERE code = $1",
            vals![code.as_str()],
            |r: &dyn Rec| r.int("id")
        )?;
        let id = ids.into_iter().next();
        self.sponsors.insert(code.clone(), id);
        Ok(id)
    }

    /// Tags memberships just created with a campaign, in the import's transaction.
    async fn tag(&mut self, tx: &mut Tx, campaign: i64, memberships: &[i64]) -> Result<()> {
        for batch in memberships.chunks(ROWS_PER_INSERT) {
            let sql = multi_insert_sql(
                tx.engine(),
                "campaign_enrolments",
                &["membership_id", "campaign_id", "tagged_at", "tagged_by"],
                batch.len(),
                "",
            );
            let mut params = Vec::with_capacity(batch.len() * 4);
            for id in batch {
                params.extend([
                    Val::Int(*id),
                    Val::Int(campaign),
                    Val::Text(self.at.clone()),
                    Val::Text(self.actor.clone()),
                ]);
            }
            exec_tx!(tx, sqlx::AssertSqlSafe(sql), params)?;
        }
        self.counts.campaign_tagged += memberships.len() as u64;
        Ok(())
    }

    /// Writes one chunk of valid rows.
    pub(crate) async fn write_chunk(&mut self, tx: &mut Tx, rows: &[ImportRow]) -> Result<()> {
        self.counts.rows += rows.len() as u64;
        // 1. Employers and sponsors must exist already.
        let mut pending: Vec<Pending<'_>> = Vec::with_capacity(rows.len());
        for row in rows {
            if let Err(e) = validate_person(&row.person) {
                self.reject(row.row, "invalid_person", e.to_string());
                continue;
            }
            let employer_id = match row.employer {
                Some(npp) => match self.employer_id(tx, npp).await? {
                    Some(id) => Some(id),
                    None => {
                        self.reject(
                            row.row,
                            "unknown_employer",
                            format!("employer NPP {npp} is not registered"),
                        );
                        continue;
                    }
                },
                None => None,
            };
            let sponsor_id = match &row.sponsor {
                Some(code) => match self.sponsor_id(tx, code).await? {
                    Some(id) => Some(id),
                    None => {
                        self.reject(
                            row.row,
                            "unknown_sponsor",
                            format!("sponsor {code} is not registered"),
                        );
                        continue;
                    }
                },
                None => None,
            };
            pending.push(Pending {
                row,
                person_id: None,
                employer_id,
                sponsor_id,
                membership_id: None,
                new_membership: false,
                changed: false,
            });
        }

        // 2. Persons: existing by NIK, else inserted.
        let niks: Vec<String> = pending
            .iter()
            .map(|p| p.row.person.nik.to_string())
            .collect();
        let mut existing: HashMap<String, ExistingPerson> = HashMap::new();
        for keys in niks.chunks(KEYS_PER_LOOKUP) {
            let sql = format!(
                "SELECT id, nik, name_key, birth_date, sex FROM persons WHERE nik IN ({})",
                placeholders(tx.engine(), 1, keys.len())
            );
            let found: Vec<(String, ExistingPerson)> = fetch_all_tx!(
                tx,
                sqlx::AssertSqlSafe(sql),
                keys.iter()
                    .map(|k| Val::Text(k.clone()))
                    .collect::<Vec<_>>(),
                |r: &dyn Rec| -> Result<(String, ExistingPerson)> {
                    Ok((
                        r.text("nik")?,
                        ExistingPerson {
                            id: r.int("id")?,
                            name_key: r.text("name_key")?,
                            birth_date: r.text("birth_date")?,
                            sex: r.text("sex")?,
                        },
                    ))
                }
            )?;
            existing.extend(found);
        }
        let mut to_insert: Vec<usize> = Vec::new();
        let mut inserting: HashMap<String, usize> = HashMap::new();
        let mut keep = vec![true; pending.len()];
        for (i, p) in pending.iter_mut().enumerate() {
            let person = &p.row.person;
            let nik = person.nik.to_string();
            if let Some(e) = existing.get(&nik) {
                let same = e.name_key == normalize_name(&person.name)
                    && e.birth_date == text::date(person.birth_date)
                    && e.sex == sex_code(person.sex);
                if same {
                    p.person_id = Some(e.id);
                } else {
                    let claimed = serde_json::to_string(p.row)?;
                    open_review_raw(
                        tx,
                        &self.at,
                        e.id,
                        &claimed,
                        &self.source,
                        self.import_id,
                        p.row.row,
                    )
                    .await?;
                    self.counts.reviews_opened += 1;
                    self.counts.conflicts += 1;
                    keep[i] = false;
                }
            } else if let std::collections::hash_map::Entry::Vacant(slot) = inserting.entry(nik) {
                slot.insert(i);
                to_insert.push(i);
            }
            // else: the same NIK twice in one chunk; the second row takes the first's id below.
        }
        let mut new_ids: Vec<i64> = Vec::with_capacity(to_insert.len());
        for batch in to_insert.chunks(ROWS_PER_INSERT) {
            let sql = multi_insert_sql(
                tx.engine(),
                "persons",
                &[
                    "nik",
                    "name",
                    "name_key",
                    "birth_date",
                    "sex",
                    "region_code",
                    "phone",
                    "died_on",
                    "synthetic",
                    "import_id",
                    "created_at",
                    "updated_at",
                ],
                batch.len(),
                "RETURNING id, nik",
            );
            let mut params = Vec::with_capacity(batch.len() * 12);
            for &i in batch {
                let person = &pending[i].row.person;
                params.extend([
                    Val::Text(person.nik.to_string()),
                    Val::Text(person.name.trim().to_owned()),
                    Val::Text(normalize_name(&person.name)),
                    Val::Text(text::date(person.birth_date)),
                    Val::Text(sex_code(person.sex).to_owned()),
                    Val::Text(person.region.to_string()),
                    Val::OptText(person.phone.as_ref().map(|p| p.as_str().to_owned())),
                    Val::OptText(text::opt_date(person.died_on)),
                    Val::Bool(person.synthetic),
                    Val::Int(self.import_id),
                    Val::Text(self.at.clone()),
                    Val::Text(self.at.clone()),
                ]);
            }
            let got: Vec<(i64, String)> =
                fetch_all_tx!(tx, sqlx::AssertSqlSafe(sql), params, |r: &dyn Rec| Ok((
                    r.int("id")?,
                    r.text("nik")?
                )))?;
            for (id, nik) in got {
                if let Some(p) = inserting.get(&nik).and_then(|&i| pending.get_mut(i)) {
                    p.person_id = Some(id);
                    p.changed = true;
                }
                new_ids.push(id);
            }
        }
        self.counts.persons_created += new_ids.len() as u64;
        // Second occurrences of a NIK in this chunk take the first's id.
        let ids_by_nik: HashMap<String, i64> = pending
            .iter()
            .filter_map(|p| p.person_id.map(|id| (p.row.person.nik.to_string(), id)))
            .collect();
        for (i, p) in pending.iter_mut().enumerate() {
            if p.person_id.is_none() && keep.get(i).copied().unwrap_or(false) {
                p.person_id = ids_by_nik.get(&p.row.person.nik.to_string()).copied();
            }
        }

        // 3. Near-duplicates among the persons just inserted: same name key and birth date as
        //    an earlier person (in the registry or earlier in this import). One query.
        if let (Some(lo), Some(hi)) = (new_ids.iter().min(), new_ids.iter().max()) {
            let pairs: Vec<(i64, i64)> = fetch_all_tx!(
                tx,
                // One index lookup (persons_name_birth) per new person, as a scalar
                // subquery: a join let PostgreSQL hash the whole registry for every chunk,
                // 20-30 s per chunk at 9 M persons inside a long import.
                "SELECT pid, qid FROM (SELECT p.id AS pid, \
                   (SELECT MAX(q.id) FROM persons q WHERE q.name_key = p.name_key \
                      AND q.birth_date = p.birth_date AND q.id < p.id) AS qid \
                 FROM persons p WHERE p.id BETWEEN $1 AND $2 AND p.import_id = $3) AS t \
                 WHERE qid IS NOT NULL",
                vals![*lo, *hi, self.import_id],
                |r: &dyn Rec| Ok((r.int("pid")?, r.int("qid")?))
            )?;
            // The new person's facts are its own row (person_id), so `claimed` only says where
            // it came from; a NIK conflict, by contrast, keeps the whole claim (it is stored
            // nowhere else).
            let rows_by_id: HashMap<i64, i64> = pending
                .iter()
                .filter(|p| p.changed)
                .filter_map(|p| p.person_id.map(|id| (id, p.row.row as i64)))
                .collect();
            let mut reviews: Vec<Val> = Vec::with_capacity(pairs.len() * 8);
            for (pid, qid) in &pairs {
                reviews.extend(vals![
                    "near_duplicate",
                    *pid,
                    Some(*qid),
                    "{}",
                    self.source.clone(),
                    Some(self.import_id),
                    rows_by_id.get(pid).copied(),
                    self.at.clone()
                ]);
            }
            for batch in reviews.chunks(ROWS_PER_INSERT * 8) {
                let sql = multi_insert_sql(
                    tx.engine(),
                    "person_reviews",
                    &[
                        "kind",
                        "person_id",
                        "other_person_id",
                        "claimed",
                        "source",
                        "import_id",
                        "row_number",
                        "created_at",
                    ],
                    batch.len() / 8,
                    "",
                );
                exec_tx!(tx, sqlx::AssertSqlSafe(sql), batch.iter().cloned())?;
            }
            self.counts.reviews_opened += pairs.len() as u64;
        }

        // 4. Memberships: existing by natural key (persons that already existed), else new.
        let old_person_ids: Vec<i64> = pending
            .iter()
            .filter(|p| !p.changed)
            .filter_map(|p| p.person_id)
            .collect();
        let mut memberships_by_person: HashMap<i64, Vec<ExistingMembership>> = HashMap::new();
        for keys in old_person_ids.chunks(KEYS_PER_LOOKUP) {
            let sql = format!(
                "SELECT id, kpj, person_id, segment, employer_id, start_date FROM memberships WHERE person_id IN ({})",
                placeholders(tx.engine(), 1, keys.len())
            );
            let found: Vec<ExistingMembership> = fetch_all_tx!(
                tx,
                sqlx::AssertSqlSafe(sql),
                keys.iter().map(|k| Val::Int(*k)).collect::<Vec<_>>(),
                |r: &dyn Rec| -> Result<ExistingMembership> {
                    Ok(ExistingMembership {
                        id: r.int("id")?,
                        kpj: r.text("kpj")?,
                        person_id: r.int("person_id")?,
                        segment: r.text("segment")?,
                        employer_id: r.opt_int("employer_id")?,
                        start_date: r.text("start_date")?,
                    })
                }
            )?;
            for m in found {
                memberships_by_person
                    .entry(m.person_id)
                    .or_default()
                    .push(m);
            }
        }
        // KPJs given in the file must not belong to another membership.
        let given: Vec<String> = pending
            .iter()
            .filter(|p| p.person_id.is_some())
            .filter_map(|p| p.row.kpj.map(|k| k.to_string()))
            .collect();
        let mut taken: HashMap<String, i64> = HashMap::new();
        for keys in given.chunks(KEYS_PER_LOOKUP) {
            let sql = format!(
                "SELECT kpj, person_id FROM memberships WHERE kpj IN ({})",
                placeholders(tx.engine(), 1, keys.len())
            );
            let found: Vec<(String, i64)> = fetch_all_tx!(
                tx,
                sqlx::AssertSqlSafe(sql),
                keys.iter()
                    .map(|k| Val::Text(k.clone()))
                    .collect::<Vec<_>>(),
                |r: &dyn Rec| Ok((r.text("kpj")?, r.int("person_id")?))
            )?;
            taken.extend(found);
        }
        let mut need_kpj = 0u64;
        let mut rejected_rows: Vec<(usize, String)> = Vec::new();
        for p in pending.iter_mut() {
            let Some(person_id) = p.person_id else {
                continue;
            };
            let segment = p.row.segment.code();
            let start = text::date(p.row.start);
            let found = memberships_by_person.get(&person_id).and_then(|ms| {
                ms.iter().find(|m| {
                    m.segment == segment
                        && m.employer_id == p.employer_id
                        && m.start_date == start
                        && p.row.kpj.is_none_or(|k| k.to_string() == m.kpj)
                })
            });
            if let Some(m) = found {
                p.membership_id = Some(m.id);
                continue;
            }
            if let Some(k) = p.row.kpj {
                if let Some(owner) = taken.get(&k.to_string()) {
                    rejected_rows.push((
                        p.row.row,
                        format!(
                            "KPJ {k} already belongs to another membership{}",
                            if *owner == person_id {
                                " of this person"
                            } else {
                                ""
                            }
                        ),
                    ));
                    p.person_id = None;
                    continue;
                }
            } else {
                need_kpj += 1;
            }
            p.new_membership = true;
        }
        for (row, message) in rejected_rows {
            self.reject(row, "kpj_taken", message);
        }
        let mut next_kpj = if need_kpj > 0 {
            counters::reserve(tx, "kpj", need_kpj).await?
        } else {
            0
        };
        let new_rows: Vec<usize> = (0..pending.len())
            .filter(|&i| pending.get(i).is_some_and(|p| p.new_membership))
            .collect();
        let mut kpj_of: HashMap<String, usize> = HashMap::with_capacity(new_rows.len());
        let mut created: Vec<i64> = Vec::with_capacity(new_rows.len());
        for batch in new_rows.chunks(ROWS_PER_INSERT) {
            let sql = multi_insert_sql(
                tx.engine(),
                "memberships",
                &[
                    "kpj",
                    "person_id",
                    "segment",
                    "employer_id",
                    "sponsor_id",
                    "programs",
                    "occupation",
                    "role",
                    "start_date",
                    "end_date",
                    "import_id",
                    "created_at",
                    "updated_at",
                    "sector",
                ],
                batch.len(),
                "RETURNING id, kpj",
            );
            let mut params = Vec::with_capacity(batch.len() * 14);
            for &i in batch {
                let Some(p) = pending.get(i) else { continue };
                let kpj = match p.row.kpj {
                    Some(k) => k,
                    None => {
                        let k = Kpj::from_sequence(next_kpj).ok_or(StoreError::Exhausted("KPJ"))?;
                        next_kpj += 1;
                        k
                    }
                };
                let kpj = kpj.to_string();
                kpj_of.insert(kpj.clone(), i);
                params.extend([
                    Val::Text(kpj),
                    Val::Int(p.person_id.unwrap_or_default()),
                    Val::Text(p.row.segment.code().to_owned()),
                    Val::OptInt(p.employer_id),
                    Val::OptInt(p.sponsor_id),
                    Val::Text(p.row.programs.to_string()),
                    Val::OptText(p.row.occupation.clone()),
                    Val::OptText(p.row.role.map(|r| r.code().to_owned())),
                    Val::Text(text::date(p.row.start)),
                    Val::OptText(text::opt_date(p.row.end)),
                    Val::Int(self.import_id),
                    Val::Text(self.at.clone()),
                    Val::Text(self.at.clone()),
                    Val::OptText(p.row.sector.as_ref().map(|s| s.to_string())),
                ]);
            }
            let got: Vec<(i64, String)> =
                fetch_all_tx!(tx, sqlx::AssertSqlSafe(sql), params, |r: &dyn Rec| Ok((
                    r.int("id")?,
                    r.text("kpj")?
                )))?;
            for (id, kpj) in got {
                created.push(id);
                if let Some(p) = kpj_of.get(&kpj).and_then(|&i| pending.get_mut(i)) {
                    p.membership_id = Some(id);
                    p.changed = true;
                }
            }
        }
        self.counts.memberships_created += new_rows.len() as u64;
        if let Some(campaign) = self.campaign {
            self.tag(tx, campaign, &created).await?;
        }

        // 5. Wages: new memberships get their first row; existing ones are compared.
        let existing_ms: Vec<i64> = pending
            .iter()
            .filter(|p| !p.new_membership)
            .filter_map(|p| p.membership_id)
            .collect();
        let mut current: HashMap<(i64, String), (i64, i64)> = HashMap::new();
        for keys in existing_ms.chunks(KEYS_PER_LOOKUP) {
            let sql = format!(
                "SELECT id, membership_id, valid_from, amount FROM wage_history WHERE superseded_at IS NULL AND membership_id IN ({})",
                placeholders(tx.engine(), 1, keys.len())
            );
            let found: Vec<((i64, String), (i64, i64))> = fetch_all_tx!(
                tx,
                sqlx::AssertSqlSafe(sql),
                keys.iter().map(|k| Val::Int(*k)).collect::<Vec<_>>(),
                |r: &dyn Rec| Ok((
                    (r.int("membership_id")?, r.text("valid_from")?),
                    (r.int("id")?, r.int("amount")?)
                ))
            )?;
            current.extend(found);
        }
        let mut wage_rows: Vec<(usize, Option<i64>)> = Vec::new();
        for (i, p) in pending.iter().enumerate() {
            let Some(mid) = p.membership_id else { continue };
            match current.get(&(mid, text::date(p.row.amount_from))) {
                Some((_, amount)) if *amount == p.row.amount.get() => {}
                Some((old_id, _)) => wage_rows.push((i, Some(*old_id))),
                None => wage_rows.push((i, None)),
            }
        }
        let superseded: Vec<i64> = wage_rows.iter().filter_map(|(_, old)| *old).collect();
        for keys in superseded.chunks(KEYS_PER_LOOKUP) {
            let sql = format!(
                "UPDATE wage_history SET superseded_at = {} WHERE id IN ({})",
                placeholders(tx.engine(), 1, 1),
                placeholders(tx.engine(), 2, keys.len())
            );
            let mut params = vals![self.at.clone()];
            params.extend(keys.iter().map(|k| Val::Int(*k)));
            exec_tx!(tx, sqlx::AssertSqlSafe(sql), params)?;
        }
        self.counts.wages_corrected += superseded.len() as u64;
        for batch in wage_rows.chunks(ROWS_PER_INSERT) {
            let sql = multi_insert_sql(
                tx.engine(),
                "wage_history",
                &[
                    "membership_id",
                    "valid_from",
                    "amount",
                    "kind",
                    "recorded_at",
                    "recorded_by",
                    "reason",
                    "supersedes",
                    "import_id",
                ],
                batch.len(),
                "",
            );
            let mut params = Vec::with_capacity(batch.len() * 9);
            for (i, old) in batch {
                let Some(p) = pending.get(*i) else { continue };
                params.extend([
                    Val::Int(p.membership_id.unwrap_or_default()),
                    Val::Text(text::date(p.row.amount_from)),
                    Val::Int(p.row.amount.get()),
                    Val::Text(p.row.amount_kind.code().to_owned()),
                    Val::Text(self.at.clone()),
                    Val::Text(self.actor.clone()),
                    Val::OptText(None),
                    Val::OptInt(*old),
                    Val::Int(self.import_id),
                ]);
            }
            exec_tx!(tx, sqlx::AssertSqlSafe(sql), params)?;
        }
        self.counts.wages_created += wage_rows.len() as u64;
        let wage_changed: std::collections::HashSet<usize> =
            wage_rows.iter().map(|(i, _)| *i).collect();

        for (i, p) in pending.iter().enumerate() {
            if p.person_id.is_none() {
                continue; // conflict or rejection, counted already
            }
            if p.changed || wage_changed.contains(&i) {
                self.counts.applied += 1;
            } else {
                self.counts.unchanged += 1;
            }
        }
        Ok(())
    }
}

async fn open_review_raw(
    tx: &mut Tx,
    at: &str,
    person_id: i64,
    claimed: &str,
    source: &str,
    import_id: i64,
    row: usize,
) -> Result<()> {
    insert_review(
        tx,
        at,
        "nik_conflict",
        person_id,
        None,
        claimed,
        source,
        import_id,
        Some(row as i64),
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn insert_review(
    tx: &mut Tx,
    at: &str,
    kind: &'static str,
    person_id: i64,
    other: Option<i64>,
    claimed: &str,
    source: &str,
    import_id: i64,
    row: Option<i64>,
) -> Result<()> {
    exec_tx!(
        tx,
        "INSERT INTO person_reviews (kind, person_id, other_person_id, claimed, source, import_id, row_number, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        vals![kind, person_id, other, claimed, source, import_id, row, at]
    )?;
    Ok(())
}
