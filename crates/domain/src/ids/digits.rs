//! Fixed-length digit strings, the shape shared by NIK, KPJ, NPP and NIB, and the errors a
//! spreadsheet typically introduces into them (scientific notation, a trailing `.0`).

use thiserror::Error;

/// Why a text is not a fixed-length digit identifier. `what` names the identifier ("NIK").
/// Messages never repeat the value itself: it may be a NIK (UU 27/2022).
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DigitsError {
    #[error("{what} is empty")]
    Empty { what: &'static str },
    #[error(
        "{what} looks like a number reformatted by a spreadsheet (scientific notation or a \
         trailing .0); format the column as Text and re-enter the digits"
    )]
    SpreadsheetNumber { what: &'static str },
    #[error("{what} must contain only digits; character {position} is {ch:?}")]
    NonDigit {
        what: &'static str,
        position: usize,
        ch: char,
    },
    #[error("{what} must be {expected} digits, found {found}")]
    WrongLength {
        what: &'static str,
        expected: usize,
        found: usize,
    },
}

impl DigitsError {
    /// A stable machine-readable code for reports and tests.
    pub fn code(&self) -> &'static str {
        match self {
            DigitsError::Empty { .. } => "empty",
            DigitsError::SpreadsheetNumber { .. } => "spreadsheet_number",
            DigitsError::NonDigit { .. } => "non_digit",
            DigitsError::WrongLength { .. } => "wrong_length",
        }
    }
}

/// Parses exactly `len` ASCII digits (surrounding whitespace ignored) into a `u64`.
/// `len` must be at most 19 so the value fits.
pub(crate) fn parse_digits(text: &str, what: &'static str, len: usize) -> Result<u64, DigitsError> {
    let text = text.trim();
    let bytes = text.as_bytes();
    // Fast path: the common, valid case touches each byte once.
    if bytes.len() == len && bytes.iter().all(u8::is_ascii_digit) {
        return Ok(bytes
            .iter()
            .fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0')));
    }
    if bytes.is_empty() {
        return Err(DigitsError::Empty { what });
    }
    if looks_like_spreadsheet_number(text) {
        return Err(DigitsError::SpreadsheetNumber { what });
    }
    if let Some((i, ch)) = text.chars().enumerate().find(|(_, c)| !c.is_ascii_digit()) {
        return Err(DigitsError::NonDigit {
            what,
            position: i + 1,
            ch,
        });
    }
    Err(DigitsError::WrongLength {
        what,
        expected: len,
        found: bytes.len(),
    })
}

/// `3.17304E+15`, `3,17304E+15` (Indonesian locale) or `3173041203900001.0`: what Excel makes
/// of a long identifier stored as a number.
fn looks_like_spreadsheet_number(text: &str) -> bool {
    let upper = text.to_ascii_uppercase();
    if let Some((mantissa, exp)) = upper.split_once("E+") {
        return !mantissa.is_empty()
            && mantissa
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
            && !exp.is_empty()
            && exp.chars().all(|c| c.is_ascii_digit());
    }
    if let Some(int) = text.strip_suffix(".0").or_else(|| text.strip_suffix(",0")) {
        return !int.is_empty() && int.chars().all(|c| c.is_ascii_digit());
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_and_errors() {
        assert_eq!(parse_digits(" 0123 ", "X", 4), Ok(123));
        assert_eq!(
            parse_digits("", "X", 4),
            Err(DigitsError::Empty { what: "X" })
        );
        assert_eq!(
            parse_digits("12a4", "X", 4),
            Err(DigitsError::NonDigit {
                what: "X",
                position: 3,
                ch: 'a'
            })
        );
        assert_eq!(
            parse_digits("123", "X", 4),
            Err(DigitsError::WrongLength {
                what: "X",
                expected: 4,
                found: 3
            })
        );
        for excel in ["3.17304E+15", "3,17304E+15", "3173041203900001.0", "1e+5"] {
            assert_eq!(
                parse_digits(excel, "X", 16),
                Err(DigitsError::SpreadsheetNumber { what: "X" }),
                "{excel}"
            );
        }
    }
}
