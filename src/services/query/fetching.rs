//! Fetching: `fetch_query`, `prefetch_query`, de-duplication of running fetches, retries, cancellation.

use std::future::Future;
use std::marker::PhantomData;
use std::rc::Rc;
use std::time::Duration;

use futures::FutureExt;
use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable, LocalBoxFuture, select};

use super::client::{QueryClient, WeakQueryClient};
use super::entry::{
    EntryId, FetchStart, Fetcher, InFlight, QueryData, StateChange, TaskHandle, Waiter,
};
use super::error::{FetchError, QueryError};
use super::key::QueryKey;
use super::options::QueryOptions;
use super::reducer::QueryAction;
use super::retry::{AUTH_REFRESH_TIMEOUT, RetryPolicy};
use super::retryer::{RetryHost, retrying};

/// Boxes a fetcher closure into the form entries store.
pub(super) fn boxed_fetcher<T, E, F, Fut>(fetcher: F) -> Fetcher<T, E>
where
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    Rc::new(move || fetcher().boxed_local())
}

impl<E: QueryError> QueryClient<E> {
    /// The data of `key`: cached if fresh, else from a fetch (joined if one runs), with the client's defaults.
    pub fn fetch_query<T, F, Fut>(
        &self,
        key: &QueryKey,
        fetcher: F,
    ) -> LocalBoxFuture<'static, Result<T, FetchError<E>>>
    where
        T: QueryData,
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, E>> + 'static,
    {
        self.fetch_query_with_options(key, fetcher, self.query_defaults())
    }

    /// [`fetch_query`](Self::fetch_query) with per-query options.
    pub fn fetch_query_with_options<T, F, Fut>(
        &self,
        key: &QueryKey,
        fetcher: F,
        options: QueryOptions,
    ) -> LocalBoxFuture<'static, Result<T, FetchError<E>>>
    where
        T: QueryData,
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, E>> + 'static,
    {
        let id = self.ensure_entry::<T>(key, Some(boxed_fetcher(fetcher)), Some(options));
        self.schedule_gc_if_unobserved(&id);
        if let Some(data) = self.fresh_data::<T>(&id) {
            return Box::pin(async move { Ok(data) });
        }
        self.start_fetch::<T>(&id, FetchStart::JOIN_UNOBSERVED);
        let waiting = self.add_waiter::<T>(&id);
        Box::pin(async move {
            match waiting {
                Some(result) => result.await.unwrap_or(Err(FetchError::Cancelled)),
                None => Err(FetchError::Cancelled),
            }
        })
    }

    /// Warms the cache for `key` unless its data is fresh; nobody waits for the result.
    pub fn prefetch_query<T, F, Fut>(&self, key: &QueryKey, fetcher: F, options: QueryOptions)
    where
        T: QueryData,
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, E>> + 'static,
    {
        let id = self.ensure_entry::<T>(key, Some(boxed_fetcher(fetcher)), Some(options));
        self.schedule_gc_if_unobserved(&id);
        if self.fresh_data::<T>(&id).is_none() {
            self.start_fetch::<T>(&id, FetchStart::JOIN_UNOBSERVED);
        }
    }

    /// Cancels the running fetches of every key starting with `prefix`; their state returns to before the fetch.
    /// Returns how many were cancelled.
    pub fn cancel_queries(&self, prefix: &QueryKey) -> usize {
        let cancelled: Vec<_> = {
            let mut core = self.shared.core.borrow_mut();
            core.entries
                .iter_mut()
                .filter(|(id, entry)| id.key.starts_with(prefix) && entry.in_flight.is_some())
                .map(|(id, entry)| (id.clone(), entry.ops, entry.in_flight.take()))
                .collect()
        };
        let count = cancelled.len();
        for (id, ops, in_flight) in cancelled {
            drop(in_flight);
            (ops.change)(self, &id, StateChange::Cancel);
        }
        count
    }

    /// Marks every key starting with `prefix` stale and refetches the active ones (replacing running fetches).
    /// Returns how many entries were invalidated.
    pub fn invalidate_queries(&self, prefix: &QueryKey) -> usize {
        let matching: Vec<_> = {
            let core = self.shared.core.borrow();
            core.entries
                .iter()
                .filter(|(id, _)| id.key.starts_with(prefix))
                .map(|(id, entry)| (id.clone(), entry.ops, entry.is_active()))
                .collect()
        };
        for (id, ops, active) in &matching {
            (ops.change)(self, id, StateChange::Invalidate);
            if *active {
                (ops.start_fetch)(self, id, FetchStart::RESTART);
            }
        }
        matching.len()
    }

