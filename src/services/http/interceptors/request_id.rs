//! Request id: puts the logical request's id in `X-Request-ID` (adopting one the caller set), so every
//! retry and replay below carries the same id.

use async_trait::async_trait;

use crate::services::http::{ApiError, Interceptor, Next, Request, RequestId, Response};

/// Header carrying the request id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// Sets `X-Request-ID` from the request's meta (or adopts the header the caller set).
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestIdInterceptor;

#[async_trait(?Send)]
impl Interceptor for RequestIdInterceptor {
    fn name(&self) -> &str {
        "request-id"
    }

    async fn handle(&self, mut request: Request, next: Next<'_>) -> Result<Response, ApiError> {
        match request
            .headers
            .get(REQUEST_ID_HEADER)
            .filter(|id| !id.is_empty())
        {
            Some(given) => request.meta.request_id = RequestId::from(given),
            None => request
                .headers
                .set(REQUEST_ID_HEADER, request.meta.request_id.as_str()),
        }
        next.run(request).await
    }
}

#[cfg(test)]
mod tests {
    use crate::services::http::test_support::harness;
    use crate::services::http::{ApiError, MockReply, Request};

    #[test]
    fn the_id_is_sent_recorded_with_the_response_and_carried_by_errors() {
        let h = harness(|_, b| b);
        h.mock.get("/api/ok", |_| MockReply::status(200));
        h.mock.get("/api/missing", |_| MockReply::status(404));
        let request = Request::get("/ok");
        let id = request.meta.request_id.clone();
        let response = h.run(h.client.send(request)).expect("ok");
        assert_eq!(response.request_id, id);
        assert_eq!(
            h.mock.calls()[0].request.headers.get("X-Request-ID"),
            Some(id.as_str())
        );
        let request = Request::get("/missing");
        let id = request.meta.request_id.clone();
        let err = h.run(h.client.send(request)).expect_err("404");
        assert!(matches!(&err, ApiError::NotFound { request_id, .. } if *request_id == id));
    }

    #[test]
    fn a_callers_correlation_id_is_adopted() {
        let h = harness(|_, b| b);
        h.mock.get("/api/ok", |_| MockReply::status(200));
        let response = h
            .run(
                h.client
                    .send(Request::get("/ok").header("X-Request-ID", "corr-7")),
            )
            .expect("ok");
        assert_eq!(response.request_id.as_str(), "corr-7");
    }
}
