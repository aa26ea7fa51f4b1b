//! The textual forms stored for dates, instants and name keys (see the migration header: one
//! form on both engines).

use jiff::Timestamp;
use jiff::civil::Date;

/// RFC 3339 UTC with microseconds: `2026-02-14T08:00:00.000000Z`. Fixed width, so text order
/// is time order.
pub(crate) fn timestamp(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// `YYYY-MM-DD`.
pub(crate) fn date(d: Date) -> String {
    d.to_string()
}

pub(crate) fn opt_date(d: Option<Date>) -> Option<String> {
    d.map(date)
}

/// Parses a stored date, naming the row on failure.
pub(crate) fn parse_date(entity: &'static str, id: i64, text: &str) -> crate::Result<Date> {
    text.parse::<Date>()
        .map_err(|e| crate::StoreError::corrupt(entity, id, format!("date {text:?}: {e}")))
}

pub(crate) fn parse_opt_date(
    entity: &'static str,
    id: i64,
    text: Option<String>,
) -> crate::Result<Option<Date>> {
    text.map(|t| parse_date(entity, id, &t)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_fixed_width() {
        let t: Timestamp = "2026-02-14T08:00:00Z".parse().unwrap();
        assert_eq!(timestamp(t), "2026-02-14T08:00:00.000000Z");
        let t: Timestamp = "2026-02-14T08:00:00.1234567Z".parse().unwrap();
        assert_eq!(timestamp(t), "2026-02-14T08:00:00.123456Z");
    }
}
