//! Employers (NPP generated, 8 digits, unique) and sponsors.

use super::codec::{from_serde_code, opt_parse, serde_code};
use super::types::*;
use super::{parse_id, required};
use crate::audit::{self, Change};
use crate::backend::{
    Rec, Tx, Val, bind_vals, exec_tx, fetch_all_pool, fetch_all_tx, vals, with_pool, with_tx,
};
use crate::error::{Result, StoreError};
use crate::{Actor, Store, counters};
use jamsos_domain::model::{CommunityRole, EmployerStatus, RiskClass, SizeClass, SponsorCode};
use jamsos_domain::{KbliCode, Nib, Npp, RegionCode};

const EMPLOYER_COLS: &str = "id, npp, legal_name, nib, kbli, risk_class, size_class, address, \
    region_code, status, synthetic, created_at, updated_at, version";

pub(crate) fn employer_from(r: &dyn Rec) -> Result<Stored<Employer>> {
    let id = r.int("id")?;
    const E: &str = "employer";
    let risk = r.int("risk_class")?;
    Ok(Stored {
        id,
        record: Employer {
            npp: parse_id(E, id, &r.text("npp")?, Npp::parse)?,
            legal_name: r.text("legal_name")?,
            nib: r
                .opt_text("nib")?
                .map(|t| parse_id(E, id, &t, Nib::parse))
                .transpose()?,
            kbli: r
                .opt_text("kbli")?
                .map(|t| parse_id(E, id, &t, KbliCode::parse))
                .transpose()?,
            risk_class: u8::try_from(risk)
                .ok()
                .and_then(|n| RiskClass::new(n).ok())
                .ok_or_else(|| StoreError::corrupt(E, id, format!("risk class {risk}")))?,
            size_class: parse_id(E, id, &r.text("size_class")?, SizeClass::parse)?,
            address: r.text("address")?,
            region: parse_id(E, id, &r.text("region_code")?, RegionCode::parse)?,
            status: opt_parse(E, id, &r.text("status")?, EmployerStatus::parse)?,
            synthetic: r.boolean("synthetic")?,
        },
        created_at: r.text("created_at")?,
        updated_at: r.text("updated_at")?,
        version: r.int("version")?,
    })
}

fn employer_vals(e: &Employer) -> Vec<Val> {
    vals![
        e.legal_name.trim(),
        e.nib.map(|n| n.to_string()),
        e.kbli.as_ref().map(|k| k.to_string()),
        i64::from(e.risk_class.get()),
        e.size_class.code(),
        e.address.clone(),
        e.region.to_string(),
        e.status.code(),
        e.synthetic
    ]
}

pub(crate) async fn employer_by_npp_tx(tx: &mut Tx, npp: Npp) -> Result<Stored<Employer>> {
    let rows = fetch_all_tx!(
        tx,
        sqlx::AssertSqlSafe(format!(
            "SELECT {EMPLOYER_COLS} FROM employers WHERE npp = $1"
        )),
        vals![npp.to_string()],
        employer_from
    )?;
    rows.into_iter().next().ok_or_else(|| StoreError::NotFound {
        entity: "employer",
        key: npp.to_string(),
    })
}

/// Inserts an employer inside `tx` with a freshly generated NPP, with its audit entry.
pub(crate) async fn insert_employer(
    tx: &mut Tx,
    at: &str,
    actor: &Actor,
    new: NewEmployer,
) -> Result<Stored<Employer>> {
    required("legal_name", &new.legal_name)?;
    let seq = counters::reserve(tx, "npp", 1).await?;
    let npp = Npp::from_sequence(seq).ok_or(StoreError::Exhausted("NPP"))?;
    let employer = new.with_npp(npp);
    let mut params = vals![npp.to_string()];
    params.extend(employer_vals(&employer));
    params.extend(vals![at, at]);
    let ids: Vec<i64> = fetch_all_tx!(
        tx,
        "INSERT INTO employers (npp, legal_name, nib, kbli, risk_class, size_class, address, \
         region_code, status, synthetic, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        params,
        |r: &dyn Rec| r.int("id")
    )?;
    let id = ids
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::corrupt("employer", npp, "no id returned"))?;
    let stored = Stored {
        id,
        record: employer,
        created_at: at.to_owned(),
        updated_at: at.to_owned(),
        version: 1,
    };
    audit::append(
        tx,
        at,
        actor,
        Change::new::<(), _>("employer.create", "employer", npp, None, Some(&stored))?,
    )
    .await?;
    Ok(stored)
}

impl Store {
    /// Registers an employer and generates its NPP.
    #[tracing::instrument(skip_all)]
    pub async fn add_employer(&self, actor: &Actor, new: NewEmployer) -> Result<Stored<Employer>> {
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let employer = insert_employer(&mut tx, &at, actor, new).await?;
        tx.commit().await?;
        Ok(employer)
    }