    /// Tells parked fetches that the token refresh finished: they retry now.
    pub fn on_auth_refreshed(&self) {
        let waiters = std::mem::take(&mut self.shared.core.borrow_mut().auth_waiters);
        for waiter in waiters {
            let _ = waiter.send(());
        }
    }

    /// The data of the entry if it is fresh under the entry's options.
    pub(super) fn fresh_data<T: QueryData>(&self, id: &EntryId) -> Option<T> {
        let now = self.now();
        let mut core = self.shared.core.borrow_mut();
        let entry = core.entries.get_mut(id)?;
        if entry.stamp.is_stale(entry.options.stale_time, now) {
            return None;
        }
        entry.parts::<T>()?.state.data.clone()
    }

    /// Starts a fetch for the entry with its stored fetcher, or joins (or restarts) the running one.
    pub(super) fn start_fetch<T: QueryData>(&self, id: &EntryId, how: FetchStart) {
        let (fetcher, policy, fetch_id, registration, replaced) = {
            let mut core = self.shared.core.borrow_mut();
            let fetch_id = core.next_id();
            let Some(entry) = core.entries.get_mut(id) else {
                return;
            };
            if let Some(running) = entry.in_flight.as_mut().filter(|_| !how.restart) {
                running.keep_unobserved |= how.keep_unobserved;
                return;
            }
            let Some(fetcher) = entry.parts::<T>().and_then(|parts| parts.fetcher.clone()) else {
                return;
            };
            let mut replaced = entry.in_flight.take();
            let kept = replaced.as_ref().is_some_and(|old| old.keep_unobserved);
            let waiters = replaced
                .as_mut()
                .map(InFlight::take_waiters::<T, E>)
                .unwrap_or_default();
            let (abort, registration) = AbortHandle::new_pair();
            entry.in_flight = Some(InFlight {
                fetch_id,
                _task: TaskHandle(abort),
                keep_unobserved: kept || how.keep_unobserved,
                waiter_count: waiters.len(),
                waiters: Box::new(waiters),
            });
            (
                fetcher,
                entry.options.retry_policy(),
                fetch_id,
                registration,
                replaced,
            )
        };
        drop(replaced);
        self.dispatch::<T>(id, QueryAction::Fetch);
        let task = fetch_task::<T, E>(self.downgrade(), id.clone(), fetcher, policy, fetch_id);
        self.shared
            .scheduler
            .spawn(Box::pin(Abortable::new(task, registration).map(drop)));
    }

    /// Registers a `fetch_query` caller on the running fetch.
    fn add_waiter<T: QueryData>(
        &self,
        id: &EntryId,
    ) -> Option<oneshot::Receiver<Result<T, FetchError<E>>>> {
        let mut core = self.shared.core.borrow_mut();
        let in_flight = core.entries.get_mut(id)?.in_flight.as_mut()?;
        let waiters = in_flight.waiters.downcast_mut::<Vec<Waiter<T, E>>>()?;
        let (sender, receiver) = oneshot::channel();
        waiters.push(sender);
        in_flight.waiter_count += 1;
        Some(receiver)
    }

    /// Settles fetch `fetch_id` of the entry, unless it was replaced meanwhile.
    fn finish_fetch<T: QueryData>(&self, id: &EntryId, fetch_id: u64, result: Result<T, E>) {
        let Some(mut in_flight) = self.take_in_flight(id, fetch_id) else {
            return;
        };
        let waiters = in_flight.take_waiters::<T, E>();
        match &result {
            Ok(data) => self.dispatch::<T>(id, QueryAction::Success { data: data.clone() }),
            Err(error) => self.dispatch::<T>(
                id,
                QueryAction::Error {
                    error: error.clone(),
                },
            ),
        }
        let result = result.map_err(FetchError::Failed);
        for waiter in waiters {
            let _ = waiter.send(result.clone());
        }
    }

    /// Removes the running fetch if it is `fetch_id`.
    fn take_in_flight(&self, id: &EntryId, fetch_id: u64) -> Option<InFlight> {
        let mut core = self.shared.core.borrow_mut();
        let entry = core.entries.get_mut(id)?;
        if entry.in_flight.as_ref()?.fetch_id != fetch_id {
            return None;
        }
        entry.in_flight.take()
    }

    /// Applies `action` only while fetch `fetch_id` is the entry's running fetch.
    fn dispatch_for_fetch<T: QueryData>(
        &self,
        id: &EntryId,
        fetch_id: u64,
        action: QueryAction<T, E>,
    ) {
        let current = {
            let core = self.shared.core.borrow();
            core.entries
                .get(id)
                .and_then(|entry| entry.in_flight.as_ref())
                .map(|running| running.fetch_id)
        };
        if current == Some(fetch_id) {
            self.dispatch::<T>(id, action);
        }
    }

