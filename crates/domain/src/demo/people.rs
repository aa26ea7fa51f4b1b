//! Building blocks shared by the demo datasets: names, birth dates, education by age, families.

use super::names::{FAMILY, FEMALE, MALE};
use super::rng::Rng;
use crate::ids::Nik;
use crate::model::{Education, EducationLevel, FamilyMember, Relation, Sex};
use jiff::civil::Date;

pub fn sex(rng: &mut Rng) -> Sex {
    if rng.chance(50) {
        Sex::Female
    } else {
        Sex::Male
    }
}

pub fn given(rng: &mut Rng, sex: Sex) -> &'static str {
    let list = if sex == Sex::Female { FEMALE } else { MALE };
    rng.pick(list).copied().unwrap_or("Sari")
}

/// A full name: one or two given names, usually a family name.
pub fn name(rng: &mut Rng, sex: Sex) -> String {
    let mut n = given(rng, sex).to_owned();
    if rng.chance(60) {
        n.push(' ');
        n.push_str(given(rng, sex));
    }
    if rng.chance(80) {
        n.push(' ');
        n.push_str(rng.pick(FAMILY).copied().unwrap_or("Santoso"));
    }
    n
}

/// A birth date making the person `min_age..=max_age` years old on `as_of`.
pub fn birth_date(rng: &mut Rng, as_of: Date, min_age: i16, max_age: i16) -> Date {
    let years = rng.range(i64::from(min_age), i64::from(max_age));
    let days = rng.range(1, 364);
    as_of
        .checked_sub(jiff::Span::new().years(years).days(days))
        .unwrap_or(as_of)
}

/// Whole years from `birth` to `on`.
pub fn age(birth: Date, on: Date) -> i16 {
    let mut a = on.year() - birth.year();
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        a -= 1;
    }
    a
}

/// School level and grade typical for an age in Indonesia (TK from 4 or 5, SD at 7, SMP at 13,
/// SMA at 16, PT from 19); `None` below 4.
pub fn education_for_age(rng: &mut Rng, age: i16) -> Option<Education> {
    let (level, grade) = match age {
        i16::MIN..=3 => return None,
        4..=6 => (EducationLevel::Tk, Some(if age < 6 { 1 } else { 2 })),
        7..=12 => (EducationLevel::Sd, Some((age - 6) as u8)),
        13..=15 => (EducationLevel::Smp, Some((age - 6) as u8)),
        16..=18 => (EducationLevel::Sma, Some((age - 6) as u8)),
        19..=22 if rng.chance(45) => (EducationLevel::Pt, Some((age - 18) as u8)),
        _ => (EducationLevel::None, None),
    };
    Some(Education { level, grade })
}

/// A family member record (not yet given a NIK).
#[allow(clippy::too_many_arguments)]
pub fn member(
    participant: Nik,
    nik: Option<Nik>,
    name: String,
    relation: Relation,
    sex: Sex,
    birth: Date,
    education: Option<Education>,
    working: bool,
) -> FamilyMember {
    FamilyMember {
        participant,
        nik,
        name,
        relation,
        sex: Some(sex),
        birth_date: Some(birth),
        education,
        married: relation == Relation::Spouse,
        working,
        alive: true,
        notarial_will: false,
        synthetic: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ages_and_schools() {
        assert_eq!(age(date(2010, 3, 2), date(2026, 3, 1)), 15);
        assert_eq!(age(date(2010, 3, 1), date(2026, 3, 1)), 16);
        let mut r = Rng::new(1);
        assert_eq!(
            education_for_age(&mut r, 8).map(|e| (e.level, e.grade)),
            Some((EducationLevel::Sd, Some(2)))
        );
        assert_eq!(
            education_for_age(&mut r, 14).map(|e| (e.level, e.grade)),
            Some((EducationLevel::Smp, Some(8)))
        );
        assert_eq!(education_for_age(&mut r, 2), None);
        for _ in 0..1000 {
            let b = birth_date(&mut r, date(2026, 3, 1), 18, 60);
            let a = age(b, date(2026, 3, 1));
            assert!((18..=60).contains(&a), "{b} {a}");
        }
    }
}
