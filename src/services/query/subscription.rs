//! Observers: `subscribe`/`observe`, the guard that unsubscribes on drop, and refetch intervals.

use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;

use futures::FutureExt;
use futures::future::{AbortHandle, Abortable};

use super::client::{QueryClient, WeakQueryClient};
use super::entry::{EntryId, FetchStart, ObserverMeta, QueryData, TaskHandle};
use super::error::QueryError;
use super::fetching::boxed_fetcher;
use super::key::QueryKey;
use super::options::QueryOptions;
use super::state::QueryState;

impl<E: QueryError> QueryClient<E> {
    /// Observes `key` without fetching: `listener` gets the current state now and every change after.
    pub fn subscribe<T: QueryData>(
        &self,
        key: &QueryKey,
        listener: impl Fn(&QueryState<T, E>) + 'static,
    ) -> QuerySubscription<T, E> {
        let id = self.ensure_entry::<T>(key, None, None);
        self.add_observer(id, true, Rc::new(listener))
    }

    /// Observes `key` with a fetcher: fetches now if the data is stale (joining a running fetch),
    /// refetches on invalidation, events and the interval while enabled; a fetch it started is
    /// cancelled when its last observer leaves.
    pub fn observe<T, F, Fut>(
        &self,
        key: &QueryKey,
        fetcher: F,
        options: QueryOptions,
        listener: impl Fn(&QueryState<T, E>) + 'static,
    ) -> QuerySubscription<T, E>
    where
        T: QueryData,
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, E>> + 'static,
    {
        let id = self.ensure_entry::<T>(key, Some(boxed_fetcher(fetcher)), Some(options));
        let subscription = self.add_observer(id, options.enabled, Rc::new(listener));
        if options.enabled {
            self.fetch_if_stale::<T>(&subscription.id);
        }
        subscription
    }

    /// Refetches `key` now even if fresh (joining a running fetch), if it has a fetcher.
    pub fn refetch_query<T: QueryData>(&self, key: &QueryKey) {
        self.start_fetch::<T>(&EntryId::of::<T>(key), FetchStart::JOIN);
    }

    /// Starts a fetch when the entry's data is stale.
    pub(super) fn fetch_if_stale<T: QueryData>(&self, id: &EntryId) {
        let now = self.now();
        let stale = {
            let core = self.shared.core.borrow();
            core.entries
                .get(id)
                .is_some_and(|entry| entry.stamp.is_stale(entry.options.stale_time, now))
        };
        if stale {
            self.start_fetch::<T>(id, FetchStart::JOIN);
        }
    }

    fn add_observer<T: QueryData>(
        &self,
        id: EntryId,
        enabled: bool,
        listener: super::entry::Listener<T, E>,
    ) -> QuerySubscription<T, E> {
        let (observer_id, registered) = {
            let mut core = self.shared.core.borrow_mut();
            let observer_id = core.next_id();
            // The caller has just created the entry; were it missing, the subscription would observe nothing.
            let registered = core.entries.get_mut(&id).map(|entry| {
                entry.observers.push(ObserverMeta {
                    id: observer_id,
                    enabled,
                });
                let state = entry.parts::<T>().map(|parts| {
                    Rc::make_mut(&mut parts.listeners).push((observer_id, Rc::clone(&listener)));
                    Rc::clone(&parts.state)
                });
                (entry.gc_timer.take(), state)
            });
            (observer_id, registered)
        };
        let (cancelled_gc, state) = registered.unwrap_or((None, None));
        drop(cancelled_gc);
        if let Some(state) = state {
            self.notify(Box::new(move || listener(&state)));
        }
        self.update_interval(&id);
        QuerySubscription {
            client: self.downgrade(),
            id,
            observer_id,
            data: PhantomData,
        }
    }

