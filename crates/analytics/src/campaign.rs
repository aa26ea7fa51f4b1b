//! Outreach campaigns: a campaign (region, sector, partner and its pentahelix role) tags the
//! enrolments it brought in; its report gives those enrolments and the coverage change in its
//! area between the month before it started and its last month.

use crate::coverage::{self, CoverageQuery};
use crate::model::{EnrolledRecord, PotentialRecord};
use crate::period::Month;
use crate::ratio::Ratio;
use crate::region::{NoDirectory, RegionKey};
use crate::sector::Sector;
use crate::suppress::Policy;
use serde::Serialize;

/// The five sides of a pentahelix partnership (the registry's type: campaigns are recorded
/// through `jamsos_domain::campaign`).
pub use jamsos_domain::campaign::PentahelixRole;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Campaign {
    pub id: String,
    pub name: String,
    pub region: RegionKey,
    pub sector: Option<Sector>,
    pub partner: String,
    pub role: PentahelixRole,
    pub start: Month,
    /// Last month; `None` while running.
    pub end: Option<Month>,
}

/// An enrolment tagged with a campaign (no personal data: the registry keeps who).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TaggedEnrolment {
    pub campaign_id: String,
    pub month: Month,
    pub vulnerable: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct CampaignReport {
    pub campaign: Campaign,
    /// Hidden (`null`) under the suppression threshold.
    pub enrolments: Option<u64>,
    pub enrolments_vulnerable: Option<u64>,
    pub by_month: Vec<(Month, Option<u64>)>,
    pub before_month: Month,
    pub after_month: Month,
    pub coverage_before: Option<Ratio>,
    pub coverage_after: Option<Ratio>,
    /// After minus before, in basis points.
    pub change_bp: Option<i64>,
    pub vulnerable_before: Option<Ratio>,
    pub vulnerable_after: Option<Ratio>,
    pub vulnerable_change_bp: Option<i64>,
}

/// Reports one campaign; `as_of` ends a running campaign's window.
pub fn report(
    c: &Campaign,
    tagged: &[TaggedEnrolment],
    potential: &[PotentialRecord],
    enrolled: &[EnrolledRecord],
    as_of: Month,
    policy: Policy,
) -> CampaignReport {
    let mine: Vec<&TaggedEnrolment> = tagged.iter().filter(|t| t.campaign_id == c.id).collect();
    let k = policy.min_count.unwrap_or(0);
    let shown = |n: u64| (n == 0 || n >= k).then_some(n);
    let after_month = c.end.unwrap_or(as_of).min(as_of);
    let before_month = c.start.prev();
    let by_month = c
        .start
        .through(after_month)
        .into_iter()
        .map(|m| {
            (
                m,
                shown(mine.iter().filter(|t| t.month == m).count() as u64),
            )
        })
        .collect();
    let at = |m: Month| {
        let mut q = CoverageQuery::new(m, c.region.level());
        q.within = Some(c.region.clone());
        q.sectors = c.sector.into_iter().collect();
        q.policy = policy;
        coverage::coverage(&q, potential, enrolled, &NoDirectory).total
    };
    let (b, a) = (at(before_month), at(after_month));
    let diff = |x: Option<Ratio>, y: Option<Ratio>| Some(y?.bp()? - x?.bp()?);
    let total = mine.len() as u64;
    let vuln = mine.iter().filter(|t| t.vulnerable).count() as u64;
    CampaignReport {
        campaign: c.clone(),
        enrolments: shown(total),
        enrolments_vulnerable: shown(vuln),
        by_month,
        before_month,
        after_month,
        coverage_before: b.rate,
        coverage_after: a.rate,
        change_bp: diff(b.rate, a.rate),
        vulnerable_before: b.rate_vulnerable,
        vulnerable_after: a.rate_vulnerable,
        vulnerable_change_bp: diff(b.rate_vulnerable, a.rate_vulnerable),
    }
}
