//! Identifier parsers: valid round trips, every malformed shape rejected with the right reason,
//! the women's +40 rule, and NIK/declared-data consistency.

use jamsos_domain::{Nik, NikError, RegionCode, Sex, regions};
use jiff::civil::{Date, date};
use proptest::prelude::*;

const TAMBORA_WOMAN: &str = "3173045203900001"; // Tambora, 12 Mar 1990, female (52 = 12 + 40)

fn code(nik: &str) -> &'static str {
    Nik::parse(nik).unwrap_err().code()
}

#[test]
fn valid_nik_decodes() {
    let nik = Nik::parse(TAMBORA_WOMAN).unwrap();
    assert_eq!(nik.district(), RegionCode::parse("31.73.04").unwrap());
    assert_eq!(
        (nik.birth_day(), nik.birth_month(), nik.birth_yy()),
        (12, 3, 90)
    );
    assert_eq!(nik.sex(), Sex::Female);
    assert_eq!(nik.serial(), 1);
    assert_eq!(nik.to_string(), TAMBORA_WOMAN);
    assert_eq!(nik.masked(), "3173**********01");
    assert_eq!(format!("{nik:?}"), "Nik(3173**********01)");
    assert_eq!(nik.birth_date_not_after(2026), Some(date(1990, 3, 12)));
    assert_eq!(Nik::parse(" 3173041203900001\t").unwrap().sex(), Sex::Male);
    let json = serde_json::to_string(&nik).unwrap();
    assert_eq!(json, format!("\"{TAMBORA_WOMAN}\""));
    assert_eq!(serde_json::from_str::<Nik>(&json).unwrap(), nik);
    assert!(serde_json::from_str::<Nik>("\"3173990101900001\"").is_err());
}

#[test]
fn century_is_not_encoded() {
    let nik = Nik::parse("3173041203050001").unwrap(); // yy = 05
    assert_eq!(nik.birth_date_not_after(2026), Some(date(2005, 3, 12)));
    assert_eq!(nik.birth_date_not_after(2004), Some(date(1905, 3, 12)));
    Nik::parse_with("3173041203050001", date(2005, 3, 12), Sex::Male).unwrap();
    Nik::parse_with("3173041203050001", date(1905, 3, 12), Sex::Male).unwrap();
}

#[test]
fn consistency_with_declared_data() {
    Nik::parse_with(TAMBORA_WOMAN, date(1990, 3, 12), Sex::Female).unwrap();
    let e = Nik::parse_with(TAMBORA_WOMAN, date(1990, 3, 13), Sex::Female).unwrap_err();
    assert_eq!(e.code(), "birth_date_mismatch");
    assert!(e.to_string().contains("12-03-90"), "{e}");
    let e = Nik::parse_with(TAMBORA_WOMAN, date(1991, 3, 12), Sex::Female).unwrap_err();
    assert_eq!(e.code(), "birth_date_mismatch");
    let e = Nik::parse_with(TAMBORA_WOMAN, date(1990, 3, 12), Sex::Male).unwrap_err();
    assert_eq!(
        e,
        NikError::SexMismatch {
            encoded: Sex::Female,
            declared: Sex::Male,
            day_digits: 52
        }
    );
    // A man's NIK given for a woman: the classic clerical error of forgetting the +40.
    let e = Nik::parse_with("3173041203900001", date(1990, 3, 12), Sex::Female).unwrap_err();
    assert_eq!(e.code(), "sex_mismatch");
}

#[test]
fn malformed_shapes() {
    assert_eq!(code(""), "empty");
    assert_eq!(code("   "), "empty");
    assert_eq!(code("317304520390001"), "wrong_length");
    assert_eq!(code("31730452039000011"), "wrong_length");
    assert_eq!(code("3173 45203900001"), "non_digit");
    assert_eq!(code("3173-0452-0390-0001"), "non_digit");
    assert_eq!(code("3.17305E+15"), "spreadsheet_number");
    assert_eq!(code("3173045203900001.0"), "spreadsheet_number");
    assert_eq!(code("٣١٧٣٠٤٥٢٠٣٩٠٠٠٠١"), "non_digit"); // Arabic-Indic digits
}

#[test]
fn district_must_exist() {
    assert_eq!(code("3173995203900001"), "unknown_district"); // no district 99 in Jakarta Barat
    assert_eq!(code("9999995203900001"), "unknown_district");
    assert_eq!(code("1100005203900001"), "unknown_district");
    let e = Nik::parse("3173995203900001").unwrap_err();
    assert!(e.to_string().contains("31.73.99"), "{e}");
}

