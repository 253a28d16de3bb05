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
