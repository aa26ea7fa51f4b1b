//! Exact ratios: a coverage rate is `enrolled / potential` kept as two integers. Shown in basis
//! points (1 bp = 0.01 %), rounded half up by the one rounding module of the rules crate.

use jamsos_rules::rounding;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// `num / den`, exact. `den == 0` means "no denominator" (nothing to cover) and has no value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Ratio {
    pub num: u64,
    pub den: u64,
}

impl Ratio {
    pub fn new(num: u64, den: u64) -> Ratio {
        Ratio { num, den }
    }

    /// Basis points, half up; `None` without a denominator.
    pub fn bp(self) -> Option<i64> {
        if self.den == 0 {
            return None;
        }
        // half_up returns a Rupiah-typed integer; here it is a count of basis points.
        Some(rounding::half_up(i128::from(self.num) * 10_000, i128::from(self.den)).get())
    }

    /// `51.23%` (English) — two decimals from basis points.
    pub fn percent_text(self) -> String {
        match self.bp() {
            Some(bp) => format!("{}.{:02}%", bp / 100, bp % 100),
            None => "–".to_owned(),
        }
    }

    /// `51,23%` (Bahasa Indonesia).
    pub fn percent_text_id(self) -> String {
        match self.bp() {
            Some(bp) => format!("{},{:02}%", bp / 100, bp % 100),
            None => "–".to_owned(),
        }
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Ratio", 4)?;
        st.serialize_field("numerator", &self.num)?;
        st.serialize_field("denominator", &self.den)?;
        st.serialize_field("bp", &self.bp())?;
        st.serialize_field("percent", &self.percent_text())?;
        st.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basis_points_half_up() {
        assert_eq!(Ratio::new(1, 3).bp(), Some(3333));
        assert_eq!(Ratio::new(2, 3).bp(), Some(6667));
        assert_eq!(Ratio::new(1, 20_000).bp(), Some(1)); // 0.5 bp rounds up
        assert_eq!(Ratio::new(0, 0).bp(), None);
        assert_eq!(Ratio::new(120, 100).percent_text(), "120.00%");
        assert_eq!(Ratio::new(5123, 10_000).percent_text_id(), "51,23%");
    }
}