#[test]
fn birth_date_part() {
    for (nik, why) in [
        ("3173040003900001", "day 00"),
        ("3173043203900001", "day 32"),
        ("3173044003900001", "day 40"),
        ("3173047203900001", "day 72"),
        ("3173049903900001", "day 99"),
        ("3173041200900001", "month 00"),
        ("3173041213900001", "month 13"),
        ("3173043002900001", "30 Feb"),
        ("3173047002900001", "30 Feb, woman"),
        ("3173042902010001", "29 Feb 01"),
        ("3173043104900001", "31 Apr"),
        ("3173047104900001", "31 Apr, woman"),
    ] {
        assert_eq!(code(nik), "invalid_birth_date", "{why}");
    }
    // Leap days: yy % 4 == 0 (00 counts: 2000 was a leap year).
    for ok in [
        "3173042902040001",
        "3173042902000001",
        "3173046902960001",
        "3173047101900001",
    ] {
        Nik::parse(ok).unwrap();
    }
}

#[test]
fn zero_serial() {
    assert_eq!(code("3173045203900000"), "zero_serial");
}

fn districts() -> &'static [RegionCode] {
    static D: std::sync::OnceLock<Vec<RegionCode>> = std::sync::OnceLock::new();
    D.get_or_init(|| {
        regions()
            .all()
            .iter()
            .filter(|r| r.code.district_number().is_some())
            .map(|r| r.code)
            .collect()
    })
}

/// An oracle written independently of the parser: jiff decides date validity.
fn oracle(digits: &str) -> bool {
    let n = |a: usize, b: usize| digits[a..b].parse::<u32>().unwrap();
    let (district, dd, mm, yy, serial) = (n(0, 6), n(6, 8), n(8, 10), n(10, 12), n(12, 16));
    let day = if dd > 40 { dd - 40 } else { dd };
    regions().is_district_number(district)
        && serial > 0
        && !(32..=40).contains(&dd)
        && (1..=31).contains(&day)
        && Date::new(2000 + yy as i16, mm as i8, day as i8).is_ok()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn roundtrip_from_parts(
        d in 0usize..7285,
        days in 0i32..(200 * 365),
        female in any::<bool>(),
        serial in 1u16..=9999,
    ) {
        let districts = districts();
        let district = districts[d % districts.len()];
        let birth = date(1900, 1, 1).checked_add(jiff::Span::new().days(days)).unwrap();
        let sex = if female { Sex::Female } else { Sex::Male };
        let nik = Nik::from_parts(district, birth, sex, serial).unwrap();
        let text = nik.to_string();
        prop_assert_eq!(Nik::parse(&text).unwrap(), nik);
        prop_assert_eq!(nik.sex(), sex);
        prop_assert_eq!(nik.district(), district);
        prop_assert_eq!(nik.serial(), serial);
        prop_assert_eq!(Nik::parse_with(&text, birth, sex).unwrap(), nik);
        prop_assert_eq!(nik.birth_date_not_after(birth.year() + 99), Some(birth));
        // Women's day is the real day + 40.
        let dd: i8 = text[6..8].parse().unwrap();
        prop_assert_eq!(dd, birth.day() + if female { 40 } else { 0 });
        prop_assert_eq!(&nik.masked()[..4], &text[..4]);
        prop_assert_eq!(&nik.masked()[14..], &text[14..]);
        prop_assert_eq!(nik.masked().matches('*').count(), 10);
    }

    #[test]
    fn parse_agrees_with_oracle(
        d in 0usize..7285,
        dd in 0u32..100, mm in 0u32..14, yy in 0u32..100, serial in 0u32..10000,
    ) {
        let districts = districts();
        let district = districts[d % districts.len()].district_number().unwrap();
        let text = format!("{district:06}{dd:02}{mm:02}{yy:02}{serial:04}");
        prop_assert_eq!(Nik::parse(&text).is_ok(), oracle(&text), "{}", text);
    }

    #[test]
    fn arbitrary_digits_agree_with_oracle(n in 0u64..10_000_000_000_000_000) {
        let text = format!("{n:016}");
        prop_assert_eq!(Nik::parse(&text).is_ok(), oracle(&text));
    }

    #[test]
    fn never_panics(s in ".{0,24}") {
        let _ = Nik::parse(&s);
        let _ = RegionCode::parse(&s);
        let _ = jamsos_domain::KbliCode::parse(&s);
        let _ = jamsos_domain::Kpj::parse(&s);
    }
}
