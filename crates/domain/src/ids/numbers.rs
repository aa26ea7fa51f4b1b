//! The plain fixed-length numbers: KPJ (participant, 11 digits), NPP (employer registration,
//! 8 digits) and NIB (business identification number from OSS, 13 digits). Lengths per
//! regulations.md §5 (KPJ medium, NPP medium-low confidence): if the agency's formats prove
//! different, only the constants here change.

use super::digits::{DigitsError, parse_digits};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

macro_rules! digit_id {
    ($(#[$doc:meta])* $name:ident, $what:literal, $len:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u64);

        impl $name {
            /// Number of digits.
            pub const LEN: usize = $len;

            /// Parses exactly the right number of digits (surrounding whitespace ignored).
            pub fn parse(text: &str) -> Result<$name, DigitsError> {
                parse_digits(text, $what, $len).map($name)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{:0width$}", self.0, width = $len)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!(stringify!($name), "({})"), self)
            }
        }

        impl FromStr for $name {
            type Err = DigitsError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::parse(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                $name::parse(&text).map_err(serde::de::Error::custom)
            }
        }
    };
}

digit_id!(
    /// KPJ (Kartu Peserta Jamsostek) participant number, 11 digits.
    Kpj, "KPJ", 11
);
digit_id!(
    /// NPP (Nomor Pendaftaran Perusahaan), the employer's registration number, 8 digits.
    Npp, "NPP", 8
);
digit_id!(
    /// NIB (Nomor Induk Berusaha), the business number issued by OSS, 13 digits.
    Nib, "NIB", 13
);

impl Npp {
    /// The first NPP the generator hands out.
    const FIRST: u64 = 10_000_000;

    /// The NPP jamsos assigns to the `seq`-th registered employer (1-based): `10000000 + seq`,
    /// so generated numbers never start with 0 (a leading zero is what a spreadsheet drops
    /// first). `None` once the 8-digit space (89,999,999 employers) is exhausted or `seq` is 0.
    pub fn from_sequence(seq: u64) -> Option<Npp> {
        if seq == 0 {
            return None;
        }
        let n = Self::FIRST.checked_add(seq)?;
        (n <= 99_999_999).then_some(Npp(n))
    }

    /// The sequence number this NPP was generated from, if it is in the generated range.
    pub fn sequence(&self) -> Option<u64> {
        self.0.checked_sub(Self::FIRST).filter(|s| *s > 0)
    }
}

impl Kpj {
    /// The KPJ jamsos assigns to the `seq`-th membership (1-based): `10000000000 + seq`, never
    /// starting with 0. `None` for 0 or past the 11-digit space.
    pub fn from_sequence(seq: u64) -> Option<Kpj> {
        if seq == 0 {
            return None;
        }
        let n = 10_000_000_000u64.checked_add(seq)?;
        (n <= 99_999_999_999).then_some(Kpj(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_and_roundtrip() {
        assert_eq!(
            Kpj::parse("01234567890").unwrap().to_string(),
            "01234567890"
        );
        assert_eq!(Npp::parse("15070955").unwrap().to_string(), "15070955");
        assert_eq!(
            Nib::parse("1234567890123").unwrap().to_string(),
            "1234567890123"
        );
        assert_eq!(Kpj::parse("1234567890").unwrap_err().code(), "wrong_length");
        assert_eq!(Npp::parse("1507095a").unwrap_err().code(), "non_digit");
        assert_eq!(
            Nib::parse("1.23457E+12").unwrap_err().code(),
            "spreadsheet_number"
        );
    }

    #[test]
    fn npp_generator() {
        assert_eq!(Npp::from_sequence(1).unwrap().to_string(), "10000001");
        assert_eq!(Npp::from_sequence(1).unwrap().sequence(), Some(1));
        assert_eq!(
            Npp::from_sequence(89_999_999).unwrap().to_string(),
            "99999999"
        );
        assert_eq!(Npp::from_sequence(90_000_000), None);
        assert_eq!(Npp::from_sequence(0), None);
        assert_eq!(Kpj::from_sequence(7).unwrap().to_string(), "10000000007");
    }
}
