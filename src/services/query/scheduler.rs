//! How the cache runs tasks and waits, injected so tests use a manual executor and fake time.

use std::time::Duration;

use futures::future::LocalBoxFuture;

/// Spawns local tasks and makes sleep futures.
pub trait Scheduler {
    /// Runs `task` to completion in the background; must not poll it before returning.
    fn spawn(&self, task: LocalBoxFuture<'static, ()>);
    /// A future that completes after `duration`; dropping it cancels the timer.
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()>;
}
