//! Outreach campaigns (table `campaigns`, migration 0200): recording one is a registry write
//! like any other — one transaction with its `campaign.create` audit entry. Imports tag the
//! memberships they create with a campaign ([`Store::import_file_tagged`]), in the import's
//! own transaction, so the campaign's enrolments are exactly what its imports wrote.
//!
//! Validation is the domain's ([`jamsos_domain::campaign::CampaignInput::validate`]): the store
//! takes an already valid [`Campaign`] and adds what only it can check (a code already taken).

use crate::audit::{self, Change};
use crate::backend::{
    Rec, Val, bind_vals, exec_tx, fetch_all_pool, fetch_all_tx, vals, with_pool, with_tx,
};
use crate::error::{Result, StoreError};
use crate::registry::types::Stored;
use crate::{Actor, Store};
use jamsos_domain::campaign::{Campaign, CampaignCode, CampaignMonth, PentahelixRole};
use jamsos_domain::{KbliCode, RegionCode};
use serde::Serialize;

const SELECT: &str = "SELECT c.id, c.code, c.name, c.region_code, c.sector, c.partner, c.role, \
    c.start_month, c.end_month, c.created_at, c.updated_at, c.version, \
    (SELECT count(*) FROM campaign_enrolments t WHERE t.campaign_id = c.id) AS enrolments \
    FROM campaigns c";

/// A stored campaign and how many enrolments imports have tagged with it so far.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CampaignListing {
    #[serde(flatten)]
    pub campaign: Stored<Campaign>,
    pub enrolments: u64,
}

fn corrupt(id: i64, why: impl ToString) -> StoreError {
    StoreError::corrupt("campaign", id, why)
}

fn campaign_from(r: &dyn Rec) -> Result<CampaignListing> {
    let id = r.int("id")?;
    let month = |t: String| CampaignMonth::parse(&t).map_err(|e| corrupt(id, e));
    let campaign = Campaign {
        code: CampaignCode::parse(&r.text("code")?).map_err(|e| corrupt(id, e))?,
        name: r.text("name")?,
        region: RegionCode::parse(&r.text("region_code")?).map_err(|e| corrupt(id, e))?,
        sector: r
            .opt_text("sector")?
            .filter(|s| !s.is_empty())
            .map(|s| KbliCode::parse_sector(&s).map_err(|e| corrupt(id, e)))
            .transpose()?,
        partner: r.text("partner")?,
        role: PentahelixRole::parse(&r.text("role")?)
            .ok_or_else(|| corrupt(id, "unknown pentahelix role"))?,
        start: month(r.text("start_month")?)?,
        end: r.opt_text("end_month")?.map(month).transpose()?,
    };
    Ok(CampaignListing {
        campaign: Stored {
            id,
            record: campaign,
            created_at: r.text("created_at")?,
            updated_at: r.text("updated_at")?,
            version: r.int("version")?,
        },
        enrolments: u64::try_from(r.int("enrolments")?).unwrap_or(0),
    })
}

fn unknown(code: &CampaignCode) -> StoreError {
    StoreError::invalid(
        "campaign",
        format!(
            "no campaign has the code \"{code}\"; record it first (jamsos campaign create, or \
             POST /api/v1/campaigns)"
        ),
    )
}

impl Store {
    /// Records a campaign (validated by the domain). A code already used is
    /// [`StoreError::Duplicate`].
    pub async fn create_campaign(&self, actor: &Actor, c: Campaign) -> Result<Stored<Campaign>> {
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let stored = insert_campaign(&mut tx, &at, actor, c).await?;
        tx.commit().await?;
        Ok(stored)
    }

