//! Scholarships (beasiswa pendidikan anak) for the children of a participant who dies or becomes
//! permanently totally disabled: shared by JKK and JKM (regulations.md §3.3).
//!
//! * **PP 44/2015** (events before 2 Dec 2019): Rp12,000,000 once, for one child.
//! * **PP 82/2019** (events from 2 Dec 2019; procedure in Permenaker 5/2021): an amount per school
//!   year by level (TK, SD, SMP, SMA, PT), each level for at most its number of years, for at
//!   most two children; it ends when the child reaches 23, marries or works. A child not yet of
//!   school age receives it on reaching school age.
//!
//! **Which children** (the sources say only "paling banyak 2 orang anak"): this engine takes the
//! eldest children (by birth date, then input order) who on the event date are unmarried, not
//! working, younger than the end age, and still have at least one school year of scholarship
//! ahead (current or future). A child who has used up every level's years does not take a slot.
//!
//! **Schedule**: from the school year containing the event date (school years start in
//! `scholarship.school_year_start_month`, July), one entry per school year, assuming normal
//! progress (one grade a year; after a level's last year the next level's first) and paying each
//! level at most its `max_years`. A year is scheduled only while the child is younger than
//! `scholarship.end_age` on the day that school year starts (on the event date for the current
//! year). Future marriage or work cannot be known, so only the age ends a schedule early. A
//! child with level `none` starts in the first later school year in which they are at least
//! `scholarship.school_entry_age` (TK grade 1 at that age, or the grade normal progress gives an
//! older child up to SD grade 1); this is a low-confidence assumption and is warned about.
//!
//! The component's `amount` is what is payable for the current school year (children at school
//! now); `schedule` lists every school year; `max_total` is the sum of the schedule.

mod plan;

use super::jkk::regime::Regime;
use crate::dates::age_on;
use crate::error::CalcError;
use crate::input::{ChildInput, parse_date};
use crate::money::Rupiah;
use crate::results::{Component, Reason, ScholarshipPayment};
use crate::trace::{Ctx, Expr, Label, Warning};
use jiff::civil::Date;

/// A school level as the contract writes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    /// Not at school yet.
    None,
    Tk,
    Sd,
    Smp,
    Sma,
    Pt,
}

impl Level {
    /// The levels in school order.
    pub const AT_SCHOOL: [Level; 5] = [Level::Tk, Level::Sd, Level::Smp, Level::Sma, Level::Pt];

    pub fn parse(text: &str) -> Option<Level> {
        Some(match text {
            "none" => Level::None,
            "TK" => Level::Tk,
            "SD" => Level::Sd,
            "SMP" => Level::Smp,
            "SMA" => Level::Sma,
            "PT" => Level::Pt,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Level::None => "none",
            Level::Tk => "TK",
            Level::Sd => "SD",
            Level::Smp => "SMP",
            Level::Sma => "SMA",
            Level::Pt => "PT",
        }
    }

    fn params(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            Level::None => return None,
            Level::Tk => ("scholarship.tk.amount", "scholarship.tk.max_years"),
            Level::Sd => ("scholarship.sd.amount", "scholarship.sd.max_years"),
            Level::Smp => ("scholarship.smp.amount", "scholarship.smp.max_years"),
            Level::Sma => ("scholarship.sma.amount", "scholarship.sma.max_years"),
            Level::Pt => ("scholarship.pt.amount", "scholarship.pt.max_years"),
        })
    }
}

/// A child as validated from the scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Child {
    /// Position in the scenario's `children` list (0-based).
    pub input_index: usize,
    pub birth_date: Date,
    pub level: Level,
    /// Year within the level, from 1; `None` for a child not at school.
    pub grade: Option<i64>,
    pub married: bool,
    pub working: bool,
}

