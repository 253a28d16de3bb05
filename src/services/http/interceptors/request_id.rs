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
