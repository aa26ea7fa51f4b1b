//! Indonesian display formats for pages: `Rp5.729.876`, `10/2/2026`, `1.234`. English pages
//! use `Rp5,729,876` and `10 Feb 2026`. Amounts stay integers until this last step.

use jamsos_rules::{Lang, Rupiah};
use jiff::civil::Date;

pub fn rupiah(amount: i64, lang: Lang) -> String {
    match lang {
        Lang::Id => Rupiah(amount).to_id_string(),
        Lang::En => Rupiah(amount).to_en_string(),
    }
}

pub fn number(n: i64, lang: Lang) -> String {
    match lang {
        Lang::Id => jamsos_rules::money::group_digits(n, '.'),
        Lang::En => jamsos_rules::money::group_digits(n, ','),
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `10/2/2026` (day/month/year, no leading zeros) in Indonesian; `10 Feb 2026` in English.
pub fn date(d: Date, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("{}/{}/{}", d.day(), d.month(), d.year()),
        Lang::En => {
            let m = MONTHS_EN
                .get(usize::try_from(d.month() - 1).unwrap_or(0))
                .copied()
                .unwrap_or("");
            format!("{} {m} {}", d.day(), d.year())
        }
    }
}

/// Parses an ISO date for display; text that is not a date is shown as it is.
pub fn iso_date(text: &str, lang: Lang) -> String {
    text.parse::<Date>()
        .map(|d| date(d, lang))
        .unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_formats() {
        assert_eq!(rupiah(5_729_876, Lang::Id), "Rp5.729.876");
        assert_eq!(rupiah(5_729_876, Lang::En), "Rp5,729,876");
        assert_eq!(date(Date::constant(2026, 2, 10), Lang::Id), "10/2/2026");
        assert_eq!(date(Date::constant(2026, 12, 1), Lang::En), "1 Dec 2026");
        assert_eq!(number(1234, Lang::Id), "1.234");
        assert_eq!(iso_date("2026-02-10", Lang::Id), "10/2/2026");
        assert_eq!(iso_date("nope", Lang::Id), "nope");
    }
}
