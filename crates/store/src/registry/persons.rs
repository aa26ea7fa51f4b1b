//! Persons: one record per NIK. A NIK is not assumed unique evidence of identity: the same NIK
//! arriving with another name, birth date or sex opens a `nik_conflict` review instead of
//! overwriting, and a new person sharing name + birth date with someone under another NIK opens
//! a `near_duplicate` review. Nothing is ever merged by the machine.

use super::codec::{parse_sex, sex_code};
use super::types::*;
use super::{parse_id, required};
use crate::audit::{self, Change};
use crate::backend::{
    Rec, Tx, bind_vals, exec_tx, fetch_all_pool, fetch_all_tx, vals, with_pool, with_tx,
};
use crate::error::{Result, StoreError};
use crate::text;
use crate::{Actor, Store};
use jamsos_domain::model::{Phone, check_name, normalize_name as name_key};
use jamsos_domain::{Nik, RegionCode};
use jiff::civil::Date;

pub(crate) const PERSON_COLS: &str = "id, nik, name, birth_date, sex, region_code, phone, died_on, synthetic, created_at, updated_at, version";

pub(crate) fn person_from(r: &dyn Rec) -> Result<Stored<Person>> {
    let id = r.int("id")?;
    const E: &str = "person";
    Ok(Stored {
        id,
        record: Person {
            nik: parse_id(E, id, &r.text("nik")?, Nik::parse)?,
            name: r.text("name")?,
            birth_date: text::parse_date(E, id, &r.text("birth_date")?)?,
            sex: parse_sex(E, id, &r.text("sex")?)?,
            region: parse_id(E, id, &r.text("region_code")?, RegionCode::parse)?,
            phone: r
                .opt_text("phone")?
                .map(|t| parse_id(E, id, &t, Phone::parse))
                .transpose()?,
            died_on: text::parse_opt_date(E, id, r.opt_text("died_on")?)?,
            synthetic: r.boolean("synthetic")?,
        },
        created_at: r.text("created_at")?,
        updated_at: r.text("updated_at")?,
        version: r.int("version")?,
    })
}

/// Checks what the store itself must enforce: a name, and a NIK consistent with the declared
/// birth date and sex (regulations.md §5).
pub(crate) fn validate_person(d: &Person) -> Result<()> {
    check_name(&d.name).map_err(|e| StoreError::invalid("name", e.to_string()))?;
    d.nik
        .check_birth_date(d.birth_date)
        .map_err(|e| StoreError::invalid("nik", e.to_string()))?;
    d.nik
        .check_sex(d.sex)
        .map_err(|e| StoreError::invalid("nik", e.to_string()))?;
    Ok(())
}

/// Same person by the facts that identify one: name (as a key), birth date, sex.
pub(crate) fn same_identity(a: &Person, b: &Person) -> bool {
    name_key(&a.name) == name_key(&b.name) && a.birth_date == b.birth_date && a.sex == b.sex
}

pub(crate) async fn person_by_nik_tx(tx: &mut Tx, nik: Nik) -> Result<Option<Stored<Person>>> {
    let rows = fetch_all_tx!(
        tx,
        sqlx::AssertSqlSafe(format!("SELECT {PERSON_COLS} FROM persons WHERE nik = $1")),
        vals![nik.to_string()],
        person_from
    )?;
    Ok(rows.into_iter().next())
}

pub(crate) async fn person_by_id_tx(tx: &mut Tx, id: i64) -> Result<Stored<Person>> {
    let rows = fetch_all_tx!(
        tx,
        sqlx::AssertSqlSafe(format!("SELECT {PERSON_COLS} FROM persons WHERE id = $1")),
        vals![id],
        person_from
    )?;
    rows.into_iter().next().ok_or_else(|| StoreError::NotFound {
        entity: "person",
        key: id.to_string(),
    })
}

/// Opens a review item inside `tx`; returns its id.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn open_review(
    tx: &mut Tx,
    at: &str,
    kind: &'static str,
    person_id: i64,
    other_person_id: Option<i64>,
    claimed: &Person,
    source: &str,
    import_id: Option<i64>,
    row_number: Option<i64>,
) -> Result<i64> {
    let ids: Vec<i64> = fetch_all_tx!(
        tx,
        "INSERT INTO person_reviews (kind, person_id, other_person_id, claimed, source, import_id, row_number, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        vals![
            kind,
            person_id,
            other_person_id,
            serde_json::to_string(claimed)?,
            source,
            import_id,
            row_number,
            at
        ],
        |r: &dyn Rec| r.int("id")
    )?;
    ids.into_iter()
        .next()
        .ok_or_else(|| StoreError::corrupt("review", person_id, "no id"))
}

