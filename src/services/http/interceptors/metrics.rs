//! Metrics: times every attempt, counts it per endpoint and logs each failure with method, path, status,
//! duration and request id — never tokens, query strings or bodies.

use std::sync::Arc;

use async_trait::async_trait;

use crate::services::http::{
    ApiError, Clock, FailedCall, Interceptor, LogSink, Metrics, Next, Request, Response,
};

/// Records attempts into [`Metrics`] and logs failures.
pub struct MetricsInterceptor {
    metrics: Metrics,
    clock: Arc<dyn Clock>,
    log: Arc<dyn LogSink>,
}

impl MetricsInterceptor {
    /// Records into `metrics`, timing with `clock`, logging to `log`.
    pub fn new(metrics: Metrics, clock: Arc<dyn Clock>, log: Arc<dyn LogSink>) -> Self {
        MetricsInterceptor {
            metrics,
            clock,
            log,
        }
    }
}

#[async_trait(?Send)]
impl Interceptor for MetricsInterceptor {
    fn name(&self) -> &str {
        "metrics"
    }

    async fn handle(&self, request: Request, next: Next<'_>) -> Result<Response, ApiError> {
        let (method, path, request_id) = (
            request.method,
            request.path.clone(),
            request.meta.request_id.clone(),
        );
        let started = self.clock.now();
        let outcome = next.run(request).await;
        let duration = self.clock.now().saturating_sub(started);
        let (status, error) = match &outcome {
            Ok(response) if response.status < 400 => {
                self.metrics.record_success(method, &path, duration);
                return outcome;
            }
            Ok(response) => (Some(response.status), None),
            Err(error) => (None, Some(error.to_string())),
        };
        let path = path.split(['?', '#']).next().unwrap_or_default().to_owned();
        let call = FailedCall {
            method,
            path,
            status,
            error,
            duration,
            request_id,
            at_unix_ms: self.clock.unix_now().as_millis() as u64,
        };
        self.log.warn(&failure_line(&call));
        self.metrics.record_failure(call);
        outcome
    }
}

/// `API call failed: GET /accounts status=503 duration=12ms request_id=…`.
pub fn failure_line(call: &FailedCall) -> String {
    let outcome = match (&call.status, &call.error) {
        (Some(status), _) => format!("status={status}"),
        (None, Some(error)) => format!("error=\"{error}\""),
        (None, None) => "status=?".to_owned(),
    };
    format!(
        "API call failed: {} {} {outcome} duration={}ms request_id={}",
        call.method,
        call.path,
        call.duration.as_millis(),
        call.request_id
    )
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::services::http::test_support::harness;
    use crate::services::http::{MockReply, Request, RequestOptions, RetryMode};

    #[test]
    fn attempts_are_counted_timed_and_failures_logged_with_their_request_id() {
        let h = harness(|_, b| b);
        h.mock.get("/api/accounts/:id", |_| {
            MockReply::status(200).delay(Duration::from_millis(40))
        });
        h.mock
            .get("/api/down", |_| MockReply::network_error("offline"));
        for id in ["a1", "a2", "a3"] {
            h.run(h.client.send(Request::get(format!("/accounts/{id}"))))
                .expect("ok");
        }
        let request = Request::get("/down?q=secret-search")
            .with_options(RequestOptions::new().retry(RetryMode::Off));
        let id = request.meta.request_id.clone();
        let _ = h.run(h.client.send(request));
        let snapshot = h.client.metrics().snapshot();
        let accounts = snapshot
            .endpoints
            .iter()
            .find(|e| e.endpoint == "GET /accounts/{id}")
            .expect("tracked");
        assert_eq!(
            (accounts.count, accounts.failures, accounts.p95),
            (3, 0, Duration::from_millis(40))
        );
        let failure = &snapshot.recent_failures[0];
        assert_eq!(
            (failure.path.as_str(), failure.status, &failure.request_id),
            ("/down", None, &id)
        );
        let lines = h.log.lines();
        assert_eq!(lines.len(), 1);
        assert!(
            lines[0].contains(id.as_str())
                && lines[0].starts_with("API call failed: GET /down error="),
            "{}",
            lines[0]
        );
        assert!(!lines[0].contains("secret-search"), "{}", lines[0]);
    }
}
