//! The SQL the store runs for analytics (the same text on SQLite and PostgreSQL, `$n`
//! placeholders), and the conversion of its rows into the pure core's aggregates. Only sums
//! and filters live in SQL; every rule stays in Rust.
//!
//! The tables are created by `crates/store/migrations/*/0200_analytics.sql`; `coverage_current`
//! is kept exact by triggers in the same transaction as each registry write.

use crate::model::{EnrolledRecord, ProgramSet, Segment};
use crate::period::Month;
use crate::region::RegionKey;
use crate::sector::Sector;

/// Open memberships inside a region: `$1` = the region code (`31.73`), `$2` = the same code
/// followed by `/` (the upper bound of its descendants, since `/` sorts right after `.`).
/// Columns: region_code, sector, segment, vulnerable, programs, active.
pub const COVERAGE_CURRENT_WITHIN: &str = "SELECT region_code, sector, segment, vulnerable, programs, active \
     FROM coverage_current \
     WHERE region_code >= $1 AND region_code < $2 AND active <> 0";

/// The same for every region (national tables).
pub const COVERAGE_CURRENT_ALL: &str = "SELECT region_code, sector, segment, vulnerable, programs, active \
     FROM coverage_current WHERE active <> 0";

/// Month-end snapshots for a trend: `$1`, `$2` as above, `$3`/`$4` first and last month.
pub const COVERAGE_MONTHLY_WITHIN: &str = "SELECT month, region_code, sector, segment, vulnerable, programs, active \
     FROM coverage_monthly \
     WHERE region_code >= $1 AND region_code < $2 AND month >= $3 AND month <= $4 AND active <> 0";

/// A copy of `coverage_current` as month `$1` (closed months are rebuilt from history
/// instead: `history::SNAPSHOT_FROM_HISTORY`).
pub const SNAPSHOT_MONTH: &str = "INSERT INTO coverage_monthly (month, region_code, sector, segment, vulnerable, programs, active) \
     SELECT $1, region_code, sector, segment, vulnerable, programs, active FROM coverage_current WHERE active <> 0";

/// Per-employer wage statistics for the compliance check, for employers inside a region:
/// `$1`, `$2` as above, `$3` = the minimum wage in force (rupiah), `$4` = the date (YYYY-MM-DD)
/// the current wage is taken at. Columns: employer_id, active, wage_sum, below_min,
/// below_min_sum. Sums are cast to BIGINT (PostgreSQL's `sum(bigint)` is `numeric`).
pub const EMPLOYER_WAGE_STATS_WITHIN: &str = "SELECT m.employer_id, CAST(count(*) AS BIGINT), \
       CAST(COALESCE(sum(w.amount), 0) AS BIGINT), \
       CAST(COALESCE(sum(CASE WHEN w.amount < $3 THEN 1 ELSE 0 END), 0) AS BIGINT), \
       CAST(COALESCE(sum(CASE WHEN w.amount < $3 THEN w.amount ELSE 0 END), 0) AS BIGINT) \
     FROM employers e \
     JOIN memberships m ON m.employer_id = e.id AND m.end_date IS NULL \
     LEFT JOIN wage_history w ON w.membership_id = m.id AND w.superseded_at IS NULL \
       AND w.valid_from = (SELECT max(w2.valid_from) FROM wage_history w2 \
                           WHERE w2.membership_id = m.id AND w2.superseded_at IS NULL AND w2.valid_from <= $4) \
     WHERE e.region_code >= $1 AND e.region_code < $2 \
     GROUP BY m.employer_id";

/// Registered employers inside a region with the programs of their open memberships
/// (one row per distinct program list): `$1`, `$2` as above. Columns: id, npp, legal_name,
/// nib, region_code, risk_class, programs (NULL when no open membership).
pub const EMPLOYERS_WITHIN: &str = "SELECT e.id, e.npp, e.legal_name, e.nib, e.region_code, e.risk_class, m.programs \
     FROM employers e \
     LEFT JOIN (SELECT DISTINCT employer_id, programs FROM memberships \
                WHERE end_date IS NULL AND employer_id IS NOT NULL) m ON m.employer_id = e.id \
     WHERE e.region_code >= $1 AND e.region_code < $2";

/// Workforce potential inside a region: `$1`, `$2` as above. Columns: region_code, sector,
/// period, workers, vulnerable_workers, source.
pub const POTENTIAL_WITHIN: &str = "SELECT region_code, sector, period, workers, vulnerable_workers, source \
     FROM workforce_potential WHERE region_code >= $1 AND region_code < $2";

/// Company data rows inside a region: `$1`, `$2` as above.
pub const COMPANIES_WITHIN: &str = "SELECT row_number, nib, name, region_code, kbli, reported_workers, average_wage, npp \
     FROM company_reports WHERE region_code >= $1 AND region_code < $2 ORDER BY id";

