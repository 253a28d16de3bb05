//! `BrowserClock`: `performance.now()`, `Date.now()` and `setTimeout` timers (wasm only).

use std::time::Duration;

use super::clock::{Clock, Sleep};

/// The browser's clocks and timers.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserClock;

impl Clock for BrowserClock {
    fn now(&self) -> Duration {
        let millis = web_sys::window()
            .and_then(|w| w.performance())
            .map_or_else(js_sys::Date::now, |p| p.now());
        Duration::from_secs_f64(millis.max(0.0) / 1000.0)
    }

    fn unix_now(&self) -> Duration {
        Duration::from_secs_f64(js_sys::Date::now().max(0.0) / 1000.0)
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        // setTimeout takes a signed 32-bit delay; anything longer would fire at once.
        let millis = u32::try_from(duration.as_millis())
            .unwrap_or(u32::MAX)
            .min(i32::MAX as u32);
        Box::pin(gloo_timers::future::TimeoutFuture::new(millis))
    }
}
