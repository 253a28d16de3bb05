//! "HH:MM" of an instant in the customer's time zone, for "offline — data from 14:05".

/// Minutes in a day.
const DAY_MINUTES: i64 = 24 * 60;

/// The local wall-clock time `HH:MM` of `epoch_ms`, `utc_offset_minutes` east of UTC (e.g. +60 for CET).
pub fn format_hh_mm(epoch_ms: u64, utc_offset_minutes: i32) -> String {
    let utc_minutes = i64::try_from(epoch_ms / 60_000).unwrap_or(0);
    let local = (utc_minutes + i64::from(utc_offset_minutes)).rem_euclid(DAY_MINUTES);
    format!("{:02}:{:02}", local / 60, local % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-11-01 09:05:30 UTC.
    const MORNING: u64 = 1_793_523_930_000;

    #[test]
    fn formats_local_hours_and_minutes_with_the_offset() {
        assert_eq!(format_hh_mm(MORNING, 0), "09:05");
        assert_eq!(format_hh_mm(MORNING, 60), "10:05");
        assert_eq!(
            format_hh_mm(MORNING, -600),
            "23:05",
            "the day before in Hawaii"
        );
        assert_eq!(format_hh_mm(MORNING, 15 * 60), "00:05", "past midnight");
        assert_eq!(format_hh_mm(0, 0), "00:00");
    }
}