    /// The demo's outreach campaign: records `c` and tags the memberships it would have
    /// brought in — those in its region and sector that started in or after its first month —
    /// with a `campaign.tag` audit entry, in one transaction. Only for the synthetic demo
    /// registry: real enrolments are tagged by the import that creates them. `None` when the
    /// campaign is already recorded (seeding twice changes nothing).
    pub async fn seed_demo_campaign(
        &self,
        actor: &Actor,
        c: Campaign,
    ) -> Result<Option<(Stored<Campaign>, u64)>> {
        if self.campaign(&c.code).await.is_ok() {
            return Ok(None);
        }
        let Some(sector) = c.sector.as_ref().map(|s| s.to_string()) else {
            return Err(StoreError::invalid(
                "sector",
                "the demo campaign needs a sector",
            ));
        };
        let mut tx = self.begin_write().await?;
        let at = self.now();
        let region = c.region.to_string();
        let from = format!("{}-01", c.start);
        let stored = insert_campaign(&mut tx, &at, actor, c).await?;
        let tagged = exec_tx!(
            &mut tx,
            "INSERT INTO campaign_enrolments (membership_id, campaign_id, tagged_at, tagged_by) \
             SELECT m.id, $1, $2, $3 FROM memberships m JOIN persons p ON p.id = m.person_id \
             WHERE m.sector = $4 AND (p.region_code = $5 OR p.region_code LIKE $5 || '.%') \
             AND m.start_date >= $6 \
             AND NOT EXISTS (SELECT 1 FROM campaign_enrolments t WHERE t.membership_id = m.id)",
            vals![stored.id, at.clone(), actor.0.clone(), sector, region, from]
        )?;
        audit::append(
            &mut tx,
            &at,
            actor,
            Change::new::<(), _>(
                "campaign.tag",
                "campaign",
                &stored.record.code,
                None,
                Some(&serde_json::json!({ "tagged": tagged })),
            )?,
        )
        .await?;
        tx.commit().await?;
        Ok(Some((stored, tagged)))
    }

    /// Every campaign, by code, with its tagged enrolment counts.
    pub async fn campaigns(&self) -> Result<Vec<CampaignListing>> {
        fetch_all_pool!(
            &self.pool,
            sqlx::AssertSqlSafe(format!("{SELECT} ORDER BY c.code")),
            Vec::<Val>::new(),
            campaign_from
        )
    }

    /// One campaign by code.
    pub async fn campaign(&self, code: &CampaignCode) -> Result<CampaignListing> {
        let rows = fetch_all_pool!(
            &self.pool,
            sqlx::AssertSqlSafe(format!("{SELECT} WHERE c.code = $1")),
            vals![code.as_str()],
            campaign_from
        )?;
        rows.into_iter().next().ok_or_else(|| unknown(code))
    }
}

/// Inserts a campaign with its `campaign.create` audit entry, in the caller's transaction.
async fn insert_campaign(
    tx: &mut crate::backend::Tx,
    at: &str,
    actor: &Actor,
    c: Campaign,
) -> Result<Stored<Campaign>> {
    let ids: Vec<i64> = fetch_all_tx!(
            &mut *tx,
            "INSERT INTO campaigns (code, name, region_code, sector, partner, role, start_month, end_month, \
             created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            vals![
                c.code.as_str(),
                c.name.clone(),
                c.region.to_string(),
                c.sector.as_ref().map(|s| s.to_string()),
                c.partner.clone(),
                c.role.code(),
                c.start.to_string(),
                c.end.map(|m| m.to_string()),
                at.to_owned(),
                at.to_owned()
            ],
            |r: &dyn Rec| r.int("id")
        )
        .map_err(|e| match e {
            StoreError::Database(db) => {
                StoreError::unique_as_duplicate(db, "campaign", c.code.to_string())
            }
            other => other,
        })?;
    let id = ids
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::corrupt("campaign", &c.code, "no id"))?;
    let stored = Stored {
        id,
        record: c,
        created_at: at.to_owned(),
        updated_at: at.to_owned(),
        version: 1,
    };
    audit::append(
        &mut *tx,
        at,
        actor,
        Change::new::<(), _>(
            "campaign.create",
            "campaign",
            &stored.record.code,
            None,
            Some(&stored),
        )?,
    )
    .await?;
    Ok(stored)
}
