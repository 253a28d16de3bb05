//! Injected task spawning: the connection manager and ack timers run as local (single-threaded) tasks.

use futures::future::LocalBoxFuture;

/// Runs a future to completion in the background (`spawn_local` in the browser, a local pool in tests).
pub trait Spawner {
    /// Starts `task`.
    fn spawn(&self, task: LocalBoxFuture<'static, ()>);
}
