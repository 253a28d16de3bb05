//! `Response`: what came back for one attempt.

use std::time::Duration;

use super::headers::Headers;
use super::ids::RequestId;

/// An HTTP response of any status (non-2xx becomes an `ApiError` only at the client's edge).
#[derive(Debug, Clone)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// Response headers.
    pub headers: Headers,
    /// The raw body.
    pub body: Vec<u8>,
    /// The request id this answered.
    pub request_id: RequestId,
    /// Time from sending to the full body, on the client's clock.
    pub duration: Duration,
}

impl Response {
    /// An empty response with `status` for request `request_id`.
    pub fn new(status: u16, request_id: RequestId) -> Self {
        Response {
            status,
            headers: Headers::new(),
            body: Vec::new(),
            request_id,
            duration: Duration::ZERO,
        }
    }

    /// True for 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A header value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)
    }
}
