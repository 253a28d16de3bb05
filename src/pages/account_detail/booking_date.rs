//! A booking time (RFC 3339, UTC) shown as the customer reads it: `Nov 20, 2026`.

use crate::pages::calendar_day::parse_day;
use chrono::Datelike;

/// Month abbreviations of the en-US locale.
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// `2026-11-20T14:03:00Z` → `Nov 20, 2026`; text that is not a date is shown as it came.
pub fn booking_date(booked_at: &str) -> String {
    let Some(day) = booked_at.get(..10).and_then(parse_day) else {
        return booked_at.to_owned();
    };
    let month = MONTHS[day.month0() as usize];
    format!("{month} {}, {}", day.day(), day.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_like_dates_and_garbage_stays_as_it_came() {
        assert_eq!(booking_date("2026-11-20T14:03:00Z"), "Nov 20, 2026");
        assert_eq!(booking_date("2026-01-05T00:00:00.123+02:00"), "Jan 5, 2026");
        assert_eq!(booking_date("2024-12-31"), "Dec 31, 2024");
        assert_eq!(booking_date("yesterday"), "yesterday");
        assert_eq!(booking_date("2026-02-30T00:00:00Z"), "2026-02-30T00:00:00Z");
        assert_eq!(booking_date("2026-ü1-01T00:00:00Z"), "2026-ü1-01T00:00:00Z");
        assert_eq!(booking_date(""), "");
    }
}
