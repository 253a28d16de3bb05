//! A read-only view of one cache entry, for a devtools or monitoring page.

use std::time::Duration;

use super::entry::Entry;
use super::key::QueryKey;
use super::state::{FetchStatus, QueryStatus};

/// What the cache holds for one key at one moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntrySnapshot {
    /// The key.
    pub key: QueryKey,
    /// The Rust type of the cached data.
    pub type_name: &'static str,
    /// Data, error or neither.
    pub status: QueryStatus,
    /// Whether a fetch runs or is parked.
    pub fetch_status: FetchStatus,
    /// How old the data is, if there is data.
    pub age: Option<Duration>,
    /// Whether the data is stale under the entry's `stale_time`.
    pub is_stale: bool,
    /// Observers (mounted hooks, subscriptions).
    pub observers: usize,
    /// Failed attempts of the current or last fetch.
    pub failure_count: u32,
}

impl EntrySnapshot {
    /// The snapshot of `entry` at `now`.
    pub(super) fn of<E>(entry: &Entry<E>, now: Duration) -> Self {
        EntrySnapshot {
            key: entry.key.clone(),
            type_name: entry.type_name,
            status: entry.stamp.status,
            fetch_status: entry.stamp.fetch_status,
            age: entry.stamp.age(now),
            is_stale: entry.stamp.is_stale(entry.options.stale_time, now),
            observers: entry.observers.len(),
            failure_count: entry.stamp.failure_count,
        }
    }
}
