//! Date and time text of the API: RFC 3339 timestamps and `YYYY-MM-DD` dates.

use time::format_description::well_known::Rfc3339;
use time::macros::format_description;
use time::{Date, Month, OffsetDateTime, Time};

use crate::clock::{Millis, to_datetime};

/// Formats ms since the epoch as RFC 3339 UTC with second precision, e.g. `2026-11-01T09:30:00Z`.
pub fn rfc3339(ms: Millis) -> String {
    let format = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
    to_datetime(ms)
        .format(format)
        .unwrap_or_else(|_| "1970-01-01T00:00:00Z".to_owned())
}

/// Parses an RFC 3339 timestamp (any offset) to ms since the epoch.
pub fn parse_rfc3339(text: &str) -> Option<Millis> {
    let at = OffsetDateTime::parse(text, &Rfc3339).ok()?;
    Millis::try_from(at.unix_timestamp_nanos() / 1_000_000).ok()
}

/// Parses `YYYY-MM-DD`.
pub fn parse_date(text: &str) -> Option<Date> {
    Date::parse(text, format_description!("[year]-[month]-[day]")).ok()
}

/// The first millisecond of a UTC day.
pub fn start_of_day(date: Date) -> Millis {
    date.with_time(Time::MIDNIGHT).assume_utc().unix_timestamp() * 1000
}

/// The UTC day of a time.
pub fn day_of(ms: Millis) -> Date {
    to_datetime(ms).date()
}

/// Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29).
pub fn add_months(ms: Millis, months: u32) -> Millis {
    let at = to_datetime(ms);
    let index = i64::from(at.year()) * 12 + i64::from(u8::from(at.month()) - 1) + i64::from(months);
    let (year, month0) = (index.div_euclid(12), index.rem_euclid(12));
    let Ok(year) = i32::try_from(year) else {
        return ms;
    };
    let Ok(month) = Month::try_from(month0 as u8 + 1) else {
        return ms;
    };
    let day = at.day().min(time::util::days_in_month(month, year));
    match Date::from_calendar_date(year, month, day) {
        Ok(date) => Millis::try_from(
            date.with_time(at.time())
                .assume_utc()
                .unix_timestamp_nanos()
                / 1_000_000,
        )
        .unwrap_or(ms),
        Err(_) => ms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_parses_round_trip() {
        let ms = parse_rfc3339("2026-11-01T09:30:00Z").unwrap();
        assert_eq!(rfc3339(ms), "2026-11-01T09:30:00Z");
        assert_eq!(parse_rfc3339("2026-11-01T10:30:00+01:00"), Some(ms));
        assert_eq!(parse_rfc3339("yesterday"), None);
    }

    #[test]
    fn adds_months_with_clamping() {
        let jan31 = parse_rfc3339("2027-01-31T08:00:00Z").unwrap();
        assert_eq!(rfc3339(add_months(jan31, 1)), "2027-02-28T08:00:00Z");
        assert_eq!(rfc3339(add_months(jan31, 13)), "2028-02-29T08:00:00Z");
    }

    #[test]
    fn days_start_at_midnight_utc() {
        let day = parse_date("2026-11-24").unwrap();
        assert_eq!(rfc3339(start_of_day(day)), "2026-11-24T00:00:00Z");
        assert_eq!(day_of(start_of_day(day) + 3_600_000), day);
        assert!(parse_date("2026-13-01").is_none());
    }
}