/// Reads `children`, naming the exact field of the exact child on error
/// (`children[1].birth_date`). `event` is the accident or death date.
pub fn parse_children(raw: &[ChildInput], event: Date) -> Result<Vec<Child>, CalcError> {
    let mut out = Vec::with_capacity(raw.len());
    for (i, c) in raw.iter().enumerate() {
        let field = |name: &str| format!("children[{i}].{name}");
        let birth_text = c.birth_date.as_deref().ok_or_else(|| {
            CalcError::invalid(
                field("birth_date"),
                "each child needs a birth_date (YYYY-MM-DD)",
            )
        })?;
        let birth_date = parse_date(birth_text, &field("birth_date"))?;
        let level_text = c.level.as_deref().ok_or_else(|| {
            CalcError::invalid(
                field("level"),
                "each child needs a level: TK, SD, SMP, SMA, PT or none",
            )
        })?;
        let level = Level::parse(level_text).ok_or_else(|| {
            CalcError::invalid(
                field("level"),
                format!("{level_text:?} is not a level: TK, SD, SMP, SMA, PT or none"),
            )
        })?;
        let grade = match (level, c.grade) {
            (Level::None, Some(_)) => {
                return Err(CalcError::invalid(
                    field("grade"),
                    "a child not at school (level none) has no grade",
                ));
            }
            (Level::None, None) => None,
            (_, None) => {
                return Err(CalcError::invalid(
                    field("grade"),
                    "a child at school needs the grade: the year within the level, from 1",
                ));
            }
            (_, Some(g)) if g < 1 => {
                return Err(CalcError::invalid(
                    field("grade"),
                    "the grade is the year within the level, from 1",
                ));
            }
            (_, Some(g)) => Some(g),
        };
        // A child born after the event (a posthumous child) is a child of the participant, but
        // cannot be at school yet.
        if birth_date > event && level != Level::None {
            return Err(CalcError::invalid(
                field("birth_date"),
                "a child born after the event date cannot be at school on it (use level none)",
            ));
        }
        out.push(Child {
            input_index: i,
            birth_date,
            level,
            grade,
            married: c.married.unwrap_or(false),
            working: c.working.unwrap_or(false),
        });
    }
    Ok(out)
}

/// The scholarship for an event, or why there is none.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScholarshipOutcome {
    pub component: Option<Component>,
    pub reasons: Vec<Reason>,
}

/// The scholarship for `children` of a participant whose death or total disability happened on
/// `event`, under `regime`. The caller has already decided that the route (JKK, or JKM with
/// enough membership) entitles the children.
pub fn calculate(
    ctx: &mut Ctx<'_>,
    regime: Regime,
    event: Date,
    children: &[Child],
) -> Result<ScholarshipOutcome, CalcError> {
    if children.is_empty() {
        ctx.rule(
            Label::new(
                "Tidak ada anak: tidak ada beasiswa",
                "No children: no scholarship",
            ),
            false,
            None,
        );
        return Ok(ScholarshipOutcome::default());
    }
    match regime {
        Regime::Pp44_2015 => old_regime(ctx, event, children),
        Regime::Pp82_2019 => plan::new_regime(ctx, event, children),
    }
}

/// Whether a child meets the conditions on the event date (unmarried, not working, under the
/// end age), recorded in the trace.
pub(crate) fn meets_conditions(
    ctx: &mut Ctx<'_>,
    child: &Child,
    event: Date,
    end_age: i64,
) -> bool {
    let age = age_on(child.birth_date, event);
    let ok = !child.married && !child.working && age < end_age;
    let n = child.input_index;
    ctx.rule(
        Label::owned(
            format!(
                "Anak children[{n}]: umur {age} < {end_age}, belum menikah ({}), belum bekerja ({})",
                yes_no_id(!child.married),
                yes_no_id(!child.working)
            ),
            format!(
                "Child children[{n}]: age {age} < {end_age}, unmarried ({}), not working ({})",
                yes_no_en(!child.married),
                yes_no_en(!child.working)
            ),
        ),
        ok,
        Some("PP 82/2019; Permenaker 5/2021 (berakhir pada usia 23, menikah atau bekerja)"),
    );
    ok
}

fn yes_no_id(b: bool) -> &'static str {
    if b { "ya" } else { "tidak" }
}

