//! The offline state in Leptos context: the store, the trigger that makes the banners re-render, and the
//! page's service-worker link (when one runs).

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::offline_state::OfflineState;
use super::offline_store::OfflineStore;

/// What the offline banners read; cheap to clone.
#[derive(Clone)]
pub struct OfflineContext {
    /// The shared state.
    pub store: OfflineStore,
    trigger: ArcTrigger,
    /// Applies a waiting new version (the service-worker link; absent without a worker).
    apply_update: Option<SendWrapper<std::rc::Rc<dyn Fn()>>>,
}

impl OfflineContext {
    /// A fresh context whose store notifies the banners on every change.
    pub fn new() -> Self {
        let trigger = ArcTrigger::new();
        let notify = trigger.clone();
        OfflineContext {
            store: OfflineStore::new(move || notify.notify()),
            trigger,
            apply_update: None,
        }
    }

    /// The same context with the action behind "reload" for a new version.
    pub fn with_update(mut self, apply: impl Fn() + 'static) -> Self {
        self.apply_update = Some(SendWrapper::new(std::rc::Rc::new(apply)));
        self
    }

    /// Reads the state, re-running the calling effect or view when it changes.
    pub fn read<R>(&self, look: impl FnOnce(&OfflineState) -> R) -> R {
        self.trigger.track();
        self.store.read(look)
    }

    /// Lets the waiting new version take over (then the page reloads).
    pub fn apply_update(&self) {
        if let Some(apply) = &self.apply_update {
            apply();
        }
    }
}

impl Default for OfflineContext {
    fn default() -> Self {
        OfflineContext::new()
    }
}
