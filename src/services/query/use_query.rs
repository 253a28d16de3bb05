//! `use_query`: a cached query bound to a component, with reactive key and `enabled`.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::context::use_query_client;
use super::entry::QueryData;
use super::error::QueryError;
use super::key::{QueryKey, ToQueryKey};
use super::options::{QueryOptions, RefetchOn};
use super::retry::RetryDelay;
use super::state::{FetchStatus, QueryState, QueryStatus};
use super::subscription::QuerySubscription;

/// Options of [`use_query_with_options`]; unset overrides keep the client's defaults.
#[derive(Clone, Copy)]
pub struct UseQueryOptions {
    /// Whether the query may fetch (reactive; "a key that is not ready does not fetch"). Default `true`.
    pub enabled: Signal<bool>,
    /// While a new key loads, keep showing the previous key's data (pagination). Default `false`.
    pub keep_previous_data: bool,
    /// Overrides `stale_time` (client default 5 min).
    pub stale_time: Option<Duration>,
    /// Overrides `gc_time` (client default 10 min).
    pub gc_time: Option<Duration>,
    /// Overrides `retry` (client default 3).
    pub retry: Option<u32>,
    /// Overrides `retry_delay` (client default `min(1000·2^n, 30000)` ms).
    pub retry_delay: Option<RetryDelay>,
    /// Overrides `refetch_on_window_focus` (client default `Never`).
    pub refetch_on_window_focus: Option<RefetchOn>,
    /// Overrides `refetch_on_reconnect` (client default `Always`).
    pub refetch_on_reconnect: Option<RefetchOn>,
    /// Sets a refetch period, paused while the tab is hidden (client default none).
    pub refetch_interval: Option<Duration>,
}

impl Default for UseQueryOptions {
    fn default() -> Self {
        UseQueryOptions {
            enabled: Signal::from(true),
            keep_previous_data: false,
            stale_time: None,
            gc_time: None,
            retry: None,
            retry_delay: None,
            refetch_on_window_focus: None,
            refetch_on_reconnect: None,
            refetch_interval: None,
        }
    }
}

impl UseQueryOptions {
    /// Sets `enabled` (a signal or a constant).
    pub fn enabled(self, enabled: impl Into<Signal<bool>>) -> Self {
        UseQueryOptions {
            enabled: enabled.into(),
            ..self
        }
    }

    /// Sets `keep_previous_data`.
    pub fn keep_previous_data(self, keep_previous_data: bool) -> Self {
        UseQueryOptions {
            keep_previous_data,
            ..self
        }
    }

    /// Overrides `stale_time`.
    pub fn stale_time(self, stale_time: Duration) -> Self {
        UseQueryOptions {
            stale_time: Some(stale_time),
            ..self
        }
    }

    /// Overrides `gc_time`.
    pub fn gc_time(self, gc_time: Duration) -> Self {
        UseQueryOptions {
            gc_time: Some(gc_time),
            ..self
        }
    }

    /// Overrides `retry`.
    pub fn retry(self, retry: u32) -> Self {
        UseQueryOptions {
            retry: Some(retry),
            ..self
        }
    }

    /// Overrides `retry_delay`.
    pub fn retry_delay(self, retry_delay: RetryDelay) -> Self {
        UseQueryOptions {
            retry_delay: Some(retry_delay),
            ..self
        }
    }

    /// Overrides `refetch_on_window_focus`.
    pub fn refetch_on_window_focus(self, refetch_on_window_focus: RefetchOn) -> Self {
        UseQueryOptions {
            refetch_on_window_focus: Some(refetch_on_window_focus),
            ..self
        }
    }

    /// Overrides `refetch_on_reconnect`.
    pub fn refetch_on_reconnect(self, refetch_on_reconnect: RefetchOn) -> Self {
        UseQueryOptions {
            refetch_on_reconnect: Some(refetch_on_reconnect),
            ..self
        }
    }

    /// Sets `refetch_interval`.
    pub fn refetch_interval(self, refetch_interval: Duration) -> Self {
        UseQueryOptions {
            refetch_interval: Some(refetch_interval),
            ..self
        }
    }

    /// The client's defaults with these overrides applied.
    pub fn resolve(&self, defaults: QueryOptions) -> QueryOptions {
        QueryOptions {
            stale_time: self.stale_time.unwrap_or(defaults.stale_time),
            gc_time: self.gc_time.unwrap_or(defaults.gc_time),
            retry: self.retry.unwrap_or(defaults.retry),
            retry_delay: self.retry_delay.unwrap_or(defaults.retry_delay),
            refetch_on_window_focus: self
                .refetch_on_window_focus
                .unwrap_or(defaults.refetch_on_window_focus),
            refetch_on_reconnect: self
                .refetch_on_reconnect
                .unwrap_or(defaults.refetch_on_reconnect),
            refetch_interval: self.refetch_interval.or(defaults.refetch_interval),
            enabled: defaults.enabled,
        }
    }
}

/// What [`use_query`] returns; every field is `Copy`.
pub struct UseQueryReturn<T: Send + Sync + 'static, E: Send + Sync + 'static> {
    /// The data (kept while refetching and after a later error); re-fires only when it changes by value.
    pub data: Signal<Option<T>>,
    /// The final error of the last fetch, if it failed.
    pub error: Signal<Option<E>>,
    /// Data, error or neither yet.
    pub status: Signal<QueryStatus>,
    /// First load: no data yet and a fetch running.
    pub is_loading: Signal<bool>,
    /// Any fetch running (including background refetches and parked retries).
    pub is_fetching: Signal<bool>,
    /// Refetches now, even if fresh.
    pub refetch: UnsyncCallback<()>,
}

