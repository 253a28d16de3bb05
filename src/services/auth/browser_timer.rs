//! Browser shell: [`Timer`] over `setTimeout` (gloo-timers) and a [`Spawner`] over `spawn_local`.

use std::rc::Rc;
use std::time::Duration;

use gloo_timers::callback::Timeout;

use super::{Spawner, Timer, TimerHandle};

/// `setTimeout` caps delays at 2^31 − 1 ms (longer ones fire at once); the renewal driver re-plans if woken early.
const MAX_TIMEOUT_MS: u32 = i32::MAX as u32;

/// Timers on the page's event loop.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserTimer;

impl Timer for BrowserTimer {
    fn after(&self, delay: Duration, callback: Box<dyn FnOnce()>) -> TimerHandle {
        let millis = u32::try_from(delay.as_millis())
            .unwrap_or(MAX_TIMEOUT_MS)
            .min(MAX_TIMEOUT_MS);
        let timeout = Timeout::new(millis, callback);
        TimerHandle::new(move || drop(timeout))
    }
}

/// Runs background tasks with `wasm_bindgen_futures::spawn_local`.
pub fn browser_spawner() -> Spawner {
    Rc::new(wasm_bindgen_futures::spawn_local)
}
