//! Calendar arithmetic shared by every calculation: ages, whole years and months added to a
//! date, the first of the next month, `YYYY-MM` text, and the day whose rules govern a
//! contribution month. One place, so that JP, JHT, the scholarship, contributions and late
//! fines count ages and months the same way.

use crate::error::CalcError;
use jiff::ToSpan;
use jiff::civil::Date;

/// Completed years of age on `on` (the birthday itself counts; a 29 February birthday counts
/// from 1 March in other years). Negative when `on` is before the birth.
pub fn age_on(birth: Date, on: Date) -> i64 {
    let years = i64::from(on.year()) - i64::from(birth.year());
    if (on.month(), on.day()) < (birth.month(), birth.day()) {
        years - 1
    } else {
        years
    }
}

/// `date` plus whole years (29 February falls back to 28 February), or an error naming `field`.
pub fn add_years(date: Date, years: i64, field: &str) -> Result<Date, CalcError> {
    date.checked_add(years.years())
        .map_err(|_| CalcError::invalid(field, "the date is out of the supported range"))
}

/// `date` plus whole months (the day is clamped to the month's length).
pub fn add_months(date: Date, months: i64, field: &str) -> Result<Date, CalcError> {
    date.checked_add(months.months())
        .map_err(|_| CalcError::invalid(field, "the date is out of the supported range"))
}

/// The first day of the month after `date` (when monthly entitlements begin).
pub fn first_of_next_month(date: Date, field: &str) -> Result<Date, CalcError> {
    add_months(date.first_of_month(), 1, field)
}

/// `YYYY-MM` of a date.
pub fn month_text(date: Date) -> String {
    format!("{:04}-{:02}", date.year(), date.month())
}

/// The date whose rules govern the contribution month containing `date`: its last day, so
/// every day of a month gives the same result and a rule in force from day 2..31 of a month
/// (JKP from 2 Feb 2021, PP 6/2025 from 7 Feb 2025) governs that whole month. Contributions,
/// due dates and late fines all choose their parameters by this date.
pub fn contribution_rule_date(date: Date) -> Date {
    date.last_of_month()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ages_count_the_birthday_and_leap_days() {
        assert_eq!(age_on(date(1965, 7, 16), date(2023, 7, 15)), 57);
        assert_eq!(age_on(date(1965, 7, 16), date(2023, 7, 16)), 58);
        assert_eq!(age_on(date(2000, 2, 29), date(2023, 2, 28)), 22);
        assert_eq!(age_on(date(2000, 2, 29), date(2023, 3, 1)), 23);
        assert_eq!(age_on(date(2025, 1, 1), date(2024, 7, 1)), -1);
    }

    #[test]
    fn months_and_years() {
        assert_eq!(month_text(date(2023, 6, 1)), "2023-06");
        assert_eq!(
            first_of_next_month(date(2023, 12, 31), "d").unwrap(),
            date(2024, 1, 1)
        );
        assert_eq!(
            add_years(date(2024, 2, 29), 1, "d").unwrap(),
            date(2025, 2, 28)
        );
        assert_eq!(
            add_months(date(2025, 1, 31), 1, "d").unwrap(),
            date(2025, 2, 28)
        );
        assert!(add_years(date(9999, 1, 1), 1, "d").is_err());
        assert_eq!(contribution_rule_date(date(2025, 2, 3)), date(2025, 2, 28));
    }
}
