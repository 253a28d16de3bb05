//! Mutual exclusion of token renewal across the tabs of this browser.

use std::any::Any;

use futures::future::LocalBoxFuture;

/// Grants one tab at a time the right to renew (the Web Locks API in the browser).
pub trait CrossTabLock {
    /// Waits until this tab holds the renewal lock; dropping the guard releases it.
    fn acquire(&self) -> LocalBoxFuture<'static, LockGuard>;
}

/// Holds a [`CrossTabLock`] until dropped.
pub struct LockGuard {
    _held: Option<Box<dyn Any>>,
}

impl LockGuard {
    /// A guard that releases by dropping `held`.
    pub fn holding(held: impl Any) -> Self {
        Self {
            _held: Some(Box::new(held)),
        }
    }

    /// A guard for a lock that was not needed or not available.
    pub fn unlocked() -> Self {
        Self { _held: None }
    }
}

/// The fallback where Web Locks are missing (old browsers, insecure origins): no cross-tab exclusion;
/// single-flight inside the tab still holds.
#[derive(Debug, Clone, Copy, Default)]
pub struct InTabOnly;

impl CrossTabLock for InTabOnly {
    fn acquire(&self) -> LocalBoxFuture<'static, LockGuard> {
        Box::pin(async { LockGuard::unlocked() })
    }
}
