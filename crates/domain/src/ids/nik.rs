//! NIK (Nomor Induk Kependudukan), the 16-digit national identity number (regulations.md §5):
//! positions 1–6 the district (kecamatan) of first registration, 7–12 the birth date DDMMYY with
//! 40 added to the day for women, 13–16 a serial from 0001. There is no check digit.
//!
//! A NIK is NOT unique evidence of identity in practice (duplicates are issued, people re-register
//! in a new district), so the registry keys a person on the NIK but reviews near-duplicates.
//! `Debug` masks the number so a NIK never reaches a log in clear; `Display` gives all digits
//! for storage and for roles entitled to see it.

use super::digits::{DigitsError, parse_digits};
use super::region_code::RegionCode;
use crate::model::Sex;
use crate::privacy::mask_digits;
use crate::regions::regions;
use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

/// A well-formed NIK whose district exists in the Kemendagri list and whose birth-date part is
/// a real calendar date.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Nik(u64);

/// Why a text is not a valid NIK, or not the NIK of the declared person.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum NikError {
    #[error(transparent)]
    Digits(#[from] DigitsError),
    #[error(
        "NIK positions 1–6 ({district}) are not a district (kecamatan) code in the Kemendagri list"
    )]
    UnknownDistrict { district: String },
    #[error("NIK positions 7–12 are not a birth date DDMMYY (women: day + 40): {reason}")]
    InvalidBirthDate { reason: String },
    #[error("NIK positions 13–16 (serial) are 0000; serials start at 0001")]
    ZeroSerial,
    #[error(
        "the birth date in the NIK ({encoded}, DD-MM-YY) differs from the declared birth date \
         ({declared})"
    )]
    BirthDateMismatch { encoded: String, declared: Date },
    #[error(
        "the NIK encodes sex {encoded} (day {day_digits}: women have day + 40) but the declared \
         sex is {declared}"
    )]
    SexMismatch {
        encoded: Sex,
        declared: Sex,
        day_digits: u8,
    },
}

impl NikError {
    /// A stable machine-readable code for reports and tests.
    pub fn code(&self) -> &'static str {
        match self {
            NikError::Digits(e) => e.code(),
            NikError::UnknownDistrict { .. } => "unknown_district",
            NikError::InvalidBirthDate { .. } => "invalid_birth_date",
            NikError::ZeroSerial => "zero_serial",
            NikError::BirthDateMismatch { .. } => "birth_date_mismatch",
            NikError::SexMismatch { .. } => "sex_mismatch",
        }
    }
}

const WHAT: &str = "NIK";

impl Nik {
    /// Parses a NIK: 16 digits (surrounding whitespace ignored), a known district, a real
    /// DDMMYY birth date (day 01–31 men, 41–71 women; 29 Feb needs a year divisible by 4),
    /// and a serial from 0001.
    pub fn parse(text: &str) -> Result<Nik, NikError> {
        let n = parse_digits(text, WHAT, 16)?;
        let nik = Nik(n);
        let district = nik.district_number();
        if !regions().is_district_number(district) {
            return Err(NikError::UnknownDistrict {
                district: nik.district().to_string(),
            });
        }
        check_birth_part(nik.day_digits(), nik.birth_month(), nik.birth_yy())?;
        if nik.serial() == 0 {
            return Err(NikError::ZeroSerial);
        }
        Ok(nik)
    }

    /// Parses a NIK and checks it against the declared birth date and sex. The two-digit year
    /// is read in the century of the declared date, so only `declared.year() % 100` must match.
    pub fn parse_with(
        text: &str,
        declared_birth: Date,
        declared_sex: Sex,
    ) -> Result<Nik, NikError> {
        let nik = Nik::parse(text)?;
        nik.check_birth_date(declared_birth)?;
        nik.check_sex(declared_sex)?;
        Ok(nik)
    }

    /// Builds the NIK a person born in `district` would get (for demo data and tests).
    pub fn from_parts(
        district: RegionCode,
        birth: Date,
        sex: Sex,
        serial: u16,
    ) -> Result<Nik, NikError> {
        let Some(number) = district.district_number() else {
            return Err(NikError::UnknownDistrict {
                district: district.to_string(),
            });
        };
        if serial > 9999 {
            return Err(NikError::Digits(DigitsError::WrongLength {
                what: WHAT,
                expected: 16,
                found: 17,
            }));
        }
        let day = u64::from(birth.day().unsigned_abs()) + if sex == Sex::Female { 40 } else { 0 };
        let ddmmyy = day * 10_000
            + u64::from(birth.month().unsigned_abs()) * 100
            + u64::from(birth.year().rem_euclid(100).unsigned_abs());
        let n = u64::from(number) * 10_000_000_000 + ddmmyy * 10_000 + u64::from(serial);
        Nik::parse(&format!("{n:016}"))
    }

