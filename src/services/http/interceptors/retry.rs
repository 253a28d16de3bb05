//! Retry: repeats attempts that failed for a passing reason (network, timeout, 408, 429, 5xx), only for
//! requests that may be repeated (safe/idempotent methods, or an idempotency key), waiting a full-jitter
//! backoff or exactly the server's `Retry-After`, never past the request's deadline.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;

use crate::services::http::retry_policy::{is_retryable_outcome, method_may_retry, retry_delay};
use crate::services::http::{
    ApiError, Clock, Interceptor, Next, Random, Request, Response, RetryMode, RetryPolicy,
    parse_retry_after,
};

/// Retries per [`RetryPolicy`], unless the request's [`RetryMode`] is `Off`.
pub struct RetryInterceptor {
    policy: RetryPolicy,
    clock: Arc<dyn Clock>,
    random: Arc<dyn Random>,
}

impl RetryInterceptor {
    /// Retries with `policy`, waiting on `clock`, jittering with `random`.
    pub fn new(policy: RetryPolicy, clock: Arc<dyn Clock>, random: Arc<dyn Random>) -> Self {
        RetryInterceptor {
            policy,
            clock,
            random,
        }
    }

    /// The wait before retry number `attempt` (from 0): the server's `Retry-After` when it gave one.
    fn delay(
        &self,
        outcome: &Result<Response, ApiError>,
        attempt: u32,
        policy: &RetryPolicy,
    ) -> Duration {
        let asked = match outcome {
            Ok(response) => response
                .header("retry-after")
                .and_then(|v| parse_retry_after(v, self.clock.unix_now())),
            Err(error) => error.retry_after(),
        };
        asked.unwrap_or_else(|| retry_delay(attempt, policy, self.random.next_unit()))
    }
}

#[async_trait(?Send)]
impl Interceptor for RetryInterceptor {
    fn name(&self) -> &str {
        "retry"
    }

    async fn handle(&self, request: Request, next: Next<'_>) -> Result<Response, ApiError> {
        let policy = match &request.meta.retry {
            RetryMode::Off => return next.run(request).await,
            RetryMode::Client => &self.policy,
            RetryMode::Custom(policy) => policy,
        };
        if !method_may_retry(request.method, request.meta.idempotency_key.is_some()) {
            return next.run(request).await;
        }
        let mut attempt = 0;
        loop {
            let outcome = next.run(request.clone()).await;
            if attempt >= policy.max_retries || !is_retryable_outcome(&outcome) {
                return outcome;
            }
            let delay = self.delay(&outcome, attempt, policy);
            let past_deadline = request
                .meta
                .deadline
                .is_some_and(|d| self.clock.now() + delay >= d);
            if delay > policy.max_retry_after || past_deadline {
                return outcome;
            }
            self.clock.sleep(delay).await;
            attempt += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::services::http::test_support::harness;
    use crate::services::http::{
        ApiError, IdempotencyKey, Method, MockReply, Request, RequestOptions, RetryMode,
        RetryPolicy,
    };

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(100),
            ..RetryPolicy::default()
        }
    }

    #[test]
    fn method_matrix_end_to_end() {
        let h = harness(|_, b| b.retry_policy(policy()));
        for method in [
            Method::Get,
            Method::Head,
            Method::Options,
            Method::Put,
            Method::Delete,
            Method::Post,
            Method::Patch,
        ] {
            h.mock.on(method, "/api/things", |_| MockReply::status(503));
        }
        let attempts = |request: Request| {
            let before = h.mock.call_count();
            let outcome = h.run(h.client.send(request));
            assert!(
                matches!(outcome, Err(ApiError::Server { status: 503, .. })),
                "{outcome:?}"
            );
            h.mock.call_count() - before
        };
        for method in [
            Method::Get,
            Method::Head,
            Method::Options,
            Method::Put,
            Method::Delete,
        ] {
            assert_eq!(
                attempts(Request::new(method, "/things")),
                4,
                "{method} is retried"
            );
        }
        for method in [Method::Post, Method::Patch] {
            assert_eq!(
                attempts(Request::new(method, "/things")),
                1,
                "blind {method} is never retried"
            );
            let keyed = Request::new(method, "/things")
                .with_options(RequestOptions::new().idempotency_key(IdempotencyKey::generate()));
            assert_eq!(
                attempts(keyed),
                4,
                "{method} with an idempotency key is retried"
            );
        }
    }

