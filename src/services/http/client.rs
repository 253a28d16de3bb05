//! `ApiClient`: base URL, default headers, per-attempt timeout and overall deadline, cancellation, the
//! interceptor chain, and typed JSON helpers.

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use futures::future::{Either, select};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::chain::{Chain, Endpoint, Next};
use super::clock::Clock;
use super::error::ApiError;
use super::error_decode::error_from_response;
use super::headers::Headers;
use super::json::decode_json;
use super::listeners::{Listeners, Subscription};
use super::method::Method;
use super::metrics::Metrics;
use super::query::Query;
use super::request::{Request, RequestOptions};
use super::response::Response;
use super::token_source::SessionExpired;
use super::transport::Transport;
use super::url::{join_url, same_origin};

/// Time limits and default headers of a client.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// Limit for one attempt (the guide's axios `timeout`); the fetch is aborted when it runs out.
    pub attempt_timeout: Duration,
    /// Limit for the whole call, retries, refreshes and waits included.
    pub deadline: Duration,
    /// Headers added to every request that does not set them.
    pub default_headers: Headers,
}

impl Default for ClientOptions {
    fn default() -> Self {
        let default_headers = [
            ("content-type", "application/json"),
            ("accept", "application/json"),
        ]
        .into_iter()
        .collect();
        ClientOptions {
            attempt_timeout: Duration::from_secs(30),
            deadline: Duration::from_secs(60),
            default_headers,
        }
    }
}

/// The API client; cheap to clone (all clones share chain, transport and clock).
#[derive(Clone)]
pub struct ApiClient {
    inner: Arc<ClientInner>,
}

struct ClientInner {
    base_url: String,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    options: ClientOptions,
    chain: Chain,
    metrics: Metrics,
    session_expired: Listeners<SessionExpired>,
}

impl ApiClient {
    /// A client over `transport` with an empty chain (see [`ApiClientBuilder`](super::ApiClientBuilder) for the standard one).
    pub fn new(
        base_url: impl Into<String>,
        transport: Arc<dyn Transport>,
        clock: Arc<dyn Clock>,
        options: ClientOptions,
    ) -> Self {
        ApiClient::with_parts(
            base_url.into(),
            transport,
            clock,
            options,
            Metrics::new(),
            Listeners::new(),
        )
    }

    pub(crate) fn with_parts(
        base_url: String,
        transport: Arc<dyn Transport>,
        clock: Arc<dyn Clock>,
        options: ClientOptions,
        metrics: Metrics,
        session_expired: Listeners<SessionExpired>,
    ) -> Self {
        let chain = Chain::new();
        ApiClient {
            inner: Arc::new(ClientInner {
                base_url,
                transport,
                clock,
                options,
                chain,
                metrics,
                session_expired,
            }),
        }
    }

    /// Per-endpoint figures and recent failures (filled by the metrics interceptor).
    pub fn metrics(&self) -> &Metrics {
        &self.inner.metrics
    }

    /// Calls `listener` whenever the session could not be renewed (once per failed renewal).
    #[must_use = "dropping the subscription unsubscribes at once"]
    pub fn on_session_expired(
        &self,
        listener: impl Fn(&SessionExpired) + Send + Sync + 'static,
    ) -> Subscription {
        self.inner.session_expired.subscribe(listener)
    }

    /// The interceptor chain: add or remove interceptors at run time.
    pub fn chain(&self) -> &Chain {
        &self.inner.chain
    }

    /// The base URL.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The client's clock.
    pub fn clock(&self) -> &Arc<dyn Clock> {
        &self.inner.clock
    }

    /// Sends `request` through the chain. A non-2xx answer is an `Err` with the decoded error body.
    pub async fn send(&self, request: Request) -> Result<Response, ApiError> {
        let response = self.send_raw(request).await?;
        if response.is_success() {
            Ok(response)
        } else {
            Err(error_from_response(&response, self.inner.clock.unix_now()))
        }
    }

