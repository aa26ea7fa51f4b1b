//! The demo's payment records (jamsos-domain `demo::payments`: every amount from the rules
//! engine) written through the ledger's ordinary doors, so they are checked, region-stamped
//! and audited like an import. Keyed by the dataset's seed: seeding twice changes nothing.

use crate::error::{Result, StoreError};
use crate::payments::{PaymentOutcome, PaymentSource};
use crate::{Actor, Store};
use jamsos_domain::demo::{DemoDataset, payments};
use jamsos_rules::Engine;

impl Store {
    /// Records the demo's contributions and benefits for `dataset` (after [`Store::seed_demo`]
    /// wrote its registry). Returns the two batches' outcomes (contributions, benefits).
    pub async fn seed_demo_payments(
        &self,
        actor: &Actor,
        dataset: &DemoDataset,
        engine: &Engine,
    ) -> Result<(PaymentOutcome, PaymentOutcome)> {
        let demo =
            payments(dataset, engine).map_err(|e| StoreError::invalid("demo", e.to_string()))?;
        let source = |what: &str| {
            let key = format!("demo:west_jakarta:{}:{what}", dataset.seed);
            PaymentSource {
                kind: "demo",
                file_name: format!("demo west_jakarta {what} seed {}", dataset.seed),
                sha256: crate::import::file_sha256(key.as_bytes()),
            }
        };
        let c = self
            .record_contributions(actor, &source("contributions"), &demo.contributions)
            .await?;
        let b = self
            .record_benefits(actor, &source("benefits"), &demo.benefits)
            .await?;
        for out in [&c, &b] {
            if let PaymentOutcome::Rejected { issues } = out {
                let first = issues.first().map(ToString::to_string).unwrap_or_default();
                return Err(StoreError::invalid(
                    "demo",
                    format!("the demo's payments do not match its registry: {first}"),
                ));
            }
        }
        Ok((c, b))
    }
}
