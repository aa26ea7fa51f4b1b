//! k-anonymity for published counts (UU 27/2022: aggregates shown to city analysts must not
//! single out people).
//!
//! **Primary suppression**: a count of people from the registry with `0 < n < k` is hidden
//! (zeros are shown: "nobody" discloses nothing about a person).
//!
//! **Complementary suppression**: a published table also publishes sums (a district row is the
//! sum of its villages; a region's all-sector cell is the sum of its sectors). If exactly one
//! value in such an additive relation is hidden, it can be recovered by subtraction. So, until
//! no relation has exactly one hidden value, we also hide the smallest visible non-zero value of
//! that relation (or a zero when nothing else is left). Each relation is a set of member cells
//! and the margin cell equal to their sum.
//!
//! What this does not protect: differences between tables published for different dates
//! (a trend) or with different filters; the protection is per table. Finding the minimal
//! complementary pattern is NP-hard in general; this greedy pass is the standard heuristic and
//! may hide more than the minimum.

/// One additive relation: `sum(members) == margin` (indexes into the value list).
#[derive(Clone, Debug)]
pub struct Relation {
    pub members: Vec<usize>,
    pub margin: usize,
}

/// The suppression threshold and whether it applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Policy {
    /// Counts `0 < n < min_count` are hidden; `None`: no suppression (agency staff).
    pub min_count: Option<u64>,
}

impl Policy {
    pub const DEFAULT_MIN: u64 = 5;

    /// What a city analyst sees: counts under `k` hidden.
    pub fn city_analyst(k: u64) -> Policy {
        Policy { min_count: Some(k) }
    }

    /// Unsuppressed, for roles entitled to the registry's detail.
    pub fn none() -> Policy {
        Policy { min_count: None }
    }

    /// The smallest configurable k: with k = 1 nothing would be hidden.
    pub const SMALLEST_MIN: u64 = 2;

    /// A configured k (a CLI flag, a server setting), refused below [`Policy::SMALLEST_MIN`]
    /// with a message saying why.
    pub fn checked_min(k: u64) -> Result<u64, String> {
        if k < Policy::SMALLEST_MIN {
            Err(format!(
                "the minimum cell count must be at least {} (got {k}): with 1 no count is hidden; use no suppression only for agency roles",
                Policy::SMALLEST_MIN
            ))
        } else {
            Ok(k)
        }
    }

    /// The report caption, Bahasa Indonesia first: `sel < 5 disembunyikan / cells < 5
    /// hidden`; `None` when nothing is suppressed.
    pub fn caption(&self) -> Option<String> {
        self.min_count
            .map(|k| format!("sel < {k} disembunyikan / cells < {k} hidden"))
    }
}

impl Default for Policy {
    fn default() -> Policy {
        Policy::city_analyst(Policy::DEFAULT_MIN)
    }
}

/// Which values to hide: primary suppression of small counts, then complementary suppression
/// over `relations`. Returns one flag per value.
pub fn suppress(values: &[u64], relations: &[Relation], policy: Policy) -> Vec<bool> {
    let Some(k) = policy.min_count else {
        return vec![false; values.len()];
    };
    let hidden: Vec<bool> = values.iter().map(|&v| v > 0 && v < k).collect();
    complete(values, relations, hidden)
}

/// Like [`suppress`], starting from values already hidden elsewhere (a count hidden in one
/// table stays hidden in a breakdown of it), plus the primary suppression of this table.
pub fn suppress_with(
    values: &[u64],
    relations: &[Relation],
    policy: Policy,
    mut hidden: Vec<bool>,
) -> Vec<bool> {
    let Some(k) = policy.min_count else {
        return hidden;
    };
    for (h, &v) in hidden.iter_mut().zip(values) {
        *h |= v > 0 && v < k;
    }
    complete(values, relations, hidden)
}

