//! The payment ledger (store migration 0230: `contributions_collected`, `benefits_paid`) read
//! as [`FlowRecord`]s for [`crate::flows::report`]: one SQL statement per engine-neutral text,
//! summed by kind × program × region prefix × month in the database. Each ledger row already
//! carries its region and reporting month (`flow_month`), so nothing is joined; a reversal
//! subtracts its amount and one case in the month of the payment it cancels.

use crate::db::DbError;
use crate::flows::{FlowKind, FlowRecord};
use crate::model::Program;
use crate::period::Month;
use crate::region::{Level, RegionKey};
use crate::sql::within_bounds;
use jamsos_rules::Rupiah;
use jamsos_store::Store;

/// What to read from the ledger.
#[derive(Clone, Debug)]
pub struct FlowQuery {
    /// Only records counted inside this region (`None`: everywhere).
    pub within: Option<RegionKey>,
    /// Records are summed per region at this level (a record stamped with a coarser region —
    /// a sponsor registered for a whole city — keeps its own code).
    pub level: Level,
    pub program: Option<Program>,
}

/// `$1`/`$2` the region bounds (see [`within_bounds`]), `$3` the length of the region prefix
/// kept, `$4` a program code or `''` for all. Columns: kind, program, region, month, amount,
/// cases. Sums are cast to BIGINT (PostgreSQL's `sum(bigint)` is `numeric`).
pub const FLOWS_WITHIN: &str = "\
SELECT 'contribution' AS kind, program, substr(region_code, 1, $3) AS region, flow_month, \
       CAST(sum(CASE WHEN entry = 'payment' THEN amount ELSE -amount END) AS BIGINT) AS amount, \
       CAST(sum(CASE WHEN entry = 'payment' THEN 1 ELSE -1 END) AS BIGINT) AS cases \
FROM contributions_collected \
WHERE region_code >= $1 AND region_code < $2 AND ($4 = '' OR program = $4) \
GROUP BY 2, 3, 4 \
UNION ALL \
SELECT 'benefit' AS kind, program, substr(region_code, 1, $3) AS region, flow_month, \
       CAST(sum(CASE WHEN entry = 'payment' THEN amount ELSE -amount END) AS BIGINT) AS amount, \
       CAST(sum(CASE WHEN entry = 'payment' THEN 1 ELSE -1 END) AS BIGINT) AS cases \
FROM benefits_paid \
WHERE region_code >= $1 AND region_code < $2 AND ($4 = '' OR program = $4) \
GROUP BY 2, 3, 4";

/// Characters of a region code at each level (`31`, `31.73`, `31.73.04`, `31.73.04.1002`).
pub fn prefix_len(level: Level) -> i32 {
    match level {
        Level::Province => 2,
        Level::Regency => 5,
        Level::District => 8,
        Level::Village => 13,
    }
}

fn stored(key: &str, why: impl ToString) -> DbError {
    DbError::Stored {
        table: "payment ledger",
        key: key.to_owned(),
        why: why.to_string(),
    }
}

type FlowRow = (String, String, String, String, i64, i64);

/// Turns one summed row into a record; `None` for a group its reversals cancelled entirely.
pub fn record_from_row(row: FlowRow) -> Result<Option<FlowRecord>, DbError> {
    let (kind, program, region, month, amount, cases) = row;
    let key = format!("{kind}/{program}/{region}/{month}");
    let kind = match kind.as_str() {
        "contribution" => FlowKind::ContributionCollected,
        "benefit" => FlowKind::BenefitPaid,
        _ => return Err(stored(&key, "unknown kind")),
    };
    if cases == 0 && amount == 0 {
        return Ok(None);
    }
    Ok(Some(FlowRecord {
        kind,
        program: Program::parse(&program).ok_or_else(|| stored(&key, "unknown program"))?,
        region: RegionKey::parse(&region).map_err(|e| stored(&key, e))?,
        month: Month::parse(&month).map_err(|e| stored(&key, e))?,
        amount: Rupiah(amount),
        cases: u64::try_from(cases).map_err(|_| stored(&key, "more reversals than payments"))?,
    }))
}

/// Reads the ledger as flow records (see [`FlowQuery`]).
pub async fn flow_records(store: &Store, q: &FlowQuery) -> Result<Vec<FlowRecord>, DbError> {
    let (lo, hi) = match &q.within {
        Some(r) => within_bounds(r),
        // every code starts with a digit, and '~' sorts after all of them
        None => (String::new(), "~".to_owned()),
    };
    let len = prefix_len(q.level);
    let program = q.program.map_or("", |p| p.code());
    let rows: Vec<FlowRow> = match (store.sqlite_pool(), store.postgres_pool()) {
        (Some(p), _) => {
            sqlx::query_as(FLOWS_WITHIN)
                .bind(&lo)
                .bind(&hi)
                .bind(len)
                .bind(program)
                .fetch_all(p)
                .await?
        }
        (None, Some(p)) => {
            sqlx::query_as(FLOWS_WITHIN)
                .bind(&lo)
                .bind(&hi)
                .bind(len)
                .bind(program)
                .fetch_all(p)
                .await?
        }
        (None, None) => Vec::new(),
    };
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(r) = record_from_row(row)? {
            out.push(r);
        }
    }
    out.sort_by(|a, b| {
        (a.kind, a.program, &a.region, a.month).cmp(&(b.kind, b.program, &b.region, b.month))
    });
    Ok(out)
}
