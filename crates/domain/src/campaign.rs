//! Outreach campaigns (issue 5 item 6): a campaign works in one region (any Kemendagri level),
//! optionally one sector, with one partner and its pentahelix role, over a run of months. The
//! enrolments an import brings in can be tagged with it, so its report can count them.
//!
//! [`CampaignInput`] is what a user types (CLI flags, an API body, a form); [`CampaignInput::
//! validate`] reads every field and reports every problem at once, by field, before anything
//! is written. Campaign periods are whole months: the report compares coverage month by month.

use crate::ids::{KbliCode, RegionCode};
use crate::regions::regions;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The five sides of a pentahelix partnership.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PentahelixRole {
    Government,
    Business,
    Academia,
    Community,
    Media,
}

impl PentahelixRole {
    pub const ALL: [PentahelixRole; 5] = [
        PentahelixRole::Government,
        PentahelixRole::Business,
        PentahelixRole::Academia,
        PentahelixRole::Community,
        PentahelixRole::Media,
    ];

    /// Reads the English code or its Indonesian name.
    pub fn parse(text: &str) -> Option<PentahelixRole> {
        Some(match text.trim().to_ascii_lowercase().as_str() {
            "government" | "pemerintah" => PentahelixRole::Government,
            "business" | "dunia usaha" | "dunia_usaha" | "swasta" => PentahelixRole::Business,
            "academia" | "akademisi" => PentahelixRole::Academia,
            "community" | "komunitas" | "masyarakat" => PentahelixRole::Community,
            "media" => PentahelixRole::Media,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            PentahelixRole::Government => "government",
            PentahelixRole::Business => "business",
            PentahelixRole::Academia => "academia",
            PentahelixRole::Community => "community",
            PentahelixRole::Media => "media",
        }
    }

    /// The Indonesian name (UI text, Bahasa Indonesia first).
    pub fn name_id(self) -> &'static str {
        match self {
            PentahelixRole::Government => "pemerintah",
            PentahelixRole::Business => "dunia usaha",
            PentahelixRole::Academia => "akademisi",
            PentahelixRole::Community => "komunitas",
            PentahelixRole::Media => "media",
        }
    }
}

/// A campaign's code: 3–40 characters, lower-case letters, digits and hyphens
/// (`tambora-konveksi-2025`). Upper case and underscores are accepted and normalised.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CampaignCode(String);

impl CampaignCode {
    pub fn parse(text: &str) -> Result<CampaignCode, String> {
        let t: String = text
            .trim()
            .chars()
            .map(|c| match c {
                '_' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        if !(3..=40).contains(&t.len()) {
            return Err(format!(
                "a campaign code has 3 to 40 characters, got {}",
                t.chars().count()
            ));
        }
        if !t
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(format!(
                "a campaign code uses letters, digits and hyphens only, got {text:?}"
            ));
        }
        if t.starts_with('-') || t.ends_with('-') {
            return Err(format!(
                "a campaign code cannot start or end with a hyphen, got {text:?}"
            ));
        }
        Ok(CampaignCode(t))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CampaignCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for CampaignCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        CampaignCode::parse(&s)
    }
}

impl From<CampaignCode> for String {
    fn from(c: CampaignCode) -> String {
        c.0
    }
}

/// A month `YYYY-MM` (campaigns run over whole months).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CampaignMonth {
    pub year: i16,
    pub month: i8,
}

impl CampaignMonth {
    /// Reads `YYYY-MM`, or a date `YYYY-MM-DD` (its month).
    pub fn parse(text: &str) -> Result<CampaignMonth, String> {
        let t = text.trim();
        let err = || format!("write a month as YYYY-MM (or a date YYYY-MM-DD), got {t:?}");
        let ym = match t.len() {
            7 => t,
            10 => {
                t.parse::<Date>().map_err(|_| err())?;
                t.get(..7).ok_or_else(err)?
            }
            _ => return Err(err()),
        };
        let (y, m) = ym.split_once('-').ok_or_else(err)?;
        let year: i16 = y.parse().map_err(|_| err())?;
        let month: i8 = m.parse().map_err(|_| err())?;
        if y.len() != 4
            || m.len() != 2
            || !(1..=12).contains(&month)
            || !(1900..=2200).contains(&year)
        {
            return Err(err());
        }
        Ok(CampaignMonth { year, month })
    }
}

impl fmt::Display for CampaignMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl TryFrom<String> for CampaignMonth {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        CampaignMonth::parse(&s)
    }
}

impl From<CampaignMonth> for String {
    fn from(m: CampaignMonth) -> String {
        m.to_string()
    }
}

/// A validated campaign.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Campaign {
    pub code: CampaignCode,
    pub name: String,
    /// Where it works: any Kemendagri level (province … village).
    pub region: RegionCode,
    /// KBLI section letter or two-digit division; `None` for every sector.
    pub sector: Option<KbliCode>,
    pub partner: String,
    pub role: PentahelixRole,
    pub start: CampaignMonth,
    /// Last month; `None` while running.
    pub end: Option<CampaignMonth>,
}

/// A campaign as typed: every field text, optional ones possibly blank.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CampaignInput {
    pub code: String,
    pub name: String,
    pub region_code: String,
    pub sector: Option<String>,
    pub partner: String,
    pub role: String,
    pub start: String,
    pub end: Option<String>,
}

/// One problem with one field of a [`CampaignInput`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CampaignFieldError {
    pub field: &'static str,
    pub code: &'static str,
    pub message: String,
}

impl fmt::Display for CampaignFieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

const TEXT_MAX: usize = 200;

fn blank(o: &Option<String>) -> Option<&str> {
    o.as_deref().map(str::trim).filter(|t| !t.is_empty())
}