    /// Starts, restarts or stops the entry's refetch interval to match its options, observers and visibility.
    pub(super) fn update_interval(&self, id: &EntryId) {
        let (period, ops) = {
            let mut core = self.shared.core.borrow_mut();
            let hidden = core.hidden;
            let Some(entry) = core.entries.get_mut(id) else {
                return;
            };
            let wanted = entry
                .options
                .refetch_interval
                .filter(|_| entry.is_active() && !hidden);
            let running = entry.interval_timer.as_ref().map(|(period, _)| *period);
            if wanted == running {
                return;
            }
            let stopped = entry.interval_timer.take();
            drop(stopped);
            match wanted {
                Some(period) => (period, entry.ops),
                None => return,
            }
        };
        let (abort, registration) = AbortHandle::new_pair();
        if let Some(entry) = self.shared.core.borrow_mut().entries.get_mut(id) {
            entry.interval_timer = Some((period, TaskHandle(abort)));
        }
        let (client, id) = (self.downgrade(), id.clone());
        let task = async move {
            loop {
                let Some(sleep) = client
                    .upgrade()
                    .map(|client| client.shared.scheduler.sleep(period))
                else {
                    return;
                };
                sleep.await;
                let Some(client) = client.upgrade() else {
                    return;
                };
                (ops.start_fetch)(&client, &id, FetchStart::JOIN);
            }
        };
        self.shared
            .scheduler
            .spawn(Box::pin(Abortable::new(task, registration).map(drop)));
    }

    /// Drops an observer: with none left, an unawaited fetch it started is cancelled and removal is scheduled.
    fn remove_observer<T: QueryData>(&self, id: &EntryId, observer_id: u64) {
        let (cancelled, ops) = {
            let mut core = self.shared.core.borrow_mut();
            let Some(entry) = core.entries.get_mut(id) else {
                return;
            };
            entry
                .observers
                .retain(|observer| observer.id != observer_id);
            if let Some(parts) = entry.parts::<T>() {
                Rc::make_mut(&mut parts.listeners)
                    .retain(|(listener_id, _)| *listener_id != observer_id);
            }
            let abandoned = entry.observers.is_empty()
                && entry
                    .in_flight
                    .as_ref()
                    .is_some_and(|running| !running.keep_unobserved && running.waiter_count == 0);
            (
                if abandoned {
                    entry.in_flight.take()
                } else {
                    None
                },
                entry.ops,
            )
        };
        if let Some(in_flight) = cancelled {
            drop(in_flight);
            (ops.change)(self, id, super::entry::StateChange::Cancel);
        }
        self.update_interval(id);
        self.schedule_gc_if_unobserved(id);
    }

    fn set_observer_enabled<T: QueryData>(&self, id: &EntryId, observer_id: u64, enabled: bool) {
        {
            let mut core = self.shared.core.borrow_mut();
            let Some(entry) = core.entries.get_mut(id) else {
                return;
            };
            for observer in entry
                .observers
                .iter_mut()
                .filter(|observer| observer.id == observer_id)
            {
                observer.enabled = enabled;
            }
        }
        self.update_interval(id);
        if enabled {
            self.fetch_if_stale::<T>(id);
        }
    }
}

/// An observer's registration; dropping it unsubscribes.
pub struct QuerySubscription<T: QueryData, E: QueryError> {
    client: WeakQueryClient<E>,
    id: EntryId,
    observer_id: u64,
    data: PhantomData<T>,
}

impl<T: QueryData, E: QueryError> QuerySubscription<T, E> {
    /// The observed key.
    pub fn key(&self) -> &QueryKey {
        &self.id.key
    }

    /// Enables or disables fetching for this observer; enabling fetches stale data.
    pub fn set_enabled(&self, enabled: bool) {
        if let Some(client) = self.client.upgrade() {
            client.set_observer_enabled::<T>(&self.id, self.observer_id, enabled);
        }
    }

    /// Refetches now (joining a running fetch).
    pub fn refetch(&self) {
        if let Some(client) = self.client.upgrade() {
            client.refetch_query::<T>(&self.id.key);
        }
    }
}

impl<T: QueryData, E: QueryError> Drop for QuerySubscription<T, E> {
    fn drop(&mut self) {
        if let Some(client) = self.client.upgrade() {
            client.remove_observer::<T>(&self.id, self.observer_id);
        }
    }
}
