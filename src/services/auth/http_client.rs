//! The HTTP seam of the auth layer: one small trait, implemented over browser fetch (`oidc_http.rs`)
//! and by a fake provider in native tests. Requests are built and replies decoded by us (`provider_documents.rs`,
//! `provider_requests.rs`); openidconnect only supplies the types.

use futures::future::LocalBoxFuture;

pub use openidconnect::{HttpRequest, HttpResponse};

/// The request could not be sent or its reply not read (no status involved).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("network error: {0}")]
pub struct HttpError(pub String);

/// A pending reply.
pub type HttpFuture<'a> = LocalBoxFuture<'a, Result<HttpResponse, HttpError>>;

/// Sends one HTTP request; any status is a reply, only transport failures are errors.
pub trait AuthHttp {
    /// Sends `request`.
    fn send(&self, request: HttpRequest) -> HttpFuture<'_>;
}

/// Request extension: send and accept cookies (fetch `credentials: "include"`), for the cookie-mode endpoints.
/// Requests without it are sent without cookies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WithCredentials;

/// Request extension: the reply may come from (and go into) the browser's HTTP cache, as the provider's
/// `Cache-Control` allows. Requests without it bypass the cache (`no-store`): tokens are never cached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpCache {
    /// Use the cache normally (the discovery document and the keys).
    Allowed,
    /// Ask the server again and store the answer (the keys, after a token named a key we did not have).
    Revalidate,
}
