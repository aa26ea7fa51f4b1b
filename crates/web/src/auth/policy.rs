//! THE authorization policy: one table saying which role may perform which action, one
//! function saying which roles see NIKs and full names in clear, and the data scope each role
//! is confined to. Every route names its [`Action`] and asks [`allowed`]; nothing else in the
//! crate decides who may do what. The table is tested cell by cell in `tests/`.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Account roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Manages accounts and tokens; full access.
    Admin,
    /// Petugas cabang: registers and corrects employers, workers, wages, families; runs imports.
    BranchOfficer,
    /// Verifier: checks records and heirs; reads everything, changes nothing but verifications.
    Verifier,
    /// An employer: sees and imports only its own workers.
    Employer,
    /// City analyst: aggregates only, for its own region.
    CityAnalyst,
    /// Read-only auditor: reads records (masked) and the audit log.
    Auditor,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::BranchOfficer,
        Role::Verifier,
        Role::Employer,
        Role::CityAnalyst,
        Role::Auditor,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::BranchOfficer => "branch_officer",
            Role::Verifier => "verifier",
            Role::Employer => "employer",
            Role::CityAnalyst => "city_analyst",
            Role::Auditor => "auditor",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == text)
    }

    /// The i18n key of the role's display name.
    pub fn label_key(self) -> &'static str {
        match self {
            Role::Admin => "role.admin",
            Role::BranchOfficer => "role.branch_officer",
            Role::Verifier => "role.verifier",
            Role::Employer => "role.employer",
            Role::CityAnalyst => "role.city_analyst",
            Role::Auditor => "role.auditor",
        }
    }
}

/// Everything a route can do. Public routes (health, calc, simulator, API docs) have no action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Dashboard: participant counts by segment and program, recent activity.
    DashboardView,
    /// List employers (an employer sees only itself).
    EmployerList,
    EmployerRead,
    EmployerWrite,
    /// Search persons by KPJ, NIK or name.
    PersonSearch,
    /// A person's page: memberships, wages, family and heirs.
    PersonRead,
    PersonWrite,
    MembershipWrite,
    WageWrite,
    FamilyWrite,
    /// "What would be paid today" for a registered person.
    BenefitPreview,
    /// Import a worker list (an employer: only for its own NPP).
    ImportRun,
    /// Import a sponsor's list of vulnerable workers (BPU); not for employer accounts.
    ImportSponsored,
    ImportRead,
    AuditRead,
    UserAdmin,
    /// Create or revoke one's own API tokens.
    TokenManage,
    /// Coverage, compliance and budget analytics (aggregates; a city analyst's own region,
    /// small counts hidden: `crate::analytics`).
    AnalyticsView,
    /// Record an outreach campaign (the analyst's plan; imports then tag enrolments with it).
    CampaignWrite,
}

impl Action {
    pub const ALL: [Action; 19] = [
        Action::DashboardView,
        Action::EmployerList,
        Action::EmployerRead,
        Action::EmployerWrite,
        Action::PersonSearch,
        Action::PersonRead,
        Action::PersonWrite,
        Action::MembershipWrite,
        Action::WageWrite,
        Action::FamilyWrite,
        Action::BenefitPreview,
        Action::ImportRun,
        Action::ImportSponsored,
        Action::ImportRead,
        Action::AuditRead,
        Action::UserAdmin,
        Action::TokenManage,
        Action::AnalyticsView,
        Action::CampaignWrite,
    ];
}

/// May `role` perform `action`? (Data scope is applied on top: see [`Scope`].)
pub fn allowed(role: Role, action: Action) -> bool {
    use Action::*;
    use Role::*;
    match role {
        Admin => true,
        // Campaigns are the city analyst's plan; officers import what campaigns bring in.
        BranchOfficer => !matches!(action, UserAdmin | AuditRead | CampaignWrite),
        // Verifiers, employers and auditors have no use for regional aggregates.
        Verifier => matches!(
            action,
            DashboardView
                | EmployerList
                | EmployerRead
                | PersonSearch
                | PersonRead
                | FamilyWrite
                | BenefitPreview
                | ImportRead
                | TokenManage
        ),
        Employer => matches!(
            action,
            DashboardView
                | EmployerList
                | EmployerRead
                | PersonSearch
                | PersonRead
                | WageWrite
                | BenefitPreview
                | ImportRun
                | ImportRead
                | TokenManage
        ),
        CityAnalyst => matches!(
            action,
            DashboardView | TokenManage | AnalyticsView | CampaignWrite
        ),
        Auditor => matches!(
            action,
            DashboardView
                | EmployerList
                | EmployerRead
                | PersonSearch
                | PersonRead
                | ImportRead
                | AuditRead
        ),
    }
}

