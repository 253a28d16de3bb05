//! The built-in interceptors, one per file, in chain order.

mod bearer;
mod csrf;
mod idempotency;
mod metrics;
mod rate_limit;
mod request_id;
mod retry;
mod unauthorized;

pub use bearer::BearerInterceptor;
pub use csrf::{CSRF_COOKIE, CSRF_HEADER, CsrfInterceptor};
pub use idempotency::{IDEMPOTENCY_HEADER, IdempotencyInterceptor, MONEY_MOVING_PATHS};
pub use metrics::{MetricsInterceptor, failure_line};
pub use rate_limit::{RateLimitInterceptor, RateLimitPolicy};
pub use request_id::{REQUEST_ID_HEADER, RequestIdInterceptor};
pub use retry::RetryInterceptor;
pub use unauthorized::UnauthorizedInterceptor;