impl<T: Send + Sync + 'static, E: Send + Sync + 'static> Clone for UseQueryReturn<T, E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static, E: Send + Sync + 'static> Copy for UseQueryReturn<T, E> {}

/// [`use_query_with_options`] with default options.
pub fn use_query<K, T, E, F, Fut>(key: impl Fn() -> K + 'static, fetcher: F) -> UseQueryReturn<T, E>
where
    K: ToQueryKey + Clone + 'static,
    T: QueryData + Send + Sync,
    E: QueryError + Send + Sync,
    F: Fn(K) -> Fut + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    use_query_with_options(key, fetcher, UseQueryOptions::default())
}

/// Observes the query of `key()` (reactive) in the provided client, fetching with `fetcher(key())`.
/// A key change moves to the new entry; unmounting unsubscribes, which cancels a fetch nobody else needs.
pub fn use_query_with_options<K, T, E, F, Fut>(
    key: impl Fn() -> K + 'static,
    fetcher: F,
    options: UseQueryOptions,
) -> UseQueryReturn<T, E>
where
    K: ToQueryKey + Clone + 'static,
    T: QueryData + Send + Sync,
    E: QueryError + Send + Sync,
    F: Fn(K) -> Fut + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    let client = use_query_client::<E>();
    let query_options = options.resolve(client.query_defaults());
    let signals = QuerySignals::<T, E>::new();
    let fetcher = Rc::new(fetcher);
    let current: Rc<RefCell<Option<Observed<T, E>>>> = Rc::default();

    let sync = {
        let current = Rc::clone(&current);
        move || {
            let params = key();
            let enabled = options.enabled.get();
            let query_key = params.to_query_key();
            let same_key = current
                .borrow()
                .as_ref()
                .map(|observed| observed.key == query_key);
            match same_key {
                Some(true) => current
                    .borrow_mut()
                    .as_mut()
                    .map_or((), |observed| observed.set_enabled(enabled)),
                _ => {
                    let fetcher = Rc::clone(&fetcher);
                    let subscription = client.observe(
                        &query_key,
                        move || fetcher(params.clone()),
                        query_options.enabled(enabled),
                        signals.listener(options.keep_previous_data),
                    );
                    let replaced = current.replace(Some(Observed {
                        key: query_key,
                        enabled,
                        subscription,
                    }));
                    drop(replaced);
                }
            }
        }
    };
    let sync = Rc::new(sync);
    untrack({
        let sync = Rc::clone(&sync);
        move || sync()
    });
    Effect::new(move || sync());

    let on_unmount = SendWrapper::new(Rc::clone(&current));
    on_cleanup(move || {
        let observed = on_unmount.borrow_mut().take();
        drop(observed);
    });

    let refetch = UnsyncCallback::new(move |()| {
        if let Some(observed) = current.borrow().as_ref() {
            observed.subscription.refetch();
        }
    });
    signals.into_return(refetch)
}

/// The entry a hook currently observes.
struct Observed<T: QueryData, E: QueryError> {
    key: QueryKey,
    enabled: bool,
    subscription: QuerySubscription<T, E>,
}

impl<T: QueryData, E: QueryError> Observed<T, E> {
    fn set_enabled(&mut self, enabled: bool) {
        if self.enabled != enabled {
            self.enabled = enabled;
            self.subscription.set_enabled(enabled);
        }
    }
}

/// The signals a query hook writes from cache notifications.
struct QuerySignals<T: Send + Sync + 'static, E: Send + Sync + 'static> {
    data: RwSignal<Option<T>>,
    error: RwSignal<Option<E>>,
    status: RwSignal<QueryStatus>,
    fetch_status: RwSignal<FetchStatus>,
}

impl<T: Send + Sync + 'static, E: Send + Sync + 'static> Clone for QuerySignals<T, E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static, E: Send + Sync + 'static> Copy for QuerySignals<T, E> {}

impl<T: QueryData + Send + Sync, E: QueryError + Send + Sync> QuerySignals<T, E> {
    fn new() -> Self {
        QuerySignals {
            data: RwSignal::new(None),
            error: RwSignal::new(None),
            status: RwSignal::new(QueryStatus::Pending),
            fetch_status: RwSignal::new(FetchStatus::Idle),
        }
    }

    /// A cache listener that writes only the signals whose value changed.
    fn listener(self, keep_previous_data: bool) -> impl Fn(&QueryState<T, E>) + 'static {
        let seen_revision = Cell::new(None);
        let seen_error = Cell::new(None);
        move |state| {
            if seen_revision.replace(Some(state.data_revision)) != Some(state.data_revision)
                && (state.data.is_some() || !keep_previous_data)
            {
                self.data.try_set(state.data.clone());
            }
            let error_stamp = Some((state.error.is_some(), state.error_updated_at));
            if seen_error.replace(error_stamp) != error_stamp {
                self.error.try_set(state.error.clone());
            }
            set_if_changed(self.status, state.status);
            set_if_changed(self.fetch_status, state.fetch_status);
        }
    }

    fn into_return(self, refetch: UnsyncCallback<()>) -> UseQueryReturn<T, E> {
        let QuerySignals {
            data,
            error,
            status,
            fetch_status,
        } = self;
        UseQueryReturn {
            data: data.into(),
            error: error.into(),
            status: status.into(),
            is_loading: Signal::derive(move || {
                status.get() == QueryStatus::Pending && fetch_status.get() != FetchStatus::Idle
            }),
            is_fetching: Signal::derive(move || fetch_status.get() != FetchStatus::Idle),
            refetch,
        }
    }
}

/// Writes `value` unless the signal already holds it (or is gone).
fn set_if_changed<V: PartialEq + Send + Sync + 'static>(signal: RwSignal<V>, value: V) {
    if signal.try_with_untracked(|current| *current != value) == Some(true) {
        signal.try_set(value);
    }
}
