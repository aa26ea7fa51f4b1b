//! The PP 82/2019 scholarship: the path of school years (TK → SD → SMP → SMA → PT, each level
//! for at most its `max_years`), each entitled child's place on it, and the schedule that
//! follows (rules in the parent module's header).

use super::{
    Child, Level, ScholarshipOutcome, meets_conditions, no_eligible_child, school_year_of,
    school_year_text, warn_assumed_entry,
};
use crate::dates::age_on;
use crate::error::CalcError;
use crate::money::Rupiah;
use crate::results::{Component, ScholarshipPayment};
use crate::trace::{Ctx, Expr, Label};
use jiff::civil::Date;

/// One school year on the path.
#[derive(Clone, Copy, Debug)]
struct Stage {
    level: Level,
    grade: i64,
    amount: Rupiah,
}

/// Most school years any level can hold; a parameter above this is refused rather than
/// building a huge path.
const MAX_YEARS_PER_LEVEL: i64 = 20;

fn build_path(ctx: &mut Ctx<'_>, event: Date) -> Result<Vec<Stage>, CalcError> {
    let mut path = Vec::new();
    for level in Level::AT_SCHOOL {
        let Some((amount_p, years_p)) = level.params() else {
            continue;
        };
        let amount = ctx.rupiah(amount_p, event)?;
        let years = ctx.count(years_p, event)?;
        if !(0..=MAX_YEARS_PER_LEVEL).contains(&years) {
            return Err(CalcError::MissingParameter {
                parameter: years_p.to_owned(),
                date: event,
                message: format!(
                    "{years} is not a number of school years (0 to {MAX_YEARS_PER_LEVEL})"
                ),
            });
        }
        for grade in 1..=years {
            path.push(Stage {
                level,
                grade,
                amount,
            });
        }
    }
    Ok(path)
}

/// The first school day of the school year starting in `year`.
fn year_start(year: i64, start_month: i64) -> Option<Date> {
    let y = i16::try_from(year).ok()?;
    let m = i8::try_from(start_month).ok()?;
    Date::new(y, m, 1).ok()
}

/// One child's scheduled school years: (offset from the current school year, stage index).
struct Plan {
    years: Vec<(i64, usize)>,
    /// The start rests on the assumed school-entry age (level none).
    assumed_entry: bool,
}

struct Calendar {
    start_month: i64,
    end_age: i64,
    current: i64,
}

impl Calendar {
    /// Whether the child may be paid for the school year `offset` years after the current one.
    fn age_allows(&self, child: &Child, event: Date, offset: i64) -> bool {
        let on = if offset == 0 {
            Some(event)
        } else {
            year_start(self.current + offset, self.start_month)
        };
        on.is_some_and(|d| age_on(child.birth_date, d) < self.end_age)
    }

    /// Stages from `first_stage` on, from the school year `first_offset`, while the age allows.
    fn run(
        &self,
        child: &Child,
        event: Date,
        path_len: usize,
        first_offset: i64,
        first_stage: usize,
    ) -> Vec<(i64, usize)> {
        let mut years = Vec::new();
        for (k, stage) in (first_stage..path_len).enumerate() {
            let offset = first_offset + i64::try_from(k).unwrap_or(i64::MAX);
            if !self.age_allows(child, event, offset) {
                break;
            }
            years.push((offset, stage));
        }
        years
    }
}

fn plan_for(
    ctx: &mut Ctx<'_>,
    child: &Child,
    event: Date,
    cal: &Calendar,
    path: &[Stage],
    entry_age: &mut Option<i64>,
) -> Result<Plan, CalcError> {
    let field = format!("children[{}].grade", child.input_index);
    if child.level == Level::None {
        let entry = match *entry_age {
            Some(a) => a,
            None => {
                let a = ctx.count("scholarship.school_entry_age", event)?;
                *entry_age = Some(a);
                a
            }
        };
        // SD grade 1 is the latest place a child who has never been at school is put.
        let sd_first = path.iter().position(|s| s.level == Level::Sd).unwrap_or(0);
        for offset in 1..=(entry.max(0) + 4) {
            let Some(start) = year_start(cal.current + offset, cal.start_month) else {
                break;
            };
            let age = age_on(child.birth_date, start);
            if age < entry {
                continue;
            }
            let stage = usize::try_from(age - entry).unwrap_or(usize::MAX);
            if stage > sd_first {
                // Already past school-entry age and not at school: nothing to schedule.
                return Ok(Plan {
                    years: Vec::new(),
                    assumed_entry: false,
                });
            }
            return Ok(Plan {
                years: cal.run(child, event, path.len(), offset, stage),
                assumed_entry: true,
            });
        }
        return Ok(Plan {
            years: Vec::new(),
            assumed_entry: false,
        });
    }
    let grade = child.grade.unwrap_or(1);
    let level_years =
        i64::try_from(path.iter().filter(|s| s.level == child.level).count()).unwrap_or(i64::MAX);
    let first = path.iter().position(|s| s.level == child.level);
    let Some(first) = first else {
        return Ok(Plan {
            years: Vec::new(),
            assumed_entry: false,
        });
    };
    if grade > level_years {
        // A PT student past the paid years has nothing left; for a school level the grade
        // cannot exceed the level's years.
        if child.level == Level::Pt {
            return Ok(Plan {
                years: Vec::new(),
                assumed_entry: false,
            });
        }
        return Err(CalcError::invalid(
            field,
            format!(
                "{} has {level_years} grades; grade {grade} does not exist",
                child.level.code()
            ),
        ));
    }
    let stage = first + usize::try_from(grade - 1).unwrap_or(0);
    Ok(Plan {
        years: cal.run(child, event, path.len(), 0, stage),
        assumed_entry: false,
    })
}