    /// Sends `request` through the chain and returns the response of any status. A URL outside the base
    /// URL's origin ([`same_origin`](super::same_origin)) is refused as `ForeignOrigin` before any interceptor runs.
    pub async fn send_raw(&self, mut request: Request) -> Result<Response, ApiError> {
        let inner = &self.inner;
        inner.url_of(&request)?;
        for (name, value) in inner.options.default_headers.iter() {
            request.headers.set_default(name, value);
        }
        let deadline = *request
            .meta
            .deadline
            .get_or_insert(inner.clock.now() + inner.options.deadline);
        let request_id = request.meta.request_id.clone();
        let cancel = request.meta.cancel.clone().unwrap_or_default();
        if cancel.is_cancelled() {
            return Err(ApiError::Cancelled { request_id });
        }
        let entries = inner.chain.snapshot();
        let run = Next::new(&entries, inner.as_ref()).run(request);
        let limit = inner
            .clock
            .sleep(deadline.saturating_sub(inner.clock.now()));
        let stop = async {
            match select(limit, pin!(cancel.cancelled())).await {
                Either::Left(_) => ApiError::Timeout {
                    request_id: request_id.clone(),
                    after: inner.options.deadline,
                },
                Either::Right(_) => ApiError::Cancelled {
                    request_id: request_id.clone(),
                },
            }
        };
        first_of(run, stop).await
    }

    /// `GET path?query` decoded from JSON (`query`: any flat `Serialize`, `&()` for none).
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &(impl Serialize + ?Sized),
    ) -> Result<T, ApiError> {
        self.get_json_with(path, query, RequestOptions::default())
            .await
    }

    /// `GET` with per-call options.
    pub async fn get_json_with<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &(impl Serialize + ?Sized),
        options: RequestOptions,
    ) -> Result<T, ApiError> {
        let request = Request::get(path).with_options(options);
        let query = Query::from_serialize(query).map_err(|e| ApiError::Encode {
            request_id: request.meta.request_id.clone(),
            what: e.to_string(),
        })?;
        let response = self.send(request.with_query(query)).await?;
        decode_json(&response)
    }

    /// `POST path` with a JSON body, decoded from JSON.
    pub async fn post_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &(impl Serialize + ?Sized),
        options: RequestOptions,
    ) -> Result<T, ApiError> {
        self.send_json(Method::Post, path, body, options).await
    }

    /// `PUT path` with a JSON body, decoded from JSON.
    pub async fn put_json<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &(impl Serialize + ?Sized),
        options: RequestOptions,
    ) -> Result<T, ApiError> {
        self.send_json(Method::Put, path, body, options).await
    }

    /// `DELETE path`, decoded from JSON (`()` for an empty answer).
    pub async fn delete_json<T: DeserializeOwned>(
        &self,
        path: &str,
        options: RequestOptions,
    ) -> Result<T, ApiError> {
        let response = self
            .send(Request::delete(path).with_options(options))
            .await?;
        decode_json(&response)
    }

    async fn send_json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: &(impl Serialize + ?Sized),
        options: RequestOptions,
    ) -> Result<T, ApiError> {
        let request = Request::new(method, path)
            .with_options(options)
            .json(body)?;
        let response = self.send(request).await?;
        decode_json(&response)
    }
}

#[async_trait(?Send)]
impl Endpoint for ClientInner {
    /// One attempt, limited by the attempt timeout and what is left of the deadline.
    async fn attempt(&self, request: Request) -> Result<Response, ApiError> {
        let url = self.url_of(&request)?;
        let started = self.clock.now();
        let left = request
            .meta
            .deadline
            .map_or(Duration::MAX, |d| d.saturating_sub(started));
        let limit = self.options.attempt_timeout.min(left);
        let request_id = request.meta.request_id.clone();
        if limit.is_zero() {
            return Err(ApiError::Timeout {
                request_id,
                after: self.options.deadline,
            });
        }
        let exchange = self.transport.send(&request, &url);
        let timeout = async {
            self.clock.sleep(limit).await;
            ApiError::Timeout {
                request_id: request_id.clone(),
                after: limit,
            }
        };
        let mut response = first_of(exchange, timeout).await?;
        response.duration = self.clock.now().saturating_sub(started);
        Ok(response)
    }

    fn base_url(&self) -> &str {
        &self.base_url
    }
}

impl ClientInner {
    /// `request`'s full URL, or `ForeignOrigin` when it is not on the base URL's origin. Checked before the
    /// chain and again per attempt, so an interceptor that rewrites the path cannot reach another origin either.
    fn url_of(&self, request: &Request) -> Result<String, ApiError> {
        let url = join_url(&self.base_url, &request.path, &request.query);
        if same_origin(&url, &self.base_url) {
            return Ok(url);
        }
        let shown = url.split(['?', '#']).next().unwrap_or_default().to_owned();
        Err(ApiError::ForeignOrigin {
            request_id: request.meta.request_id.clone(),
            url: shown,
        })
    }
}