impl CampaignInput {
    /// Checks every field; all problems come back together.
    pub fn validate(&self) -> Result<Campaign, Vec<CampaignFieldError>> {
        let mut errs = Vec::new();
        let mut fail = |field, code, message: String| {
            errs.push(CampaignFieldError {
                field,
                code,
                message,
            })
        };
        let code = CampaignCode::parse(&self.code)
            .map_err(|m| fail("code", "invalid_code", m))
            .ok();
        let mut text = |field: &'static str, v: &str| {
            let t = v.trim();
            if t.is_empty() {
                fail(field, "required", format!("{field} is required"));
                None
            } else if t.chars().count() > TEXT_MAX {
                fail(
                    field,
                    "too_long",
                    format!("{field} has more than {TEXT_MAX} characters"),
                );
                None
            } else {
                Some(t.to_owned())
            }
        };
        let name = text("name", &self.name);
        let partner = text("partner", &self.partner);
        let region = match RegionCode::parse(self.region_code.trim()) {
            Err(e) => {
                fail("region_code", e.code(), e.to_string());
                None
            }
            Ok(r) if !regions().exists(&r) => {
                fail(
                    "region_code",
                    "unknown_region",
                    format!(
                        "{r} is not in the Kemendagri region list (Kepmendagri 300.2.2-2138/2025)"
                    ),
                );
                None
            }
            Ok(r) => Some(r),
        };
        let sector = match blank(&self.sector) {
            None => Some(None),
            Some(t) => KbliCode::parse_sector(t)
                .map(Some)
                .map_err(|e| fail("sector", "invalid_sector", e.to_string()))
                .ok(),
        };
        let role = if self.role.trim().is_empty() {
            fail("role", "required", "role is required".to_owned());
            None
        } else {
            PentahelixRole::parse(&self.role).or_else(|| {
                fail(
                    "role",
                    "invalid_role",
                    format!(
                        "role must be government, business, academia, community or media \
                         (pemerintah, dunia usaha, akademisi, komunitas, media), got {:?}",
                        self.role.trim()
                    ),
                );
                None
            })
        };
        let start = if self.start.trim().is_empty() {
            fail("start", "required", "start is required".to_owned());
            None
        } else {
            CampaignMonth::parse(&self.start)
                .map_err(|m| fail("start", "invalid_month", m))
                .ok()
        };
        let end = match blank(&self.end) {
            None => Some(None),
            Some(t) => CampaignMonth::parse(t)
                .map(Some)
                .map_err(|m| fail("end", "invalid_month", m))
                .ok(),
        };
        if let (Some(s), Some(Some(e))) = (start, end)
            && e < s
        {
            fail(
                "end",
                "end_before_start",
                format!("end {e} is before start {s}"),
            );
        }
        match (code, name, region, sector, partner, role, start, end) {
            (
                Some(code),
                Some(name),
                Some(region),
                Some(sector),
                Some(partner),
                Some(role),
                Some(start),
                Some(end),
            ) if errs.is_empty() => Ok(Campaign {
                code,
                name,
                region,
                sector,
                partner,
                role,
                start,
                end,
            }),
            _ => Err(errs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tambora() -> CampaignInput {
        CampaignInput {
            code: "Tambora_Konveksi-2025".into(),
            name: "Konveksi Terlindungi Tambora".into(),
            region_code: "31.73.04".into(),
            sector: Some("14111".into()),
            partner: "Forum RW Kalianyar".into(),
            role: "komunitas".into(),
            start: "2025-06".into(),
            end: Some("2025-11-30".into()),
        }
    }

    #[test]
    fn a_valid_campaign_is_normalised() {
        let c = tambora().validate().unwrap();
        assert_eq!(c.code.as_str(), "tambora-konveksi-2025");
        assert_eq!(c.sector.unwrap().to_string(), "14");
        assert_eq!(c.role, PentahelixRole::Community);
        assert_eq!(c.start.to_string(), "2025-06");
        assert_eq!(c.end.unwrap().to_string(), "2025-11");
        let open = CampaignInput {
            sector: Some(" ".into()),
            end: None,
            ..tambora()
        };
        let c = open.validate().unwrap();
        assert_eq!((c.sector, c.end), (None, None));
    }

    #[test]
    fn every_bad_field_is_reported() {
        let bad = CampaignInput {
            code: "x!".into(),
            name: " ".into(),
            region_code: "31.99".into(),
            sector: Some("04".into()),
            partner: String::new(),
            role: "church".into(),
            start: "2025-13".into(),
            end: Some("June".into()),
        };
        let errs = bad.validate().unwrap_err();
        let got: Vec<(&str, &str)> = errs.iter().map(|e| (e.field, e.code)).collect();
        assert_eq!(
            got,
            vec![
                ("code", "invalid_code"),
                ("name", "required"),
                ("partner", "required"),
                ("region_code", "unknown_region"),
                ("sector", "invalid_sector"),
                ("role", "invalid_role"),
                ("start", "invalid_month"),
                ("end", "invalid_month"),
            ]
        );
        let reversed = CampaignInput {
            start: "2025-06".into(),
            end: Some("2025-05".into()),
            ..tambora()
        };
        let errs = reversed.validate().unwrap_err();
        assert_eq!((errs[0].field, errs[0].code), ("end", "end_before_start"));
    }

    #[test]
    fn roles_in_both_languages() {
        for r in PentahelixRole::ALL {
            assert_eq!(PentahelixRole::parse(r.code()), Some(r));
            assert_eq!(PentahelixRole::parse(r.name_id()), Some(r));
        }
        assert_eq!(
            PentahelixRole::parse("Pemerintah"),
            Some(PentahelixRole::Government)
        );
        assert_eq!(PentahelixRole::parse("ngo"), None);
    }
}
