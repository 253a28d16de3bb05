//! The state of one cached query, as the reducer produces it.

use std::time::Duration;

/// Whether a query has data, an error, or neither yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QueryStatus {
    /// No data and no final error yet.
    Pending,
    /// The last fetch (or `set_query_data`) produced data.
    Success,
    /// The last fetch failed for good.
    Error,
}

impl QueryStatus {
    /// `pending`, `success` or `error`, for the monitoring screen.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Success => "success",
            Self::Error => "error",
        }
    }
}

/// Whether a fetch is running for a query.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FetchStatus {
    /// No fetch running.
    Idle,
    /// A fetch (or one of its retries) is running.
    Fetching,
    /// The fetch is parked until a token refresh finishes.
    Paused,
}

/// Everything known about one query; changed only by [`reduce`](super::reduce).
#[derive(Clone, Debug)]
pub struct QueryState<T, E> {
    /// The last data, kept while refetching and after a later error.
    pub data: Option<T>,
    /// Clock time of the last data.
    pub data_updated_at: Option<Duration>,
    /// Bumped only when the data changes by value, so an identical refetch is recognisable.
    pub data_revision: u64,
    /// The final error of the last fetch, cleared by the next success.
    pub error: Option<E>,
    /// Clock time of the last final error.
    pub error_updated_at: Option<Duration>,
    /// Failed attempts of the current (or last) fetch.
    pub failure_count: u32,
    /// The error of the last failed attempt.
    pub failure_reason: Option<E>,
    /// Data, error or neither.
    pub status: QueryStatus,
    /// Whether a fetch runs.
    pub fetch_status: FetchStatus,
    /// Marked stale by `invalidate_queries`.
    pub is_invalidated: bool,
}

impl<T, E> Default for QueryState<T, E> {
    fn default() -> Self {
        QueryState {
            data: None,
            data_updated_at: None,
            data_revision: 0,
            error: None,
            error_updated_at: None,
            failure_count: 0,
            failure_reason: None,
            status: QueryStatus::Pending,
            fetch_status: FetchStatus::Idle,
            is_invalidated: false,
        }
    }
}

impl<T, E> QueryState<T, E> {
    /// The observable, type-free summary of this state.
    pub fn stamp(&self) -> StateStamp {
        StateStamp {
            status: self.status,
            fetch_status: self.fetch_status,
            has_data: self.data.is_some(),
            data_revision: self.data_revision,
            data_updated_at: self.data_updated_at,
            error_updated_at: self.error_updated_at,
            failure_count: self.failure_count,
            is_invalidated: self.is_invalidated,
        }
    }

    /// True when the data is missing, invalidated, or older than `stale_time` at `now`.
    pub fn is_stale(&self, stale_time: Duration, now: Duration) -> bool {
        self.stamp().is_stale(stale_time, now)
    }
}

/// A copyable summary of a [`QueryState`]: two equal stamps mean observers have nothing new to see.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StateStamp {
    /// See [`QueryState::status`].
    pub status: QueryStatus,
    /// See [`QueryState::fetch_status`].
    pub fetch_status: FetchStatus,
    /// Whether there is data.
    pub has_data: bool,
    /// See [`QueryState::data_revision`].
    pub data_revision: u64,
    /// See [`QueryState::data_updated_at`].
    pub data_updated_at: Option<Duration>,
    /// See [`QueryState::error_updated_at`].
    pub error_updated_at: Option<Duration>,
    /// See [`QueryState::failure_count`].
    pub failure_count: u32,
    /// See [`QueryState::is_invalidated`].
    pub is_invalidated: bool,
}

impl StateStamp {
    /// True when the data is missing, invalidated, or older than `stale_time` at `now`.
    pub fn is_stale(&self, stale_time: Duration, now: Duration) -> bool {
        match self.data_updated_at {
            Some(updated_at) if self.has_data && !self.is_invalidated => {
                now.saturating_sub(updated_at) >= stale_time
            }
            _ => true,
        }
    }

    /// How long ago the data arrived, if there is data.
    pub fn age(&self, now: Duration) -> Option<Duration> {
        self.data_updated_at
            .filter(|_| self.has_data)
            .map(|at| now.saturating_sub(at))
    }
}
