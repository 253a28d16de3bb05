//! The HTTP layer: `ApiClient`, its interceptor chain, transports, the `ApiError` taxonomy and the policies
//! (retry, 401 renewal, rate limit, idempotency, CSRF, metrics). Pure and natively tested except the
//! browser shells (`FetchTransport`, `BrowserClock`, `DocumentCookies`). See docs/http.md.

mod builder;
pub(crate) mod cancel;
mod chain;
mod client;
mod clock;
mod cookie;
mod error;
mod error_decode;
mod fake_clock;
mod headers;
mod ids;
pub mod interceptors;
mod json;
mod listeners;
mod log;
mod method;
mod metrics;
mod mock_reply;
mod mock_transport;
mod path_pattern;
mod query;
mod request;
mod response;
mod retry_after;
mod retry_policy;
mod token_source;
mod transport;
mod url;

#[cfg(target_arch = "wasm32")]
mod browser_clock;
#[cfg(target_arch = "wasm32")]
mod fetch_transport;

pub use builder::ApiClientBuilder;
pub use cancel::{CancelToken, Cancelled};
pub use chain::{Chain, Interceptor, InterceptorId, Next};
pub use client::{ApiClient, ClientOptions};
pub use clock::{Clock, FixedRandom, Random, Sleep, SystemRandom};
pub use cookie::{CookieReader, find_cookie};
pub use error::ApiError;
pub use error_decode::{ErrorDetails, decode_error_body, error_from_response};
pub use fake_clock::{FAKE_UNIX_START, FakeClock, Stalled};
pub use headers::Headers;
pub use ids::{IdempotencyKey, RequestId};
pub use json::decode_json;
pub use listeners::{Listeners, Subscription};
pub use log::{ConsoleLog, LogSink};
pub use method::Method;
pub use metrics::{EndpointStats, FailedCall, Metrics, MetricsSnapshot, endpoint_key, percentile};
pub use mock_reply::MockReply;
pub use mock_transport::{MockRoute, MockTransport, RecordedCall, UnhandledPolicy};
pub use path_pattern::PathPattern;
pub use query::{Query, QueryError, percent_encode};
pub use request::{AuthMode, Request, RequestMeta, RequestOptions, RetryMode};
pub use response::Response;
pub use retry_after::{parse_http_date, parse_retry_after};
pub use retry_policy::{
    RetryPolicy, is_retryable_outcome, is_retryable_status, method_may_retry, retry_delay,
};
pub use token_source::{RefreshError, SessionExpired, TokenSource};
pub use transport::Transport;
pub use url::{join_url, origin_of, same_origin};

#[cfg(target_arch = "wasm32")]
pub use browser_clock::BrowserClock;
#[cfg(target_arch = "wasm32")]
pub use cookie::DocumentCookies;
#[cfg(target_arch = "wasm32")]
pub use fetch_transport::FetchTransport;

#[cfg(test)]
mod test_support;