/// Complementary suppression until no relation has exactly one hidden value.
fn complete(values: &[u64], relations: &[Relation], mut hidden: Vec<bool>) -> Vec<bool> {
    if !hidden.iter().any(|h| *h) {
        return hidden;
    }
    // Each pass hides at least one more value or stops, so this ends within values.len() passes.
    loop {
        let mut changed = false;
        for rel in relations {
            let cells = rel.members.iter().chain(std::iter::once(&rel.margin));
            let hidden_count = cells
                .clone()
                .filter(|&&i| hidden.get(i).copied().unwrap_or(false))
                .count();
            if hidden_count != 1 {
                continue;
            }
            let pick = cells
                .filter(|&&i| !hidden.get(i).copied().unwrap_or(true))
                .min_by_key(|&&i| {
                    let v = values.get(i).copied().unwrap_or(0);
                    // prefer the smallest non-zero value; zeros only as a last resort
                    (v == 0, v, i)
                })
                .copied();
            if let Some(i) = pick
                && let Some(h) = hidden.get_mut(i)
            {
                *h = true;
                changed = true;
            }
        }
        if !changed {
            return hidden;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_no_single_hidden(hidden: &[bool], relations: &[Relation]) {
        for r in relations {
            let n = r
                .members
                .iter()
                .chain(std::iter::once(&r.margin))
                .filter(|&&i| hidden[i])
                .count();
            assert_ne!(n, 1, "a relation with one hidden value leaks it");
        }
    }

    #[test]
    fn primary_and_complementary() {
        // villages 12, 3, 40, 7 of one district whose total 62 is published (index 4)
        let values = [12, 3, 40, 7, 62];
        let rel = [Relation {
            members: vec![0, 1, 2, 3],
            margin: 4,
        }];
        let h = suppress(&values, &rel, Policy::default());
        // 3 is primary; 7 is the smallest other value, hidden so 3 cannot be recovered
        assert_eq!(h, [false, true, false, true, false]);
        check_no_single_hidden(&h, &rel);
    }

    #[test]
    fn zeros_are_shown_and_no_policy_hides_nothing() {
        let values = [0, 10, 10];
        let rel = [Relation {
            members: vec![0, 1],
            margin: 2,
        }];
        assert_eq!(suppress(&values, &rel, Policy::default()), [false; 3]);
        assert_eq!(suppress(&[1, 2, 3], &[], Policy::none()), [false; 3]);
    }

    #[test]
    fn two_dimensions_propagate() {
        // 2 regions × 2 sectors with margins:
        //   r0: [2, 10] = 12 ; r1: [20, 30] = 50 ; col totals [22, 40] = 62
        let values = [2, 10, 12, 20, 30, 50, 22, 40, 62];
        let rels = [
            Relation {
                members: vec![0, 1],
                margin: 2,
            },
            Relation {
                members: vec![3, 4],
                margin: 5,
            },
            Relation {
                members: vec![0, 3],
                margin: 6,
            },
            Relation {
                members: vec![1, 4],
                margin: 7,
            },
            Relation {
                members: vec![2, 5],
                margin: 8,
            },
            Relation {
                members: vec![6, 7],
                margin: 8,
            },
        ];
        let h = suppress(&values, &rels, Policy::city_analyst(5));
        assert!(h[0]);
        check_no_single_hidden(&h, &rels);
    }

    proptest::proptest! {
        #[test]
        fn never_leaves_a_single_hidden_cell(vals in proptest::collection::vec(0u64..12, 1..8)) {
            let total: u64 = vals.iter().sum();
            let mut values = vals.clone();
            values.push(total);
            let rel = [Relation { members: (0..vals.len()).collect(), margin: vals.len() }];
            let h = suppress(&values, &rel, Policy::default());
            for (i, v) in values.iter().enumerate() {
                if *v > 0 && *v < 5 { proptest::prop_assert!(h[i]); }
            }
            let n = h.iter().filter(|x| **x).count();
            proptest::prop_assert_ne!(n, 1);
        }
    }
}
