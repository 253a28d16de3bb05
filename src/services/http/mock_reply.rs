//! `MockReply`: what a [`MockTransport`](super::MockTransport) handler answers.

use std::time::Duration;

use serde::Serialize;

use super::headers::Headers;

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
