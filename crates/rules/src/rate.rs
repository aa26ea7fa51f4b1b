//! Exact rates. A [`Rate`] is an integer count of parts per billion, so every rate the
//! regulations use (0.24 %, 0.445 %, 5.51 %, 1 % of 0.03 %) is held without error.

use crate::money::Rupiah;
use crate::rounding;
use serde::{Serialize, Serializer};
use std::fmt;

/// Parts per billion in one whole (100 %).
pub const PPB: i64 = 1_000_000_000;

/// A rate as an exact fraction with denominator 10⁹. Shown as a decimal fraction string
/// (`"0.0024"` for 0.24 %) in results, as the calculation contract asks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Rate(i64);

/// Why a rate text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{text}` is not an exact rate: {why}")]
pub struct RateParseError {
    pub text: String,
    pub why: &'static str,
}

impl Rate {
    pub const ZERO: Rate = Rate(0);
    pub const ONE: Rate = Rate(PPB);

    /// A rate from parts per billion.
    pub const fn from_ppb(ppb: i64) -> Rate {
        Rate(ppb)
    }

    /// A rate from basis points (1 bp = 0.01 %).
    pub const fn from_bp(bp: i64) -> Rate {
        Rate(bp * 100_000)
    }

    /// A rate from whole percent.
    pub const fn from_percent(p: i64) -> Rate {
        Rate(p * 10_000_000)
    }

    pub const fn ppb(self) -> i64 {
        self.0
    }

    /// Parses `"0.24%"`, `"0.0024"` or `"1"` exactly; at most 9 decimal places of the fraction.
    pub fn parse(text: &str) -> Result<Rate, RateParseError> {
        let err = |why| RateParseError {
            text: text.to_owned(),
            why,
        };
        let t = text.trim();
        let (number, scale_digits) = match t.strip_suffix('%') {
            Some(n) => (n.trim(), 2u32),
            None => (t, 0u32),
        };
        let (negative, number) = match number.strip_prefix('-') {
            Some(n) => (true, n),
            None => (false, number),
        };
        let (int_part, frac_part) = number.split_once('.').unwrap_or((number, ""));
        if int_part.is_empty() && frac_part.is_empty() {
            return Err(err("no digits"));
        }
        if !int_part.bytes().all(|b| b.is_ascii_digit())
            || !frac_part.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(err(
                "only digits, one decimal point and an optional % are allowed",
            ));
        }
        let total_decimals = frac_part.len() as u32 + scale_digits;
        if total_decimals > 9 {
            return Err(err("more than 9 decimal places of a whole"));
        }
        let digits = format!("{int_part}{frac_part}");
        let mantissa: i64 = if digits.is_empty() {
            0
        } else {
            digits.parse().map_err(|_| err("too large"))?
        };
        let ppb = mantissa
            .checked_mul(10i64.pow(9 - total_decimals))
            .ok_or_else(|| err("too large"))?;
        Ok(Rate(if negative { -ppb } else { ppb }))
    }

    /// `self × other`, exact. `None` when the product needs more than 9 decimal places.
    pub fn times(self, other: Rate) -> Option<Rate> {
        let p = i128::from(self.0) * i128::from(other.0);
        if p % i128::from(PPB) != 0 {
            return None;
        }
        i64::try_from(p / i128::from(PPB)).ok().map(Rate)
    }

    /// `1 + self` (an indexation factor from a growth rate).
    pub fn one_plus(self) -> Rate {
        Rate(PPB + self.0)
    }

    /// The line amount `base × rate`, rounded half up to whole rupiah (Decisions 8).
    pub fn of(self, base: Rupiah) -> Rupiah {
        rounding::half_up_ppb(base.0, self.0)
    }

    /// The exact product `base × rate` as a numerator over [`PPB`], for callers that must apply
    /// another rounding rule (the JP cap, floored to Rp100).
    pub fn exact_numerator(self, base: Rupiah) -> i128 {
        i128::from(base.0) * i128::from(self.0)
    }

    /// Decimal fraction text without trailing zeros: `"0.0024"`, `"1"`, `"0.5"`.
    pub fn to_fraction_string(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let int = abs / PPB as u64;
        let frac = abs % PPB as u64;
        if frac == 0 {
            return format!("{sign}{int}");
        }
        let frac = format!("{frac:09}");
        format!("{sign}{int}.{}", frac.trim_end_matches('0'))
    }

    /// Percent text without trailing zeros: `"0.24%"`, `"5.7%"`.
    pub fn to_percent_string(self) -> String {
        let scaled = Rate(self.0.saturating_mul(100));
        format!("{}%", scaled.to_fraction_string())
    }

    /// Percent text with a decimal comma, as Indonesian documents write it: `"0,24%"`.
    pub fn to_percent_string_id(self) -> String {
        self.to_percent_string().replace('.', ",")
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_percent_string())
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_fraction_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_percent_and_fraction_exactly() {
        assert_eq!(Rate::parse("0.24%").unwrap(), Rate::from_ppb(2_400_000));
        assert_eq!(Rate::parse("0.0024").unwrap(), Rate::from_ppb(2_400_000));
        assert_eq!(
            Rate::parse("0.445%").unwrap().to_fraction_string(),
            "0.00445"
        );
        assert_eq!(Rate::parse("-2.07%").unwrap().to_percent_string(), "-2.07%");
        assert_eq!(Rate::parse("100%").unwrap(), Rate::ONE);
        assert!(Rate::parse("0.0000000001").is_err());
        assert!(Rate::parse("abc").is_err());
        assert!(Rate::parse("%").is_err());
    }

    #[test]
    fn applies_half_up() {
        let r = Rate::parse("0.24%").unwrap();
        assert_eq!(r.of(Rupiah(5_729_876)), Rupiah(13_752));
        assert_eq!(
            Rate::parse("0.54%").unwrap().of(Rupiah(8_000_000)),
            Rupiah(43_200)
        );
    }

    #[test]
    fn products_are_exact_or_refused() {
        let jkk = Rate::parse("0.24%").unwrap();
        let paid = Rate::parse("1%").unwrap();
        assert_eq!(jkk.times(paid).unwrap().to_fraction_string(), "0.000024");
        assert_eq!(
            Rate::parse("0.89%")
                .unwrap()
                .times(Rate::parse("50%").unwrap())
                .unwrap(),
            Rate::parse("0.445%").unwrap()
        );
    }
}
