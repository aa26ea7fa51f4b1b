//! Coverage and compliance analytics on the web: the API routes under `/api/v1/analytics/`
//! ([`api`]), the PDF summary ([`pdf`]) and the city analyst's dashboard with its exports
//! ([`page`]). Thin: the region a
//! caller may see comes from its [`Scope`], the suppression from its role, the data from
//! `jamsos_analytics::db` (the registry database), every figure from `jamsos_analytics`'
//! pure core and the rules engine. No rule lives here.

pub mod api;
pub mod flows;
pub mod page;
pub mod pdf;
mod text;
pub mod trend;

use crate::auth::Principal;
use crate::auth::policy::{Role, Scope};
use crate::error::ApiError;
use crate::state::AppState;
use jamsos_analytics::db::{AnalyticsDb, DatasetQuery};
use jamsos_analytics::demo::Dataset;
use jamsos_analytics::rules_port;
use jamsos_analytics::suppress::Policy;
use jamsos_analytics::{Month, RegionKey};
use jiff::civil::Date;

/// The smallest count shown to city analysts by default (k-anonymity; issue 5); the server
/// setting `Settings::analytics_min_cell` replaces it.
pub const MIN_COUNT: u64 = Policy::DEFAULT_MIN;

/// What one request reads: the region, the month the registry's current counts stand for, and
/// the suppression the caller's role gets.
#[derive(Clone)]
pub struct Ctx {
    pub region: RegionKey,
    pub today: Date,
    pub month: Month,
    pub policy: Policy,
    /// The minimum wage in force in the region today (compliance's wage check).
    pub minimum_wage: Option<jamsos_rules::Rupiah>,
}

/// Suppression by role: city analysts see aggregates with counts under `k` hidden; agency
/// roles entitled to registry detail see every count (policy.rs: only analysts are
/// region-scoped).
pub fn policy_for(role: Role, k: u64) -> Policy {
    match role {
        Role::CityAnalyst => Policy::city_analyst(k),
        _ => Policy::none(),
    }
}

/// The region a caller asks for, checked against its scope. A region-scoped caller gets its
/// own region by default; others must name one (`default` fills it on pages).
pub fn region_for(
    p: &Principal,
    asked: Option<&str>,
    default: Option<&str>,
) -> Result<RegionKey, ApiError> {
    let asked = asked.map(str::trim).filter(|s| !s.is_empty());
    let code = match (p.scope(), asked) {
        (Scope::Region(own), None) => own,
        (Scope::All, None) => default
            .map(str::to_owned)
            .ok_or_else(|| invalid("region", "required: a Kemendagri code, e.g. 31.73"))?,
        (scope @ (Scope::Region(_) | Scope::All), Some(code)) => {
            if !scope.covers_region(code) {
                return Err(ApiError::Forbidden);
            }
            code.to_owned()
        }
        (Scope::Employer(_) | Scope::Nothing, _) => return Err(ApiError::Forbidden),
    };
    RegionKey::parse(&code).map_err(|e| invalid("region", &e.to_string()))
}

pub fn invalid(field: &str, message: &str) -> ApiError {
    ApiError::Invalid {
        field: field.to_owned(),
        message: message.to_owned(),
    }
}

impl Ctx {
    pub fn new(state: &AppState, p: &Principal, region: RegionKey) -> Ctx {
        let today = jiff::Zoned::now().date();
        let minimum_wage = rules_port::minimum_wage(state.engine.as_ref(), &region, today)
            .ok()
            .flatten();
        Ctx {
            region,
            today,
            month: Month::of(today),
            policy: policy_for(p.role(), state.settings.analytics_min_cell),
            minimum_wage,
        }
    }

    /// Reads the region's data from the registry database (with a year of month-end
    /// snapshots for trends).
    pub async fn load(&self, state: &AppState) -> Result<Dataset, ApiError> {
        let store = crate::registry::store(state)?;
        let db = AnalyticsDb::of_store(store).ok_or(ApiError::Unavailable("no database pool"))?;
        let mut from = self.month;
        for _ in 0..11 {
            from = from.prev();
        }
        db.dataset(&DatasetQuery {
            within: Some(self.region.clone()),
            current: self.month,
            history_from: Some(from),
            minimum_wage: self.minimum_wage,
            wage_date: self.today,
        })
        .await
        .map_err(|e| ApiError::Internal(e.to_string()))
    }
}
