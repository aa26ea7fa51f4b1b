//! The demo's outreach campaign: the city and a community forum enrolling Tambora's home
//! garment workers (KBLI division 14) from January 2025, so the campaign report has something
//! to show on a fresh demo. Synthetic, like every demo record.

use crate::campaign::{Campaign, CampaignFieldError, CampaignInput};

/// The campaign's code.
pub const TAMBORA_CAMPAIGN: &str = "tambora-konveksi-2025";

/// The campaign record (validated like any other).
pub fn tambora_campaign() -> Result<Campaign, Vec<CampaignFieldError>> {
    CampaignInput {
        code: TAMBORA_CAMPAIGN.to_owned(),
        name: "Konveksi Rumahan Terlindungi Tambora".to_owned(),
        region_code: "31.73.04".to_owned(),
        sector: Some("14".to_owned()),
        partner: "Forum Penjahit Rumahan Tambora (sintetis)".to_owned(),
        role: "community".to_owned(),
        start: "2025-01".to_owned(),
        end: None,
    }
    .validate()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_campaign_is_valid() {
        let c = super::tambora_campaign().map_err(|e| format!("{e:?}"));
        assert_eq!(
            c.map(|c| c.code.to_string()),
            Ok(super::TAMBORA_CAMPAIGN.to_owned())
        );
    }
}
