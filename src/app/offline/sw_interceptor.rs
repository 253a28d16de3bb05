//! The app's side of the service-worker contract, as an interceptor at the front of the API chain: it tells
//! the worker whose cache may answer (`X-SW-Subject`), which private routes may be stored (`X-SW-Cache:
//! allow`) and when to ask the network first (`refresh`); it reads `X-SW-Cached-At` from the answers and
//! network failures into the [`OfflineStore`]. The HTTP layer itself knows nothing of this.

use std::sync::Arc;

use async_trait::async_trait;

use super::offline_store::OfflineStore;
use crate::services::http::{ApiError, Interceptor, Method, Next, PathPattern, Request, Response};

/// Request header: the signed-in subject whose cache may answer.
pub const SUBJECT_HEADER: &str = "x-sw-subject";
/// Request header: `allow` (private answers may be stored) and/or `refresh` (network first).
pub const CACHE_HEADER: &str = "x-sw-cache";
/// Response header: when the worker stored the copy it answered with (ms since the epoch).
pub const CACHED_AT_HEADER: &str = "x-sw-cached-at";
/// Routes (under the API base) whose `private, no-cache` answers the worker may store and show offline.
pub const OFFLINE_ROUTES: [&str; 3] = ["/accounts", "/accounts/{id}", "/accounts/{id}/balance"];

/// Who is signed in, when a service worker controls the page (else `None`: no headers are sent).
pub type SubjectSource = Arc<dyn Fn() -> Option<String> + Send + Sync>;
/// The path of the page being shown.
pub type PageSource = Arc<dyn Fn() -> String + Send + Sync>;

/// Adds the worker's request headers and records where answers came from.
pub struct ServiceWorkerInterceptor {
    store: OfflineStore,
    subject: SubjectSource,
    page: PageSource,
    origin: String,
    routes: Vec<PathPattern>,
}

impl ServiceWorkerInterceptor {
    /// An interceptor writing to `store`; `origin` is the page's (stripped from keys, as the worker does).
    pub fn new(
        store: OfflineStore,
        subject: SubjectSource,
        page: PageSource,
        origin: impl Into<String>,
    ) -> Self {
        ServiceWorkerInterceptor {
            store,
            subject,
            page,
            origin: origin.into(),
            routes: OFFLINE_ROUTES.into_iter().map(PathPattern::from).collect(),
        }
    }

    /// The worker's key of a request: path and query on the page's origin, else the full URL.
    fn key_of(&self, next: &Next<'_>, request: &Request) -> String {
        let url = next.url_of(request);
        match url.strip_prefix(&self.origin) {
            Some(path) if path.starts_with('/') => path.to_owned(),
            _ => url,
        }
    }

    /// The `X-SW-Cache` tokens for `request`, if any.
    fn cache_wishes(&self, request: &Request, key: &str) -> Option<String> {
        let allow = self.routes.iter().any(|route| route.matches(&request.path));
        let refresh = self.store.update(|state| state.take_refresh(key));
        let tokens: Vec<&str> = [(allow, "allow"), (refresh, "refresh")]
            .into_iter()
            .filter_map(|(on, token)| on.then_some(token))
            .collect();
        (!tokens.is_empty()).then(|| tokens.join(", "))
    }

    /// Records what the answer says about the cache and the network.
    fn observe(&self, key: &str, outcome: &Result<Response, ApiError>) {
        match outcome {
            Ok(response) => match response
                .header(CACHED_AT_HEADER)
                .and_then(|v| v.parse().ok())
            {
                Some(cached_at) => {
                    let page = (self.page)();
                    self.store
                        .update(|state| state.served_from_cache(key, cached_at, &page));
                }
                None => self.store.update(|state| state.served_by_network(key)),
            },
            Err(ApiError::Network { .. }) => self.store.update(|state| state.network_failed()),
            Err(_) => {}
        }
    }
}

#[async_trait(?Send)]
impl Interceptor for ServiceWorkerInterceptor {
    fn name(&self) -> &str {
        "service-worker"
    }

