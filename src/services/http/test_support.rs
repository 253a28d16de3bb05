//! Shared fixtures for the native tests of the HTTP layer: a client on a mock transport and a fake clock,
//! a scripted token source, a recording log and a fixed cookie jar.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;

use super::cancel::lock;
use super::{
    ApiClient, ApiClientBuilder, Clock, CookieReader, FakeClock, FixedRandom, LogSink,
    MockTransport, RefreshError, TokenSource,
};

/// A client wired to a mock transport and a fake clock.
pub struct Harness {
    pub clock: FakeClock,
    pub mock: MockTransport,
    pub client: ApiClient,
    pub log: Arc<RecordingLog>,
}

impl Harness {
    /// Runs `future` in fake time.
    pub fn run<F: Future>(&self, future: F) -> F::Output {
        self.clock
            .block_on(future)
            .expect("the test future must not stall")
    }
}

/// A harness with the standard chain on base URL `/api`, jitter fixed at 1.0 (full backoff).
pub fn harness(
    configure: impl FnOnce(&FakeClock, ApiClientBuilder) -> ApiClientBuilder,
) -> Harness {
    harness_at("/api", configure)
}

/// [`harness`] on another base URL.
pub fn harness_at(
    base_url: &str,
    configure: impl FnOnce(&FakeClock, ApiClientBuilder) -> ApiClientBuilder,
) -> Harness {
    let clock = FakeClock::new();
    let mock = MockTransport::new(Arc::new(clock.clone()));
    let log = Arc::new(RecordingLog::default());
    let builder = ApiClientBuilder::new(base_url, Arc::new(mock.clone()), Arc::new(clock.clone()))
        .random(Arc::new(FixedRandom(1.0)))
        .log(log.clone());
    Harness {
        client: configure(&clock, builder).build(),
        clock,
        mock,
        log,
    }
}

/// Hands out `token-N`, where N counts successful refreshes; refreshing takes `delay` of fake time.
pub struct FakeTokens {
    clock: FakeClock,
    version: Mutex<u32>,
    pub refreshes: AtomicUsize,
    fail_with: Option<RefreshError>,
    delay: Duration,
}

impl FakeTokens {
    /// Refreshes that succeed after `delay`.
    pub fn new(clock: &FakeClock, delay: Duration) -> Arc<Self> {
        Arc::new(FakeTokens {
            clock: clock.clone(),
            version: Mutex::new(0),
            refreshes: AtomicUsize::new(0),
            fail_with: None,
            delay,
        })
    }

    /// Refreshes that fail with `error` after `delay`.
    pub fn failing(clock: &FakeClock, delay: Duration, error: RefreshError) -> Arc<Self> {
        Arc::new(FakeTokens {
            fail_with: Some(error),
            ..Arc::into_inner(FakeTokens::new(clock, delay)).expect("fresh")
        })
    }

    /// Refresh calls so far.
    pub fn refresh_count(&self) -> usize {
        self.refreshes.load(Ordering::SeqCst)
    }
}

#[async_trait(?Send)]
impl TokenSource for FakeTokens {
    async fn access_token(&self) -> Option<String> {
        Some(format!("token-{}", lock(&self.version)))
    }

    async fn refresh(&self) -> Result<(), RefreshError> {
        self.refreshes.fetch_add(1, Ordering::SeqCst);
        self.clock.sleep(self.delay).await;
        match &self.fail_with {
            Some(error) => Err(error.clone()),
            None => {
                *lock(&self.version) += 1;
                Ok(())
            }
        }
    }
}

/// Keeps every logged line.
#[derive(Default)]
pub struct RecordingLog(Mutex<Vec<String>>);

impl RecordingLog {
    /// The lines so far.
    pub fn lines(&self) -> Vec<String> {
        lock(&self.0).clone()
    }
}

impl LogSink for RecordingLog {
    fn warn(&self, line: &str) {
        lock(&self.0).push(line.to_owned());
    }
}

/// A fixed cookie jar (`document.cookie` format).
pub struct Jar(pub &'static str);

impl CookieReader for Jar {
    fn cookie(&self, name: &str) -> Option<String> {
        super::find_cookie(self.0, name)
    }
}
