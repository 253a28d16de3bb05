//! Time and randomness, injected: the browser uses real timers, native tests a [`FakeClock`](super::FakeClock).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// A timer future returned by [`Clock::sleep`].
pub type Sleep = Pin<Box<dyn Future<Output = ()>>>;

/// Monotonic time, wall-clock time and timers.
pub trait Clock: Send + Sync {
    /// Monotonic time since an arbitrary origin; deadlines are measured on it.
    fn now(&self) -> Duration;
    /// Wall-clock time since the Unix epoch (for HTTP dates).
    fn unix_now(&self) -> Duration;
    /// Completes after `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
}

/// A source of uniformly distributed numbers in `[0, 1)` (backoff jitter).
pub trait Random: Send + Sync {
    /// The next number in `[0, 1)`.
    fn next_unit(&self) -> f64;
}

/// Randomness from the platform's secure generator (via UUID v4's random bits; works in the browser too).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemRandom;

impl Random for SystemRandom {
    fn next_unit(&self) -> f64 {
        let (_, low) = uuid::Uuid::new_v4().as_u64_pair();
        // The low half holds 62 random bits under its 2 variant bits: drop those, keep the top 53.
        ((low << 2) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A fixed "random" value, for tests and deterministic backoff.
#[derive(Debug, Clone, Copy)]
pub struct FixedRandom(pub f64);

impl Random for FixedRandom {
    fn next_unit(&self) -> f64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn system_random_stays_in_unit_interval() {
        for _ in 0..1000 {
            let r = SystemRandom.next_unit();
            assert!((0.0..1.0).contains(&r), "{r}");
        }
    }
}
