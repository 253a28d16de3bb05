//! `ApiClientBuilder`: an [`ApiClient`] with the standard chain, in the documented order:
//! request id → idempotency → retry → unauthorized → bearer → csrf → rate-limit gate → metrics → transport.

use std::sync::Arc;
use std::time::Duration;

use super::client::{ApiClient, ClientOptions};
use super::clock::{Clock, Random, SystemRandom};
use super::cookie::CookieReader;
use super::interceptors::{
    BearerInterceptor, CsrfInterceptor, IdempotencyInterceptor, MetricsInterceptor,
    RateLimitInterceptor, RateLimitPolicy, RequestIdInterceptor, RetryInterceptor,
    UnauthorizedInterceptor,
};
use super::listeners::Listeners;
use super::log::{ConsoleLog, LogSink};
use super::metrics::Metrics;
use super::path_pattern::PathPattern;
use super::retry_policy::RetryPolicy;
use super::token_source::TokenSource;
use super::transport::Transport;

/// Configures and builds a client with the standard interceptor chain.
pub struct ApiClientBuilder {
    base_url: String,
    transport: Arc<dyn Transport>,
    clock: Arc<dyn Clock>,
    random: Arc<dyn Random>,
    options: ClientOptions,
    retry: RetryPolicy,
    rate_limit: RateLimitPolicy,
    tokens: Option<Arc<dyn TokenSource>>,
    cookies: Option<Arc<dyn CookieReader>>,
    money_moving: Option<Vec<PathPattern>>,
    log: Arc<dyn LogSink>,
}

impl ApiClientBuilder {
    /// A builder for `base_url` (e.g. `/api`) over `transport`, timed by `clock`.
    pub fn new(
        base_url: impl Into<String>,
        transport: Arc<dyn Transport>,
        clock: Arc<dyn Clock>,
    ) -> Self {
        ApiClientBuilder {
            base_url: base_url.into(),
            transport,
            clock,
            random: Arc::new(SystemRandom),
            options: ClientOptions::default(),
            retry: RetryPolicy::default(),
            rate_limit: RateLimitPolicy::default(),
            tokens: None,
            cookies: None,
            money_moving: None,
            log: Arc::new(ConsoleLog),
        }
    }

    /// Jitter source (default: the platform's secure random).
    pub fn random(mut self, random: Arc<dyn Random>) -> Self {
        self.random = random;
        self
    }

    /// Limit per attempt (default 30 s).
    pub fn attempt_timeout(mut self, timeout: Duration) -> Self {
        self.options.attempt_timeout = timeout;
        self
    }

    /// Limit per call, retries included (default 60 s).
    pub fn deadline(mut self, deadline: Duration) -> Self {
        self.options.deadline = deadline;
        self
    }

    /// Adds a header sent on every request (defaults: JSON `Content-Type` and `Accept`).
    pub fn default_header(mut self, name: &str, value: &str) -> Self {
        self.options.default_headers.set(name, value);
        self
    }

    /// The HTTP-level retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Limits of the rate-limit gate.
    pub fn rate_limit_policy(mut self, policy: RateLimitPolicy) -> Self {
        self.rate_limit = policy;
        self
    }

    /// Authenticates with bearer tokens from `tokens`, renewing them on 401.
    pub fn token_source(mut self, tokens: Arc<dyn TokenSource>) -> Self {
        self.tokens = Some(tokens);
        self
    }

    /// Cookie mode: sends the CSRF header read through `cookies`.
    pub fn csrf_cookies(mut self, cookies: Arc<dyn CookieReader>) -> Self {
        self.cookies = Some(cookies);
        self
    }

    /// Paths whose POST moves money and needs an idempotency key (default: `/transfers`, `/transfers/schedule`).
    pub fn money_moving_paths(mut self, paths: impl IntoIterator<Item = PathPattern>) -> Self {
        self.money_moving = Some(paths.into_iter().collect());
        self
    }

    /// Where failed calls are logged (default: the console).
    pub fn log(mut self, log: Arc<dyn LogSink>) -> Self {
        self.log = log;
        self
    }

    /// The client with the standard chain.
    pub fn build(self) -> ApiClient {
        let metrics = Metrics::new();
        let expired = Listeners::new();
        let client = ApiClient::with_parts(
            self.base_url,
            self.transport,
            self.clock.clone(),
            self.options,
            metrics.clone(),
            expired.clone(),
        );
        let chain = client.chain();
        chain.push(Arc::new(RequestIdInterceptor));
        let idempotency = match self.money_moving {
            Some(paths) => IdempotencyInterceptor::new(paths),
            None => IdempotencyInterceptor::default(),
        };
        chain.push(Arc::new(idempotency));
        chain.push(Arc::new(RetryInterceptor::new(
            self.retry,
            self.clock.clone(),
            self.random,
        )));
        if let Some(tokens) = self.tokens {
            chain.push(Arc::new(UnauthorizedInterceptor::new(
                tokens.clone(),
                expired,
            )));
            chain.push(Arc::new(BearerInterceptor::new(tokens)));
        }
        if let Some(cookies) = self.cookies {
            chain.push(Arc::new(CsrfInterceptor::new(cookies)));
        }
        chain.push(Arc::new(RateLimitInterceptor::new(
            self.rate_limit,
            self.clock.clone(),
        )));
        chain.push(Arc::new(MetricsInterceptor::new(
            metrics, self.clock, self.log,
        )));
        client
    }
}
