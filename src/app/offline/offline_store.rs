//! `OfflineStore`: the page's [`OfflineState`], shared by the interceptor, the service-worker shell and
//! the banners, with a hook that runs after every change (the UI's reactive trigger).

use std::sync::{Arc, Mutex, PoisonError};

use super::offline_state::OfflineState;

/// The shared offline state; cheap to clone.
#[derive(Clone)]
pub struct OfflineStore {
    state: Arc<Mutex<OfflineState>>,
    changed: Arc<dyn Fn() + Send + Sync>,
}

impl OfflineStore {
    /// An empty state; `changed` runs after every update.
    pub fn new(changed: impl Fn() + Send + Sync + 'static) -> Self {
        OfflineStore {
            state: Arc::new(Mutex::new(OfflineState::default())),
            changed: Arc::new(changed),
        }
    }

    /// Changes the state, then runs the change hook.
    pub fn update<R>(&self, change: impl FnOnce(&mut OfflineState) -> R) -> R {
        let result = change(&mut self.state.lock().unwrap_or_else(PoisonError::into_inner));
        (self.changed)();
        result
    }

    /// Reads the state.
    pub fn read<R>(&self, look: impl FnOnce(&OfflineState) -> R) -> R {
        look(&self.state.lock().unwrap_or_else(PoisonError::into_inner))
    }
}
