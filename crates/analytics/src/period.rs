//! Months and the periods statistics are published for (a year, such as Sakernas annual
//! figures, or a month, such as the August Sakernas round).

use jiff::civil::Date;
use serde::{Serialize, Serializer};
use std::fmt;

/// A calendar month.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    pub year: i16,
    pub month: i8,
}

/// Why a text is not a month or period.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{text:?} is not a {what}")]
pub struct PeriodParseError {
    pub text: String,
    pub what: &'static str,
}

impl Month {
    pub fn new(year: i16, month: i8) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=2200).contains(&year))
            .then_some(Month { year, month })
    }

    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Result<Month, PeriodParseError> {
        let err = || PeriodParseError {
            text: text.to_owned(),
            what: "month written YYYY-MM",
        };
        let (y, m) = text.trim().split_once('-').ok_or_else(err)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(err());
        }
        let y: i16 = y.parse().map_err(|_| err())?;
        let m: i8 = m.parse().map_err(|_| err())?;
        Month::new(y, m).ok_or_else(err)
    }

    /// The first day, the date the rules engine selects the rules in force by.
    pub fn first_day(self) -> Date {
        // `new` only builds valid months, so day 1 always exists.
        Date::new(self.year, self.month, 1).unwrap_or(Date::MIN)
    }

    pub fn of(date: Date) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    pub fn prev(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// `count` consecutive months starting here.
    pub fn range(self, count: u32) -> Vec<Month> {
        let mut out = Vec::with_capacity(count as usize);
        let mut m = self;
        for _ in 0..count {
            out.push(m);
            m = m.next();
        }
        out
    }

    /// Months from `self` to `end`, both included (empty when `end` is earlier).
    pub fn through(self, end: Month) -> Vec<Month> {
        let mut out = Vec::new();
        let mut m = self;
        while m <= end {
            out.push(m);
            m = m.next();
        }
        out
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl fmt::Debug for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Month({self})")
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The period a workforce figure describes: a whole year or one month.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatPeriod {
    Year(i16),
    Month(Month),
}

impl StatPeriod {
    /// Reads `YYYY` or `YYYY-MM`.
    pub fn parse(text: &str) -> Result<StatPeriod, PeriodParseError> {
        let t = text.trim();
        if t.len() == 4 {
            let y: i16 = t.parse().map_err(|_| PeriodParseError {
                text: text.to_owned(),
                what: "period written YYYY or YYYY-MM",
            })?;
            if Month::new(y, 1).is_some() {
                return Ok(StatPeriod::Year(y));
            }
        }
        Month::parse(t)
            .map(StatPeriod::Month)
            .map_err(|_| PeriodParseError {
                text: text.to_owned(),
                what: "period written YYYY or YYYY-MM",
            })
    }

    /// The first month the figure describes; figures apply from here until a newer one.
    pub fn start(self) -> Month {
        match self {
            StatPeriod::Year(y) => Month { year: y, month: 1 },
            StatPeriod::Month(m) => m,
        }
    }
}

impl PartialOrd for StatPeriod {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for StatPeriod {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // A monthly figure is finer than the year that starts in the same month.
        let rank = |p: &StatPeriod| matches!(p, StatPeriod::Month(_));
        (self.start(), rank(self)).cmp(&(other.start(), rank(other)))
    }
}

impl fmt::Display for StatPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatPeriod::Year(y) => write!(f, "{y:04}"),
            StatPeriod::Month(m) => write!(f, "{m}"),
        }
    }
}

impl fmt::Debug for StatPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "StatPeriod({self})")
    }
}

impl Serialize for StatPeriod {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_periods() {
        let m = Month::parse("2025-12").unwrap();
        assert_eq!(m.next().to_string(), "2026-01");
        assert_eq!(m.next().prev(), m);
        assert_eq!(m.range(3).len(), 3);
        assert_eq!(Month::parse("2025-01").unwrap().through(m).len(), 12);
        assert!(Month::parse("2025-13").is_err());
        assert_eq!(StatPeriod::parse("2025").unwrap(), StatPeriod::Year(2025));
        assert_eq!(StatPeriod::parse("2025-08").unwrap().start().month, 8);
        assert!(StatPeriod::parse("25").is_err());
    }
}