/// Inserts a person inside `tx` (no audit entry: callers record theirs); returns the new id.
pub(crate) async fn insert_person(
    tx: &mut Tx,
    at: &str,
    d: &Person,
    import_id: Option<i64>,
) -> Result<i64> {
    let ids: Vec<i64> = fetch_all_tx!(
        tx,
        "INSERT INTO persons (nik, name, name_key, birth_date, sex, region_code, phone, died_on, synthetic, \
         import_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        vals![
            d.nik.to_string(),
            d.name.trim(),
            name_key(&d.name),
            text::date(d.birth_date),
            sex_code(d.sex),
            d.region.to_string(),
            d.phone.as_ref().map(|p| p.as_str().to_owned()),
            text::opt_date(d.died_on),
            d.synthetic,
            import_id,
            at,
            at
        ],
        |r: &dyn Rec| r.int("id")
    )?;
    ids.into_iter()
        .next()
        .ok_or_else(|| StoreError::corrupt("person", d.nik.masked(), "no id"))
}

/// Ids of persons other than `except` with the same name key and birth date.
pub(crate) async fn near_duplicates_tx(tx: &mut Tx, d: &Person, except: i64) -> Result<Vec<i64>> {
    fetch_all_tx!(
        tx,
        "SELECT id FROM persons WHERE name_key = $1 AND birth_date = $2 AND id <> $3 ORDER BY id",
        vals![name_key(&d.name), text::date(d.birth_date), except],
        |r: &dyn Rec| r.int("id")
    )
}

