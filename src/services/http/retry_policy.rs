//! The retry policy as pure functions: which requests may be retried, which outcomes deserve it, and how long
//! to wait (exponential backoff with full jitter, capped).

use std::time::Duration;

use super::error::ApiError;
use super::method::Method;
use super::response::Response;

/// How the HTTP layer retries.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (3 → at most 4 attempts).
    pub max_retries: u32,
    /// Backoff base: the cap of the first retry's delay.
    pub base_delay: Duration,
    /// Largest backoff delay.
    pub max_delay: Duration,
    /// A server asking for a longer `Retry-After` than this is not retried here.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// Full-jitter backoff: `random × min(max_delay, base_delay × 2^attempt)`, `attempt` counting from 0.
/// `random` outside `[0, 1]` (or NaN) counts as 0.
pub fn retry_delay(attempt: u32, policy: &RetryPolicy, random: f64) -> Duration {
    let ceiling = policy
        .base_delay
        .saturating_mul(2u32.saturating_pow(attempt))
        .min(policy.max_delay);
    let factor = if (0.0..=1.0).contains(&random) {
        random
    } else {
        0.0
    };
    ceiling.mul_f64(factor)
}

/// Whether a request may be sent again at all: safe or idempotent methods, or anything carrying an
/// idempotency key. A blind POST or PATCH never is.
pub fn method_may_retry(method: Method, has_idempotency_key: bool) -> bool {
    method.is_idempotent() || has_idempotency_key
}

/// Statuses worth another attempt: 408, 429 and every 5xx.
pub fn is_retryable_status(status: u16) -> bool {
    status == 408 || status == 429 || (500..=599).contains(&status)
}

/// Whether an attempt's outcome deserves another attempt: network errors, timeouts and retryable statuses.
pub fn is_retryable_outcome(outcome: &Result<Response, ApiError>) -> bool {
    match outcome {
        Ok(response) => is_retryable_status(response.status),
        Err(error) => matches!(error, ApiError::Network { .. } | ApiError::Timeout { .. }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::RequestId;

    #[test]
    fn delay_is_jittered_exponential_and_capped() {
        let p = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(1),
            ..RetryPolicy::default()
        };
        assert_eq!(retry_delay(0, &p, 1.0), Duration::from_millis(100));
        assert_eq!(retry_delay(1, &p, 1.0), Duration::from_millis(200));
        assert_eq!(retry_delay(3, &p, 0.5), Duration::from_millis(400));
        assert_eq!(retry_delay(4, &p, 1.0), Duration::from_secs(1));
        assert_eq!(retry_delay(u32::MAX, &p, 1.0), Duration::from_secs(1));
        assert_eq!(retry_delay(2, &p, 0.0), Duration::ZERO);
        assert_eq!(retry_delay(2, &p, f64::NAN), Duration::ZERO);
        assert_eq!(retry_delay(2, &p, 7.0), Duration::ZERO);
    }

    #[test]
    fn method_matrix() {
        for method in [
            Method::Get,
            Method::Head,
            Method::Options,
            Method::Put,
            Method::Delete,
        ] {
            assert!(method_may_retry(method, false), "{method}");
        }
        for method in [Method::Post, Method::Patch] {
            assert!(
                !method_may_retry(method, false),
                "{method} must never be retried blind"
            );
            assert!(method_may_retry(method, true), "{method} with a key");
        }
    }

    #[test]
    fn outcome_matrix() {
        let id = RequestId::from("r");
        let status = |s| Ok(Response::new(s, id.clone()));
        for s in [408, 429, 500, 502, 503, 504] {
            assert!(is_retryable_outcome(&status(s)), "{s}");
        }
        for s in [200, 201, 400, 401, 403, 404, 409, 422] {
            assert!(!is_retryable_outcome(&status(s)), "{s}");
        }
        assert!(is_retryable_outcome(&Err(ApiError::Network {
            request_id: id.clone(),
            cause: "x".into()
        })));
        assert!(is_retryable_outcome(&Err(ApiError::Timeout {
            request_id: id.clone(),
            after: Duration::from_secs(1)
        })));
        assert!(!is_retryable_outcome(&Err(ApiError::Cancelled {
            request_id: id.clone()
        })));
        assert!(!is_retryable_outcome(&Err(
            ApiError::MissingIdempotencyKey {
                request_id: id,
                method: Method::Post,
                path: "/t".into()
            }
        )));
    }
}
