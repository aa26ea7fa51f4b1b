//! Whole-rupiah amounts. Money is never floating point: every amount in jamsos is an `i64`
//! count of rupiah, and every product with a rate goes through [`crate::rounding`].

use serde::{Deserialize, Serialize};
use std::fmt;
use std::iter::Sum;
use std::ops::{Add, AddAssign, Sub};

/// An amount of Indonesian rupiah, in whole rupiah (the currency has no minor unit in use).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Rupiah(pub i64);

impl Rupiah {
    pub const ZERO: Rupiah = Rupiah(0);

    /// The amount as a plain integer.
    pub const fn get(self) -> i64 {
        self.0
    }

    pub fn min(self, other: Rupiah) -> Rupiah {
        Rupiah(self.0.min(other.0))
    }

    pub fn max(self, other: Rupiah) -> Rupiah {
        Rupiah(self.0.max(other.0))
    }

    /// Multiplies by a whole count (months, years); saturates instead of wrapping.
    pub fn times(self, n: i64) -> Rupiah {
        Rupiah(self.0.saturating_mul(n))
    }

    /// Formats as Indonesian text: `Rp5.729.876`.
    pub fn to_id_string(self) -> String {
        format!("Rp{}", group_digits(self.0, '.'))
    }

    /// Formats as English text: `Rp5,729,876`.
    pub fn to_en_string(self) -> String {
        format!("Rp{}", group_digits(self.0, ','))
    }
}

/// Groups the digits of `n` in threes with `sep` (`5729876` → `5.729.876`).
pub fn group_digits(n: i64, sep: char) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

impl fmt::Display for Rupiah {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_en_string())
    }
}

impl Add for Rupiah {
    type Output = Rupiah;
    fn add(self, rhs: Rupiah) -> Rupiah {
        Rupiah(self.0.saturating_add(rhs.0))
    }
}

impl AddAssign for Rupiah {
    fn add_assign(&mut self, rhs: Rupiah) {
        self.0 = self.0.saturating_add(rhs.0);
    }
}

impl Sub for Rupiah {
    type Output = Rupiah;
    fn sub(self, rhs: Rupiah) -> Rupiah {
        Rupiah(self.0.saturating_sub(rhs.0))
    }
}

impl Sum for Rupiah {
    fn sum<I: Iterator<Item = Rupiah>>(iter: I) -> Rupiah {
        iter.fold(Rupiah::ZERO, |a, b| a + b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_indonesian_and_english() {
        assert_eq!(Rupiah(5_729_876).to_id_string(), "Rp5.729.876");
        assert_eq!(Rupiah(5_729_876).to_en_string(), "Rp5,729,876");
        assert_eq!(Rupiah(800).to_id_string(), "Rp800");
        assert_eq!(Rupiah(0).to_id_string(), "Rp0");
        assert_eq!(group_digits(-1_000, '.'), "-1.000");
    }
}
