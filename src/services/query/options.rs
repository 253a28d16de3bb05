//! Per-query options; `Default` is the guide's client-wide configuration.

use std::time::Duration;

use super::retry::{RetryDelay, RetryPolicy, exponential_backoff};

/// When an event (window focus, reconnect) refetches an active query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefetchOn {
    /// Never.
    Never,
    /// Only when its data is stale.
    IfStale,
    /// Always, even when fresh.
    Always,
}

/// How a query is cached, retried and refreshed.
#[derive(Clone, Copy, Debug)]
pub struct QueryOptions {
    /// How long fetched data counts as fresh (no refetch on mount or `fetch_query`). Default 5 min.
    pub stale_time: Duration,
    /// How long an entry without observers is kept before it is dropped. Default 10 min.
    pub gc_time: Duration,
    /// Retries after a failed fetch, when the error allows them. Default 3.
    pub retry: u32,
    /// Delay before retry `n` (0-based). Default `min(1000·2^n, 30000)` ms.
    pub retry_delay: RetryDelay,
    /// Refetch active queries when the window regains focus. Default `Never` (the guide's `false`).
    pub refetch_on_window_focus: RefetchOn,
    /// Refetch active queries when the browser comes back online. Default `Always`.
    pub refetch_on_reconnect: RefetchOn,
    /// Refetch active queries at this period; paused while the document is hidden. Default `None`.
    pub refetch_interval: Option<Duration>,
    /// Whether observers created with these options may fetch. Default `true`.
    pub enabled: bool,
}

impl Default for QueryOptions {
    fn default() -> Self {
        QueryOptions {
            stale_time: Duration::from_secs(5 * 60),
            gc_time: Duration::from_secs(10 * 60),
            retry: 3,
            retry_delay: exponential_backoff,
            refetch_on_window_focus: RefetchOn::Never,
            refetch_on_reconnect: RefetchOn::Always,
            refetch_interval: None,
            enabled: true,
        }
    }
}

impl QueryOptions {
    /// These options with another `stale_time`.
    pub fn stale_time(self, stale_time: Duration) -> Self {
        QueryOptions { stale_time, ..self }
    }

    /// These options with another `gc_time`.
    pub fn gc_time(self, gc_time: Duration) -> Self {
        QueryOptions { gc_time, ..self }
    }

    /// These options with another retry count.
    pub fn retry(self, retry: u32) -> Self {
        QueryOptions { retry, ..self }
    }

    /// These options with another retry delay function.
    pub fn retry_delay(self, retry_delay: RetryDelay) -> Self {
        QueryOptions {
            retry_delay,
            ..self
        }
    }

    /// These options with another focus policy.
    pub fn refetch_on_window_focus(self, refetch_on_window_focus: RefetchOn) -> Self {
        QueryOptions {
            refetch_on_window_focus,
            ..self
        }
    }

    /// These options with another reconnect policy.
    pub fn refetch_on_reconnect(self, refetch_on_reconnect: RefetchOn) -> Self {
        QueryOptions {
            refetch_on_reconnect,
            ..self
        }
    }

    /// These options with a refetch period (or none).
    pub fn refetch_interval(self, refetch_interval: Option<Duration>) -> Self {
        QueryOptions {
            refetch_interval,
            ..self
        }
    }

    /// These options enabled or not.
    pub fn enabled(self, enabled: bool) -> Self {
        QueryOptions { enabled, ..self }
    }

    /// The retry policy these options describe.
    pub fn retry_policy(&self) -> RetryPolicy {
        RetryPolicy {
            retries: self.retry,
            delay: self.retry_delay,
        }
    }
}

/// How a mutation is retried.
#[derive(Clone, Copy, Debug)]
pub struct MutationOptions {
    /// Retries after a failure, used only when `idempotent` is set. Default 1.
    pub retry: u32,
    /// Delay before retry `n` (0-based). Default `min(1000·2^n, 30000)` ms.
    pub retry_delay: RetryDelay,
    /// Set when the request is idempotent or carries an idempotency key; otherwise it is never retried. Default `false`.
    pub idempotent: bool,
}

impl Default for MutationOptions {
    fn default() -> Self {
        MutationOptions {
            retry: 1,
            retry_delay: exponential_backoff,
            idempotent: false,
        }
    }
}

impl MutationOptions {
    /// These options marked idempotent (or carrying an idempotency key), so they may be retried.
    pub fn idempotent(self, idempotent: bool) -> Self {
        MutationOptions { idempotent, ..self }
    }

    /// These options with another retry count.
    pub fn retry(self, retry: u32) -> Self {
        MutationOptions { retry, ..self }
    }

    /// These options with another retry delay function.
    pub fn retry_delay(self, retry_delay: RetryDelay) -> Self {
        MutationOptions {
            retry_delay,
            ..self
        }
    }

    /// The retry policy: no retries at all unless the mutation is idempotent.
    pub fn retry_policy(&self) -> RetryPolicy {
        let retries = if self.idempotent { self.retry } else { 0 };
        RetryPolicy {
            retries,
            delay: self.retry_delay,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_defaults_are_the_guides() {
        let options = QueryOptions::default();
        assert_eq!(options.stale_time, Duration::from_secs(300));
        assert_eq!(options.gc_time, Duration::from_secs(600));
        assert_eq!(options.retry, 3);
        assert_eq!((options.retry_delay)(2), Duration::from_secs(4));
        assert_eq!(options.refetch_on_window_focus, RefetchOn::Never);
        assert_eq!(options.refetch_on_reconnect, RefetchOn::Always);
        assert_eq!(options.refetch_interval, None);
        assert!(options.enabled);
    }

    #[test]
    fn mutations_retry_once_and_only_when_idempotent() {
        assert_eq!(MutationOptions::default().retry_policy().retries, 0);
        assert_eq!(
            MutationOptions::default()
                .idempotent(true)
                .retry_policy()
                .retries,
            1
        );
    }
}
