//! The cache's notion of "now", injected so tests use fake time.

use std::time::Duration;

/// A monotonic clock: time elapsed since an arbitrary origin.
pub trait Clock {
    /// The current time.
    fn now(&self) -> Duration;
}
