//! Registry records as plain data (serde): what the store persists and the CLI prints. Values
//! inside are already-parsed identifiers, so a record that exists is well formed; cross-field
//! rules live in `check` functions (e.g. [`Membership::check`]).

mod codes;
mod employer;
mod family;
mod membership;
mod person;
mod sex;

pub use codes::{Programs, ProgramsError, parse_segment, segment_serde};
pub use employer::{
    Employer, EmployerStatus, RiskClass, RiskClassError, SizeClass, SizeClassError,
};
pub use family::{Education, EducationLevel, FamilyMember, Relation};
pub use membership::{
    CommunityRole, Membership, MembershipError, Sponsor, SponsorCode, SponsorCodeError,
    SponsorKind, WageKind, WageRecord, check_sector, check_segment, wage_on,
};
pub use person::{NameError, Person, Phone, PhoneError, check_name, normalize_name};
pub use sex::{Sex, SexError};

/// Re-exported from jamsos-rules so callers need not depend on it for these two.
pub use jamsos_rules::results::{Program, Segment};
