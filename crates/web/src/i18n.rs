//! The bilingual catalogue of UI text: Bahasa Indonesia first (the default), English second.
//! Both catalogues are TOML files compiled into the binary (`locales/id.toml`, `locales/en.toml`)
//! and flattened to dotted keys (`[nav] home` → `nav.home`). The language is a value passed to
//! every lookup, never process-global state. Tests check that both files have the same keys
//! and that every key a template uses exists.

use jamsos_rules::Lang;
use std::collections::BTreeMap;
use std::sync::LazyLock;

const ID: &str = include_str!("../locales/id.toml");
const EN: &str = include_str!("../locales/en.toml");

struct Catalog {
    id: BTreeMap<String, String>,
    en: BTreeMap<String, String>,
}

static CATALOG: LazyLock<Catalog> = LazyLock::new(|| Catalog {
    id: flatten(ID),
    en: flatten(EN),
});

fn flatten(text: &str) -> BTreeMap<String, String> {
    fn walk(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
        for (k, v) in table {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                toml::Value::Table(t) => walk(&key, t, out),
                toml::Value::String(s) => {
                    out.insert(key, s.clone());
                }
                other => {
                    out.insert(key, other.to_string());
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    // The catalogues are compiled in and checked by tests; a broken file shows keys, not a crash.
    if let Ok(table) = text.parse::<toml::Table>() {
        walk("", &table, &mut out);
    }
    out
}

/// A translator for one request's language; cheap to copy into every view model.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    pub fn new(lang: Lang) -> Tr {
        Tr { lang }
    }

    /// The text for `key`; the key itself when missing (tests keep that from happening).
    pub fn t<'a>(&self, key: &'a str) -> &'a str {
        let map = match self.lang {
            Lang::Id => &CATALOG.id,
            Lang::En => &CATALOG.en,
        };
        match map.get(key) {
            Some(s) => s.as_str(),
            None => key,
        }
    }

    /// `id` or `en`, for `<html lang>` and links.
    pub fn code(&self) -> &'static str {
        match self.lang {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    /// The other language's code, for the switch link.
    pub fn other(&self) -> &'static str {
        match self.lang {
            Lang::Id => "en",
            Lang::En => "id",
        }
    }

    pub fn rp(&self, amount: &i64) -> String {
        crate::fmt::rupiah(*amount, self.lang)
    }

    pub fn num(&self, n: &i64) -> String {
        crate::fmt::number(*n, self.lang)
    }

    pub fn date(&self, iso: &str) -> String {
        crate::fmt::iso_date(iso, self.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_have_the_same_keys() {
        let id: Vec<_> = CATALOG.id.keys().collect();
        let en: Vec<_> = CATALOG.en.keys().collect();
        assert!(id.len() > 20, "catalogue failed to load: {} keys", id.len());
        let only_id: Vec<_> = id
            .iter()
            .filter(|k| !CATALOG.en.contains_key(**k))
            .collect();
        let only_en: Vec<_> = en
            .iter()
            .filter(|k| !CATALOG.id.contains_key(**k))
            .collect();
        assert!(only_id.is_empty(), "missing in en.toml: {only_id:?}");
        assert!(only_en.is_empty(), "missing in id.toml: {only_en:?}");
    }

    #[test]
    fn catalogues_parse() {
        assert!(ID.parse::<toml::Table>().is_ok());
        assert!(EN.parse::<toml::Table>().is_ok());
    }

    #[test]
    fn every_key_used_by_a_template_exists() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/templates");
        let mut missing = Vec::new();
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for part in text.split("t.t(\"").skip(1) {
                let key = part.split('"').next().unwrap();
                seen += 1;
                if !CATALOG.id.contains_key(key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
        assert!(seen > 20, "only {seen} lookups found");
        assert!(
            missing.is_empty(),
            "keys missing from the catalogue: {missing:?}"
        );
    }

    /// Keys built at run time (`format!`) or named in Rust code, which the template scan misses.
    #[test]
    fn computed_keys_exist() {
        let mut keys: Vec<String> = Vec::new();
        keys.extend(
            crate::pages::public::EVENTS
                .iter()
                .map(|e| format!("sim.event_{e}")),
        );
        keys.extend(
            crate::pages::public::LEVELS
                .iter()
                .map(|l| format!("level.{l}")),
        );
        keys.extend(
            crate::auth::policy::Role::ALL
                .iter()
                .map(|r| r.label_key().to_owned()),
        );
        keys.extend(["input", "parameter", "formula", "rule"].map(|k| format!("step.{k}")));
        keys.extend(["jkm", "jkk_death", "jkp"].map(|k| format!("preview.{k}")));
        keys.extend(
            jamsos_domain::model::Relation::ALL
                .iter()
                .map(|r| format!("relation.{}", r.code())),
        );
        keys.extend(
            [
                "death_lump_sum",
                "disability_lump_sum",
                "periodic_benefit",
                "funeral",
                "stmb",
                "scholarship",
                "jht_balance",
                "jht_partial",
                "monthly_pension",
                "lump_sum",
                "jkp_cash",
                "late_fine",
            ]
            .map(|c| format!("component.{c}")),
        );
        keys.extend(
            [
                "nav.dashboard",
                "nav.employers",
                "nav.persons",
                "nav.imports",
                "nav.simulator",
                "nav.api",
                "login.error_credentials",
                "login.error_locked",
                "login.error_limited",
                "login.error_unavailable",
                "error.forbidden_title",
                "error.forbidden_body",
                "error.not_found_title",
                "error.not_found_body",
                "account.scope_all",
                "account.scope_employer",
                "account.scope_region",
                "account.scope_nothing",
            ]
            .map(str::to_owned),
        );
        let missing: Vec<_> = keys
            .iter()
            .filter(|k| !CATALOG.id.contains_key(*k))
            .collect();
        assert!(missing.is_empty(), "missing: {missing:?}");
    }

    #[test]
    fn lookups_follow_the_language() {
        assert_eq!(Tr::new(Lang::Id).t("nav.simulator"), "Simulasi manfaat");
        assert_eq!(Tr::new(Lang::En).t("nav.simulator"), "Benefit simulator");
        assert_eq!(Tr::new(Lang::En).t("no.such.key"), "no.such.key");
    }
}