fn yes_no_en(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// The school year containing `date` as its starting year (school years start in `start_month`).
pub(crate) fn school_year_of(date: Date, start_month: i64) -> i64 {
    let y = i64::from(date.year());
    if i64::from(date.month()) >= start_month {
        y
    } else {
        y - 1
    }
}

/// `"2026/2027"`.
pub(crate) fn school_year_text(start_year: i64) -> String {
    format!("{start_year}/{}", start_year + 1)
}

pub(crate) fn no_eligible_child() -> Reason {
    Reason::new(
        "scholarship_no_eligible_child",
        "Tidak ada anak yang memenuhi syarat beasiswa (di bawah usia 23, belum menikah, belum bekerja, dan masih ada tahun sekolah yang dapat dibiayai)",
        "No child qualifies for the scholarship (under 23, unmarried, not working, and with a school year still to fund)",
    )
}

/// PP 44/2015: Rp12,000,000 once, for one child (the eldest who meets the conditions).
fn old_regime(
    ctx: &mut Ctx<'_>,
    event: Date,
    children: &[Child],
) -> Result<ScholarshipOutcome, CalcError> {
    let end_age = ctx.count("scholarship.end_age", event)?;
    let max_children = ctx.count("scholarship.max_children", event)?;
    let mut order: Vec<&Child> = children.iter().collect();
    order.sort_by_key(|c| (c.birth_date, c.input_index));
    let mut chosen = Vec::new();
    for c in order {
        if !meets_conditions(ctx, c, event, end_age) {
            continue;
        }
        let room = i64::try_from(chosen.len()).unwrap_or(i64::MAX) < max_children;
        let n = c.input_index;
        ctx.rule(
            Label::owned(
                format!("Anak children[{n}] termasuk {max_children} anak tertua yang berhak"),
                format!("Child children[{n}] is among the {max_children} eldest entitled children"),
            ),
            room,
            Some("PP 44/2015 Lampiran III; Pasal 34"),
        );
        if room {
            chosen.push(c);
        }
    }
    let Some(first) = chosen.first() else {
        return Ok(ScholarshipOutcome {
            component: None,
            reasons: vec![no_eligible_child()],
        });
    };
    let amount = ctx.rupiah("scholarship.flat_amount", event)?;
    let start_month = ctx.count("scholarship.school_year_start_month", event)?;
    let year = school_year_of(event, start_month);
    let n = first.input_index;
    ctx.formula(|| {
        (
            Label::owned(
                format!("Beasiswa PP 44/2015, sekali untuk satu anak (children[{n}], anak tertua yang memenuhi syarat)"),
                format!("PP 44/2015 scholarship, once for one child (children[{n}], the eldest who qualifies)"),
            ),
            Expr::new().money(amount),
            Some(amount.get()),
            Some("PP 44/2015 Lampiran III; Pasal 34"),
        )
    });
    let schedule = chosen
        .iter()
        .enumerate()
        .map(|(i, c)| ScholarshipPayment {
            child: i + 1,
            input_index: c.input_index,
            school_year: school_year_text(year),
            level: c.level.code().to_owned(),
            grade: c.grade.unwrap_or(0),
            amount,
        })
        .collect::<Vec<_>>();
    let total: Rupiah = schedule.iter().map(|p| p.amount).sum();
    let mut component = Component::new("scholarship", total);
    component.schedule = Some(schedule);
    component.max_total = Some(total);
    Ok(ScholarshipOutcome {
        component: Some(component),
        reasons: Vec::new(),
    })
}

/// Warns that a schedule rests on an assumed school entry.
pub(crate) fn warn_assumed_entry(ctx: &mut Ctx<'_>) {
    ctx.warn(Warning::Note(Label::new(
        "Jadwal beasiswa untuk anak yang belum sekolah mengandaikan anak masuk TK pada usia masuk sekolah dan naik kelas setiap tahun (keyakinan rendah)",
        "The scholarship schedule for a child not yet at school assumes the child enters TK at school-entry age and moves up a grade every year (low confidence)",
    )));
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn school_years_start_in_the_given_month() {
        assert_eq!(school_year_of(date(2025, 6, 30), 7), 2024);
        assert_eq!(school_year_of(date(2025, 7, 1), 7), 2025);
        assert_eq!(school_year_text(2025), "2025/2026");
    }
}
