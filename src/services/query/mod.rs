//! A small, exact query cache in the spirit of TanStack Query, with Leptos hooks.
//!
//! State changes only through the pure [`reduce`]; time and timers are injected ([`Clock`], [`Scheduler`])
//! so everything is tested natively with [`ManualTime`]. The browser uses [`BrowserTime`] (wasm only).
//! See `docs/query.md` for options, defaults and how to write a hook.

#[cfg(target_arch = "wasm32")]
mod browser_events;
#[cfg(target_arch = "wasm32")]
mod browser_time;
mod client;
mod clock;
mod context;
mod entry;
mod error;
mod events;
mod fetching;
mod key;
mod manual_time;
mod mutation;
mod options;
mod reducer;
mod retry;
mod retryer;
mod rollback;
mod scheduler;
mod snapshot;
mod state;
mod subscription;
mod use_api;
mod use_mutation;
mod use_query;

#[cfg(target_arch = "wasm32")]
pub use browser_events::{BrowserEvents, connect_browser_events};
#[cfg(target_arch = "wasm32")]
pub use browser_time::BrowserTime;
pub use client::QueryClient;
pub use clock::Clock;
pub use context::{provide_query_client, use_query_client};
pub use entry::QueryData;
pub use error::{FetchError, QueryError, RetryHint};
pub use key::{KeySegment, QueryKey, ToQueryKey};
pub use manual_time::ManualTime;
pub use options::{MutationOptions, QueryOptions, RefetchOn};
pub use reducer::{QueryAction, reduce};
pub use retry::{
    AUTH_REFRESH_TIMEOUT, MAX_AUTH_WAITS, RetryDecision, RetryDelay, RetryPolicy, RetryProgress,
    decide_retry, exponential_backoff,
};
pub use rollback::Rollback;
pub use scheduler::Scheduler;
pub use snapshot::EntrySnapshot;
pub use state::{FetchStatus, QueryState, QueryStatus, StateStamp};
pub use subscription::QuerySubscription;
pub use use_api::{UseApiOptions, UseApiReturn, use_api, use_api_with_options};
pub use use_mutation::{
    MutationStatus, UseMutationOptions, UseMutationReturn, use_mutation, use_mutation_with_options,
};
pub use use_query::{UseQueryOptions, UseQueryReturn, use_query, use_query_with_options};

#[cfg(test)]
mod tests;