/// The outcome of `work`, unless `stop` yields an error first (then `work` is dropped, aborting it).
async fn first_of<T>(
    work: impl Future<Output = Result<T, ApiError>>,
    stop: impl Future<Output = ApiError>,
) -> Result<T, ApiError> {
    match select(pin!(work), pin!(stop)).await {
        Either::Left((outcome, _)) => outcome,
        Either::Right((error, _)) => Err(error),
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use async_trait::async_trait;
    use digibank_api_types::{Amount, Balance};

    use super::*;
    use crate::services::http::test_support::{FakeTokens, Jar, harness, harness_at};
    use crate::services::http::{
        CancelToken, IdempotencyKey, Interceptor, MockReply, Next, RetryMode, RetryPolicy,
    };

    #[test]
    fn an_attempt_that_outlives_its_timeout_is_abandoned_and_retried() {
        let h = harness(|_, b| {
            b.attempt_timeout(Duration::from_secs(30))
                .retry_policy(RetryPolicy {
                    max_retries: 1,
                    base_delay: Duration::from_secs(1),
                    ..RetryPolicy::default()
                })
        });
        h.mock.get("/api/slow", |_| MockReply::status(200));
        h.mock
            .get("/api/slow", |_| {
                MockReply::status(200).delay(Duration::from_secs(45))
            })
            .once();
        h.run(h.client.send(Request::get("/slow")))
            .expect("second attempt is fast");
        assert_eq!(
            h.clock.now(),
            Duration::from_secs(31),
            "30 s timeout + 1 s backoff"
        );
        assert_eq!(
            h.clock.pending_timers(),
            0,
            "the abandoned attempt's timer is gone"
        );
    }

    #[test]
    fn a_timeout_without_retry_is_a_timeout_error() {
        let h = harness(|_, b| b.attempt_timeout(Duration::from_secs(30)));
        h.mock.get("/api/slow", |_| {
            MockReply::status(200).delay(Duration::from_secs(45))
        });
        let request =
            Request::get("/slow").with_options(RequestOptions::new().retry(RetryMode::Off));
        let err = h.run(h.client.send(request)).expect_err("too slow");
        assert!(
            matches!(err, ApiError::Timeout { after, .. } if after == Duration::from_secs(30)),
            "{err:?}"
        );
    }

    #[test]
    fn the_overall_deadline_bounds_retries() {
        let h = harness(|_, b| {
            b.attempt_timeout(Duration::from_secs(30))
                .deadline(Duration::from_secs(45))
                .retry_policy(RetryPolicy {
                    max_retries: 10,
                    base_delay: Duration::from_secs(2),
                    ..RetryPolicy::default()
                })
        });
        h.mock.get("/api/hang", |_| {
            MockReply::status(200).delay(Duration::from_secs(600))
        });
        let err = h
            .run(h.client.send(Request::get("/hang")))
            .expect_err("deadline");
        assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
        assert_eq!(
            h.clock.now(),
            Duration::from_secs(45),
            "30 s attempt + 2 s backoff + 13 s left of the deadline"
        );
        assert_eq!(h.mock.call_count(), 2);
    }

    #[test]
    fn cancelling_aborts_the_request_in_flight() {
        let h = harness(|_, b| b);
        h.mock.get("/api/slow", |_| {
            MockReply::status(200).delay(Duration::from_secs(10))
        });
        let token = CancelToken::new();
        let request =
            Request::get("/slow").with_options(RequestOptions::new().cancel(token.clone()));
        let clock = h.clock.clone();
        let (outcome, ()) = h.run(futures::future::join(h.client.send(request), async move {
            clock.sleep(Duration::from_secs(2)).await;
            token.cancel();
        }));
        assert!(
            matches!(outcome, Err(ApiError::Cancelled { .. })),
            "{outcome:?}"
        );
        assert_eq!(h.clock.now(), Duration::from_secs(2));
        assert_eq!(
            h.clock.pending_timers(),
            0,
            "the transport's attempt was dropped"
        );
        let cancelled = CancelToken::new();
        cancelled.cancel();
        let request = Request::get("/slow").with_options(RequestOptions::new().cancel(cancelled));
        assert!(matches!(
            h.run(h.client.send(request)),
            Err(ApiError::Cancelled { .. })
        ));
        assert_eq!(
            h.mock.call_count(),
            1,
            "an already cancelled request is not sent"
        );
    }

    /// Answers `/api/cached` itself.
    struct CannedCache;

    #[async_trait(?Send)]
    impl Interceptor for CannedCache {
        fn name(&self) -> &str {
            "canned"
        }

        async fn handle(&self, request: Request, next: Next<'_>) -> Result<Response, ApiError> {
            if request.path == "/cached" {
                let mut response = Response::new(200, request.meta.request_id.clone());
                response.body = br#"["from cache"]"#.to_vec();
                return Ok(response);
            }
            next.run(request).await
        }
    }

    #[test]
    fn interceptors_are_added_and_removed_at_run_time_and_may_short_circuit() {
        let h = harness(|_, b| b);
        assert_eq!(
            h.client.chain().names(),
            [
                "request-id",
                "idempotency",
                "retry",
                "rate-limit",
                "metrics"
            ]
        );
        let id = h
            .client
            .chain()
            .insert_after("request-id", Arc::new(CannedCache));
        assert_eq!(h.client.chain().names()[1], "canned");
        let cached: Vec<String> = h
            .run(h.client.get_json("/cached", &()))
            .expect("short-circuited");
        assert_eq!(
            (cached, h.mock.call_count()),
            (vec!["from cache".to_owned()], 0)
        );
        assert!(h.client.chain().remove(id));
        assert!(!h.client.chain().remove(id));
        assert!(
            h.run(h.client.get_json::<Vec<String>>("/cached", &()))
                .is_err(),
            "now it reaches the (unhandled) mock"
        );
        assert!(h.client.chain().remove_named("metrics"));
        h.client.chain().push_front(Arc::new(CannedCache));
        h.client
            .chain()
            .insert_before("retry", Arc::new(CannedCache));
        assert_eq!(
            h.client.chain().names(),
            [
                "canned",
                "request-id",
                "idempotency",
                "canned",
                "retry",
                "rate-limit"
            ]
        );
    }

    #[test]
    fn typed_helpers_send_json_with_default_headers_and_decode_exact_amounts() {
        let h = harness(|_, b| b.default_header("x-client", "digibank-spa"));
        h.mock.get("/api/accounts/a1/balance", |req| {
            assert_eq!(req.query.get("fresh"), Some("true"));
            MockReply::json(200, &serde_json::json!({
                "accountId": "a1", "balance": 125430.00, "availableBalance": "125000.10", "currency": "USD", "asOf": "2024-01-01"
            }))
        });
        h.mock.put("/api/accounts/a1", |req| {
            MockReply::json(200, &req.body_json::<serde_json::Value>())
        });
        let balance: Balance = h
            .run(
                h.client
                    .get_json("/accounts/a1/balance", &serde_json::json!({"fresh": true})),
            )
            .expect("decoded");
        assert_eq!(
            (balance.balance, balance.available_balance),
            (
                Amount::from_minor(12_543_000),
                Amount::from_minor(12_500_010)
            )
        );
        let echoed: serde_json::Value = h
            .run(h.client.put_json(
                "/accounts/a1",
                &serde_json::json!({"name": "Bills"}),
                RequestOptions::new(),
            ))
            .expect("ok");
        assert_eq!(echoed["name"], "Bills");
        let sent = &h.mock.calls()[1].request;
        assert_eq!(sent.headers.get("content-type"), Some("application/json"));
        assert_eq!(sent.headers.get("accept"), Some("application/json"));
        assert_eq!(sent.headers.get("x-client"), Some("digibank-spa"));
    }

    #[test]
    fn a_non_json_success_body_is_a_decode_error() {
        let h = harness(|_, b| b);
        h.mock.get("/api/accounts", |_| {
            MockReply::status(200).body("<html>login</html>")
        });
        let err = h
            .run(h.client.get_json::<Vec<Balance>>("/accounts", &()))
            .expect_err("html");
        assert!(matches!(err, ApiError::Decode { .. }), "{err:?}");
        let err = h
            .run(h.client.get_json::<Vec<Balance>>("/accounts", &5))
            .expect_err("bad query");
        assert!(matches!(err, ApiError::Encode { .. }), "{err:?}");
    }

    /// Counts the requests it sees, then passes them on (after rewriting the path, when given one).
    #[derive(Default)]
    struct Witness {
        seen: std::sync::Mutex<Vec<Request>>,
        rewrite_to: Option<&'static str>,
    }

    #[async_trait(?Send)]
    impl Interceptor for Witness {
        fn name(&self) -> &str {
            "witness"
        }

        async fn handle(&self, mut request: Request, next: Next<'_>) -> Result<Response, ApiError> {
            if let Some(url) = self.rewrite_to {
                request.path = url.to_owned();
            }
            self.seen
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .push(request.clone());
            next.run(request).await
        }
    }

    /// A harness with bearer tokens and the CSRF cookie, on `base`.
    fn with_credentials(base: &str) -> crate::services::http::test_support::Harness {
        harness_at(base, |clock, b| {
            b.token_source(FakeTokens::new(clock, Duration::ZERO))
                .csrf_cookies(Arc::new(Jar("XSRF-TOKEN=csrf-1")))
        })
    }

    #[test]
    fn a_url_on_another_origin_is_refused_before_any_interceptor_or_the_transport() {
        let h = with_credentials("/api");
        let witness = Arc::new(Witness::default());
        h.client.chain().push_front(witness.clone());
        h.mock.post("/x", |_| MockReply::status(200));
        for (url, shown) in [
            ("https://evil.example/x?token=1#f", "https://evil.example/x"),
            ("//evil.example/x", "//evil.example/x"),
            (
                "https://api.bank.example@evil.example/x",
                "https://api.bank.example@evil.example/x",
            ),
            ("HTTP://EVIL.EXAMPLE/x", "HTTP://EVIL.EXAMPLE/x"),
        ] {
            let key = RequestOptions::new().idempotency_key(IdempotencyKey::from("k-1"));
            let request = Request::post(url).with_options(key);
            let id = request.meta.request_id.clone();
            let err = h.run(h.client.send(request)).expect_err("refused");
            assert_eq!(
                err,
                ApiError::ForeignOrigin {
                    request_id: id,
                    url: shown.to_owned()
                }
            );
            assert!(!err.is_retryable());
        }
        assert_eq!(h.mock.call_count(), 0, "the transport was never called");
        assert!(
            witness.seen.lock().expect("lock").is_empty(),
            "no interceptor saw the foreign URL"
        );
        assert_eq!(h.clock.now(), Duration::ZERO, "no retry, no wait");
    }

    #[test]
    fn a_same_origin_absolute_url_is_sent_with_credentials_when_the_base_is_absolute() {
        let h = with_credentials("https://api.bank.example/api");
        h.mock.post("/api/x", |_| MockReply::status(200));
        for url in [
            "/x",
            "https://api.bank.example/api/x",
            "HTTPS://API.Bank.Example:443/api/x",
        ] {
            h.run(h.client.send(Request::post(url)))
                .expect("our origin");
        }
        let calls = h.mock.calls();
        assert_eq!(calls.len(), 3);
        for call in &calls {
            assert_eq!(
                call.request.headers.get("authorization"),
                Some("Bearer token-0")
            );
            assert_eq!(call.request.headers.get("x-xsrf-token"), Some("csrf-1"));
        }
        assert_eq!(calls[0].url, "https://api.bank.example/api/x");
        for foreign in [
            "https://api.bank.example.evil.example/api/x",
            "https://api.bank.example@evil.example/api/x",
            "//api.bank.example/api/x",
            "http://api.bank.example/api/x",
            "https://api.bank.example:8443/api/x",
        ] {
            let err = h
                .run(h.client.send(Request::post(foreign)))
                .expect_err(foreign);
            assert!(matches!(err, ApiError::ForeignOrigin { .. }), "{err:?}");
        }
        assert_eq!(h.mock.call_count(), 3);
    }

    #[test]
    fn an_interceptor_that_rewrites_the_path_to_another_origin_gets_no_credentials_sent() {
        let h = with_credentials("/api");
        h.mock.post("/x", |_| MockReply::status(200));
        h.client.chain().insert_before(
            "unauthorized",
            Arc::new(Witness {
                rewrite_to: Some("https://evil.example/x"),
                ..Witness::default()
            }),
        );
        let after = Arc::new(Witness::default());
        h.client.chain().insert_after("csrf", after.clone());
        let err = h
            .run(h.client.send(Request::post("/x")))
            .expect_err("refused");
        assert!(matches!(err, ApiError::ForeignOrigin { .. }), "{err:?}");
        let seen = after.seen.lock().expect("lock");
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].headers.get("authorization"), None);
        assert_eq!(seen[0].headers.get("x-xsrf-token"), None);
        assert_eq!(h.mock.call_count(), 0, "the attempt was refused too");
    }
}
