//! How the query cache retries [`ApiError`]s: the cache owns retries for its requests (sent with
//! `RetryMode::Off`), so this is the one place that maps an HTTP failure to a cache retry decision.

use crate::services::http::ApiError;
use crate::services::query::{QueryError, RetryHint};

impl QueryError for ApiError {
    /// `Retry-After` is waited out; network errors, timeouts, 5xx, 408 and 429 retry with backoff; everything else
    /// (other 4xx, decode errors, cancellation, a session that could not be renewed) never retries. A request that
    /// met a 401 while a renewal was in flight already waited for it inside the chain's 401 interceptor.
    fn retry_hint(&self) -> RetryHint {
        match (self.retry_after(), self.is_retryable()) {
            (Some(delay), _) => RetryHint::RetryAfter(delay),
            (None, true) => RetryHint::Retry,
            (None, false) => RetryHint::Never,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::services::http::{MockReply, RequestOptions, RetryMode};
    use crate::services::test_support::fixture;

    fn hint_for(reply: MockReply) -> RetryHint {
        let f = fixture();
        f.mock.get("/api/x", move |_| reply.clone());
        let options = RequestOptions::new().retry(RetryMode::Off);
        let error = f
            .run(
                f.client
                    .get_json_with::<serde_json::Value>("/x", &(), options),
            )
            .unwrap_err();
        assert_eq!(
            f.mock.calls().len(),
            1,
            "with RetryMode::Off the HTTP layer sends once"
        );
        error.retry_hint()
    }

    #[test]
    fn retry_decisions_per_error_kind() {
        assert_eq!(
            hint_for(MockReply::network_error("offline")),
            RetryHint::Retry
        );
        assert_eq!(hint_for(MockReply::status(500)), RetryHint::Retry);
        assert_eq!(hint_for(MockReply::status(503)), RetryHint::Retry);
        assert_eq!(hint_for(MockReply::status(408)), RetryHint::Retry);
        assert_eq!(
            hint_for(MockReply::status(429).header("retry-after", "7")),
            RetryHint::RetryAfter(Duration::from_secs(7))
        );
        for status in [400, 403, 404, 409, 422] {
            assert_eq!(
                hint_for(MockReply::status(status)),
                RetryHint::Never,
                "{status}"
            );
        }
        assert_eq!(
            hint_for(MockReply::status(200).body(b"not json".to_vec())),
            RetryHint::Never
        );
    }
}
