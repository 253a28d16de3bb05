//! Calendar days as the forms and the URL write them: `YYYY-MM-DD`.

use chrono::{Datelike, NaiveDate};

/// `YYYY-MM-DD` of a real calendar day, or `None`.
pub fn parse_day(text: &str) -> Option<NaiveDate> {
    let bytes = text.trim().as_bytes();
    let shape_ok = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        std::str::from_utf8(&bytes[range]).ok()?.parse().ok()
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

/// A day as `YYYY-MM-DD`.
pub fn format_day(day: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_real_days_in_the_exact_shape_parse() {
        assert_eq!(
            parse_day("2028-02-29").map(format_day).as_deref(),
            Some("2028-02-29")
        );
        for bad in [
            "2026-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-4-01",
            "26-04-01x",
            "",
            "２０２６-01-01",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        assert!(parse_day("2000-02-29").is_some());
    }
}
