//! When a transfer runs, as the form holds it: now, or on a future date (UTC), optionally repeating weekly or
//! monthly a number of times.

use digibank_api_types::{Frequency, Recurrence};

use crate::pages::calendar_day::parse_day;

/// Time of day (UTC) a scheduled transfer runs on its date.
pub const EXECUTION_TIME_UTC: &str = "09:00:00Z";
/// Fewest executions of a recurring transfer.
pub const MIN_EXECUTIONS: u32 = 2;
/// Most executions of a recurring transfer.
pub const MAX_EXECUTIONS: u32 = 120;

/// How often a scheduled transfer repeats.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Repeat {
    /// Runs once.
    #[default]
    Never,
    /// Every week.
    Weekly,
    /// Every month.
    Monthly,
}

impl Repeat {
    /// Every choice, in the order offered.
    pub const ALL: [Repeat; 3] = [Repeat::Never, Repeat::Weekly, Repeat::Monthly];

    /// The `<option>` value.
    pub fn value(self) -> &'static str {
        match self {
            Repeat::Never => "none",
            Repeat::Weekly => "weekly",
            Repeat::Monthly => "monthly",
        }
    }

    /// The choice an `<option>` value stands for (anything unknown is "never").
    pub fn from_value(value: &str) -> Repeat {
        Repeat::ALL
            .into_iter()
            .find(|r| r.value() == value)
            .unwrap_or_default()
    }

    /// The label shown.
    pub fn label(self) -> &'static str {
        match self {
            Repeat::Never => "Does not repeat",
            Repeat::Weekly => "Weekly",
            Repeat::Monthly => "Monthly",
        }
    }

    /// The wire frequency (none for a one-off).
    pub fn frequency(self) -> Option<Frequency> {
        match self {
            Repeat::Never => None,
            Repeat::Weekly => Some(Frequency::Weekly),
            Repeat::Monthly => Some(Frequency::Monthly),
        }
    }
}

/// Why the schedule part of the form is not usable.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScheduleInputError {
    /// Not a `YYYY-MM-DD` calendar date.
    #[error("Enter a date like 2026-12-01.")]
    BadDate,
    /// Today or earlier.
    #[error("Choose a date after today.")]
    NotInFuture,
    /// The execution count is not a whole number in range.
    #[error("Enter how many times it runs, from {MIN_EXECUTIONS} to {MAX_EXECUTIONS}.")]
    BadCount,
}

/// `executeAt` for `date` (which must be a valid date after `today`, both `YYYY-MM-DD` in UTC).
pub fn execute_at(date: &str, today: &str) -> Result<String, ScheduleInputError> {
    let date = date.trim();
    if parse_day(date).is_none() {
        return Err(ScheduleInputError::BadDate);
    }
    if date <= today {
        return Err(ScheduleInputError::NotInFuture);
    }
    Ok(format!("{date}T{EXECUTION_TIME_UTC}"))
}

/// The recurrence for `repeat` run `count` times (none for a one-off, whatever the count says).
pub fn recurrence(repeat: Repeat, count: &str) -> Result<Option<Recurrence>, ScheduleInputError> {
    let Some(frequency) = repeat.frequency() else {
        return Ok(None);
    };
    let count: u32 = count
        .trim()
        .parse()
        .map_err(|_| ScheduleInputError::BadCount)?;
    if !(MIN_EXECUTIONS..=MAX_EXECUTIONS).contains(&count) {
        return Err(ScheduleInputError::BadCount);
    }
    Ok(Some(Recurrence { frequency, count }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_future_date_runs_at_nine_utc() {
        assert_eq!(
            execute_at("2026-12-01", "2026-11-24"),
            Ok("2026-12-01T09:00:00Z".into())
        );
        assert_eq!(
            execute_at("2028-02-29", "2026-11-24"),
            Ok("2028-02-29T09:00:00Z".into())
        );
    }

    #[test]
    fn bad_or_past_dates_are_refused() {
        for bad in [
            "",
            "tomorrow",
            "2026-13-01",
            "2026-02-29",
            "2026-11-31",
            "26-12-01",
            "2026/12/01",
        ] {
            assert_eq!(
                execute_at(bad, "2026-11-24"),
                Err(ScheduleInputError::BadDate),
                "{bad}"
            );
        }
        assert_eq!(
            execute_at("2026-11-24", "2026-11-24"),
            Err(ScheduleInputError::NotInFuture)
        );
        assert_eq!(
            execute_at("2025-12-01", "2026-11-24"),
            Err(ScheduleInputError::NotInFuture)
        );
    }

    #[test]
    fn recurrence_needs_a_count_in_range() {
        assert_eq!(recurrence(Repeat::Never, "nonsense"), Ok(None));
        assert_eq!(
            recurrence(Repeat::Monthly, " 12 "),
            Ok(Some(Recurrence {
                frequency: Frequency::Monthly,
                count: 12
            }))
        );
        for bad in ["", "1", "121", "-2", "2.5", "many"] {
            assert_eq!(
                recurrence(Repeat::Weekly, bad),
                Err(ScheduleInputError::BadCount),
                "{bad}"
            );
        }
        assert_eq!(Repeat::from_value("weekly"), Repeat::Weekly);
        assert_eq!(Repeat::from_value("?"), Repeat::Never);
    }
}