/// Company data rows with `$1 <= id < $2`, in id order (a national read in parts).
pub const COMPANIES_ID_RANGE: &str = "SELECT row_number, nib, name, region_code, kbli, reported_workers, average_wage, npp \
     FROM company_reports WHERE id >= $1 AND id < $2 ORDER BY id";

/// The same rows as one JSON array of arrays (SQLite only; `?` placeholders). The inner
/// query orders the rows; SQLite aggregates in that order.
pub const COMPANIES_ID_RANGE_JSON_SQLITE: &str = "SELECT json_group_array(json_array(row_number, nib, name, \
       region_code, kbli, reported_workers, average_wage, npp)) \
     FROM (SELECT row_number, nib, name, region_code, kbli, reported_workers, average_wage, npp \
           FROM company_reports WHERE id >= ? AND id < ? ORDER BY id)";

/// The smallest and largest company data row id.
pub const COMPANY_ID_RANGE: &str = "SELECT min(id), max(id) FROM company_reports";

/// Campaigns inside a region (or covering it): `$1`, `$2` as above.
pub const CAMPAIGNS_WITHIN: &str = "SELECT code, name, region_code, sector, partner, role, start_month, end_month \
     FROM campaigns WHERE region_code >= $1 AND region_code < $2 ORDER BY code";

/// Enrolments tagged with a campaign inside a region: the campaign's code, the membership's
/// start date and whether it is a sponsored BPU (vulnerable) membership.
pub const TAGGED_WITHIN: &str = "SELECT c.code, m.start_date, \
       CAST(CASE WHEN m.segment = 'BPU' AND m.sponsor_id IS NOT NULL THEN 1 ELSE 0 END AS BIGINT) \
     FROM campaign_enrolments t JOIN campaigns c ON c.id = t.campaign_id \
     JOIN memberships m ON m.id = t.membership_id \
     WHERE c.region_code >= $1 AND c.region_code < $2";

/// The `$1`/`$2` bounds for "inside `region`".
pub fn within_bounds(region: &RegionKey) -> (String, String) {
    let code = region.to_string();
    let upper = format!("{code}/");
    (code, upper)
}

/// Why a summary row could not be read (a row the migrations' CHECKs should have refused).
#[derive(Debug, thiserror::Error)]
#[error("coverage_current row {region_code:?}/{sector:?}/{segment:?}/{programs:?}: {why}")]
pub struct RowError {
    pub region_code: String,
    pub sector: String,
    pub segment: String,
    pub programs: String,
    pub why: String,
}

/// One `coverage_current` row as an aggregate for `month`. Rows without a residence region
/// (`''`) cannot be placed and are skipped by the caller's choice (`Ok(None)`).
pub fn enrolled_from_row(
    month: Month,
    region_code: &str,
    sector: &str,
    segment: &str,
    vulnerable: bool,
    programs: &str,
    active: i64,
) -> Result<Option<EnrolledRecord>, RowError> {
    let err = |why: String| RowError {
        region_code: region_code.to_owned(),
        sector: sector.to_owned(),
        segment: segment.to_owned(),
        programs: programs.to_owned(),
        why,
    };
    if region_code.is_empty() || active <= 0 {
        return Ok(None);
    }
    let region = RegionKey::parse(region_code).map_err(|e| err(e.to_string()))?;
    let sector = if sector.is_empty() {
        None
    } else {
        Some(Sector::parse(sector).map_err(|e| err(e.to_string()))?)
    };
    let segment = Segment::parse(segment).ok_or_else(|| err("unknown segment".to_owned()))?;
    let programs = ProgramSet::parse(programs).map_err(err)?;
    Ok(Some(EnrolledRecord {
        region,
        sector,
        month,
        segment,
        vulnerable,
        programs,
        count: active.unsigned_abs(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_and_rows() {
        let (lo, hi) = within_bounds(&RegionKey::parse("31.73").unwrap());
        assert_eq!((lo.as_str(), hi.as_str()), ("31.73", "31.73/"));
        assert!("31.73.04.1002" >= lo.as_str() && "31.73.04.1002" < hi.as_str());
        assert!("31.74" >= hi.as_str());
        let m = Month::parse("2026-03").unwrap();
        let r = enrolled_from_row(
            m,
            "31.73.04.1002",
            "14",
            "PU",
            false,
            "JKK,JKM,JHT,JP,JKP",
            12,
        )
        .unwrap()
        .unwrap();
        assert_eq!(r.count, 12);
        assert_eq!(r.sector, Some(Sector::Division(14)));
        assert!(
            enrolled_from_row(m, "", "", "BPU", true, "JKK,JKM", 3)
                .unwrap()
                .is_none()
        );
        assert!(enrolled_from_row(m, "31.73", "", "XX", true, "JKK", 3).is_err());
    }
}
