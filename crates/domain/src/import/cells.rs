//! One cell of an import file, whatever the format, and the typed readings the templates need
//! (text, identifier text, date, whole rupiah). Spreadsheet hazards are caught here: formulas,
//! numbers in identifier columns, dates typed as plain numbers, amounts with fractions.

use jiff::civil::Date;
use std::borrow::Cow;

/// A cell as read. CSV gives only `Empty` and `Text`; XLSX gives all kinds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Cell<'r> {
    Empty,
    Text(&'r str),
    Int(i64),
    Float(f64),
    Date(Date),
    Bool(bool),
    /// A spreadsheet error value such as `#REF!`.
    Error(String),
    /// The cell holds a formula (its cached value is ignored).
    Formula,
}

/// Why a cell could not be read: a stable code and a message for people.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub code: &'static str,
    pub message: String,
}

impl FieldError {
    pub fn new(code: &'static str, message: impl Into<String>) -> FieldError {
        FieldError {
            code,
            message: message.into(),
        }
    }
}

impl Cell<'_> {
    /// The cell as a user would see it, for the rejected-rows file and report values.
    pub fn display(&self) -> Cow<'_, str> {
        match self {
            Cell::Empty | Cell::Formula => Cow::Borrowed(""),
            Cell::Text(t) => Cow::Borrowed(t.trim()),
            Cell::Int(i) => Cow::Owned(i.to_string()),
            Cell::Float(f) => Cow::Owned(f.to_string()),
            Cell::Date(d) => Cow::Owned(d.to_string()),
            Cell::Bool(b) => Cow::Owned(b.to_string()),
            Cell::Error(e) => Cow::Borrowed(e.as_str()),
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    fn common(&self) -> Result<(), FieldError> {
        match self {
            Cell::Formula => Err(FieldError::new(
                "formula",
                "the cell holds a formula; paste values only (formulas can change and hide the \
                 real value)",
            )),
            Cell::Error(e) => Err(FieldError::new(
                "cell_error",
                format!("the cell holds the spreadsheet error {e}"),
            )),
            _ => Ok(()),
        }
    }

    /// Text of a free-text column; `None` when blank. Numbers are accepted as their text.
    pub fn text(&self) -> Result<Option<Cow<'_, str>>, FieldError> {
        self.common()?;
        Ok((!self.is_blank()).then(|| self.display()))
    }

    /// Text of an identifier column; a NUMBER cell is refused (see `Column::is_identifier`).
    pub fn identifier(&self) -> Result<Option<&str>, FieldError> {
        self.common()?;
        match self {
            Cell::Empty => Ok(None),
            Cell::Text(t) => Ok((!t.trim().is_empty()).then_some(t.trim())),
            Cell::Int(_) | Cell::Float(_) => Err(FieldError::new(
                "numeric_cell",
                "the cell is a NUMBER: Excel keeps only 15 significant digits and drops leading \
                 zeros, so the identifier may already be corrupted; format the column as Text \
                 and re-enter the digits",
            )),
            Cell::Date(_) | Cell::Bool(_) => Err(FieldError::new(
                "wrong_cell_type",
                "expected text digits, found a date or true/false",
            )),
            Cell::Error(_) | Cell::Formula => Ok(None),
        }
    }

    /// A calendar date: a date cell, or text `YYYY-MM-DD`, `DD-MM-YYYY`, `DD/MM/YYYY`,
    /// `DD.MM.YYYY` (day before month, as written in Indonesia).
    pub fn date(&self) -> Result<Option<Date>, FieldError> {
        self.common()?;
        match self {
            Cell::Empty => Ok(None),
            Cell::Date(d) => Ok(Some(*d)),
            Cell::Text(t) if t.trim().is_empty() => Ok(None),
            Cell::Text(t) => parse_date(t).map(Some),
            Cell::Int(_) | Cell::Float(_) => Err(FieldError::new(
                "date_as_number",
                "the date is a plain number (a spreadsheet serial without date format); format \
                 the cell as a date or write YYYY-MM-DD",
            )),
            _ => Err(FieldError::new("invalid_date", "expected a date")),
        }
    }

    /// A whole-rupiah amount: a whole number cell, or text digits with `.`/`,` thousands
    /// separators (`5.729.876`, `5,729,876`, `Rp5.729.876,00`).
    pub fn rupiah(&self) -> Result<Option<i64>, FieldError> {
        self.common()?;
        match self {
            Cell::Empty => Ok(None),
            Cell::Int(i) => Ok(Some(*i)),
            Cell::Float(f) => {
                if f.fract() == 0.0 && f.abs() < 1e15 {
                    Ok(Some(*f as i64))
                } else {
                    Err(FieldError::new(
                        "not_whole_rupiah",
                        format!("{f} is not a whole number of rupiah"),
                    ))
                }
            }
            Cell::Text(t) if t.trim().is_empty() => Ok(None),
            Cell::Text(t) => parse_rupiah(t).map(Some),
            _ => Err(FieldError::new(
                "invalid_amount",
                "expected an amount in rupiah",
            )),
        }
    }
}