/// Whether the role sees NIKs and full names in clear. The employer sees its own workers' (it
/// holds them already as their employer); analysts and auditors never need them.
pub fn sees_identity(role: Role) -> bool {
    matches!(
        role,
        Role::Admin | Role::BranchOfficer | Role::Verifier | Role::Employer
    )
}

/// The slice of the registry an account may see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    All,
    /// Only this employer (by NPP) and its workers.
    Employer(String),
    /// Only this region (a Kemendagri code prefix, e.g. `31.73`).
    Region(String),
    /// A misconfigured account (employer without NPP, analyst without region) sees nothing.
    Nothing,
}

impl Scope {
    pub fn for_account(role: Role, employer_npp: Option<&str>, region: Option<&str>) -> Scope {
        match role {
            Role::Employer => {
                employer_npp.map_or(Scope::Nothing, |n| Scope::Employer(n.to_owned()))
            }
            Role::CityAnalyst => region.map_or(Scope::Nothing, |r| Scope::Region(r.to_owned())),
            _ => Scope::All,
        }
    }

    /// May this scope see the employer with `npp`?
    pub fn covers_employer(&self, npp: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Employer(own) => own == npp,
            Scope::Region(_) | Scope::Nothing => false,
        }
    }

    /// May this scope see aggregates for the region `code` (`31.73.04` is inside `31.73`)?
    pub fn covers_region(&self, code: &str) -> bool {
        match self {
            Scope::All => true,
            Scope::Region(prefix) => {
                code == prefix
                    || code
                        .strip_prefix(prefix.as_str())
                        .is_some_and(|r| r.starts_with('.'))
            }
            Scope::Employer(_) | Scope::Nothing => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
    }

    #[test]
    fn analyst_sees_aggregates_only() {
        for a in Action::ALL {
            let expect = matches!(
                a,
                Action::DashboardView
                    | Action::TokenManage
                    | Action::AnalyticsView
                    | Action::CampaignWrite
            );
            assert_eq!(allowed(Role::CityAnalyst, a), expect, "{a:?}");
        }
        assert!(!sees_identity(Role::CityAnalyst));
    }

    #[test]
    fn auditor_never_writes_and_sees_masked_data() {
        for a in [
            Action::EmployerWrite,
            Action::PersonWrite,
            Action::MembershipWrite,
            Action::WageWrite,
            Action::FamilyWrite,
            Action::ImportRun,
            Action::ImportSponsored,
            Action::UserAdmin,
        ] {
            assert!(!allowed(Role::Auditor, a), "{a:?}");
        }
        assert!(allowed(Role::Auditor, Action::AuditRead));
        assert!(!sees_identity(Role::Auditor));
    }

    #[test]
    fn who_imports_what() {
        for r in Role::ALL {
            let officer = matches!(r, Role::Admin | Role::BranchOfficer);
            assert_eq!(allowed(r, Action::ImportSponsored), officer, "{r:?}");
            assert_eq!(
                allowed(r, Action::ImportRun),
                officer || r == Role::Employer,
                "{r:?}"
            );
        }
    }

    #[test]
    fn only_analysts_and_admins_record_campaigns() {
        for r in Role::ALL {
            assert_eq!(
                allowed(r, Action::CampaignWrite),
                matches!(r, Role::Admin | Role::CityAnalyst),
                "{r:?}"
            );
        }
    }

    #[test]
    fn only_admin_manages_users() {
        for r in Role::ALL {
            assert_eq!(allowed(r, Action::UserAdmin), r == Role::Admin, "{r:?}");
        }
    }

    #[test]
    fn scopes_confine_employers_and_analysts() {
        let s = Scope::for_account(Role::Employer, Some("10000001"), None);
        assert!(s.covers_employer("10000001"));
        assert!(!s.covers_employer("10000002"));
        assert!(!s.covers_region("31.73"));
        let s = Scope::for_account(Role::CityAnalyst, None, Some("31.73"));
        assert!(s.covers_region("31.73.04"));
        assert!(s.covers_region("31.73"));
        assert!(!s.covers_region("31.731"));
        assert!(!s.covers_region("31.74.01"));
        assert!(!s.covers_employer("10000001"));
        assert_eq!(
            Scope::for_account(Role::Employer, None, None),
            Scope::Nothing
        );
        assert_eq!(Scope::for_account(Role::Auditor, None, None), Scope::All);
    }
}
