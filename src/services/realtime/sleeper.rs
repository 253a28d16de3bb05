//! Injected time: every wait in the realtime layer goes through a [`Sleeper`], so tests use fake time.

use std::time::Duration;

use futures::future::LocalBoxFuture;

/// Resolves futures after a delay (browser timers in the app, a manual clock in tests).
pub trait Sleeper {
    /// A future that completes after `duration`; dropping it cancels the timer.
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()>;
}
