//! `Response`: what came back for one attempt.

use std::time::Duration;

use serde::Serialize;

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

/// A canned reply for [`MockTransport`](super::MockTransport) handlers: status, headers, body, latency or a network failure.
#[derive(Debug, Clone)]
pub struct MockReply {
    /// Status code.
    pub status: u16,
    /// Headers.
    pub headers: Headers,
    /// Body bytes.
    pub body: Vec<u8>,
    /// Simulated latency before the reply arrives (on the transport's clock).
    pub delay: Duration,
    /// When set, the call fails as a network error with this cause instead.
    pub network_error: Option<String>,
}

impl MockReply {
    /// An empty reply with `status`.
    pub fn status(status: u16) -> Self {
        MockReply {
            status,
            headers: Headers::new(),
            body: Vec::new(),
            delay: Duration::ZERO,
            network_error: None,
        }
    }

    /// A JSON reply.
    pub fn json<T: Serialize + ?Sized>(status: u16, body: &T) -> Self {
        let body = serde_json::to_vec(body).unwrap_or_default();
        MockReply::status(status)
            .header("content-type", "application/json")
            .body(body)
    }

    /// A reply whose connection fails (DNS, reset, CORS, offline).
    pub fn network_error(cause: impl Into<String>) -> Self {
        MockReply {
            network_error: Some(cause.into()),
            ..MockReply::status(0)
        }
    }

    /// With a header.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.set(name, value);
        self
    }

    /// With a raw body.
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }

    /// Arriving after `delay`.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}
