//! Everything the realtime layer needs from the outside world, injected as one bundle.

use std::rc::Rc;

use super::{Sleeper, Spawner, TokenProvider, Transport};

/// The injected seams: network, time, tasks, tokens and randomness (for backoff jitter).
#[derive(Clone)]
pub struct RealtimeEnv {
    /// Opens websockets.
    pub transport: Rc<dyn Transport>,
    /// Waits.
    pub sleeper: Rc<dyn Sleeper>,
    /// Runs background tasks.
    pub spawner: Rc<dyn Spawner>,
    /// Supplies a fresh access token on every reconnect.
    pub tokens: Rc<dyn TokenProvider>,
    /// Uniform random `u32`s for jitter.
    pub random: Rc<dyn Fn() -> u32>,
}
