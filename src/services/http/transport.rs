//! `Transport`: the last hop, which actually moves bytes (fetch in the browser, handlers in tests).

use async_trait::async_trait;

use super::error::ApiError;
use super::request::Request;
use super::response::Response;

/// Sends one attempt of a request to `url` and returns the response of any status.
/// Only failures without an HTTP answer are errors (`Network`). Dropping the future must abort the attempt.
#[async_trait(?Send)]
pub trait Transport: Send + Sync {
    /// Performs the exchange.
    async fn send(&self, request: &Request, url: &str) -> Result<Response, ApiError>;
}
