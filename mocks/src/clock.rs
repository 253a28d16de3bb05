//! The mock bank's clock: wall time whose flow comes from tokio's clock, so tests can pause and advance it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use time::OffsetDateTime;
use tokio::time::Instant;

/// Milliseconds since the Unix epoch (UTC).
pub type Millis = i64;

/// Wall-clock time derived from a start point plus tokio's monotonic clock.
///
/// In production the start is the system time; tests pick a fixed start and drive time with
/// `tokio::time::pause`/`advance`, so timers (settlement, schedules) and timestamps move together.
#[derive(Debug, Clone, Copy)]
pub struct Clock {
    start_wall: Millis,
    start_instant: Instant,
}

impl Clock {
    /// A clock that starts at the current system time.
    pub fn system() -> Self {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as Millis)
            .unwrap_or(0);
        Clock::starting_at(now)
    }

    /// A clock that starts at `start` (ms since epoch) and then flows with tokio's clock.
    pub fn starting_at(start: Millis) -> Self {
        Clock {
            start_wall: start,
            start_instant: Instant::now(),
        }
    }

    /// The current time in ms since the epoch.
    pub fn now(&self) -> Millis {
        let elapsed = self.start_instant.elapsed().as_millis();
        self.start_wall
            .saturating_add(Millis::try_from(elapsed).unwrap_or(Millis::MAX))
    }

    /// The current time as a date-time.
    pub fn now_datetime(&self) -> OffsetDateTime {
        to_datetime(self.now())
    }

    /// Sleeps until the wall time `at` (returns at once if it has passed).
    pub async fn sleep_until(&self, at: Millis) {
        let wait = at.saturating_sub(self.now());
        if wait > 0 {
            tokio::time::sleep(Duration::from_millis(wait as u64)).await;
        }
    }
}

/// Converts ms since the epoch to a UTC date-time (clamped to the representable range).
pub fn to_datetime(ms: Millis) -> OffsetDateTime {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}
