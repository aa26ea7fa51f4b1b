//! Family members of a participant. The heir order (regulations.md §4) is computed from them by
//! jamsos-domain's `heirs::heir_order`, not in SQL.

use super::codec::{opt_parse, parse_sex, relation_parse, sex_code};
use super::parse_id;
use super::persons::person_by_nik_tx;
use super::types::*;
use crate::audit::{self, Change};
use crate::backend::{
    Rec, Tx, Val, bind_vals, exec_tx, fetch_all_pool, fetch_all_tx, vals, with_pool, with_tx,
};
use crate::error::{Result, StoreError};
use crate::{Actor, Store, text};
use jamsos_domain::Nik;
use jamsos_domain::model::{Education, EducationLevel, check_name};

const FAMILY_SELECT: &str = "SELECT f.id, p.nik AS participant, f.relation, f.name, f.nik, f.sex, f.birth_date, \
    f.education_level, f.grade, f.married, f.working, f.alive, f.notarial_will, f.synthetic, f.created_at, \
    f.updated_at, f.version FROM family_members f JOIN persons p ON p.id = f.person_id";

fn family_from(r: &dyn Rec) -> Result<Stored<FamilyMember>> {
    let id = r.int("id")?;
    const E: &str = "family member";
    let education = match r.opt_text("education_level")? {
        None => None,
        Some(level) => Some(Education {
            level: opt_parse(E, id, &level, EducationLevel::parse)?,
            grade: r
                .opt_int("grade")?
                .map(|g| u8::try_from(g).map_err(|e| StoreError::corrupt(E, id, e)))
                .transpose()?,
        }),
    };
    Ok(Stored {
        id,
        record: FamilyMember {
            participant: parse_id(E, id, &r.text("participant")?, Nik::parse)?,
            nik: r
                .opt_text("nik")?
                .map(|t| parse_id(E, id, &t, Nik::parse))
                .transpose()?,
            name: r.text("name")?,
            relation: opt_parse(E, id, &r.text("relation")?, relation_parse)?,
            sex: r
                .opt_text("sex")?
                .map(|t| parse_sex(E, id, &t))
                .transpose()?,
            birth_date: text::parse_opt_date(E, id, r.opt_text("birth_date")?)?,
            education,
            married: r.boolean("married")?,
            working: r.boolean("working")?,
            alive: r.boolean("alive")?,
            notarial_will: r.boolean("notarial_will")?,
            synthetic: r.boolean("synthetic")?,
        },
        created_at: r.text("created_at")?,
        updated_at: r.text("updated_at")?,
        version: r.int("version")?,
    })
}

fn family_vals(f: &FamilyMember) -> Vec<Val> {
    vals![
        f.relation.code(),
        f.name.trim(),
        f.nik.map(|n| n.to_string()),
        f.sex.map(|s| sex_code(s).to_owned()),
        text::opt_date(f.birth_date),
        f.education.map(|e| e.level.code().to_owned()),
        f.education.and_then(|e| e.grade).map(i64::from),
        f.married,
        f.working,
        f.alive,
        f.notarial_will,
        f.synthetic
    ]
}

fn check_member(f: &FamilyMember) -> Result<()> {
    check_name(&f.name).map_err(|e| StoreError::invalid("name", e.to_string()))?;
    if let (Some(nik), Some(birth)) = (f.nik, f.birth_date) {
        nik.check_birth_date(birth)
            .map_err(|e| StoreError::invalid("nik", e.to_string()))?;
    }
    if let (Some(nik), Some(sex)) = (f.nik, f.sex) {
        nik.check_sex(sex)
            .map_err(|e| StoreError::invalid("nik", e.to_string()))?;
    }
    Ok(())
}

pub(crate) async fn insert_family(
    tx: &mut Tx,
    at: &str,
    actor: &Actor,
    member: FamilyMember,
) -> Result<Stored<FamilyMember>> {
    check_member(&member)?;
    let participant = person_by_nik_tx(tx, member.participant)
        .await?
        .ok_or_else(|| StoreError::NotFound {
            entity: "person",
            key: member.participant.masked(),
        })?;
    let mut params = vals![participant.id];
    params.extend(family_vals(&member));
    params.extend(vals![at, at]);
    let ids: Vec<i64> = fetch_all_tx!(
        tx,
        "INSERT INTO family_members (person_id, relation, name, nik, sex, birth_date, education_level, grade, \
         married, working, alive, notarial_will, synthetic, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
        params,
        |r: &dyn Rec| r.int("id")
    )?;
    let id = ids
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::corrupt("family member", participant.id, "no id"))?;
    let stored = Stored {
        id,
        record: member,
        created_at: at.to_owned(),
        updated_at: at.to_owned(),
        version: 1,
    };
    audit::append(
        tx,
        at,
        actor,
        Change::new::<(), _>("family.add", "family_member", id, None, Some(&stored))?,
    )
    .await?;
    Ok(stored)
}

impl Store {
    /// Adds a family member to a participant (identified by `member.participant`).
    #[tracing::instrument(skip_all)]
    pub async fn add_family_member(
        &self,
        actor: &Actor,
        member: FamilyMember,
    ) -> Result<Stored<FamilyMember>> {
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let stored = insert_family(&mut tx, &at, actor, member).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Corrects a family member's facts (a child moved up a grade, a spouse remarried, a death).
    #[tracing::instrument(skip_all, fields(family_member = id))]
    pub async fn update_family_member(
        &self,
        actor: &Actor,
        id: i64,
        expected_version: i64,
        member: FamilyMember,
    ) -> Result<Stored<FamilyMember>> {
        check_member(&member)?;
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let rows = fetch_all_tx!(
            &mut tx,
            sqlx::AssertSqlSafe(format!("{FAMILY_SELECT} WHERE f.id = $1")),
            vals![id],
            family_from
        )?;
        let before = rows
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::NotFound {
                entity: "family member",
                key: id.to_string(),
            })?;
        if before.version != expected_version {
            return Err(StoreError::Conflict {
                entity: "family member",
                key: id.to_string(),
                expected: expected_version,
            });
        }
        if before.record.participant != member.participant {
            return Err(StoreError::invalid(
                "participant",
                "a family member cannot move to another participant",
            ));
        }
        let mut params = family_vals(&member);
        params.extend(vals![at.clone(), id]);
        exec_tx!(
            &mut tx,
            "UPDATE family_members SET relation = $1, name = $2, nik = $3, sex = $4, birth_date = $5, \
             education_level = $6, grade = $7, married = $8, working = $9, alive = $10, notarial_will = $11, \
             synthetic = $12, updated_at = $13, version = version + 1 WHERE id = $14",
            params
        )?;
        let after = Stored {
            record: member,
            updated_at: at.clone(),
            version: before.version + 1,
            ..before.clone()
        };
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new(
                "family.update",
                "family_member",
                id,
                Some(&before),
                Some(&after),
            )?,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// A participant's family, in the order recorded.
    pub async fn family_of(&self, participant: Nik) -> Result<Vec<Stored<FamilyMember>>> {
        fetch_all_pool!(
            &self.pool,
            sqlx::AssertSqlSafe(format!("{FAMILY_SELECT} WHERE p.nik = $1 ORDER BY f.id")),
            vals![participant.to_string()],
            family_from
        )
    }
}