pub(crate) fn parse_date(text: &str) -> Result<Date, FieldError> {
    let t = text.trim();
    // ISO date-times from spreadsheets (`1990-03-12T00:00:00`, `1990-03-12 00:00:00`).
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    let bad = || {
        FieldError::new(
            "invalid_date",
            format!("{t:?} is not a date; write YYYY-MM-DD or DD-MM-YYYY"),
        )
    };
    let mut parts = t.split(['-', '/', '.']);
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    let num = |s: &str| -> Option<i16> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (Some(x), Some(y), Some(z)) = (num(a), num(b), num(c)) else {
        return Err(bad());
    };
    let (year, month, day) = if a.len() == 4 {
        (x, y, z)
    } else if c.len() == 4 {
        (z, y, x)
    } else {
        return Err(FieldError::new(
            "invalid_date",
            format!("{t:?} has a two-digit year; write the year in full (YYYY-MM-DD)"),
        ));
    };
    Date::new(year, month as i8, day as i8).map_err(|_| {
        FieldError::new(
            "invalid_date",
            format!("{t:?} is not a calendar date (day {day}, month {month}, year {year})"),
        )
    })
}

pub(crate) fn parse_rupiah(text: &str) -> Result<i64, FieldError> {
    let raw = text.trim();
    let bad = |why: &str| {
        FieldError::new(
            "invalid_amount",
            format!("{raw:?} is not a whole rupiah amount: {why}"),
        )
    };
    let mut t = raw;
    for prefix in ["Rp.", "Rp", "rp.", "rp", "RP"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim_start();
            break;
        }
    }
    if t.starts_with('-') {
        return Err(bad("negative"));
    }
    // Drop a zero fraction written either way (`,00` Indonesian, `.00` English).
    for suffix in [",00", ".00", ",0", ".0"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest;
            break;
        }
    }
    let seps: Vec<char> = t.chars().filter(|c| matches!(c, '.' | ',' | ' ')).collect();
    if let Some(first) = seps.first() {
        if seps.iter().any(|c| c != first) {
            return Err(bad("mixed separators"));
        }
        let mut groups = t.split(*first);
        let head = groups.next().unwrap_or("");
        if head.is_empty() || head.len() > 3 || groups.any(|g| g.len() != 3) {
            return Err(bad(
                "separators must group thousands (5.729.876); no fractions",
            ));
        }
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if digits.len() != t.chars().filter(|c| !matches!(c, '.' | ',' | ' ')).count()
        || digits.is_empty()
    {
        return Err(bad("only digits and thousands separators are allowed"));
    }
    digits.parse::<i64>().map_err(|_| bad("too large"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates() {
        for t in [
            "1990-03-12",
            "12-03-1990",
            "12/03/1990",
            "12.03.1990",
            "1990-03-12T00:00:00",
        ] {
            assert_eq!(parse_date(t), Ok(date(1990, 3, 12)), "{t}");
        }
        for t in [
            "12/03/90",
            "1990-02-30",
            "tomorrow",
            "1990-03",
            "12-3-1990-1",
        ] {
            assert_eq!(parse_date(t).unwrap_err().code, "invalid_date", "{t}");
        }
        assert_eq!(Cell::Int(32944).date().unwrap_err().code, "date_as_number");
    }

    #[test]
    fn amounts() {
        for (t, v) in [
            ("5729876", 5_729_876),
            ("5.729.876", 5_729_876),
            ("5,729,876", 5_729_876),
            ("Rp5.729.876,00", 5_729_876),
            ("Rp 1.000.000", 1_000_000),
            ("5 729 876", 5_729_876),
            ("5729876.00", 5_729_876),
        ] {
            assert_eq!(parse_rupiah(t), Ok(v), "{t}");
        }
        for t in ["5.7", "5,729.876", "-100", "12a", "1.000,50", "", ".000"] {
            assert!(parse_rupiah(t).is_err(), "{t}");
        }
        assert_eq!(
            Cell::Float(1500000.5).rupiah().unwrap_err().code,
            "not_whole_rupiah"
        );
        assert_eq!(Cell::Float(1500000.0).rupiah(), Ok(Some(1_500_000)));
    }

    #[test]
    fn hazards() {
        assert_eq!(Cell::Formula.identifier().unwrap_err().code, "formula");
        assert_eq!(
            Cell::Float(3.17304e15).identifier().unwrap_err().code,
            "numeric_cell"
        );
        assert_eq!(
            Cell::Int(812345678).identifier().unwrap_err().code,
            "numeric_cell"
        );
        assert_eq!(
            Cell::Error("#REF!".into()).text().unwrap_err().code,
            "cell_error"
        );
        assert_eq!(Cell::Text("  ").identifier(), Ok(None));
    }
}
