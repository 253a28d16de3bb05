//! Browser implementations of the injected seams (timers, tasks, randomness); wasm only, no logic.

use std::rc::Rc;
use std::time::Duration;

use futures::future::LocalBoxFuture;

use super::{RealtimeEnv, Sleeper, Spawner, TokenProvider, WebSocketTransport};

/// `setTimeout`-backed sleeping, cancelled when the future is dropped.
struct BrowserSleeper;

impl Sleeper for BrowserSleeper {
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        let millis = u32::try_from(duration.as_millis()).unwrap_or(u32::MAX);
        Box::pin(gloo_timers::future::TimeoutFuture::new(millis))
    }
}

/// `spawn_local` on the browser's event loop.
struct BrowserSpawner;

impl Spawner for BrowserSpawner {
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        wasm_bindgen_futures::spawn_local(task);
    }
}

/// `Math.random()` scaled to a `u32` (only used for backoff jitter).
fn browser_random() -> u32 {
    (js_sys::Math::random() * 4_294_967_296.0) as u32
}

/// The realtime environment of the app: browser WebSocket, timers and tasks, and the app's token provider.
pub fn browser_env(tokens: Rc<dyn TokenProvider>) -> RealtimeEnv {
    RealtimeEnv {
        transport: Rc::new(WebSocketTransport),
        sleeper: Rc::new(BrowserSleeper),
        spawner: Rc::new(BrowserSpawner),
        tokens,
        random: Rc::new(browser_random),
    }
}