    async fn handle(&self, mut request: Request, next: Next<'_>) -> Result<Response, ApiError> {
        let key = self.key_of(&next, &request);
        if request.method == Method::Get {
            if let Some(subject) = (self.subject)() {
                request.headers.set(SUBJECT_HEADER, subject);
                if let Some(wishes) = self.cache_wishes(&request, &key) {
                    request.headers.set(CACHE_HEADER, wishes);
                }
            }
        }
        let outcome = next.run(request).await;
        self.observe(&key, &outcome);
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::{MockReply, RetryMode};
    use crate::services::test_support::{Fixture, fixture, json_reply};

    fn install(f: &Fixture, subject: Option<&str>) -> OfflineStore {
        let store = OfflineStore::new(|| {});
        let subject = subject.map(str::to_owned);
        f.client
            .chain()
            .push_front(Arc::new(ServiceWorkerInterceptor::new(
                store.clone(),
                Arc::new(move || subject.clone()),
                Arc::new(|| "/".to_owned()),
                "http://bank.test",
            )));
        store
    }

    fn get(f: &Fixture, path: &str) -> Result<Response, ApiError> {
        let request = Request::get(path)
            .with_options(crate::services::http::RequestOptions::new().retry(RetryMode::Off));
        f.run(f.client.send_raw(request))
    }

    #[test]
    fn sends_the_subject_and_opts_in_only_the_account_routes() {
        let f = fixture();
        install(&f, Some("alice"));
        f.mock.get("/api/accounts", |_| json_reply(200, "{}"));
        f.mock
            .get("/api/accounts/1/balance", |_| json_reply(200, "{}"));
        f.mock
            .get("/api/accounts/1/transactions", |_| json_reply(200, "{}"));
        for path in [
            "/accounts",
            "/accounts/1/balance",
            "/accounts/1/transactions",
        ] {
            get(&f, path).unwrap();
        }
        let calls = f.mock.calls();
        let header = |i: usize, name: &str| calls[i].request.headers.get(name).map(str::to_owned);
        assert_eq!(header(0, SUBJECT_HEADER).as_deref(), Some("alice"));
        assert_eq!(header(0, CACHE_HEADER).as_deref(), Some("allow"));
        assert_eq!(header(1, CACHE_HEADER).as_deref(), Some("allow"));
        assert_eq!(header(2, SUBJECT_HEADER).as_deref(), Some("alice"));
        assert_eq!(
            header(2, CACHE_HEADER),
            None,
            "transactions are not opted in"
        );
    }

    #[test]
    fn without_a_controlling_worker_or_a_user_nothing_is_added() {
        let f = fixture();
        install(&f, None);
        f.mock.get("/api/accounts", |_| json_reply(200, "{}"));
        get(&f, "/accounts").unwrap();
        let sent = &f.mock.calls()[0].request.headers;
        assert!(!sent.contains(SUBJECT_HEADER) && !sent.contains(CACHE_HEADER));
    }

    #[test]
    fn cached_answers_and_network_failures_reach_the_store() {
        let f = fixture();
        let store = install(&f, Some("alice"));
        f.mock.get("/api/accounts", |_| {
            json_reply(200, "{}").header(CACHED_AT_HEADER, "1700000000000")
        });
        get(&f, "/accounts").unwrap();
        store.update(|s| s.revalidation_failed("/api/accounts", 1_700_000_000_000));
        assert_eq!(store.read(|s| s.data_from("/")), Some(1_700_000_000_000));
        f.mock.reset_handlers();
        f.mock
            .get("/api/accounts/1", |_| MockReply::network_error("offline"));
        assert!(get(&f, "/accounts/1").is_err());
        assert!(store.read(OfflineState::is_offline));
        f.mock.get("/api/accounts", |_| json_reply(200, "{}"));
        get(&f, "/accounts").unwrap();
        assert!(
            !store.read(OfflineState::is_offline),
            "a network answer means online"
        );
        assert_eq!(store.read(|s| s.data_from("/")), None);
    }

    #[test]
    fn changed_data_is_requested_once_with_refresh() {
        let f = fixture();
        let store = install(&f, Some("alice"));
        f.mock.get("/api/accounts", |_| json_reply(200, "{}"));
        store.update(|s| s.revalidated("/api/accounts", true));
        get(&f, "/accounts").unwrap();
        get(&f, "/accounts").unwrap();
        let calls = f.mock.calls();
        assert_eq!(
            calls[0].request.headers.get(CACHE_HEADER),
            Some("allow, refresh")
        );
        assert_eq!(calls[1].request.headers.get(CACHE_HEADER), Some("allow"));
    }

    use super::super::offline_state::OfflineState;
}
