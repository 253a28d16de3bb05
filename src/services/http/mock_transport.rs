//! `MockTransport`: in-process handlers per method and path (the guide's MSW idea) for unit and browser tests.
//!
//! Handlers registered later take precedence (like MSW's `use`); `.once()` handlers answer one call and
//! then step aside. Every call is recorded for assertions.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use super::cancel::lock;
use super::clock::Clock;
use super::error::ApiError;
use super::log::{ConsoleLog, LogSink};
use super::method::Method;
use super::mock_reply::MockReply;
use super::path_pattern::PathPattern;
use super::request::Request;
use super::response::Response;
use super::transport::Transport;

/// Most calls kept for inspection (the oldest are forgotten first).
const MAX_RECORDED: usize = 10_000;

/// A mock handler: builds the reply for a request.
type Handler = Arc<dyn Fn(&Request) -> MockReply + Send + Sync>;

/// What happens to a request no handler matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnhandledPolicy {
    /// Fail it as a network error (tests notice at once).
    #[default]
    Error,
    /// Log a warning and answer 404.
    Warn,
}

/// One call the mock received.
#[derive(Debug, Clone)]
pub struct RecordedCall {
    /// The request as it reached the transport (all interceptors applied).
    pub request: Request,
    /// The full URL.
    pub url: String,
    /// Monotonic time it arrived, on the mock's clock.
    pub at: std::time::Duration,
    /// True when no handler matched.
    pub unhandled: bool,
}

/// The in-process transport; cloning shares handlers and records.
#[derive(Clone)]
pub struct MockTransport {
    inner: Arc<Mutex<MockState>>,
    clock: Arc<dyn Clock>,
    log: Arc<dyn LogSink>,
}

struct Route {
    id: u64,
    method: Method,
    pattern: PathPattern,
    handler: Handler,
    once: bool,
}

#[derive(Default)]
struct MockState {
    routes: Vec<Route>,
    next_id: u64,
    unhandled: UnhandledPolicy,
    calls: VecDeque<RecordedCall>,
    call_count: u64,
    recording: bool,
}

/// A registered route; `.once()` makes it answer a single call.
pub struct MockRoute<'a> {
    mock: &'a MockTransport,
    id: u64,
}

impl MockRoute<'_> {
    /// Answer one matching call, then step aside.
    pub fn once(self) {
        if let Some(route) = lock(&self.mock.inner)
            .routes
            .iter_mut()
            .find(|r| r.id == self.id)
        {
            route.once = true;
        }
    }
}

impl MockTransport {
    /// A mock with no handlers whose reply delays run on `clock`; unhandled requests fail.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        let state = MockState {
            recording: true,
            ..MockState::default()
        };
        MockTransport {
            inner: Arc::new(Mutex::new(state)),
            clock,
            log: Arc::new(ConsoleLog),
        }
    }

    /// Sets what happens to unmatched requests.
    pub fn on_unhandled(&self, policy: UnhandledPolicy) -> &Self {
        lock(&self.inner).unhandled = policy;
        self
    }

    /// Stops keeping call records (counts still run): for benchmarks.
    pub fn stop_recording(&self) -> &Self {
        lock(&self.inner).recording = false;
        self
    }

    /// Handles `method path` (full path incl. base, e.g. `/api/accounts/:id`).
    pub fn on(
        &self,
        method: Method,
        path: &str,
        handler: impl Fn(&Request) -> MockReply + Send + Sync + 'static,
    ) -> MockRoute<'_> {
        let mut state = lock(&self.inner);
        state.next_id += 1;
        let id = state.next_id;
        state.routes.push(Route {
            id,
            method,
            pattern: PathPattern::new(path),
            handler: Arc::new(handler),
            once: false,
        });
        MockRoute { mock: self, id }
    }

    /// Handles `GET path`.
    pub fn get(
        &self,
        path: &str,
        handler: impl Fn(&Request) -> MockReply + Send + Sync + 'static,
    ) -> MockRoute<'_> {
        self.on(Method::Get, path, handler)
    }

    /// Handles `POST path`.
    pub fn post(
        &self,
        path: &str,
        handler: impl Fn(&Request) -> MockReply + Send + Sync + 'static,
    ) -> MockRoute<'_> {
        self.on(Method::Post, path, handler)
    }

    /// Handles `PUT path`.
    pub fn put(
        &self,
        path: &str,
        handler: impl Fn(&Request) -> MockReply + Send + Sync + 'static,
    ) -> MockRoute<'_> {
        self.on(Method::Put, path, handler)
    }

    /// Handles `DELETE path`.
    pub fn delete(
        &self,
        path: &str,
        handler: impl Fn(&Request) -> MockReply + Send + Sync + 'static,
    ) -> MockRoute<'_> {
        self.on(Method::Delete, path, handler)
    }

    /// Removes every handler.
    pub fn reset_handlers(&self) {
        lock(&self.inner).routes.clear();
    }

    /// The recorded calls, oldest first.
    pub fn calls(&self) -> Vec<RecordedCall> {
        lock(&self.inner).calls.iter().cloned().collect()
    }

    /// Total number of calls received.
    pub fn call_count(&self) -> u64 {
        lock(&self.inner).call_count
    }

    /// Recorded calls that no handler matched.
    pub fn unhandled_calls(&self) -> Vec<RecordedCall> {
        lock(&self.inner)
            .calls
            .iter()
            .filter(|c| c.unhandled)
            .cloned()
            .collect()
    }

    /// Finds the handler for `request` at `url`, consuming it when one-shot.
    fn take_handler(&self, request: &Request, url: &str) -> Option<Handler> {
        let path = url_path(url);
        let mut state = lock(&self.inner);
        let index = state
            .routes
            .iter()
            .rposition(|r| r.method == request.method && r.pattern.matches(path))?;
        let handler = state.routes[index].handler.clone();
        if state.routes[index].once {
            state.routes.remove(index);
        }
        Some(handler)
    }

    /// Records a call and tells the unhandled policy.
    fn record(&self, request: &Request, url: &str, unhandled: bool) -> UnhandledPolicy {
        let at = self.clock.now();
        let mut state = lock(&self.inner);
        state.call_count += 1;
        if state.recording {
            if state.calls.len() == MAX_RECORDED {
                state.calls.pop_front();
            }
            state.calls.push_back(RecordedCall {
                request: request.clone(),
                url: url.to_owned(),
                at,
                unhandled,
            });
        }
        state.unhandled
    }
}

