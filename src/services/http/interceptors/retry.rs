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
