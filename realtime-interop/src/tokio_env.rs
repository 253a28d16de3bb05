//! Tokio timers and local tasks behind the realtime layer's `Sleeper` and `Spawner` seams.

use std::time::Duration;

use digibank::services::realtime::{Sleeper, Spawner};
use futures::future::LocalBoxFuture;

/// `tokio::time::sleep`.
pub struct TokioSleeper;

impl Sleeper for TokioSleeper {
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// `tokio::task::spawn_local`; must be used inside a `LocalSet`.
pub struct TokioSpawner;

impl Spawner for TokioSpawner {
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        tokio::task::spawn_local(task);
    }
}
