//! A cross-tab lock shared by several fake tabs (an async mutex standing in for Web Locks).

use std::sync::Arc;

use futures::future::LocalBoxFuture;
use futures::lock::Mutex;

use crate::services::auth::{CrossTabLock, LockGuard};

/// One lock; clones are the same lock seen from different tabs.
#[derive(Clone, Default)]
pub struct SharedLock(Arc<Mutex<()>>);

impl CrossTabLock for SharedLock {
    fn acquire(&self) -> LocalBoxFuture<'static, LockGuard> {
        let mutex = self.0.clone();
        Box::pin(async move { LockGuard::holding(mutex.lock_owned().await) })
    }
}