    /// Checks the encoded birth date against a declared one (day, month, and year modulo 100).
    pub fn check_birth_date(&self, declared: Date) -> Result<(), NikError> {
        let same = i8::try_from(self.birth_day()).ok() == Some(declared.day())
            && i8::try_from(self.birth_month()).ok() == Some(declared.month())
            && i16::from(self.birth_yy()) == declared.year().rem_euclid(100);
        if same {
            Ok(())
        } else {
            Err(NikError::BirthDateMismatch {
                encoded: format!(
                    "{:02}-{:02}-{:02}",
                    self.birth_day(),
                    self.birth_month(),
                    self.birth_yy()
                ),
                declared,
            })
        }
    }

    /// Checks the encoded sex (day + 40 for women) against the declared one.
    pub fn check_sex(&self, declared: Sex) -> Result<(), NikError> {
        if self.sex() == declared {
            Ok(())
        } else {
            Err(NikError::SexMismatch {
                encoded: self.sex(),
                declared,
                day_digits: self.day_digits(),
            })
        }
    }

    /// The district of first registration (positions 1–6).
    pub fn district(&self) -> RegionCode {
        RegionCode::from_district_number(self.district_number()).unwrap_or(RegionCode::NONE)
    }

    fn district_number(&self) -> u32 {
        u32::try_from(self.0 / 10_000_000_000).unwrap_or(u32::MAX)
    }

    /// Positions 7–8 as written (women's day + 40).
    fn day_digits(&self) -> u8 {
        ((self.0 / 100_000_000) % 100) as u8
    }

    /// Day of birth, 1–31 (the +40 removed).
    pub fn birth_day(&self) -> u8 {
        let d = self.day_digits();
        if d > 40 { d - 40 } else { d }
    }

    /// Month of birth, 1–12.
    pub fn birth_month(&self) -> u8 {
        ((self.0 / 1_000_000) % 100) as u8
    }

    /// The two-digit year of birth (the century is not encoded).
    pub fn birth_yy(&self) -> u8 {
        ((self.0 / 10_000) % 100) as u8
    }

    /// The birth date, reading the two-digit year as the latest year not after `not_after_year`
    /// (the caller passes e.g. the current year: the domain has no clock).
    pub fn birth_date_not_after(&self, not_after_year: i16) -> Option<Date> {
        let yy = i16::from(self.birth_yy());
        let mut year = not_after_year - (not_after_year.rem_euclid(100)) + yy;
        if year > not_after_year {
            year -= 100;
        }
        Date::new(year, self.birth_month() as i8, self.birth_day() as i8).ok()
    }

    /// Sex encoded by the day: women's day has 40 added.
    pub fn sex(&self) -> Sex {
        if self.day_digits() > 40 {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// The serial number (positions 13–16).
    pub fn serial(&self) -> u16 {
        (self.0 % 10_000) as u16
    }

    /// For display in lists and logs: `3173**********01`.
    pub fn masked(&self) -> String {
        mask_digits(&self.to_string())
    }
}

fn check_birth_part(day_digits: u8, month: u8, yy: u8) -> Result<(), NikError> {
    let invalid = |reason: String| Err(NikError::InvalidBirthDate { reason });
    let day = match day_digits {
        0 => return invalid("day 00".into()),
        1..=31 => day_digits,
        32..=40 => {
            return invalid(format!(
                "day {day_digits} is neither a man's day (01–31) nor a woman's (41–71)"
            ));
        }
        41..=71 => day_digits - 40,
        _ => return invalid(format!("day {day_digits} is above 71 (31 + 40)")),
    };
    if !(1..=12).contains(&month) {
        return invalid(format!("month {month:02} is not 01–12"));
    }
    // 2000 is a leap year, so Feb 29 exists for a two-digit year exactly when yy % 4 == 0;
    // checking in the 2000s covers both centuries.
    if Date::new(2000 + i16::from(yy), month as i8, day as i8).is_err() {
        return invalid(format!(
            "day {day} does not exist in month {month:02} of year {yy:02}"
        ));
    }
    Ok(())
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016}", self.0)
    }
}

/// Masked on purpose: `Debug` output ends up in logs.
impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl FromStr for Nik {
    type Err = NikError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Nik::parse(s)
    }
}

impl Serialize for Nik {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Nik {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Nik::parse(&text).map_err(serde::de::Error::custom)
    }
}