impl Store {
    /// Adds a person, or recognises them: see [`PersonOutcome`]. `source` says where the claim
    /// came from (`cli`, `web`, a file name) and is kept on any review opened.
    #[tracing::instrument(skip_all)]
    pub async fn add_person(
        &self,
        actor: &Actor,
        data: Person,
        source: &str,
    ) -> Result<PersonOutcome> {
        validate_person(&data)?;
        let mut tx = self.begin_write().await?;
        let at = self.now();
        if let Some(existing) = person_by_nik_tx(&mut tx, data.nik).await? {
            if same_identity(&existing.record, &data) {
                return Ok(PersonOutcome::Existing { person: existing });
            }
            let review_id = open_review(
                &mut tx,
                &at,
                "nik_conflict",
                existing.id,
                None,
                &data,
                source,
                None,
                None,
            )
            .await?;
            let claimed =
                serde_json::json!({ "review_id": review_id, "claimed": &data, "source": source });
            audit::append(
                &mut tx,
                &at,
                actor,
                Change::new::<(), _>(
                    "person.nik_conflict",
                    "person",
                    existing.id,
                    None,
                    Some(&claimed),
                )?,
            )
            .await?;
            tx.commit().await?;
            return Ok(PersonOutcome::Conflict {
                existing,
                review_id,
            });
        }
        let id = insert_person(&mut tx, &at, &data, None).await?;
        let person = Stored {
            id,
            record: data,
            created_at: at.clone(),
            updated_at: at.clone(),
            version: 1,
        };
        let mut near_duplicates = Vec::new();
        for other in near_duplicates_tx(&mut tx, &person.record, id).await? {
            near_duplicates.push(
                open_review(
                    &mut tx,
                    &at,
                    "near_duplicate",
                    id,
                    Some(other),
                    &person.record,
                    source,
                    None,
                    None,
                )
                .await?,
            );
        }
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new::<(), _>("person.create", "person", id, None, Some(&person))?,
        )
        .await?;
        tx.commit().await?;
        Ok(PersonOutcome::Created {
            person,
            near_duplicates,
        })
    }

    /// Corrects a person's identity facts (a misspelt name, a wrong birth date). The old values
    /// stay in the audit entry; `expected_version` guards against overwriting a concurrent change.
    #[tracing::instrument(skip_all, fields(person = id))]
    pub async fn update_person(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        data: Person,
    ) -> Result<Stored<Person>> {
        validate_person(&data)?;
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let before = person_by_id_tx(&mut tx, id).await?;
        if before.version != expected_version {
            return Err(StoreError::Conflict {
                entity: "person",
                key: id.to_string(),
                expected: expected_version,
            });
        }
        exec_tx!(
            &mut tx,
            "UPDATE persons SET nik = $1, name = $2, name_key = $3, birth_date = $4, sex = $5, region_code = $6, \
             phone = $7, died_on = $8, synthetic = $9, updated_at = $10, version = version + 1 WHERE id = $11",
            vals![
                data.nik.to_string(),
                data.name.trim(),
                name_key(&data.name),
                text::date(data.birth_date),
                sex_code(data.sex),
                data.region.to_string(),
                data.phone.as_ref().map(|p| p.as_str().to_owned()),
                text::opt_date(data.died_on),
                data.synthetic,
                at.clone(),
                id
            ]
        )
        .map_err(|e| match e {
            StoreError::Database(db) => StoreError::unique_as_duplicate(db, "person", data.nik.masked()),
            other => other,
        })?;
        let after = Stored {
            record: data,
            updated_at: at.clone(),
            version: before.version + 1,
            ..before.clone()
        };
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new("person.update", "person", id, Some(&before), Some(&after))?,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Records a death (the event that opens JKM/JHT claims for the heirs).
    #[tracing::instrument(skip_all, fields(person = id))]
    pub async fn record_death(&self, actor: &Actor, id: i64, date: Date) -> Result<Stored<Person>> {
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let before = person_by_id_tx(&mut tx, id).await?;
        if date < before.record.birth_date {
            return Err(StoreError::invalid("died_on", "before the birth date"));
        }
        exec_tx!(
            &mut tx,
            "UPDATE persons SET died_on = $1, updated_at = $2, version = version + 1 WHERE id = $3",
            vals![text::date(date), at.clone(), id]
        )?;
        let mut after = before.clone();
        after.record.died_on = Some(date);
        after.updated_at = at.clone();
        after.version += 1;
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new("person.death", "person", id, Some(&before), Some(&after))?,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    pub async fn person(&self, id: i64) -> Result<Option<Stored<Person>>> {
        let rows = fetch_all_pool!(
            &self.pool,
            sqlx::AssertSqlSafe(format!("SELECT {PERSON_COLS} FROM persons WHERE id = $1")),
            vals![id],
            person_from
        )?;
        Ok(rows.into_iter().next())
    }

    /// Finds persons by NIK, by KPJ of any of their memberships, or by part of the name.
    pub async fn find_persons(
        &self,
        query: &PersonQuery,
        limit: u32,
    ) -> Result<Vec<Stored<Person>>> {
        let limit = i64::from(limit);
        match query {
            PersonQuery::Nik(nik) => fetch_all_pool!(
                &self.pool,
                sqlx::AssertSqlSafe(format!(
                    "SELECT {PERSON_COLS} FROM persons WHERE nik = $1 LIMIT $2"
                )),
                vals![nik.to_string(), limit],
                person_from
            ),
            PersonQuery::Kpj(kpj) => fetch_all_pool!(
                &self.pool,
                sqlx::AssertSqlSafe(format!(
                    "SELECT {PERSON_COLS} FROM persons WHERE id IN (SELECT person_id FROM memberships WHERE kpj = $1) LIMIT $2"
                )),
                vals![kpj.to_string(), limit],
                person_from
            ),
            PersonQuery::Name(part) => fetch_all_pool!(
                &self.pool,
                sqlx::AssertSqlSafe(format!(
                    "SELECT {PERSON_COLS} FROM persons WHERE name_key LIKE $1 ORDER BY name_key, id LIMIT $2"
                )),
                vals![format!("%{}%", name_key(part)), limit],
                person_from
            ),
        }
    }

    /// Review items (`open` or `resolved`), oldest first.
    pub async fn reviews(&self, status: &str, limit: u32) -> Result<Vec<Review>> {
        fetch_all_pool!(
            &self.pool,
            "SELECT id, kind, person_id, other_person_id, claimed, source, import_id, row_number, status, created_at \
             FROM person_reviews WHERE status = $1 ORDER BY id LIMIT $2",
            vals![status, i64::from(limit)],
            |r: &dyn Rec| -> Result<Review> {
                Ok(Review {
                    id: r.int("id")?,
                    kind: r.text("kind")?,
                    person_id: r.int("person_id")?,
                    other_person_id: r.opt_int("other_person_id")?,
                    claimed: r.text("claimed")?,
                    source: r.text("source")?,
                    import_id: r.opt_int("import_id")?,
                    row_number: r.opt_int("row_number")?,
                    status: r.text("status")?,
                    created_at: r.text("created_at")?,
                })
            }
        )
    }

    /// Closes a review item with an officer's resolution (what they decided and why).
    #[tracing::instrument(skip_all, fields(review = id))]
    pub async fn resolve_review(&self, actor: &Actor, id: i64, resolution: &str) -> Result<()> {
        required("resolution", resolution)?;
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let n = exec_tx!(
            &mut tx,
            "UPDATE person_reviews SET status = 'resolved', resolved_at = $1, resolved_by = $2, resolution = $3 \
             WHERE id = $4 AND status = 'open'",
            vals![at.clone(), actor.as_str(), resolution, id]
        )?;
        if n == 0 {
            return Err(StoreError::NotFound {
                entity: "open review",
                key: id.to_string(),
            });
        }
        let after = serde_json::json!({ "status": "resolved", "resolution": resolution });
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new::<(), _>("review.resolve", "review", id, None, Some(&after))?,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}
