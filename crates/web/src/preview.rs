//! "What would be paid today": contract scenarios for a registered participant's death (JKM and
//! JKK) and job loss (JKP), built from the registry's facts — the membership in force, its
//! wage, the months since the first membership, the children with their schooling. The rules
//! engine does the calculation; this module only fills the contract's fields from the record.

use jamsos_domain::model::{FamilyMember, Membership, Relation};
use jamsos_rules::input::{ChildInput, RawScenario};
use jamsos_rules::results::Segment;
use jiff::civil::Date;

/// The facts a preview needs.
#[derive(Clone, Debug)]
pub struct Facts<'a> {
    pub today: Date,
    pub memberships: &'a [Membership],
    /// The wage or income in force today on the current membership.
    pub wage: Option<i64>,
    pub family: &'a [FamilyMember],
}

/// One preview: which event, and the scenario for it.
#[derive(Clone, Debug)]
pub struct Preview {
    /// `jkm`, `jkk_death` or `jkp` (also the i18n suffix `preview.<key>`).
    pub key: &'static str,
    pub scenario: RawScenario,
}

fn months_between(from: Date, to: Date) -> i64 {
    let m = (i64::from(to.year()) - i64::from(from.year())) * 12 + i64::from(to.month())
        - i64::from(from.month());
    let m = if to.day() < from.day() { m - 1 } else { m };
    m.max(0)
}

fn children(family: &[FamilyMember]) -> Option<Vec<ChildInput>> {
    let kids: Vec<ChildInput> = family
        .iter()
        .filter(|f| f.relation == Relation::Child && f.alive)
        .filter_map(|f| {
            Some(ChildInput {
                birth_date: Some(f.birth_date?.to_string()),
                level: Some(
                    f.education
                        .as_ref()
                        .map_or("none", |e| e.level.code())
                        .to_owned(),
                ),
                grade: f.education.as_ref().and_then(|e| e.grade).map(i64::from),
                married: Some(f.married),
                working: Some(f.working),
            })
        })
        .collect();
    (!kids.is_empty()).then_some(kids)
}

/// The previews that apply: none when the person has no membership in force today.
pub fn previews(facts: &Facts<'_>) -> Vec<Preview> {
    let Some(current) = facts
        .memberships
        .iter()
        .rev()
        .find(|m| m.is_active_on(facts.today))
    else {
        return Vec::new();
    };
    let first_start = facts
        .memberships
        .iter()
        .map(|m| m.start)
        .min()
        .unwrap_or(current.start);
    let months = months_between(first_start, facts.today);
    let segment = current.segment;
    let date = facts.today.to_string();
    let base = RawScenario {
        kind: Some("benefit".into()),
        date: Some(date),
        segment: Some(segment.code().to_owned()),
        ..RawScenario::default()
    };
    let mut out = Vec::new();
    out.push(Preview {
        key: "jkm",
        scenario: RawScenario {
            program: Some("JKM".into()),
            membership_months: Some(months),
            children: children(facts.family),
            ..base.clone()
        },
    });
    if let Some(wage) = facts.wage {
        let mut jkk = RawScenario {
            program: Some("JKK".into()),
            outcome: Some("death".into()),
            children: children(facts.family),
            ..base.clone()
        };
        if segment == Segment::Pu {
            jkk.wage = Some(wage);
        } else {
            jkk.income = Some(wage);
        }
        out.push(Preview {
            key: "jkk_death",
            scenario: jkk,
        });
        if segment == Segment::Pu {
            out.push(Preview {
                key: "jkp",
                scenario: RawScenario {
                    program: Some("JKP".into()),
                    segment: None,
                    wage: Some(wage),
                    reason: Some("termination".into()),
                    contribution_months_last_24: Some(months.min(24)),
                    consecutive_months: Some(months.min(24)),
                    ..base
                },
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_count_whole_months() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(months_between(d(2024, 1, 15), d(2026, 2, 10)), 24);
        assert_eq!(months_between(d(2024, 1, 10), d(2026, 2, 10)), 25);
        assert_eq!(months_between(d(2027, 1, 1), d(2026, 2, 10)), 0);
    }
}
