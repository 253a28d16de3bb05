//! `Metrics`: per-endpoint counts, failures and latency percentiles over a bounded window, plus the last
//! failed calls with their request ids — the monitoring page's data.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::cancel::lock;
use super::ids::RequestId;
use super::method::Method;

/// Latencies kept per endpoint for percentiles.
const LATENCY_WINDOW: usize = 256;
/// Failed calls kept.
const MAX_FAILED_CALLS: usize = 50;
/// Endpoints tracked (later ones share one `other` bucket).
const MAX_ENDPOINTS: usize = 200;

/// One failed attempt, as shown on the monitoring page and logged: never a token, a query string or a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FailedCall {
    /// Method.
    pub method: Method,
    /// Path without query.
    pub path: String,
    /// HTTP status, when the server answered.
    pub status: Option<u16>,
    /// What went wrong without a status (e.g. `timed out after 30s`).
    pub error: Option<String>,
    /// How long it took.
    pub duration: Duration,
    /// The request id.
    pub request_id: RequestId,
    /// Wall-clock time of the failure (ms since the Unix epoch).
    pub at_unix_ms: u64,
}

/// Figures for one endpoint (`GET /accounts/{id}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndpointStats {
    /// `METHOD /path/{id}` with ids folded.
    pub endpoint: String,
    /// Attempts made.
    pub count: u64,
    /// Attempts that failed (no answer, or status ≥ 400).
    pub failures: u64,
    /// Median latency over the window.
    pub p50: Duration,
    /// 95th-percentile latency over the window.
    pub p95: Duration,
}

/// Everything the monitoring page shows, at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MetricsSnapshot {
    /// Per endpoint, sorted by endpoint.
    pub endpoints: Vec<EndpointStats>,
    /// Recent failures, newest first.
    pub recent_failures: Vec<FailedCall>,
    /// Changes whenever anything is recorded.
    pub version: u64,
}

/// The shared metrics store; cloning shares it.
#[derive(Clone, Default)]
pub struct Metrics {
    inner: Arc<Mutex<MetricsState>>,
}

#[derive(Default)]
struct MetricsState {
    endpoints: BTreeMap<String, EndpointWindow>,
    failures: VecDeque<FailedCall>,
    version: u64,
}

#[derive(Default)]
struct EndpointWindow {
    count: u64,
    failures: u64,
    latencies: VecDeque<Duration>,
}

impl Metrics {
    /// An empty store.
    pub fn new() -> Self {
        Metrics::default()
    }

    /// Records one successful attempt.
    pub fn record_success(&self, method: Method, path: &str, duration: Duration) {
        let mut state = lock(&self.inner);
        state
            .window(&endpoint_key(method, path))
            .push(duration, false);
        state.version += 1;
    }

    /// Records one failed attempt.
    pub fn record_failure(&self, call: FailedCall) {
        let mut state = lock(&self.inner);
        state
            .window(&endpoint_key(call.method, &call.path))
            .push(call.duration, true);
        if state.failures.len() == MAX_FAILED_CALLS {
            state.failures.pop_back();
        }
        state.failures.push_front(call);
        state.version += 1;
    }

    /// The figures now.
    pub fn snapshot(&self) -> MetricsSnapshot {
        let state = lock(&self.inner);
        MetricsSnapshot {
            endpoints: state
                .endpoints
                .iter()
                .map(|(name, w)| w.stats(name))
                .collect(),
            recent_failures: state.failures.iter().cloned().collect(),
            version: state.version,
        }
    }

    /// Changes whenever anything is recorded (cheap to poll).
    pub fn version(&self) -> u64 {
        lock(&self.inner).version
    }
}

impl MetricsState {
    fn window(&mut self, key: &str) -> &mut EndpointWindow {
        let key = if self.endpoints.len() >= MAX_ENDPOINTS && !self.endpoints.contains_key(key) {
            "other"
        } else {
            key
        };
        self.endpoints.entry(key.to_owned()).or_default()
    }
}

impl EndpointWindow {
    fn push(&mut self, latency: Duration, failed: bool) {
        self.count += 1;
        self.failures += u64::from(failed);
        if self.latencies.len() == LATENCY_WINDOW {
            self.latencies.pop_front();
        }
        self.latencies.push_back(latency);
    }

    fn stats(&self, endpoint: &str) -> EndpointStats {
        let mut sorted: Vec<Duration> = self.latencies.iter().copied().collect();
        sorted.sort_unstable();
        EndpointStats {
            endpoint: endpoint.to_owned(),
            count: self.count,
            failures: self.failures,
            p50: percentile(&sorted, 50),
            p95: percentile(&sorted, 95),
        }
    }
}

/// Nearest-rank percentile of sorted values (zero when empty).
pub fn percentile(sorted: &[Duration], pct: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (pct * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// `GET /accounts/{id}/balance`: query dropped, segments holding digits folded into `{id}`.
pub fn endpoint_key(method: Method, path: &str) -> String {
    let path = path.split(['?', '#']).next().unwrap_or("");
    let folded: Vec<&str> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.bytes().any(|b| b.is_ascii_digit()) {
                "{id}"
            } else {
                s
            }
        })
        .collect();
    format!("{method} /{}", folded.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn percentiles_nearest_rank() {
        let sorted: Vec<Duration> = (1..=100).map(ms).collect();
        assert_eq!(percentile(&sorted, 50), ms(50));
        assert_eq!(percentile(&sorted, 95), ms(95));
        assert_eq!(percentile(&[ms(7)], 95), ms(7));
        assert_eq!(percentile(&[], 50), Duration::ZERO);
    }

    #[test]
    fn endpoints_fold_ids_and_drop_queries() {
        assert_eq!(
            endpoint_key(Method::Get, "/accounts/acc-1001/balance?x=1"),
            "GET /accounts/{id}/balance"
        );
        assert_eq!(endpoint_key(Method::Post, "/transfers"), "POST /transfers");
    }

    #[test]
    fn counts_failures_window_and_recent_failures_are_bounded() {
        let metrics = Metrics::new();
        for i in 0..300u64 {
            metrics.record_success(Method::Get, &format!("/accounts/a{i}"), ms(i));
        }
        for i in 0..60u64 {
            metrics.record_failure(FailedCall {
                method: Method::Get,
                path: "/accounts".into(),
                status: Some(503),
                error: None,
                duration: ms(1),
                request_id: RequestId::from(format!("r{i}")),
                at_unix_ms: i,
            });
        }
        let snap = metrics.snapshot();
        let accounts = snap
            .endpoints
            .iter()
            .find(|e| e.endpoint == "GET /accounts/{id}")
            .expect("folded");
        assert_eq!((accounts.count, accounts.failures), (300, 0));
        assert_eq!(accounts.p50, ms(44 + 127));
        let list = snap
            .endpoints
            .iter()
            .find(|e| e.endpoint == "GET /accounts")
            .expect("list");
        assert_eq!((list.count, list.failures), (60, 60));
        assert_eq!(snap.recent_failures.len(), MAX_FAILED_CALLS);
        assert_eq!(snap.recent_failures[0].request_id.as_str(), "r59");
        assert_eq!(snap.version, 360);
    }
}
