//! Memberships (KPJ generated, 11 digits) and their effective-dated wage or declared-income
//! history. Opening, ending and every wage change is one transaction with its audit entry.

use super::codec::{opt_parse, wage_kind_parse};
use super::employers::employer_by_npp_tx;
use super::employers::sponsor_id_tx;
use super::parse_id;
use super::persons::person_by_nik_tx;
use super::types::*;
use crate::audit::{self, Change};
use crate::backend::{
    Rec, Tx, Val, bind_vals, exec_tx, fetch_all_pool, fetch_all_tx, vals, with_pool, with_tx,
};
use crate::error::{Result, StoreError};
use crate::{Actor, Store, counters, text};
use jamsos_domain::model::{
    CommunityRole, Programs, SponsorCode, WageKind, check_sector, check_segment, parse_segment,
};
use jamsos_domain::{KbliCode, Kpj, Nik, Npp};
use jamsos_rules::Rupiah;
use jiff::civil::Date;

/// Membership columns joined with the person's NIK, the employer's NPP and the sponsor code.
const MEMBERSHIP_SELECT: &str = "SELECT m.id, m.kpj, p.nik, e.npp, m.segment, m.programs, m.start_date, \
    m.end_date, s.code AS sponsor_code, m.occupation, m.role, m.sector, m.created_at, m.updated_at, m.version \
    FROM memberships m JOIN persons p ON p.id = m.person_id \
    LEFT JOIN employers e ON e.id = m.employer_id LEFT JOIN sponsors s ON s.id = m.sponsor_id";

fn membership_from(r: &dyn Rec) -> Result<Stored<Membership>> {
    let id = r.int("id")?;
    const E: &str = "membership";
    Ok(Stored {
        id,
        record: Membership {
            kpj: parse_id(E, id, &r.text("kpj")?, Kpj::parse)?,
            person: parse_id(E, id, &r.text("nik")?, Nik::parse)?,
            employer: r
                .opt_text("npp")?
                .map(|t| parse_id(E, id, &t, Npp::parse))
                .transpose()?,
            segment: opt_parse(E, id, &r.text("segment")?, parse_segment)?,
            programs: parse_id(E, id, &r.text("programs")?, Programs::parse)?,
            start: text::parse_date(E, id, &r.text("start_date")?)?,
            end: text::parse_opt_date(E, id, r.opt_text("end_date")?)?,
            sponsor: r
                .opt_text("sponsor_code")?
                .map(|t| parse_id(E, id, &t, SponsorCode::parse))
                .transpose()?,
            occupation: r.opt_text("occupation")?,
            role: r
                .opt_text("role")?
                .map(|t| opt_parse(E, id, &t, CommunityRole::parse))
                .transpose()?,
            sector: r
                .opt_text("sector")?
                .map(|t| parse_id(E, id, &t, KbliCode::parse_sector))
                .transpose()?,
        },
        created_at: r.text("created_at")?,
        updated_at: r.text("updated_at")?,
        version: r.int("version")?,
    })
}

pub(crate) async fn membership_by_kpj_tx(tx: &mut Tx, kpj: Kpj) -> Result<Stored<Membership>> {
    let rows = fetch_all_tx!(
        tx,
        sqlx::AssertSqlSafe(format!("{MEMBERSHIP_SELECT} WHERE m.kpj = $1")),
        vals![kpj.to_string()],
        membership_from
    )?;
    rows.into_iter().next().ok_or_else(|| StoreError::NotFound {
        entity: "membership",
        key: kpj.to_string(),
    })
}

fn wage_from(r: &dyn Rec) -> Result<WagePeriod> {
    let id = r.int("id")?;
    const E: &str = "wage";
    Ok(WagePeriod {
        id,
        effective_from: text::parse_date(E, id, &r.text("valid_from")?)?,
        effective_to: None,
        amount: Rupiah(r.int("amount")?),
        kind: opt_parse(E, id, &r.text("kind")?, wage_kind_parse)?,
        recorded_at: r.text("recorded_at")?,
        recorded_by: r.text("recorded_by")?,
        reason: r.opt_text("reason")?,
        supersedes: r.opt_int("supersedes")?,
        superseded_at: r.opt_text("superseded_at")?,
    })
}