    #[test]
    fn backoff_is_exponential_with_jitter_and_only_for_retryable_outcomes() {
        let h = harness(|_, b| b.retry_policy(policy()));
        h.mock.get("/api/flaky", |_| MockReply::status(502));
        let _ = h.run(h.client.send(Request::get("/flaky")));
        let ms = Duration::from_millis;
        assert_eq!(h.clock.elapsed_sleeps(), vec![ms(100), ms(200), ms(400)]);
        for status in [400, 401, 403, 404, 409, 422] {
            let path = format!("/api/s{status}");
            h.mock.get(&path, move |_| MockReply::status(status));
            let before = h.mock.call_count();
            let _ = h.run(h.client.send(Request::get(format!("/s{status}"))));
            assert_eq!(h.mock.call_count() - before, 1, "{status} is not retried");
        }
        h.mock
            .get("/api/down", |_| MockReply::network_error("reset"));
        let before = h.mock.call_count();
        let _ = h.run(h.client.send(Request::get("/down")));
        assert_eq!(
            h.mock.call_count() - before,
            4,
            "network errors are retried"
        );
    }

    #[test]
    fn retry_off_and_custom_policies() {
        let h = harness(|_, b| b.retry_policy(policy()));
        h.mock.get("/api/flaky", |_| MockReply::status(500));
        let _ = h.run(h.client.send(
            Request::get("/flaky").with_options(RequestOptions::new().retry(RetryMode::Off)),
        ));
        assert_eq!(
            h.mock.call_count(),
            1,
            "the query cache's requests are tried once here"
        );
        let one_retry = RetryMode::Custom(RetryPolicy {
            max_retries: 1,
            ..policy()
        });
        let _ = h.run(
            h.client
                .send(Request::get("/flaky").with_options(RequestOptions::new().retry(one_retry))),
        );
        assert_eq!(h.mock.call_count(), 3);
    }

    #[test]
    fn retry_after_seconds_is_honoured_exactly() {
        let h = harness(|_, b| b.retry_policy(policy()));
        h.mock
            .get("/api/accounts", |_| MockReply::json(200, &["ok"]));
        h.mock
            .get("/api/accounts", |_| {
                MockReply::status(503).header("Retry-After", "7")
            })
            .once();
        let body: Vec<String> = h
            .run(h.client.get_json("/accounts", &()))
            .expect("second attempt succeeds");
        assert_eq!(body, vec!["ok"]);
        assert_eq!(h.clock.elapsed_sleeps(), vec![Duration::from_secs(7)]);
        let calls = h.mock.calls();
        assert_eq!(calls[1].at - calls[0].at, Duration::from_secs(7));
    }

    #[test]
    fn retry_after_http_date_is_honoured_exactly() {
        let h = harness(|_, b| b.retry_policy(policy()));
        h.mock
            .get("/api/accounts", |_| MockReply::json(200, &["ok"]));
        h.mock
            .get("/api/accounts", |_| {
                MockReply::status(429).header("Retry-After", "Tue, 14 Nov 2023 22:13:30 GMT")
            })
            .once();
        h.run(h.client.get_json::<Vec<String>>("/accounts", &()))
            .expect("second attempt succeeds");
        assert_eq!(h.clock.elapsed_sleeps(), vec![Duration::from_secs(10)]);
    }

    #[test]
    fn a_retry_after_beyond_the_limit_or_the_deadline_is_not_waited_for() {
        for (asked, deadline) in [(120, 600), (30, 20)] {
            let h = harness(|_, b| {
                b.retry_policy(policy())
                    .deadline(Duration::from_secs(deadline))
            });
            h.mock.get("/api/busy", move |_| {
                MockReply::status(503).header("Retry-After", asked.to_string())
            });
            let err = h
                .run(h.client.send(Request::get("/busy")))
                .expect_err("gives up");
            assert_eq!(err.retry_after(), Some(Duration::from_secs(asked)));
            assert_eq!(h.mock.call_count(), 1);
            assert!(h.clock.elapsed_sleeps().is_empty());
        }
    }

    #[test]
    fn idempotency_key_and_request_id_are_identical_on_every_attempt() {
        let h = harness(|_, b| b.retry_policy(policy()));
        h.mock.post("/api/transfers", |_| {
            MockReply::json(201, &serde_json::json!({"id": "t-1"}))
        });
        h.mock
            .post("/api/transfers", |_| {
                MockReply::network_error("connection dropped after commit")
            })
            .once();
        h.mock
            .post("/api/transfers", |_| MockReply::status(503))
            .once();
        let key = IdempotencyKey::generate();
        let options = RequestOptions::new().idempotency_key(key.clone());
        let created: serde_json::Value = h
            .run(h.client.post_json(
                "/transfers",
                &serde_json::json!({"amount": "10.00"}),
                options,
            ))
            .expect("created");
        assert_eq!(created["id"], "t-1");
        let calls = h.mock.calls();
        assert_eq!(calls.len(), 3);
        let first_id = calls[0]
            .request
            .headers
            .get("x-request-id")
            .expect("id")
            .to_owned();
        for call in &calls {
            assert_eq!(
                call.request.headers.get("idempotency-key"),
                Some(key.as_str())
            );
            assert_eq!(
                call.request.headers.get("x-request-id"),
                Some(first_id.as_str())
            );
            assert_eq!(call.request.meta.request_id.as_str(), first_id);
        }
    }
}
