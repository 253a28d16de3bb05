//! Rate limit: a shared "not before" gate per origin. A 429 or 503 with `Retry-After` closes the gate until
//! then; every request to that origin waits for it, so a storm of callers waits once instead of hammering.
//! A wait longer than the limit (or past the request's deadline) fails fast as `RateLimited`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;

use crate::services::http::cancel::lock;
use crate::services::http::url::origin_of;
use crate::services::http::{
    ApiError, Clock, Interceptor, Next, Request, Response, parse_retry_after,
};

/// Origins remembered at most (expired gates are dropped first).
const MAX_ORIGINS: usize = 32;

/// Limits of the gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimitPolicy {
    /// Longest a request waits at a closed gate before failing as `RateLimited`.
    pub max_wait: Duration,
}

impl Default for RateLimitPolicy {
    fn default() -> Self {
        RateLimitPolicy {
            max_wait: Duration::from_secs(60),
        }
    }
}

/// Waits at the per-origin gate and closes it on 429/503 + `Retry-After`.
pub struct RateLimitInterceptor {
    policy: RateLimitPolicy,
    clock: Arc<dyn Clock>,
    gates: Mutex<HashMap<String, Duration>>,
}

impl RateLimitInterceptor {
    /// A gate with `policy`, timed by `clock`.
    pub fn new(policy: RateLimitPolicy, clock: Arc<dyn Clock>) -> Self {
        RateLimitInterceptor {
            policy,
            clock,
            gates: Mutex::new(HashMap::new()),
        }
    }

    /// How long requests to `origin` must still wait.
    pub fn wait_for(&self, origin: &str) -> Duration {
        let not_before = lock(&self.gates).get(origin).copied().unwrap_or_default();
        not_before.saturating_sub(self.clock.now())
    }

    /// Keeps requests to `origin` back until `wait` from now (never shortening an existing gate).
    fn close_gate(&self, origin: &str, wait: Duration) {
        let now = self.clock.now();
        let mut gates = lock(&self.gates);
        gates.retain(|_, not_before| *not_before > now);
        if gates.len() >= MAX_ORIGINS && !gates.contains_key(origin) {
            let soonest = gates
                .iter()
                .min_by_key(|(_, t)| **t)
                .map(|(o, _)| o.clone());
            soonest.map(|o| gates.remove(&o));
        }
        let gate = gates.entry(origin.to_owned()).or_default();
        *gate = (*gate).max(now + wait);
    }
}

#[async_trait(?Send)]
impl Interceptor for RateLimitInterceptor {
    fn name(&self) -> &str {
        "rate-limit"
    }

    async fn handle(&self, request: Request, next: Next<'_>) -> Result<Response, ApiError> {
        let url = next.url_of(&request);
        let origin = origin_of(&url);
        let wait = self.wait_for(origin);
        if !wait.is_zero() {
            let past_deadline = request
                .meta
                .deadline
                .is_some_and(|d| self.clock.now() + wait >= d);
            if wait > self.policy.max_wait || past_deadline {
                let request_id = request.meta.request_id.clone();
                return Err(ApiError::RateLimited {
                    request_id,
                    retry_after: Some(wait),
                    message: None,
                });
            }
            self.clock.sleep(wait).await;
        }
        let response = next.run(request).await?;
        if matches!(response.status, 429 | 503)
            && let Some(wait) = response
                .header("retry-after")
                .and_then(|v| parse_retry_after(v, self.clock.unix_now()))
        {
            self.close_gate(origin, wait);
        }
        Ok(response)
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use futures::future::join_all;

    use std::sync::Arc;

    use super::{RateLimitInterceptor, RateLimitPolicy};
    use crate::services::http::test_support::harness;
    use crate::services::http::{
        ApiClient, ApiError, ClientOptions, Clock, MockReply, Request, RequestOptions, RetryMode,
    };

    fn no_retry(path: &str) -> Request {
        Request::get(path).with_options(RequestOptions::new().retry(RetryMode::Off))
    }

    #[test]
    fn a_storm_of_callers_waits_once_at_the_gate() {
        let h = harness(|_, b| b);
        h.mock
            .get("/api/accounts", |_| MockReply::json(200, &["ok"]));
        h.mock
            .get("/api/accounts", |_| {
                MockReply::status(429).header("Retry-After", "5")
            })
            .once();
        let err = h
            .run(h.client.send(no_retry("/accounts")))
            .expect_err("429");
        assert!(
            matches!(err, ApiError::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(5)),
            "{err:?}"
        );
        let outcomes = h.run(join_all(
            (0..20).map(|_| h.client.send(no_retry("/accounts"))),
        ));
        assert!(outcomes.iter().all(Result::is_ok));
        let calls = h.mock.calls();
        assert_eq!(
            calls.len(),
            21,
            "no caller hammered the server during the window"
        );
        assert!(
            calls[1..].iter().all(|c| c.at == Duration::from_secs(5)),
            "all waited for the gate, together"
        );
        assert_eq!(h.clock.now(), Duration::from_secs(5));
    }

    #[test]
    fn a_503_http_date_closes_the_gate_too() {
        let h = harness(|_, b| b);
        h.mock.get("/api/x", |_| MockReply::status(200));
        h.mock
            .get("/api/x", |_| {
                MockReply::status(503).header("Retry-After", "Tue, 14 Nov 2023 22:13:30 GMT")
            })
            .once();
        let _ = h.run(h.client.send(no_retry("/x")));
        h.run(h.client.send(no_retry("/x")))
            .expect("after the gate opens");
        assert_eq!(h.mock.calls()[1].at, Duration::from_secs(10));
    }

    #[test]
    fn a_gate_longer_than_the_limit_fails_fast_without_sending() {
        let h = harness(|_, b| b);
        h.mock.get("/api/x", |_| {
            MockReply::status(429).header("Retry-After", "3600")
        });
        let _ = h.run(h.client.send(no_retry("/x")));
        let err = h
            .run(h.client.send(no_retry("/x")))
            .expect_err("gate closed for an hour");
        assert!(
            matches!(err, ApiError::RateLimited { retry_after: Some(d), .. } if d == Duration::from_secs(3600))
        );
        assert_eq!(h.mock.call_count(), 1);
        assert_eq!(h.clock.now(), Duration::ZERO);
    }

    #[test]
    fn gates_are_per_origin() {
        let h = harness(|_, b| b);
        let gate = Arc::new(RateLimitInterceptor::new(
            RateLimitPolicy::default(),
            Arc::new(h.clock.clone()),
        ));
        let client = |base: &str| {
            let client = ApiClient::new(
                base,
                Arc::new(h.mock.clone()),
                Arc::new(h.clock.clone()),
                ClientOptions::default(),
            );
            client.chain().push(gate.clone());
            client
        };
        let (ours, theirs) = (client("/api"), client("https://elsewhere.example"));
        h.mock.get("/api/x", |_| {
            MockReply::status(429).header("Retry-After", "30")
        });
        h.mock.get("/other", |_| MockReply::status(200));
        let _ = h.run(ours.send(no_retry("/x")));
        h.run(theirs.send(no_retry("/other")))
            .expect("another origin's gate is open");
        assert_eq!(h.clock.now(), Duration::ZERO);
        assert_eq!(gate.wait_for(""), Duration::from_secs(30));
        assert_eq!(gate.wait_for("https://elsewhere.example"), Duration::ZERO);
    }
}
