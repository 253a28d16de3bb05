//! Shared state of the mock bank.

use std::sync::Arc;

/// Everything handlers share; cheap to clone.
#[derive(Clone, Default)]
pub struct AppState {
    inner: Arc<Inner>,
}

#[derive(Default)]
struct Inner {}

impl AppState {
    /// Fresh state with the seed data.
    pub fn new() -> Self {
        AppState { inner: Arc::new(Inner {}) }
    }
}
