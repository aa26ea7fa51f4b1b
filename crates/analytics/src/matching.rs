//! Matching company data rows (e.g. the manpower office's mandatory company reports) to
//! registered employers: by NPP, else by NIB, else by normalised name within the same region.
//! A name match is only a candidate, listed for review: it is never merged silently.

use crate::region::RegionKey;
use serde::Serialize;
use std::collections::HashMap;

/// The registered employer fields matching needs.
#[derive(Clone, Debug)]
pub struct EmployerKey<'a> {
    pub npp: &'a str,
    pub nib: Option<&'a str>,
    pub name: &'a str,
    pub region: &'a RegionKey,
}

/// How a company row was matched.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum Match {
    /// The row's NPP is a registered employer.
    Npp { employer: usize },
    /// The row's NIB is one registered employer's NIB.
    Nib { employer: usize },
    /// Needs a person to decide: same normalised name in the same area, several employers
    /// with the row's NIB, or an NPP the registry does not know.
    Review {
        candidates: Vec<usize>,
        reason: &'static str,
    },
    /// No registered employer found.
    None,
}

/// Upper-case, punctuation out, legal-form words (PT, CV, Tbk, …) out, spaces collapsed:
/// `"PT. Maju Jaya, Tbk"` → `"MAJU JAYA"`.
pub fn normalise_name(name: &str) -> String {
    const FORMS: &[&str] = &[
        "PT",
        "CV",
        "UD",
        "TBK",
        "PERSERO",
        "PERSEROAN",
        "TERBATAS",
        "KOPERASI",
        "FIRMA",
        "FA",
        "PD",
        "YAYASAN",
    ];
    // Words are the runs of alphanumeric characters, written straight into the result: a
    // national compliance run normalises a million names, one allocation each.
    let mut out = String::with_capacity(name.len());
    for word in name.split(|c: char| !c.is_alphanumeric()) {
        if word.is_empty() || FORMS.iter().any(|f| f.eq_ignore_ascii_case(word)) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().map(|c| c.to_ascii_uppercase()));
    }
    out
}

/// An index of registered employers for matching many rows.
pub struct Matcher<'a> {
    by_npp: HashMap<&'a str, usize>,
    by_nib: HashMap<&'a str, Vec<usize>>,
    by_name: HashMap<String, Vec<usize>>,
    employers: Vec<EmployerKey<'a>>,
}

impl<'a> Matcher<'a> {
    pub fn new(employers: Vec<EmployerKey<'a>>) -> Matcher<'a> {
        let mut by_npp = HashMap::new();
        let mut by_nib: HashMap<&str, Vec<usize>> = HashMap::new();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in employers.iter().enumerate() {
            by_npp.insert(e.npp, i);
            if let Some(nib) = e.nib.filter(|n| !n.is_empty()) {
                by_nib.entry(nib).or_default().push(i);
            }
            by_name.entry(normalise_name(e.name)).or_default().push(i);
        }
        Matcher {
            by_npp,
            by_nib,
            by_name,
            employers,
        }
    }

    /// Matches one row.
    pub fn find(
        &self,
        npp: Option<&str>,
        nib: Option<&str>,
        name: &str,
        region: &RegionKey,
    ) -> Match {
        let mut unknown_npp = false;
        if let Some(npp) = npp.filter(|n| !n.is_empty()) {
            match self.by_npp.get(npp) {
                Some(&i) => return Match::Npp { employer: i },
                None => unknown_npp = true,
            }
        }
        if let Some(nib) = nib.filter(|n| !n.is_empty())
            && let Some(list) = self.by_nib.get(nib)
        {
            return match list.as_slice() {
                [i] if !unknown_npp => Match::Nib { employer: *i },
                [i] => Match::Review {
                    candidates: vec![*i],
                    reason: "npp_unknown_nib_matches",
                },
                many => Match::Review {
                    candidates: many.to_vec(),
                    reason: "nib_shared_by_several_employers",
                },
            };
        }
        let key = normalise_name(name);
        let candidates: Vec<usize> = if key.is_empty() {
            Vec::new()
        } else {
            self.by_name
                .get(&key)
                .map(|l| {
                    l.iter()
                        .copied()
                        .filter(|&i| {
                            self.employers
                                .get(i)
                                .is_some_and(|e| e.region.within(region) || region.within(e.region))
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        if !candidates.is_empty() {
            return Match::Review {
                candidates,
                reason: "same_name_same_region",
            };
        }
        if unknown_npp {
            return Match::Review {
                candidates: Vec::new(),
                reason: "npp_unknown",
            };
        }
        Match::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The first implementation (clean to spaces, split, filter, join), kept as the reference.
    fn normalise_reference(name: &str) -> String {
        const FORMS: &[&str] = &[
            "PT",
            "CV",
            "UD",
            "TBK",
            "PERSERO",
            "PERSEROAN",
            "TERBATAS",
            "KOPERASI",
            "FIRMA",
            "FA",
            "PD",
            "YAYASAN",
        ];
        let cleaned: String = name
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_uppercase()
                } else {
                    ' '
                }
            })
            .collect();
        cleaned
            .split_whitespace()
            .filter(|w| !FORMS.contains(w))
            .collect::<Vec<_>>()
            .join(" ")
    }

    proptest! {
        #[test]
        fn normalise_equals_reference(name in "([a-zA-Z0-9éÉß., &\\-]|pt|Pt|tbk|cv\\.|ud |Fa|yayasan){0,24}") {
            prop_assert_eq!(normalise_name(&name), normalise_reference(&name));
        }
    }

    #[test]
    fn npp_then_nib_then_name_for_review() {
        let tambora = RegionKey::parse("31.73.04").unwrap();
        let village = RegionKey::parse("31.73.04.1001").unwrap();
        let other = RegionKey::parse("31.74").unwrap();
        let employers = vec![
            EmployerKey {
                npp: "11111111",
                nib: Some("9120000000001"),
                name: "PT Maju Jaya",
                region: &tambora,
            },
            EmployerKey {
                npp: "22222222",
                nib: None,
                name: "CV. Sinar Konfeksi",
                region: &village,
            },
            EmployerKey {
                npp: "33333333",
                nib: None,
                name: "Sinar Konfeksi",
                region: &other,
            },
        ];
        let m = Matcher::new(employers);
        assert_eq!(
            m.find(Some("11111111"), None, "x", &tambora),
            Match::Npp { employer: 0 }
        );
        assert_eq!(
            m.find(None, Some("9120000000001"), "x", &tambora),
            Match::Nib { employer: 0 }
        );
        // name match in the same area is only a candidate; the one in South Jakarta is not
        assert_eq!(
            m.find(None, None, "sinar konfeksi", &tambora),
            Match::Review {
                candidates: vec![1],
                reason: "same_name_same_region"
            }
        );
        assert_eq!(m.find(None, None, "Unknown Garment", &tambora), Match::None);
        assert_eq!(
            m.find(Some("99999999"), None, "Unknown", &tambora),
            Match::Review {
                candidates: vec![],
                reason: "npp_unknown"
            }
        );
        assert_eq!(normalise_name("PT. Maju Jaya, Tbk"), "MAJU JAYA");
    }
}
