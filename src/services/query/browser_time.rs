//! The browser's clock (`performance.now()`) and scheduler (`setTimeout`, microtask spawn).

use std::time::Duration;

use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use leptos::prelude::{TimeoutHandle, set_timeout_with_handle};

use super::clock::Clock;
use super::scheduler::Scheduler;

/// The longest delay `setTimeout` honours (2^31 − 1 ms); longer sleeps are chained.
const MAX_TIMEOUT: Duration = Duration::from_millis(i32::MAX as u64);

/// Clock and scheduler of the browser window.
#[derive(Clone, Copy, Debug, Default)]
pub struct BrowserTime;

impl Clock for BrowserTime {
    fn now(&self) -> Duration {
        let millis = web_sys::window()
            .and_then(|window| window.performance())
            .map_or_else(js_sys::Date::now, |p| p.now());
        Duration::from_secs_f64(millis.max(0.0) / 1_000.0)
    }
}

impl Scheduler for BrowserTime {
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        wasm_bindgen_futures::spawn_local(task);
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        Box::pin(async move {
            let mut left = duration;
            loop {
                let step = left.min(MAX_TIMEOUT);
                timeout(step).await;
                left -= step;
                if left.is_zero() {
                    return;
                }
            }
        })
    }
}

/// One `setTimeout`, cleared if the future is dropped first.
async fn timeout(duration: Duration) {
    let (done, fired) = oneshot::channel::<()>();
    let handle = set_timeout_with_handle(
        move || {
            let _ = done.send(());
        },
        duration,
    )
    .ok();
    let _clear_on_drop = ClearOnDrop(handle);
    // An error means the timer could not be set or was cleared; either way the wait is over.
    let _ = fired.await;
}

/// Clears its timeout when dropped.
struct ClearOnDrop(Option<TimeoutHandle>);

impl Drop for ClearOnDrop {
    fn drop(&mut self) {
        if let Some(handle) = self.0.take() {
            handle.clear();
        }
    }
}
