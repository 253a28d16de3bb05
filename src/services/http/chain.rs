//! The interceptor chain: ordered `Interceptor` trait objects, each handling a request and calling `next`
//! (or not: any interceptor may short-circuit). Interceptors are added and removed at run time; a request
//! runs on the chain as it was when the request started.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use async_trait::async_trait;

use super::cancel::lock;
use super::error::ApiError;
use super::request::Request;
use super::response::Response;
use super::url::join_url;

/// One link of the chain.
#[async_trait(?Send)]
pub trait Interceptor: Send + Sync {
    /// A stable name, used to find, insert next to, or remove this interceptor.
    fn name(&self) -> &str;
    /// Handles `request`, usually by calling `next.run(request)` once or more.
    async fn handle(&self, request: Request, next: Next<'_>) -> Result<Response, ApiError>;
}

/// The end of the chain: one timed attempt on the transport.
#[async_trait(?Send)]
pub(crate) trait Endpoint {
    /// Sends one attempt.
    async fn attempt(&self, request: Request) -> Result<Response, ApiError>;
    /// The client's base URL.
    fn base_url(&self) -> &str;
}

/// The rest of the chain after the current interceptor. `Copy`: call it again to retry or replay.
#[derive(Clone, Copy)]
pub struct Next<'a> {
    rest: &'a [Entry],
    endpoint: &'a dyn Endpoint,
}

impl<'a> Next<'a> {
    pub(crate) fn new(entries: &'a [Entry], endpoint: &'a dyn Endpoint) -> Self {
        Next {
            rest: entries,
            endpoint,
        }
    }

    /// Passes `request` to the next interceptor, or to the transport at the end.
    pub async fn run(self, request: Request) -> Result<Response, ApiError> {
        match self.rest.split_first() {
            Some((first, rest)) => {
                first
                    .interceptor
                    .handle(
                        request,
                        Next {
                            rest,
                            endpoint: self.endpoint,
                        },
                    )
                    .await
            }
            None => self.endpoint.attempt(request).await,
        }
    }

    /// The client's base URL.
    pub fn base_url(&self) -> &str {
        self.endpoint.base_url()
    }

    /// The full URL `request` will be sent to (base URL, path and query).
    pub fn url_of(&self, request: &Request) -> String {
        join_url(self.base_url(), &request.path, &request.query)
    }
}

/// Identifies an interceptor added to a chain, for removal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InterceptorId(u64);

#[derive(Clone)]
pub(crate) struct Entry {
    id: InterceptorId,
    interceptor: Arc<dyn Interceptor>,
}

/// An ordered, shareable list of interceptors (copy-on-write: a running request keeps its snapshot).
pub struct Chain {
    entries: Mutex<Arc<[Entry]>>,
    next_id: AtomicU64,
}

impl Chain {
    /// An empty chain (requests go straight to the transport).
    pub fn new() -> Self {
        Chain {
            entries: Mutex::new(Arc::from(Vec::new())),
            next_id: AtomicU64::new(1),
        }
    }

    /// Adds `interceptor` last (closest to the transport).
    pub fn push(&self, interceptor: Arc<dyn Interceptor>) -> InterceptorId {
        self.insert_at(interceptor, |entries| entries.len())
    }

    /// Adds `interceptor` first (outermost).
    pub fn push_front(&self, interceptor: Arc<dyn Interceptor>) -> InterceptorId {
        self.insert_at(interceptor, |_| 0)
    }

    /// Adds `interceptor` just before the one named `name` (last when there is none).
    pub fn insert_before(&self, name: &str, interceptor: Arc<dyn Interceptor>) -> InterceptorId {
        self.insert_at(interceptor, |entries| {
            position_of(entries, name).unwrap_or(entries.len())
        })
    }

    /// Adds `interceptor` just after the one named `name` (last when there is none).
    pub fn insert_after(&self, name: &str, interceptor: Arc<dyn Interceptor>) -> InterceptorId {
        self.insert_at(interceptor, |entries| {
            position_of(entries, name).map_or(entries.len(), |i| i + 1)
        })
    }

    /// Removes the interceptor added under `id`; false when it is not there.
    pub fn remove(&self, id: InterceptorId) -> bool {
        self.retain(|entry| entry.id != id)
    }

    /// Removes every interceptor named `name`; false when there was none.
    pub fn remove_named(&self, name: &str) -> bool {
        self.retain(|entry| entry.interceptor.name() != name)
    }

    /// The names in order, outermost first.
    pub fn names(&self) -> Vec<String> {
        self.snapshot()
            .iter()
            .map(|e| e.interceptor.name().to_owned())
            .collect()
    }

    /// The chain as it is now.
    pub(crate) fn snapshot(&self) -> Arc<[Entry]> {
        lock(&self.entries).clone()
    }

    fn insert_at(
        &self,
        interceptor: Arc<dyn Interceptor>,
        index: impl FnOnce(&[Entry]) -> usize,
    ) -> InterceptorId {
        let id = InterceptorId(self.next_id.fetch_add(1, Ordering::Relaxed));
        let mut entries = lock(&self.entries);
        let mut list = entries.to_vec();
        list.insert(index(&list), Entry { id, interceptor });
        *entries = list.into();
        id
    }

    fn retain(&self, keep: impl Fn(&Entry) -> bool) -> bool {
        let mut entries = lock(&self.entries);
        let list: Vec<Entry> = entries.iter().filter(|e| keep(e)).cloned().collect();
        let removed = list.len() != entries.len();
        *entries = list.into();
        removed
    }
}

impl Default for Chain {
    fn default() -> Self {
        Chain::new()
    }
}

/// Index of the first interceptor named `name`.
fn position_of(entries: &[Entry], name: &str) -> Option<usize> {
    entries.iter().position(|e| e.interceptor.name() == name)
}
