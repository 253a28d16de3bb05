//! `ErrorHandlerRegistry`: the guide's `ErrorHandler`. Handlers are registered per [`ErrorKind`]; the latest
//! registration for a kind wins until its guard is dropped; a kind without a handler falls back to `Unknown`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use super::kind::ErrorKind;
use crate::services::http::ApiError;
use crate::services::http::cancel::lock;

/// A handler for errors of one kind.
pub type ErrorHandler = Arc<dyn Fn(&ApiError) + Send + Sync>;

/// Handlers per kind; cloning shares them.
#[derive(Clone, Default)]
pub struct ErrorHandlerRegistry {
    inner: Arc<Mutex<Handlers>>,
}

#[derive(Default)]
struct Handlers {
    next_id: u64,
    by_kind: HashMap<ErrorKind, Vec<(u64, ErrorHandler)>>,
}

impl ErrorHandlerRegistry {
    /// A registry without handlers (see [`install_default_handlers`](super::install_default_handlers)).
    pub fn new() -> Self {
        ErrorHandlerRegistry::default()
    }

    /// Handles `kind` with `handler` until the guard is dropped (then the previous handler is back).
    #[must_use = "dropping the guard unregisters the handler at once"]
    pub fn register(
        &self,
        kind: ErrorKind,
        handler: impl Fn(&ApiError) + Send + Sync + 'static,
    ) -> HandlerGuard {
        let id = self.insert(kind, Arc::new(handler));
        HandlerGuard {
            registry: Arc::downgrade(&self.inner),
            kind,
            id,
        }
    }

    /// Handles `kind` with `handler` for the life of the registry.
    pub fn register_permanent(
        &self,
        kind: ErrorKind,
        handler: impl Fn(&ApiError) + Send + Sync + 'static,
    ) {
        self.insert(kind, Arc::new(handler));
    }

    /// Passes `error` to the latest handler of its kind, else to the `Unknown` handler; false when neither exists.
    pub fn handle(&self, error: &ApiError) -> bool {
        let kind = ErrorKind::of(error);
        let handler = {
            let handlers = lock(&self.inner);
            let latest = |k: ErrorKind| {
                handlers
                    .by_kind
                    .get(&k)
                    .and_then(|list| list.last())
                    .map(|(_, h)| h.clone())
            };
            latest(kind).or_else(|| latest(ErrorKind::Unknown))
        };
        match handler {
            Some(handler) => {
                handler(error);
                true
            }
            None => false,
        }
    }

    fn insert(&self, kind: ErrorKind, handler: ErrorHandler) -> u64 {
        let mut handlers = lock(&self.inner);
        handlers.next_id += 1;
        let id = handlers.next_id;
        handlers
            .by_kind
            .entry(kind)
            .or_default()
            .push((id, handler));
        id
    }
}

/// Keeps a handler registered; dropping it unregisters.
pub struct HandlerGuard {
    registry: Weak<Mutex<Handlers>>,
    kind: ErrorKind,
    id: u64,
}

impl Drop for HandlerGuard {
    fn drop(&mut self) {
        if let Some(inner) = self.registry.upgrade()
            && let Some(list) = lock(&inner).by_kind.get_mut(&self.kind)
        {
            list.retain(|(id, _)| *id != self.id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::RequestId;

    fn server_error() -> ApiError {
        ApiError::Server {
            request_id: RequestId::from("r"),
            status: 500,
            retry_after: None,
            message: None,
        }
    }

    fn recorder(
        log: &Arc<Mutex<Vec<String>>>,
        tag: &'static str,
    ) -> impl Fn(&ApiError) + Send + Sync + 'static {
        let log = log.clone();
        move |e: &ApiError| lock(&log).push(format!("{tag}:{}", e.request_id()))
    }

    #[test]
    fn latest_wins_until_its_guard_drops_then_fallback_to_unknown() {
        let registry = ErrorHandlerRegistry::new();
        let log = Arc::new(Mutex::new(Vec::new()));
        assert!(!registry.handle(&server_error()));
        registry.register_permanent(ErrorKind::Unknown, recorder(&log, "unknown"));
        registry.register_permanent(ErrorKind::Server, recorder(&log, "server"));
        let guard = registry.register(ErrorKind::Server, recorder(&log, "page"));
        registry.handle(&server_error());
        drop(guard);
        registry.handle(&server_error());
        registry.handle(&ApiError::Conflict {
            request_id: RequestId::from("c"),
            message: None,
        });
        assert_eq!(*lock(&log), vec!["page:r", "server:r", "unknown:c"]);
    }
}