    /// Replaces an employer's facts (the NPP stays). `expected_version` is the version the
    /// caller read: a concurrent change makes this fail with [`StoreError::Conflict`].
    #[tracing::instrument(skip_all, fields(npp = %employer.npp))]
    pub async fn update_employer(
        &self,
        actor: &Actor,
        expected_version: i64,
        employer: Employer,
    ) -> Result<Stored<Employer>> {
        required("legal_name", &employer.legal_name)?;
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let before = employer_by_npp_tx(&mut tx, employer.npp).await?;
        if before.version != expected_version {
            return Err(StoreError::Conflict {
                entity: "employer",
                key: employer.npp.to_string(),
                expected: expected_version,
            });
        }
        let mut params = employer_vals(&employer);
        params.extend(vals![at.clone(), before.id]);
        exec_tx!(
            &mut tx,
            "UPDATE employers SET legal_name = $1, nib = $2, kbli = $3, risk_class = $4, size_class = $5, \
             address = $6, region_code = $7, status = $8, synthetic = $9, updated_at = $10, \
             version = version + 1 WHERE id = $11",
            params
        )?;
        let npp = employer.npp;
        let after = Stored {
            record: employer,
            updated_at: at.clone(),
            version: before.version + 1,
            ..before.clone()
        };
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new(
                "employer.update",
                "employer",
                npp,
                Some(&before),
                Some(&after),
            )?,
        )
        .await?;
        tx.commit().await?;
        Ok(after)
    }

    pub async fn employer(&self, npp: Npp) -> Result<Option<Stored<Employer>>> {
        let rows = fetch_all_pool!(
            &self.pool,
            sqlx::AssertSqlSafe(format!(
                "SELECT {EMPLOYER_COLS} FROM employers WHERE npp = $1"
            )),
            vals![npp.to_string()],
            employer_from
        )?;
        Ok(rows.into_iter().next())
    }

    /// Employers in `region` (a province, city or district code; all when `None`), by NPP.
    pub async fn employers(
        &self,
        region: Option<&RegionCode>,
        limit: u32,
        offset: u32,
    ) -> Result<Vec<Stored<Employer>>> {
        let prefix = region.map(|r| r.to_string()).unwrap_or_default();
        fetch_all_pool!(
            &self.pool,
            sqlx::AssertSqlSafe(format!(
                "SELECT {EMPLOYER_COLS} FROM employers WHERE region_code LIKE $1 \
                 ORDER BY npp LIMIT $2 OFFSET $3"
            )),
            vals![format!("{prefix}%"), i64::from(limit), i64::from(offset)],
            employer_from
        )
    }

    /// Registers a sponsor (e.g. a city government paying BPU contributions).
    #[tracing::instrument(skip_all)]
    pub async fn add_sponsor(&self, actor: &Actor, sponsor: Sponsor) -> Result<Stored<Sponsor>> {
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let s = insert_sponsor(&mut tx, &at, actor, sponsor).await?;
        tx.commit().await?;
        Ok(s)
    }

    pub async fn sponsors(&self) -> Result<Vec<Stored<Sponsor>>> {
        fetch_all_pool!(
            &self.pool,
            "SELECT id, code, name, kind, region_code, basis, covers, synthetic, created_at, updated_at, version \
             FROM sponsors ORDER BY code",
            Vec::<Val>::new(),
            sponsor_from
        )
    }
}

pub(crate) async fn insert_sponsor(
    tx: &mut Tx,
    at: &str,
    actor: &Actor,
    sponsor: Sponsor,
) -> Result<Stored<Sponsor>> {
    required("name", &sponsor.name)?;
    let covers = sponsor
        .covers
        .iter()
        .map(|c| c.code())
        .collect::<Vec<_>>()
        .join(",");
    let ids: Vec<i64> = fetch_all_tx!(
        tx,
        "INSERT INTO sponsors (code, name, kind, region_code, basis, covers, synthetic, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        vals![
            sponsor.code.as_str(),
            sponsor.name.clone(),
            serde_code(&sponsor.kind)?,
            sponsor.region.to_string(),
            sponsor.basis.clone(),
            covers,
            sponsor.synthetic,
            at,
            at
        ],
        |r: &dyn Rec| r.int("id")
    )
    .map_err(|e| match e {
        StoreError::Database(db) => StoreError::unique_as_duplicate(db, "sponsor", sponsor.code.to_string()),
        other => other,
    })?;
    let id = ids
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::corrupt("sponsor", &sponsor.code, "no id"))?;
    let code = sponsor.code.clone();
    let stored = Stored {
        id,
        record: sponsor,
        created_at: at.to_owned(),
        updated_at: at.to_owned(),
        version: 1,
    };
    audit::append(
        tx,
        at,
        actor,
        Change::new::<(), _>("sponsor.create", "sponsor", code, None, Some(&stored))?,
    )
    .await?;
    Ok(stored)
}

pub(crate) async fn sponsor_id_tx(tx: &mut Tx, code: &SponsorCode) -> Result<i64> {
    let ids: Vec<i64> = fetch_all_tx!(
        tx,
        "SELECT id FROM sponsors WHERE code = $1",
        vals![code.as_str()],
        |r: &dyn Rec| r.int("id")
    )?;
    ids.into_iter().next().ok_or_else(|| StoreError::NotFound {
        entity: "sponsor",
        key: code.to_string(),
    })
}

fn sponsor_from(r: &dyn Rec) -> Result<Stored<Sponsor>> {
    let id = r.int("id")?;
    const E: &str = "sponsor";
    let covers = r.text("covers")?;
    Ok(Stored {
        id,
        record: Sponsor {
            code: parse_id(E, id, &r.text("code")?, SponsorCode::parse)?,
            name: r.text("name")?,
            kind: from_serde_code(E, id, &r.text("kind")?)?,
            region: parse_id(E, id, &r.text("region_code")?, RegionCode::parse)?,
            basis: r.opt_text("basis")?,
            covers: covers
                .split(',')
                .filter(|c| !c.is_empty())
                .map(|c| opt_parse(E, id, c, CommunityRole::parse))
                .collect::<Result<_>>()?,
            synthetic: r.boolean("synthetic")?,
        },
        created_at: r.text("created_at")?,
        updated_at: r.text("updated_at")?,
        version: r.int("version")?,
    })
}