/// Fills `effective_to` of current rows: the day before the next current row starts.
fn derive_ends(mut rows: Vec<WagePeriod>) -> Vec<WagePeriod> {
    let starts: Vec<Date> = rows
        .iter()
        .filter(|w| w.superseded_at.is_none())
        .map(|w| w.effective_from)
        .collect();
    for w in rows.iter_mut().filter(|w| w.superseded_at.is_none()) {
        w.effective_to = starts
            .iter()
            .filter(|s| **s > w.effective_from)
            .min()
            .and_then(|next| next.yesterday().ok());
    }
    rows
}

/// Inserts one wage row inside `tx`; returns its id.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn insert_wage(
    tx: &mut Tx,
    at: &str,
    actor: &Actor,
    membership_id: i64,
    from: Date,
    amount: Rupiah,
    kind: WageKind,
    reason: Option<&str>,
    supersedes: Option<i64>,
    import_id: Option<i64>,
) -> Result<i64> {
    let ids: Vec<i64> = fetch_all_tx!(
        tx,
        "INSERT INTO wage_history (membership_id, valid_from, amount, kind, recorded_at, recorded_by, reason, \
         supersedes, import_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        vals![
            membership_id,
            text::date(from),
            amount.get(),
            kind.code(),
            at,
            actor.as_str(),
            reason.map(str::to_owned),
            supersedes,
            import_id
        ],
        |r: &dyn Rec| r.int("id")
    )?;
    ids.into_iter()
        .next()
        .ok_or_else(|| StoreError::corrupt("wage", membership_id, "no id"))
}

/// Checks a new membership against the domain's segment rules.
pub(crate) fn check_new(m: &NewMembership) -> Result<()> {
    check_segment(m.segment, m.employer.is_some(), &m.programs)
        .map_err(|e| StoreError::invalid("membership", e.to_string()))?;
    check_sector(m.sector.as_ref(), m.employer.is_some())
        .map_err(|e| StoreError::invalid("sector", e.to_string()))?;
    if m.sponsor.is_some() && m.employer.is_some() {
        return Err(StoreError::invalid(
            "sponsor",
            "a sponsor pays for BPU/PMI members; an employer pays for its own",
        ));
    }
    if let Some(a) = m.initial_amount
        && a.get() < 0
    {
        return Err(StoreError::invalid(
            "initial_amount",
            "must not be negative",
        ));
    }
    Ok(())
}