pub(super) fn new_regime(
    ctx: &mut Ctx<'_>,
    event: Date,
    children: &[Child],
) -> Result<ScholarshipOutcome, CalcError> {
    let end_age = ctx.count("scholarship.end_age", event)?;
    let max_children = ctx.count("scholarship.max_children", event)?;
    let start_month = ctx.count("scholarship.school_year_start_month", event)?;
    if !(1..=12).contains(&start_month) {
        return Err(CalcError::MissingParameter {
            parameter: "scholarship.school_year_start_month".to_owned(),
            date: event,
            message: format!("{start_month} is not a month (1 to 12)"),
        });
    }
    let path = build_path(ctx, event)?;
    let cal = Calendar {
        start_month,
        end_age,
        current: school_year_of(event, start_month),
    };
    let mut order: Vec<&Child> = children.iter().collect();
    order.sort_by_key(|c| (c.birth_date, c.input_index));
    let mut entry_age = None;
    let mut chosen: Vec<(&Child, Plan)> = Vec::new();
    for child in order {
        if !meets_conditions(ctx, child, event, end_age) {
            continue;
        }
        let plan = plan_for(ctx, child, event, &cal, &path, &mut entry_age)?;
        let n = child.input_index;
        let has_years = !plan.years.is_empty();
        let room = i64::try_from(chosen.len()).unwrap_or(i64::MAX) < max_children;
        ctx.rule(
            Label::owned(
                format!("Anak children[{n}] masih memiliki tahun sekolah yang dibiayai dan termasuk {max_children} anak tertua yang berhak"),
                format!("Child children[{n}] still has school years to fund and is among the {max_children} eldest entitled children"),
            ),
            has_years && room,
            Some("PP 82/2019 (paling banyak 2 orang anak); Permenaker 5/2021"),
        );
        if has_years && room {
            chosen.push((child, plan));
        }
    }
    if chosen.is_empty() {
        return Ok(ScholarshipOutcome {
            component: None,
            reasons: vec![no_eligible_child()],
        });
    }
    let mut schedule = Vec::new();
    let mut now = Rupiah::ZERO;
    for (i, (child, plan)) in chosen.iter().enumerate() {
        if plan.assumed_entry {
            warn_assumed_entry(ctx);
        }
        let mut child_total = Rupiah::ZERO;
        for &(offset, stage) in &plan.years {
            let Some(s) = path.get(stage) else { continue };
            if offset == 0 {
                now += s.amount;
            }
            child_total += s.amount;
            schedule.push(ScholarshipPayment {
                child: i + 1,
                input_index: child.input_index,
                school_year: school_year_text(cal.current + offset),
                level: s.level.code().to_owned(),
                grade: s.grade,
                amount: s.amount,
            });
        }
        let n = child.input_index;
        let count = i64::try_from(plan.years.len()).unwrap_or(i64::MAX);
        ctx.formula(|| {
            (
                Label::owned(
                    format!("Beasiswa anak {} (children[{n}]): jumlah seluruh tahun sekolah yang dijadwalkan", i + 1),
                    format!("Scholarship of child {} (children[{n}]): sum over the scheduled school years", i + 1),
                ),
                Expr::new()
                    .num(count)
                    .text("tahun sekolah", "school years")
                    .op("=")
                    .money(child_total),
                Some(child_total.get()),
                Some("PP 82/2019 Lampiran; Permenaker 5/2021"),
            )
        });
    }
    let max_total: Rupiah = schedule.iter().map(|p| p.amount).sum();
    let year = school_year_text(cal.current);
    ctx.formula(|| {
        (
            Label::owned(
                format!(
                    "Beasiswa yang dibayar untuk tahun ajaran {year} (anak yang sedang bersekolah)"
                ),
                format!("Scholarship payable for the school year {year} (children at school now)"),
            ),
            Expr::new().money(now),
            Some(now.get()),
            Some("Permenaker 5/2021 (klaim setiap tahun)"),
        )
    });
    let mut component = Component::new("scholarship", now);
    component.not_payable_now = now == Rupiah::ZERO;
    component.schedule = Some(schedule);
    component.max_total = Some(max_total);
    Ok(ScholarshipOutcome {
        component: Some(component),
        reasons: Vec::new(),
    })
}