#[async_trait(?Send)]
impl Transport for MockTransport {
    async fn send(&self, request: &Request, url: &str) -> Result<Response, ApiError> {
        let handler = self.take_handler(request, url);
        let policy = self.record(request, url, handler.is_none());
        let Some(handler) = handler else {
            return unhandled(request, url, policy, self.log.as_ref());
        };
        let reply = handler(request);
        if !reply.delay.is_zero() {
            self.clock.sleep(reply.delay).await;
        }
        if let Some(cause) = reply.network_error {
            return Err(ApiError::Network {
                request_id: request.meta.request_id.clone(),
                cause,
            });
        }
        let mut response = Response::new(reply.status, request.meta.request_id.clone());
        response.headers = reply.headers;
        response.body = reply.body;
        Ok(response)
    }
}

/// The answer to a request nobody handles.
fn unhandled(
    request: &Request,
    url: &str,
    policy: UnhandledPolicy,
    log: &dyn LogSink,
) -> Result<Response, ApiError> {
    let what = format!("no mock handler for {} {url}", request.method);
    match policy {
        UnhandledPolicy::Error => Err(ApiError::Network {
            request_id: request.meta.request_id.clone(),
            cause: what,
        }),
        UnhandledPolicy::Warn => {
            log.warn(&what);
            Ok(Response::new(404, request.meta.request_id.clone()))
        }
    }
}

/// The path of a URL: no origin, no query, no fragment.
fn url_path(url: &str) -> &str {
    let origin = super::url::origin_of(url);
    let rest = &url[origin.len()..];
    rest.split(['?', '#']).next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::FakeClock;
    use std::time::Duration;

    fn mock() -> (FakeClock, MockTransport) {
        let clock = FakeClock::new();
        (clock.clone(), MockTransport::new(Arc::new(clock)))
    }

    #[test]
    fn latest_handler_wins_once_handlers_step_aside_and_calls_are_recorded() {
        let (clock, mock) = mock();
        mock.get("/api/accounts", |_| MockReply::json(200, &["steady"]));
        mock.get("/api/accounts", |_| MockReply::status(503)).once();
        let req = Request::get("/accounts");
        let statuses = clock
            .block_on(async {
                let a = mock
                    .send(&req, "http://h/api/accounts?page=1")
                    .await
                    .expect("answered")
                    .status;
                let b = mock
                    .send(&req, "http://h/api/accounts")
                    .await
                    .expect("answered")
                    .status;
                (a, b)
            })
            .expect("runs");
        assert_eq!(statuses, (503, 200));
        assert_eq!(mock.call_count(), 2);
        assert_eq!(mock.calls()[0].url, "http://h/api/accounts?page=1");
    }

    #[test]
    fn unhandled_policy_error_or_warn_404() {
        let (clock, mock) = mock();
        let req = Request::post("/nowhere");
        let err = clock
            .block_on(mock.send(&req, "/api/nowhere"))
            .expect("runs")
            .expect_err("unhandled");
        assert!(
            matches!(err, ApiError::Network { ref cause, .. } if cause.contains("POST /api/nowhere")),
            "{err:?}"
        );
        mock.on_unhandled(UnhandledPolicy::Warn);
        let resp = clock
            .block_on(mock.send(&req, "/api/nowhere"))
            .expect("runs")
            .expect("404");
        assert_eq!(resp.status, 404);
        assert_eq!(mock.unhandled_calls().len(), 2);
    }

    #[test]
    fn delays_use_the_clock_and_network_errors_fail() {
        let (clock, mock) = mock();
        mock.get("/slow", |_| {
            MockReply::status(204).delay(Duration::from_secs(3))
        });
        mock.get("/down", |_| MockReply::network_error("connection reset"));
        let resp = clock
            .block_on(mock.send(&Request::get("/slow"), "/slow"))
            .expect("runs")
            .expect("ok");
        assert_eq!((resp.status, clock.now()), (204, Duration::from_secs(3)));
        let err = clock
            .block_on(mock.send(&Request::get("/down"), "/down"))
            .expect("runs")
            .expect_err("down");
        assert!(matches!(err, ApiError::Network { .. }));
    }
}
