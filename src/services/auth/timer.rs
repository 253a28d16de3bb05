//! Timers and task spawning, injected so renewal scheduling runs on fake time in tests.

use std::rc::Rc;
use std::time::Duration;

use futures::future::LocalBoxFuture;

/// Runs a callback after a delay.
pub trait Timer {
    /// Calls `callback` after `delay` unless the returned handle is dropped first.
    fn after(&self, delay: Duration, callback: Box<dyn FnOnce()>) -> TimerHandle;
}

/// A pending timer; dropping it cancels the callback.
pub struct TimerHandle {
    cancel: Option<Box<dyn FnOnce()>>,
}

impl TimerHandle {
    /// A handle that runs `cancel` when dropped.
    pub fn new(cancel: impl FnOnce() + 'static) -> Self {
        Self {
            cancel: Some(Box::new(cancel)),
        }
    }
}

impl Drop for TimerHandle {
    fn drop(&mut self) {
        if let Some(cancel) = self.cancel.take() {
            cancel();
        }
    }
}

/// Starts a background task on the page's single thread (`wasm_bindgen_futures::spawn_local` in the browser).
pub type Spawner = Rc<dyn Fn(LocalBoxFuture<'static, ()>)>;
