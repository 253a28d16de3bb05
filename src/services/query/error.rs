//! What the cache needs to know about a fetch error, and the error its fetch futures resolve to.

use std::time::Duration;

/// How a failed request may be retried, as judged by the layer that made it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryHint {
    /// Retrying cannot help (e.g. a 4xx other than 408/429).
    Never,
    /// A retry may succeed (network error, 5xx, 408); the cache's backoff decides when.
    Retry,
    /// The server asked to wait this long first (`Retry-After`).
    RetryAfter(Duration),
    /// A token refresh is in flight: wait for it, then retry.
    AwaitAuthRefresh,
}

/// An error a query or mutation fetcher can fail with.
pub trait QueryError: Clone + 'static {
    /// How (and whether) the failed request may be retried.
    fn retry_hint(&self) -> RetryHint;
}

/// Why [`QueryClient::fetch_query`](super::QueryClient::fetch_query) gave no data.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum FetchError<E> {
    /// The fetcher failed (after the retries its error allowed).
    #[error("{0}")]
    Failed(E),
    /// The fetch was cancelled (`cancel_queries`, `clear`, or its last observer went away).
    #[error("the query was cancelled")]
    Cancelled,
}
