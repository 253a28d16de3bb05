//! `Request`: one logical API call as it travels down the interceptor chain.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;

use super::cancel::CancelToken;
use super::error::ApiError;
use super::headers::Headers;
use super::ids::{IdempotencyKey, RequestId};
use super::method::Method;
use super::query::Query;
use super::retry_policy::RetryPolicy;

/// Who retries failed attempts of a request.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RetryMode {
    /// The HTTP layer, with the client's policy (the default).
    #[default]
    Client,
    /// The HTTP layer, with this policy.
    Custom(RetryPolicy),
    /// Nobody here: the caller (e.g. the query cache) owns retries, so attempts never multiply.
    Off,
}

/// Whether the request carries the user's credentials.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AuthMode {
    /// Add the bearer token and refresh it on 401 (the default).
    #[default]
    Bearer,
    /// Send no token and do not refresh (public endpoints, the refresh call itself).
    Anonymous,
}

/// Facts about a request that interceptors use but that are not headers.
#[derive(Debug, Clone)]
pub struct RequestMeta {
    /// Id of this logical request, unchanged across retries and replays.
    pub request_id: RequestId,
    /// The caller's idempotency key for this user intent.
    pub idempotency_key: Option<IdempotencyKey>,
    /// Who retries.
    pub retry: RetryMode,
    /// Whether to authenticate.
    pub auth: AuthMode,
    /// Overall deadline on the client's monotonic clock (set by the client from its options when absent).
    pub deadline: Option<Duration>,
    /// Aborts the request when cancelled.
    pub cancel: Option<CancelToken>,
}

impl Default for RequestMeta {
    fn default() -> Self {
        RequestMeta {
            request_id: RequestId::generate(),
            idempotency_key: None,
            retry: RetryMode::default(),
            auth: AuthMode::default(),
            deadline: None,
            cancel: None,
        }
    }
}

/// An API request: method, path relative to the client's base URL, query, headers, JSON body and meta.
#[derive(Debug, Clone)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// Path under the base URL (e.g. `/accounts/a1`), or an absolute `http(s)://` URL.
    pub path: String,
    /// Query parameters.
    pub query: Query,
    /// Request headers.
    pub headers: Headers,
    /// The body bytes (JSON), shared cheaply across retries.
    pub body: Option<Arc<[u8]>>,
    /// Request id, idempotency key, retry mode, deadline, cancellation.
    pub meta: RequestMeta,
}

impl Request {
    /// A request with a fresh request id and no body.
    pub fn new(method: Method, path: impl Into<String>) -> Self {
        Request {
            method,
            path: path.into(),
            query: Query::new(),
            headers: Headers::new(),
            body: None,
            meta: RequestMeta::default(),
        }
    }

    /// `GET path`.
    pub fn get(path: impl Into<String>) -> Self {
        Request::new(Method::Get, path)
    }

    /// `POST path`.
    pub fn post(path: impl Into<String>) -> Self {
        Request::new(Method::Post, path)
    }

    /// `PUT path`.
    pub fn put(path: impl Into<String>) -> Self {
        Request::new(Method::Put, path)
    }

    /// `DELETE path`.
    pub fn delete(path: impl Into<String>) -> Self {
        Request::new(Method::Delete, path)
    }

    /// The same request with `body` serialized as JSON (and `Content-Type: application/json`).
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Result<Self, ApiError> {
        let bytes = serde_json::to_vec(body).map_err(|e| ApiError::Encode {
            request_id: self.meta.request_id.clone(),
            what: e.to_string(),
        })?;
        self.body = Some(bytes.into());
        self.headers.set("content-type", "application/json");
        Ok(self)
    }

    /// The same request with this query.
    pub fn with_query(mut self, query: Query) -> Self {
        self.query = query;
        self
    }

    /// The same request with a header set.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.set(name, value);
        self
    }

    /// The same request with the options applied.
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        if let Some(key) = options.idempotency_key {
            self.meta.idempotency_key = Some(key);
        }
        if let Some(retry) = options.retry {
            self.meta.retry = retry;
        }
        if let Some(cancel) = options.cancel {
            self.meta.cancel = Some(cancel);
        }
        if let Some(auth) = options.auth {
            self.meta.auth = auth;
        }
        self
    }

    /// The body parsed as JSON (handy in mock handlers).
    pub fn body_json<T: serde::de::DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_slice(self.body.as_deref()?).ok()
    }
}

/// Per-call options of the typed helpers (`get_json`, `post_json`, …).
#[derive(Debug, Clone, Default)]
pub struct RequestOptions {
    /// The idempotency key of this user intent (required for money-moving POSTs).
    pub idempotency_key: Option<IdempotencyKey>,
    /// Who retries (default: this client).
    pub retry: Option<RetryMode>,
    /// Cancels the call.
    pub cancel: Option<CancelToken>,
    /// Whether to authenticate (default: bearer).
    pub auth: Option<AuthMode>,
}

impl RequestOptions {
    /// No options: client defaults.
    pub fn new() -> Self {
        RequestOptions::default()
    }

    /// With the idempotency key of this user intent.
    pub fn idempotency_key(mut self, key: IdempotencyKey) -> Self {
        self.idempotency_key = Some(key);
        self
    }

    /// With HTTP-level retries switched on or off, or a custom policy.
    pub fn retry(mut self, mode: RetryMode) -> Self {
        self.retry = Some(mode);
        self
    }

    /// With a cancellation token.
    pub fn cancel(mut self, token: CancelToken) -> Self {
        self.cancel = Some(token);
        self
    }

    /// With an authentication mode.
    pub fn auth(mut self, mode: AuthMode) -> Self {
        self.auth = Some(mode);
        self
    }
}
