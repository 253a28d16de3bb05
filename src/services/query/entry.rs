//! One cache entry: its type-free bookkeeping plus its typed state, fetcher and listeners.

use std::any::{Any, TypeId};
use std::rc::Rc;
use std::time::Duration;

use futures::channel::oneshot;
use futures::future::{AbortHandle, LocalBoxFuture};

use super::client::QueryClient;
use super::error::FetchError;
use super::key::QueryKey;
use super::options::QueryOptions;
use super::state::{QueryState, StateStamp};

/// Data a query can cache: cloned out to callers, compared to skip unchanged refetches.
pub trait QueryData: Clone + PartialEq + 'static {}
impl<T: Clone + PartialEq + 'static> QueryData for T {}

/// A stored fetcher: each call starts one attempt.
pub(super) type Fetcher<T, E> = Rc<dyn Fn() -> LocalBoxFuture<'static, Result<T, E>>>;

/// A stored observer callback.
pub(super) type Listener<T, E> = Rc<dyn Fn(&QueryState<T, E>)>;

/// A `fetch_query` caller waiting for the running fetch.
pub(super) type Waiter<T, E> = oneshot::Sender<Result<T, FetchError<E>>>;

/// Entries are told apart by key and data type, so one key used with two types never collides.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(super) struct EntryId {
    pub key: QueryKey,
    pub data_type: TypeId,
}

impl EntryId {
    /// The id of `key` holding data of type `T`.
    pub fn of<T: 'static>(key: &QueryKey) -> Self {
        EntryId {
            key: key.clone(),
            data_type: TypeId::of::<T>(),
        }
    }
}

/// A spawned task aborted when its handle is dropped.
pub(super) struct TaskHandle(pub AbortHandle);

impl Drop for TaskHandle {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// The running fetch of an entry; dropping it aborts the task and tells its waiters "cancelled".
pub(super) struct InFlight {
    pub fetch_id: u64,
    /// Aborts the task when dropped.
    pub _task: TaskHandle,
    /// Keep running when the last observer leaves (started by `prefetch_query`/`fetch_query`).
    pub keep_unobserved: bool,
    /// `Vec<Waiter<T, E>>` of the entry's types.
    pub waiters: Box<dyn Any>,
    pub waiter_count: usize,
}

impl InFlight {
    /// Moves the waiters out (to a replacing fetch, or to receive the result).
    pub fn take_waiters<T: 'static, E: 'static>(&mut self) -> Vec<Waiter<T, E>> {
        self.waiter_count = 0;
        self.waiters
            .downcast_mut::<Vec<Waiter<T, E>>>()
            .map(std::mem::take)
            .unwrap_or_default()
    }
}

/// An observer of an entry; disabled observers keep data alive but never trigger fetches.
pub(super) struct ObserverMeta {
    pub id: u64,
    pub enabled: bool,
}

/// A type-free state change, applied through the entry's typed reducer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum StateChange {
    Invalidate,
    Cancel,
    Reset,
}

/// How to start a fetch for an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct FetchStart {
    /// Cancel a running fetch and start over (its waiters move to the new one); otherwise join it.
    pub restart: bool,
    /// The fetch survives its last observer leaving.
    pub keep_unobserved: bool,
}

impl FetchStart {
    /// Join a running fetch; started for observers.
    pub const JOIN: FetchStart = FetchStart {
        restart: false,
        keep_unobserved: false,
    };
    /// Join a running fetch; started for a caller that is not an observer.
    pub const JOIN_UNOBSERVED: FetchStart = FetchStart {
        restart: false,
        keep_unobserved: true,
    };
    /// Replace a running fetch.
    pub const RESTART: FetchStart = FetchStart {
        restart: true,
        keep_unobserved: false,
    };
}

/// The typed operations a type-free caller (prefix operations, events, timers) may run on an entry.
pub(super) struct EntryOps<E: 'static> {
    pub start_fetch: fn(&QueryClient<E>, &EntryId, FetchStart),
    pub change: fn(&QueryClient<E>, &EntryId, StateChange),
}

impl<E: 'static> Clone for EntryOps<E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<E: 'static> Copy for EntryOps<E> {}

/// The typed half of an entry.
pub(super) struct TypedParts<T, E> {
    pub state: Rc<QueryState<T, E>>,
    pub fetcher: Option<Fetcher<T, E>>,
    pub listeners: Rc<Vec<(u64, Listener<T, E>)>>,
}

impl<T, E> Default for TypedParts<T, E> {
    fn default() -> Self {
        TypedParts {
            state: Rc::new(QueryState::default()),
            fetcher: None,
            listeners: Rc::new(Vec::new()),
        }
    }
}

/// One cache entry.
pub(super) struct Entry<E: 'static> {
    pub key: QueryKey,
    pub type_name: &'static str,
    pub stamp: StateStamp,
    pub options: QueryOptions,
    pub observers: Vec<ObserverMeta>,
    pub in_flight: Option<InFlight>,
    pub gc_timer: Option<TaskHandle>,
    pub interval_timer: Option<(Duration, TaskHandle)>,
    pub ops: EntryOps<E>,
    /// A fetcher is installed.
    pub can_fetch: bool,
    /// `TypedParts<T, E>` of the entry's types.
    pub typed: Box<dyn Any>,
}

impl<E: 'static> Entry<E> {
    /// True when some enabled observer watches the entry and it knows how to fetch.
    pub fn is_active(&self) -> bool {
        self.can_fetch && self.observers.iter().any(|observer| observer.enabled)
    }

    /// The typed half, when the types match.
    pub fn parts<T: 'static>(&mut self) -> Option<&mut TypedParts<T, E>> {
        self.typed.downcast_mut::<TypedParts<T, E>>()
    }
}
