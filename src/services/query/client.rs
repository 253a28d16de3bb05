//! The query client: a single-threaded cache of typed entries keyed by [`QueryKey`].

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, VecDeque};
use std::rc::{Rc, Weak};
use std::time::Duration;

use futures::channel::oneshot;

use super::clock::Clock;
use super::entry::{Entry, EntryId, EntryOps, Fetcher, QueryData, StateChange, TypedParts};
use super::error::QueryError;
use super::key::QueryKey;
use super::options::{MutationOptions, QueryOptions};
use super::reducer::{QueryAction, reduce};
use super::scheduler::Scheduler;
use super::snapshot::EntrySnapshot;
use super::state::QueryState;

/// The cache. Cloning is cheap and shares the cache; it never leaves the thread that made it.
pub struct QueryClient<E: 'static> {
    pub(super) shared: Rc<Shared<E>>,
}

impl<E: 'static> Clone for QueryClient<E> {
    fn clone(&self) -> Self {
        QueryClient {
            shared: Rc::clone(&self.shared),
        }
    }
}

/// A handle that does not keep the cache alive (held by timers and running fetches).
pub(super) struct WeakQueryClient<E: 'static>(Weak<Shared<E>>);

impl<E: 'static> Clone for WeakQueryClient<E> {
    fn clone(&self) -> Self {
        WeakQueryClient(Weak::clone(&self.0))
    }
}

impl<E: 'static> WeakQueryClient<E> {
    /// The client, if it still exists.
    pub fn upgrade(&self) -> Option<QueryClient<E>> {
        self.0.upgrade().map(|shared| QueryClient { shared })
    }
}

pub(super) struct Shared<E: 'static> {
    pub core: RefCell<Core<E>>,
    notifications: RefCell<VecDeque<Box<dyn FnOnce()>>>,
    notifying: Cell<bool>,
    pub clock: Rc<dyn Clock>,
    pub scheduler: Rc<dyn Scheduler>,
    pub query_defaults: QueryOptions,
    pub mutation_defaults: MutationOptions,
}

pub(super) struct Core<E: 'static> {
    pub entries: HashMap<EntryId, Entry<E>>,
    next_id: u64,
    pub hidden: bool,
    pub auth_waiters: Vec<oneshot::Sender<()>>,
}

impl<E: 'static> Core<E> {
    /// A fresh id for an observer or a fetch.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}