    /// A future that completes when the token refresh finishes or after [`AUTH_REFRESH_TIMEOUT`].
    pub(super) fn auth_refreshed(&self) -> LocalBoxFuture<'static, ()> {
        let (sender, receiver) = oneshot::channel();
        self.shared.core.borrow_mut().auth_waiters.push(sender);
        let timeout = self.shared.scheduler.sleep(AUTH_REFRESH_TIMEOUT);
        Box::pin(select(receiver, timeout).map(drop))
    }

    /// Schedules the entry's removal after its `gc_time` if nobody observes it and no removal is scheduled.
    pub(super) fn schedule_gc_if_unobserved(&self, id: &EntryId) {
        let gc_time = {
            let core = self.shared.core.borrow();
            match core.entries.get(id) {
                Some(entry) if entry.observers.is_empty() && entry.gc_timer.is_none() => {
                    entry.options.gc_time
                }
                _ => return,
            }
        };
        self.schedule_gc(id, gc_time);
    }

    /// Schedules the entry's removal after `gc_time`.
    fn schedule_gc(&self, id: &EntryId, gc_time: Duration) {
        let (abort, registration) = AbortHandle::new_pair();
        if let Some(entry) = self.shared.core.borrow_mut().entries.get_mut(id) {
            entry.gc_timer = Some(TaskHandle(abort));
        }
        let (client, id) = (self.downgrade(), id.clone());
        let sleep = self.shared.scheduler.sleep(gc_time);
        let task = async move {
            sleep.await;
            if let Some(client) = client.upgrade() {
                client.collect(&id);
            }
        };
        self.shared
            .scheduler
            .spawn(Box::pin(Abortable::new(task, registration).map(drop)));
    }

    /// Removes the entry if it is still unobserved; one with a running fetch gets another `gc_time`.
    fn collect(&self, id: &EntryId) {
        let removed = {
            let mut core = self.shared.core.borrow_mut();
            let Some(entry) = core.entries.get_mut(id) else {
                return;
            };
            if !entry.observers.is_empty() {
                return;
            }
            // This very task is the timer; aborting it as it ends is harmless.
            entry.gc_timer = None;
            if entry.in_flight.is_some() {
                let gc_time = entry.options.gc_time;
                drop(core);
                self.schedule_gc(id, gc_time);
                return;
            }
            core.entries.remove(id)
        };
        drop(removed);
    }
}

/// The task of one fetch: retries per the policy, then settles the entry.
async fn fetch_task<T: QueryData, E: QueryError>(
    client: WeakQueryClient<E>,
    id: EntryId,
    fetcher: Fetcher<T, E>,
    policy: RetryPolicy,
    fetch_id: u64,
) {
    let host = FetchRetryHost::<T, E> {
        client: client.clone(),
        id: id.clone(),
        fetch_id,
        data: PhantomData,
    };
    let result = retrying(|| fetcher(), policy, &host).await;
    if let Some(client) = client.upgrade() {
        client.finish_fetch::<T>(&id, fetch_id, result);
    }
}

/// Reports a fetch's retries into its entry's state.
struct FetchRetryHost<T, E: 'static> {
    client: WeakQueryClient<E>,
    id: EntryId,
    fetch_id: u64,
    data: PhantomData<T>,
}

impl<T: QueryData, E: QueryError> RetryHost<E> for FetchRetryHost<T, E> {
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        match self.client.upgrade() {
            Some(client) => client.shared.scheduler.sleep(duration),
            None => Box::pin(futures::future::pending()),
        }
    }

    fn auth_refreshed(&self) -> LocalBoxFuture<'static, ()> {
        match self.client.upgrade() {
            Some(client) => client.auth_refreshed(),
            None => Box::pin(futures::future::pending()),
        }
    }

    fn attempt_failed(&self, error: &E) {
        self.report(QueryAction::Failed {
            error: error.clone(),
        });
    }

    fn paused(&self) {
        self.report(QueryAction::Pause);
    }

    fn resumed(&self) {
        self.report(QueryAction::Continue);
    }
}

impl<T: QueryData, E: QueryError> FetchRetryHost<T, E> {
    fn report(&self, action: QueryAction<T, E>) {
        if let Some(client) = self.client.upgrade() {
            client.dispatch_for_fetch::<T>(&self.id, self.fetch_id, action);
        }
    }
}