impl Store {
    /// Opens a membership for an existing person, generating its KPJ; records the initial wage
    /// or declared income if given. One transaction with its audit entry.
    #[tracing::instrument(skip_all, fields(segment = m.segment.code()))]
    pub async fn open_membership(
        &self,
        actor: &Actor,
        m: NewMembership,
    ) -> Result<Stored<Membership>> {
        check_new(&m)?;
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let person =
            person_by_nik_tx(&mut tx, m.person)
                .await?
                .ok_or_else(|| StoreError::NotFound {
                    entity: "person",
                    key: m.person.masked(),
                })?;
        if let Some(died) = person.record.died_on
            && died < m.start
        {
            return Err(StoreError::invalid(
                "start",
                format!("the person died on {died}"),
            ));
        }
        let employer_id = match m.employer {
            Some(npp) => Some(employer_by_npp_tx(&mut tx, npp).await?.id),
            None => None,
        };
        let sponsor_id = match &m.sponsor {
            Some(code) => Some(sponsor_id_tx(&mut tx, code).await?),
            None => None,
        };
        let seq = counters::reserve(&mut tx, "kpj", 1).await?;
        let kpj = Kpj::from_sequence(seq).ok_or(StoreError::Exhausted("KPJ"))?;
        let ids: Vec<i64> = fetch_all_tx!(
            &mut tx,
            "INSERT INTO memberships (kpj, person_id, segment, employer_id, sponsor_id, programs, occupation, role, \
             start_date, created_at, updated_at, sector) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            vals![
                kpj.to_string(),
                person.id,
                m.segment.code(),
                employer_id,
                sponsor_id,
                m.programs.to_string(),
                m.occupation.clone(),
                m.role.map(|r| r.code().to_owned()),
                text::date(m.start),
                at.clone(),
                at.clone(),
                m.sector.as_ref().map(|s| s.to_string())
            ],
            |r: &dyn Rec| r.int("id")
        )?;
        let id = ids
            .into_iter()
            .next()
            .ok_or_else(|| StoreError::corrupt("membership", kpj, "no id"))?;
        if let Some(amount) = m.initial_amount {
            insert_wage(
                &mut tx,
                &at,
                actor,
                id,
                m.start,
                amount,
                WageKind::for_segment(m.segment),
                Some("initial"),
                None,
                None,
            )
            .await?;
        }
        let stored = Stored {
            id,
            record: m.with_kpj(kpj),
            created_at: at.clone(),
            updated_at: at.clone(),
            version: 1,
        };
        let after = serde_json::json!({ "membership": &stored, "initial_amount": m.initial_amount.map(|a| a.get()) });
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new::<(), _>("membership.open", "membership", kpj, None, Some(&after))?,
        )
        .await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// Ends a membership on `end` (inclusive), e.g. on termination or death.
    #[tracing::instrument(skip_all, fields(kpj = %kpj))]
    pub async fn end_membership(
        &self,
        actor: &Actor,
        kpj: Kpj,
        expected_version: i64,
        end: Date,
        reason: &str,
    ) -> Result<Stored<Membership>> {
        super::required("reason", reason)?;
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let before = membership_by_kpj_tx(&mut tx, kpj).await?;
        if before.version != expected_version {
            return Err(StoreError::Conflict {
                entity: "membership",
                key: kpj.to_string(),
                expected: expected_version,
            });
        }
        if end < before.record.start {
            return Err(StoreError::invalid(
                "end",
                format!("{end} is before the start {}", before.record.start),
            ));
        }
        exec_tx!(
            &mut tx,
            "UPDATE memberships SET end_date = $1, updated_at = $2, version = version + 1 WHERE id = $3",
            vals![text::date(end), at.clone(), before.id]
        )?;
        let mut after = before.clone();
        after.record.end = Some(end);
        after.updated_at = at.clone();
        after.version += 1;
        let after_json = serde_json::json!({ "membership": &after, "reason": reason });
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new(
                "membership.end",
                "membership",
                kpj,
                Some(&before),
                Some(&after_json),
            )?,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    /// Sets the wage (or declared income) in force from `from`. A new date starts a new period;
    /// the same date as an existing period is a correction: the old row is kept, marked
    /// superseded, and the new one names it. Never a silent overwrite.
    #[tracing::instrument(skip_all, fields(kpj = %kpj))]
    pub async fn set_wage(
        &self,
        actor: &Actor,
        kpj: Kpj,
        from: Date,
        amount: Rupiah,
        reason: &str,
    ) -> Result<WagePeriod> {
        super::required("reason", reason)?;
        if amount.get() < 0 {
            return Err(StoreError::invalid("amount", "must not be negative"));
        }
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let m = membership_by_kpj_tx(&mut tx, kpj).await?;
        if from < m.record.start || m.record.end.is_some_and(|e| from > e) {
            return Err(StoreError::invalid(
                "effective_from",
                format!("{from} is outside the membership"),
            ));
        }
        let current: Vec<WagePeriod> = fetch_all_tx!(
            &mut tx,
            "SELECT id, valid_from, amount, kind, recorded_at, recorded_by, reason, supersedes, superseded_at \
             FROM wage_history WHERE membership_id = $1 AND valid_from = $2 AND superseded_at IS NULL",
            vals![m.id, text::date(from)],
            wage_from
        )?;
        let before = current.into_iter().next();
        if let Some(old) = &before {
            exec_tx!(
                &mut tx,
                "UPDATE wage_history SET superseded_at = $1 WHERE id = $2",
                vals![at.clone(), old.id]
            )?;
        }
        let kind = WageKind::for_segment(m.record.segment);
        let id = insert_wage(
            &mut tx,
            &at,
            actor,
            m.id,
            from,
            amount,
            kind,
            Some(reason),
            before.as_ref().map(|b| b.id),
            None,
        )
        .await?;
        let period = WagePeriod {
            id,
            effective_from: from,
            effective_to: None,
            amount,
            kind,
            recorded_at: at.clone(),
            recorded_by: actor.0.clone(),
            reason: Some(reason.to_owned()),
            supersedes: before.as_ref().map(|b| b.id),
            superseded_at: None,
        };
        let action = if before.is_some() {
            "wage.correct"
        } else {
            "wage.set"
        };
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new(action, "membership", kpj, before.as_ref(), Some(&period))?,
        )
        .await?;
        tx.commit().await?;
        Ok(period)
    }

    /// The wage history of a membership, oldest first; superseded rows included when asked.
    pub async fn wage_history(
        &self,
        kpj: Kpj,
        include_superseded: bool,
    ) -> Result<Vec<WagePeriod>> {
        let rows = fetch_all_pool!(
            &self.pool,
            "SELECT w.id, w.valid_from, w.amount, w.kind, w.recorded_at, w.recorded_by, w.reason, w.supersedes, \
             w.superseded_at FROM wage_history w JOIN memberships m ON m.id = w.membership_id \
             WHERE m.kpj = $1 ORDER BY w.valid_from, w.id",
            vals![kpj.to_string()],
            wage_from
        )?;
        let rows = derive_ends(rows);
        Ok(rows
            .into_iter()
            .filter(|w| include_superseded || w.superseded_at.is_none())
            .collect())
    }

    /// The wage or declared income in force on `date`.
    pub async fn wage_on(&self, kpj: Kpj, date: Date) -> Result<Option<Rupiah>> {
        Ok(self
            .wage_history(kpj, false)
            .await?
            .into_iter()
            .filter(|w| w.effective_from <= date)
            .max_by_key(|w| w.effective_from)
            .map(|w| w.amount))
    }

    pub async fn membership(&self, kpj: Kpj) -> Result<Option<Stored<Membership>>> {
        let rows = fetch_all_pool!(
            &self.pool,
            sqlx::AssertSqlSafe(format!("{MEMBERSHIP_SELECT} WHERE m.kpj = $1")),
            vals![kpj.to_string()],
            membership_from
        )?;
        Ok(rows.into_iter().next())
    }

    /// All memberships of a person (the lifetime record across employers), oldest first.
    pub async fn memberships_of(&self, nik: Nik) -> Result<Vec<Stored<Membership>>> {
        fetch_all_pool!(
            &self.pool,
            sqlx::AssertSqlSafe(format!(
                "{MEMBERSHIP_SELECT} WHERE p.nik = $1 ORDER BY m.start_date, m.id"
            )),
            vals![nik.to_string()],
            membership_from
        )
    }

    /// Memberships at an employer, by KPJ.
    pub async fn memberships_at(&self, npp: Npp, limit: u32) -> Result<Vec<Stored<Membership>>> {
        fetch_all_pool!(
            &self.pool,
            sqlx::AssertSqlSafe(format!(
                "{MEMBERSHIP_SELECT} WHERE e.npp = $1 ORDER BY m.kpj LIMIT $2"
            )),
            vals![npp.to_string(), i64::from(limit)],
            membership_from
        )
    }
}

#[allow(unused_imports)]
use Val as _;
