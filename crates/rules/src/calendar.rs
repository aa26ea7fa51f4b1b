//! Working days and due dates: weekends and public holidays (holidays are data:
//! `params/calendar.toml`).
