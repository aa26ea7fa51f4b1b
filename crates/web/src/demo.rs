//! Demo accounts for `jamsos serve --demo`: one per role, all with the same printed password,
//! created only when the account table is empty (never on a real installation with users).

use crate::accounts::{Accounts, AccountsError, NewAccount};
use crate::auth::password;
use crate::auth::policy::Role;

/// The demo password (printed at start; demo data only).
pub const DEMO_PASSWORD: &str = "jamsos-demo-2026";

/// The NPP the demo employer account is bound to and the region the analyst sees.
pub const DEMO_EMPLOYER_NPP: &str = "10000001";
pub const DEMO_REGION: &str = "31.73";

/// (username, display name, role)
pub const DEMO_USERS: [(&str, &str, Role); 6] = [
    ("admin", "Admin Demo", Role::Admin),
    (
        "petugas",
        "Petugas Cabang Jakarta Barat",
        Role::BranchOfficer,
    ),
    ("verifikator", "Verifikator Demo", Role::Verifier),
    ("pemberikerja", "Pemberi Kerja Demo", Role::Employer),
    ("analis", "Analis Pemkot Jakarta Barat", Role::CityAnalyst),
    ("auditor", "Auditor Demo", Role::Auditor),
];

/// Creates the demo accounts if there are no accounts yet; returns whether it did.
pub async fn ensure_demo_users(
    accounts: &Accounts,
    employer_npp: &str,
    now: i64,
) -> Result<bool, AccountsError> {
    if accounts.count().await? > 0 {
        return Ok(false);
    }
    let hash = password::hash_blocking(DEMO_PASSWORD.to_owned())
        .await
        .map_err(AccountsError::Invalid)?;
    for (username, name, role) in DEMO_USERS {
        accounts
            .create(
                NewAccount {
                    username: username.to_owned(),
                    display_name: name.to_owned(),
                    role,
                    employer_npp: (role == Role::Employer).then(|| employer_npp.to_owned()),
                    region_code: (role == Role::CityAnalyst).then(|| DEMO_REGION.to_owned()),
                    password_hash: hash.clone(),
                },
                now,
            )
            .await?;
    }
    Ok(true)
}

/// What seeding did.
#[derive(Clone, Debug, Default)]
pub struct Seeded {
    pub employers: usize,
    pub persons: usize,
    pub memberships: usize,
    pub family_members: usize,
    /// The NPP of the dataset's first employer (the demo employer account's).
    pub first_npp: Option<String>,
}

/// The demo dataset's seed: fixed, so every demo installation shows the same people.
pub const DEMO_SEED: u64 = 2026;

/// Loads jamsos-domain's West Jakarta demo registry (sponsors, employers, workers with wage
/// histories, RT/RW heads and PPSU, families, the two deceased participants) through the
/// store's [`seed_demo`](jamsos_store::Store::seed_demo), and its payment ledger (12 months of
/// contributions, the February 2026 JKM hand-over). Does nothing (`None`) when the
/// registry already has employers, so a real installation is never touched.
pub async fn seed_registry(
    store: &jamsos_store::Store,
) -> Result<Option<Seeded>, jamsos_store::StoreError> {
    use jamsos_store::import::ImportStatus;
    if !store.employers(None, 1, 0).await?.is_empty() {
        return Ok(None);
    }
    let data = jamsos_domain::demo::west_jakarta(DEMO_SEED);
    let out = store
        .seed_demo(&jamsos_store::Actor::new("demo"), &data)
        .await?;
    if !matches!(out.status, ImportStatus::Applied { .. }) {
        return Ok(None);
    }
    // The payment ledger: contributions and benefits computed by the rules engine.
    let engine =
        jamsos_rules::Engine::embedded().map_err(|e| jamsos_store::StoreError::Invalid {
            field: "demo",
            message: e.to_string(),
        })?;
    store
        .seed_demo_payments(&jamsos_store::Actor::new("demo"), &data, &engine)
        .await?;
    seed_campaign(store).await?;
    Ok(Some(Seeded {
        employers: usize::try_from(out.employers).unwrap_or(usize::MAX),
        persons: usize::try_from(out.counts.persons_created).unwrap_or(usize::MAX),
        memberships: usize::try_from(out.counts.memberships_created).unwrap_or(usize::MAX),
        family_members: usize::try_from(out.family_members).unwrap_or(usize::MAX),
        first_npp: data.employers.first().map(|e| e.npp.to_string()),
    }))
}

/// Records the demo's outreach campaign (Tambora home garment workers) and tags the
/// enrolments it brought in; nothing when it is already there.
pub async fn seed_campaign(store: &jamsos_store::Store) -> Result<u64, jamsos_store::StoreError> {
    let campaign =
        jamsos_domain::demo::tambora_campaign().map_err(|e| jamsos_store::StoreError::Invalid {
            field: "campaign",
            message: format!("{e:?}"),
        })?;
    Ok(store
        .seed_demo_campaign(&jamsos_store::Actor::new("demo"), campaign)
        .await?
        .map_or(0, |(_, tagged)| tagged))
}
