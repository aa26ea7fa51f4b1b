//! Loads the analytics side of a generated population (`jamsos demo generate --companies N
//! --potential`): jamsos-domain's deterministic company data rows and workforce potential,
//! stored through the same functions as the imports ([`AnalyticsDb::store_companies`],
//! [`AnalyticsDb::store_potential`]), so the stored result is what an import of the same rows
//! would store (matching, review flags, the `analytics_imports` row, the audit note). Each load
//! has a content key (the generator's options), so running it twice changes nothing.

use crate::compliance::CompanyReport;
use crate::db::{AnalyticsDb, DbError, ImportOutcome, Result};
use crate::model::PotentialRecord;
use crate::period::StatPeriod;
use crate::region::RegionKey;
use crate::sector::Sector;
use jamsos_domain::demo::{self, GenerateOptions, RegisteredEmployer};
use jamsos_domain::{Npp, RegionCode};
use jamsos_rules::Rupiah;
use jamsos_store::Actor;

/// Registered employers inside a region with their open memberships and latest-wage sum (the
/// trigger-kept `employer_wage_summary`), in NPP order. Columns: npp, legal_name,
/// region_code, kbli, active, wage_sum.
pub const REGISTERED_EMPLOYERS: &str = "SELECT e.npp, e.legal_name, e.region_code, e.kbli, \
       CAST(COALESCE(s.active, 0) AS BIGINT), CAST(COALESCE(s.wage_sum, 0) AS BIGINT) \
     FROM employers e \
     LEFT JOIN (SELECT employer_id, sum(active) AS active, sum(wage_sum) AS wage_sum \
                FROM employer_wage_summary GROUP BY employer_id) s ON s.employer_id = e.id \
     WHERE e.region_code >= $1 AND e.region_code < $2 ORDER BY e.npp";

/// What [`AnalyticsDb::load_generated`] stored (`None`: that part was loaded before).
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct GeneratedLoad {
    pub potential: Option<ImportOutcome>,
    pub companies: Option<ImportOutcome>,
}

fn bad(what: &str, key: impl std::fmt::Display, why: impl std::fmt::Display) -> DbError {
    DbError::Stored {
        table: "generated",
        key: format!("{what} {key}"),
        why: why.to_string(),
    }
}

fn region(code: RegionCode) -> Result<RegionKey> {
    RegionKey::parse(&code.to_string()).map_err(|e| bad("region", code, e))
}

fn skip_repeat(r: Result<ImportOutcome>) -> Result<Option<ImportOutcome>> {
    match r {
        Ok(o) => Ok(Some(o)),
        Err(DbError::AlreadyImported(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

impl AnalyticsDb {
    /// Generates and stores workforce potential (when `potential`) and `companies` company
    /// data rows for the population `opts` describes (its seed, region and size). Company rows
    /// start from the employers registered now, so load the participants first.
    pub async fn load_generated(
        &self,
        opts: &GenerateOptions,
        companies: Option<usize>,
        potential: bool,
        actor: &Actor,
    ) -> Result<GeneratedLoad> {
        let scope = opts
            .within
            .map_or_else(|| "all".to_owned(), |r| r.to_string());
        let mut out = GeneratedLoad::default();
        if potential {
            let name = format!(
                "demo potential participants={} seed={} region={scope} as_of={}",
                opts.participants, opts.seed, opts.as_of
            );
            let records = demo::workforce_potential(opts)
                .into_iter()
                .map(|p| {
                    Ok(PotentialRecord {
                        region: region(p.region)?,
                        sector: Sector::parse(p.sector).map_err(|e| bad("sector", p.sector, e))?,
                        period: StatPeriod::parse(&p.period)
                            .map_err(|e| bad("period", &p.period, e))?,
                        workers: p.workers,
                        vulnerable_workers: p.vulnerable_workers,
                        source: p.source.to_owned(),
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            let sha = jamsos_store::import::file_sha256(name.as_bytes());
            out.potential = skip_repeat(self.store_potential(&records, &name, &sha, actor).await)?;
        }
        if let Some(total) = companies {
            let name = format!(
                "demo companies={total} participants={} seed={} region={scope} as_of={}",
                opts.participants, opts.seed, opts.as_of
            );
            let sha = jamsos_store::import::file_sha256(name.as_bytes());
            let registered = self.registered_employers(opts.within).await?;
            let rows = demo::company_reports(opts, &registered, total)
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    Ok(CompanyReport {
                        row: i + 1,
                        region: region(c.region)?,
                        sector: Sector::parse(&c.kbli).map_err(|e| bad("kbli", &c.kbli, e))?,
                        kbli: c.kbli,
                        reported_workers: c.reported_workers,
                        average_wage: c.average_wage,
                        npp: c.npp.map(|n| n.to_string()),
                        nib: c.nib,
                        name: c.name,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            out.companies = skip_repeat(self.store_companies(&rows, &name, &sha, actor).await)?;
        }
        Ok(out)
    }

    /// [`REGISTERED_EMPLOYERS`] inside `within` (everywhere when `None`).
    pub async fn registered_employers(
        &self,
        within: Option<RegionCode>,
    ) -> Result<Vec<RegisteredEmployer>> {
        let (lo, hi) = match within {
            Some(r) => crate::sql::within_bounds(&region(r)?),
            None => (String::new(), "~".to_owned()),
        };
        let rows: Vec<(String, String, String, Option<String>, i64, i64)> =
            self.fetch_bounds(REGISTERED_EMPLOYERS, &lo, &hi).await?;
        rows.into_iter()
            .map(|(npp, legal_name, region, kbli, active, wage_sum)| {
                Ok(RegisteredEmployer {
                    npp: Npp::parse(&npp).map_err(|e| bad("npp", &npp, e))?,
                    region: RegionCode::parse(&region).map_err(|e| bad("region", &region, e))?,
                    legal_name,
                    kbli,
                    active: u64::try_from(active).unwrap_or(0),
                    wage_sum: Rupiah(wage_sum),
                })
            })
            .collect()
    }
}