impl<E: QueryError> QueryClient<E> {
    /// A client with the guide's defaults, using `time` as clock and scheduler.
    pub fn new<R: Clock + Scheduler + 'static>(time: R) -> Self {
        Self::with_defaults(time, QueryOptions::default(), MutationOptions::default())
    }

    /// A client with its own defaults for queries and mutations.
    pub fn with_defaults<R: Clock + Scheduler + 'static>(
        time: R,
        query_defaults: QueryOptions,
        mutation_defaults: MutationOptions,
    ) -> Self {
        let time = Rc::new(time);
        QueryClient {
            shared: Rc::new(Shared {
                core: RefCell::new(Core {
                    entries: HashMap::new(),
                    next_id: 0,
                    hidden: false,
                    auth_waiters: Vec::new(),
                }),
                notifications: RefCell::new(VecDeque::new()),
                notifying: Cell::new(false),
                clock: time.clone(),
                scheduler: time,
                query_defaults,
                mutation_defaults,
            }),
        }
    }

    /// A client on the browser's clock and timers, with the guide's defaults.
    #[cfg(target_arch = "wasm32")]
    pub fn browser() -> Self {
        Self::new(super::browser_time::BrowserTime)
    }

    /// The client-wide query options (start here to override a few per query).
    pub fn query_defaults(&self) -> QueryOptions {
        self.shared.query_defaults
    }

    /// The client-wide mutation options.
    pub fn mutation_defaults(&self) -> MutationOptions {
        self.shared.mutation_defaults
    }

    /// The client's current time.
    pub fn now(&self) -> Duration {
        self.shared.clock.now()
    }

    /// The cached data of `key`, if any.
    pub fn get_query_data<T: QueryData>(&self, key: &QueryKey) -> Option<T> {
        self.get_query_state::<T>(key)
            .and_then(|state| state.data.clone())
    }

    /// The whole state of `key`, if the entry exists.
    pub fn get_query_state<T: QueryData>(&self, key: &QueryKey) -> Option<Rc<QueryState<T, E>>> {
        let mut core = self.shared.core.borrow_mut();
        let parts = core.entries.get_mut(&EntryId::of::<T>(key))?.parts::<T>()?;
        Some(Rc::clone(&parts.state))
    }

    /// Writes data by hand (creating the entry if needed); observers see it at once.
    pub fn set_query_data<T: QueryData>(&self, key: &QueryKey, data: T) {
        let id = self.ensure_entry::<T>(key, None, None);
        self.dispatch::<T>(&id, QueryAction::SetData { data });
        self.schedule_gc_if_unobserved(&id);
    }

    /// Replaces the data with `update(current)`; `None` from `update` leaves it as is. True when data was written.
    pub fn update_query_data<T: QueryData>(
        &self,
        key: &QueryKey,
        update: impl FnOnce(Option<&T>) -> Option<T>,
    ) -> bool {
        let current = self.get_query_state::<T>(key);
        match update(current.as_ref().and_then(|state| state.data.as_ref())) {
            Some(data) => {
                self.set_query_data(key, data);
                true
            }
            None => false,
        }
    }

    /// A snapshot of every entry (key, status, age, observers), sorted by key, for a devtools page.
    pub fn entries(&self) -> Vec<EntrySnapshot> {
        let now = self.now();
        let core = self.shared.core.borrow();
        let mut snapshots: Vec<EntrySnapshot> = core
            .entries
            .values()
            .map(|entry| EntrySnapshot::of(entry, now))
            .collect();
        snapshots.sort_by(|a, b| a.key.cmp(&b.key).then(a.type_name.cmp(b.type_name)));
        snapshots
    }

    /// Forgets everything (logout): fetches and timers stop, observed entries reset to empty, others go.
    pub fn clear(&self) {
        let mut cancelled = Vec::new();
        let mut removed = Vec::new();
        let mut observed = Vec::new();
        {
            let mut core = self.shared.core.borrow_mut();
            core.auth_waiters.clear();
            let ids: Vec<EntryId> = core.entries.keys().cloned().collect();
            for id in ids {
                let Some(entry) = core.entries.get_mut(&id) else {
                    continue;
                };
                entry.interval_timer = None;
                entry.gc_timer = None;
                cancelled.extend(entry.in_flight.take());
                if entry.observers.is_empty() {
                    removed.extend(core.entries.remove(&id));
                } else {
                    observed.push((id, entry.ops));
                }
            }
        }
        drop((cancelled, removed));
        for (id, ops) in observed {
            (ops.change)(self, &id, StateChange::Reset);
        }
    }

    /// A handle that does not keep the cache alive.
    pub(super) fn downgrade(&self) -> WeakQueryClient<E> {
        WeakQueryClient(Rc::downgrade(&self.shared))
    }

    /// The entry of `key` for type `T`, created if missing; installs `fetcher` and `options` when given.
    pub(super) fn ensure_entry<T: QueryData>(
        &self,
        key: &QueryKey,
        fetcher: Option<Fetcher<T, E>>,
        options: Option<QueryOptions>,
    ) -> EntryId {
        let id = EntryId::of::<T>(key);
        let mut core = self.shared.core.borrow_mut();
        let entry = core.entries.entry(id.clone()).or_insert_with(|| Entry {
            key: key.clone(),
            type_name: std::any::type_name::<T>(),
            stamp: QueryState::<T, E>::default().stamp(),
            options: options.unwrap_or(self.shared.query_defaults),
            observers: Vec::new(),
            in_flight: None,
            gc_timer: None,
            interval_timer: None,
            ops: EntryOps {
                start_fetch: Self::start_fetch::<T>,
                change: Self::change::<T>,
            },
            can_fetch: false,
            typed: Box::new(TypedParts::<T, E>::default()),
        });
        if let Some(options) = options {
            entry.options = options;
        }
        if let Some(fetcher) = fetcher {
            entry.can_fetch = true;
            if let Some(parts) = entry.parts::<T>() {
                parts.fetcher = Some(fetcher);
            }
        }
        id
    }

    /// Applies `action` through the reducer and notifies observers if anything observable changed.
    pub(super) fn dispatch<T: QueryData>(&self, id: &EntryId, action: QueryAction<T, E>) {
        let now = self.now();
        let notification = {
            let mut core = self.shared.core.borrow_mut();
            let Some(entry) = core.entries.get_mut(id) else {
                return;
            };
            let Some(parts) = entry.typed.downcast_mut::<TypedParts<T, E>>() else {
                return;
            };
            let state = Rc::make_mut(&mut parts.state);
            let before = state.stamp();
            *state = reduce(std::mem::take(state), action, now);
            let after = state.stamp();
            entry.stamp = after;
            if after == before {
                return;
            }
            (Rc::clone(&parts.state), Rc::clone(&parts.listeners))
        };
        let (state, listeners) = notification;
        self.notify(Box::new(move || {
            for (_, listener) in listeners.iter() {
                listener(&state);
            }
        }));
    }

    /// Runs `job` now, or after the notifications already running, so observers see states in order.
    pub(super) fn notify(&self, job: Box<dyn FnOnce()>) {
        self.shared.notifications.borrow_mut().push_back(job);
        if self.shared.notifying.replace(true) {
            return;
        }
        loop {
            let next = self.shared.notifications.borrow_mut().pop_front();
            match next {
                Some(job) => job(),
                None => break,
            }
        }
        self.shared.notifying.set(false);
    }

    /// Applies a type-free change to the entry of type `T`.
    fn change<T: QueryData>(&self, id: &EntryId, change: StateChange) {
        let action = match change {
            StateChange::Invalidate => QueryAction::Invalidate,
            StateChange::Cancel => QueryAction::Cancel,
            StateChange::Reset => QueryAction::Reset,
        };
        self.dispatch::<T>(id, action);
    }
}
