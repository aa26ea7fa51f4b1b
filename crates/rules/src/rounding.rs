//! The one place where jamsos rounds money. Every function here is named by its rule, and every
//! rule is the one `regulations.md` (Decisions 8) documents:
//!
//! * contribution lines: each program × payer line is rounded to whole rupiah, **half up**;
//! * benefit fractions (STMB per day and similar): half up per payment;
//! * the JP wage cap when indexed: **floored** to Rp100 (as BPJS publishes it);
//! * the JP minimum and maximum benefit when indexed: **rounded up** to Rp100;
//! * running balances held below the rupiah (JHT development, JP indexed wages): each
//!   intermediate step is rounded half up to the fine unit ([`half_up_fine`]), and money is
//!   rounded once, half up, when it is paid or shown (a payment is the only place a rupiah
//!   fraction meets the participant).

use crate::money::Rupiah;

/// `numerator / denominator` rounded half up (ties away from zero for positive values).
/// `denominator` must be positive; negative numerators round half away from zero too.
pub fn half_up(numerator: i128, denominator: i128) -> Rupiah {
    debug_assert!(denominator > 0);
    let q = numerator / denominator;
    let r = numerator % denominator;
    let adjust = if 2 * r.abs() >= denominator {
        numerator.signum()
    } else {
        0
    };
    Rupiah(clamp_i64(q + adjust))
}

/// `base × ppb / 10⁹` rounded half up: exactly [`half_up`] with the rate denominator, computed
/// in 64-bit arithmetic with a constant divisor when the product fits (every contribution line
/// does), which is several times faster than the general 128-bit division. Contribution lines
/// go through here via [`crate::rate::Rate::of`].
pub fn half_up_ppb(base: i64, ppb: i64) -> Rupiah {
    const D: i64 = crate::rate::PPB;
    match base.checked_mul(ppb).and_then(|n| n.checked_add(D / 2)) {
        Some(n) if n >= D / 2 => Rupiah(n / D),
        _ => half_up(i128::from(base) * i128::from(ppb), i128::from(D)),
    }
}

/// `numerator / denominator` rounded down (toward negative infinity).
pub fn floor(numerator: i128, denominator: i128) -> Rupiah {
    debug_assert!(denominator > 0);
    Rupiah(clamp_i64(numerator.div_euclid(denominator)))
}

/// Floors an exact amount `numerator / denominator` to a multiple of `step` rupiah.
pub fn floor_to_step(numerator: i128, denominator: i128, step: i64) -> Rupiah {
    let units = numerator.div_euclid(denominator * i128::from(step));
    Rupiah(clamp_i64(units * i128::from(step)))
}

/// Rounds an exact amount `numerator / denominator` up to a multiple of `step` rupiah.
pub fn ceil_to_step(numerator: i128, denominator: i128, step: i64) -> Rupiah {
    let d = denominator * i128::from(step);
    let units = numerator.div_euclid(d) + i128::from(numerator.rem_euclid(d) != 0);
    Rupiah(clamp_i64(units * i128::from(step)))
}

/// `numerator / denominator` rounded half up, kept as an integer count of a fine unit (for
/// example nano-rupiah) rather than whole rupiah. Only for running balances that are rounded
/// to rupiah later with [`half_up`]. `denominator` must be positive.
pub fn half_up_fine(numerator: i128, denominator: i128) -> i128 {
    debug_assert!(denominator > 0);
    let q = numerator.div_euclid(denominator);
    let r = numerator.rem_euclid(denominator);
    q + i128::from(2 * r >= denominator)
}

fn clamp_i64(v: i128) -> i64 {
    i64::try_from(v).unwrap_or(if v < 0 { i64::MIN } else { i64::MAX })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_up_rounds_ties_up() {
        assert_eq!(half_up(137_517, 10), Rupiah(13_752));
        assert_eq!(half_up(137_515, 10), Rupiah(13_752));
        assert_eq!(half_up(137_514, 10), Rupiah(13_751));
        assert_eq!(half_up(-15, 10), Rupiah(-2));
    }

    #[test]
    fn half_up_ppb_is_half_up() {
        let cases = [
            (5_729_876, 2_400_000),
            (1, 500_000_000),
            (1, 499_999_999),
            (-7, 500_000_000),
            (i64::MAX, 1_000_000_000),
            (0, 7),
            (25_000_000, 17_400_000),
        ];
        for (b, r) in cases {
            assert_eq!(
                half_up_ppb(b, r),
                half_up(i128::from(b) * i128::from(r), 1_000_000_000),
                "{b} x {r}"
            );
        }
    }

    #[test]
    fn jp_cap_floors_to_100() {
        // regulations.md §8 example 5: 9,559,600 × 1.0505 = 10,042,359.8 → 10,042,300
        assert_eq!(
            floor_to_step(9_559_600 * 10_505, 10_000, 100),
            Rupiah(10_042_300)
        );
    }

    #[test]
    fn fine_half_up_keeps_the_fine_unit() {
        assert_eq!(half_up_fine(15, 10), 2);
        assert_eq!(half_up_fine(14, 10), 1);
        assert_eq!(half_up_fine(-15, 10), -1);
    }

    #[test]
    fn jp_minimum_rounds_up_to_100() {
        // 363,300 × 1.0551 = 383,317.8 → 383,400 (2023 minimum)
        assert_eq!(ceil_to_step(363_300 * 10_551, 10_000, 100), Rupiah(383_400));
        assert_eq!(ceil_to_step(400, 1, 100), Rupiah(400));
    }
}
