//! `ApiError`: every way an API call can fail, each carrying the request id for support and logs.

use std::time::Duration;

use digibank_api_types::FieldError;

use super::ids::RequestId;
use super::method::Method;

/// A failed API call. Server messages (`message`) are the server's own words, when it sent any.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The request never got an HTTP answer (offline, DNS, reset, CORS).
    #[error("network error: {cause} (request {request_id})")]
    Network {
        /// Request id.
        request_id: RequestId,
        /// What the platform reported.
        cause: String,
    },
    /// An attempt took longer than its timeout, or the overall deadline passed.
    #[error("timed out after {after:?} (request {request_id})")]
    Timeout {
        /// Request id.
        request_id: RequestId,
        /// The time limit that ran out.
        after: Duration,
    },
    /// The caller cancelled (e.g. the component that started it went away).
    #[error("cancelled (request {request_id})")]
    Cancelled {
        /// Request id.
        request_id: RequestId,
    },
    /// 401: not signed in, or the session could not be renewed.
    #[error("unauthorized (request {request_id})")]
    Unauthorized {
        /// Request id.
        request_id: RequestId,
        /// The server's message.
        message: Option<String>,
    },
    /// 403: signed in but not allowed (also a missing CSRF token).
    #[error("forbidden (request {request_id})")]
    Forbidden {
        /// Request id.
        request_id: RequestId,
        /// The server's message.
        message: Option<String>,
    },
    /// 404.
    #[error("not found (request {request_id})")]
    NotFound {
        /// Request id.
        request_id: RequestId,
        /// The server's message.
        message: Option<String>,
    },
    /// 409: the resource's state forbids this now.
    #[error("conflict (request {request_id})")]
    Conflict {
        /// Request id.
        request_id: RequestId,
        /// The server's message.
        message: Option<String>,
    },
    /// 400/422: the input was refused; field errors say where.
    #[error("validation failed (request {request_id})")]
    Validation {
        /// Request id.
        request_id: RequestId,
        /// HTTP status (400 or 422).
        status: u16,
        /// The server's summary.
        message: Option<String>,
        /// Per-field problems (`errors[]` objects).
        field_errors: Vec<FieldError>,
        /// Problems sent as bare strings (`errors[]` strings).
        messages: Vec<String>,
    },
    /// 429: too many requests.
    #[error("rate limited, retry after {retry_after:?} (request {request_id})")]
    RateLimited {
        /// Request id.
        request_id: RequestId,
        /// How long to wait (from `Retry-After`), when known.
        retry_after: Option<Duration>,
        /// The server's message.
        message: Option<String>,
    },
    /// 5xx.
    #[error("server error {status} (request {request_id})")]
    Server {
        /// Request id.
        request_id: RequestId,
        /// HTTP status.
        status: u16,
        /// How long to wait (503 with `Retry-After`), when known.
        retry_after: Option<Duration>,
        /// The server's message.
        message: Option<String>,
    },
    /// Any other non-2xx status (405, 408, 410, 413, …).
    #[error("unexpected status {status} (request {request_id})")]
    Unexpected {
        /// Request id.
        request_id: RequestId,
        /// HTTP status.
        status: u16,
        /// The server's message.
        message: Option<String>,
    },
    /// A 2xx body that is not the expected shape.
    #[error("could not decode {what} (request {request_id})")]
    Decode {
        /// Request id.
        request_id: RequestId,
        /// What was expected and what went wrong.
        what: String,
    },
    /// The request body could not be serialized.
    #[error("could not encode the request body: {what} (request {request_id})")]
    Encode {
        /// Request id.
        request_id: RequestId,
        /// What went wrong.
        what: String,
    },
    /// A money-moving request without an idempotency key was refused before sending.
    #[error("{method} {path} moves money and needs an idempotency key (request {request_id})")]
    MissingIdempotencyKey {
        /// Request id.
        request_id: RequestId,
        /// The method.
        method: Method,
        /// The path.
        path: String,
    },
    /// A URL outside the API's own origin was refused before sending: credentials go only to the API.
    #[error("refused to send to {url}: not the API's origin (request {request_id})")]
    ForeignOrigin {
        /// Request id.
        request_id: RequestId,
        /// The refused URL, without its query and fragment.
        url: String,
    },
}

impl ApiError {
    /// The id of the request that failed.
    pub fn request_id(&self) -> &RequestId {
        match self {
            ApiError::Network { request_id, .. }
            | ApiError::Timeout { request_id, .. }
            | ApiError::Cancelled { request_id }
            | ApiError::Unauthorized { request_id, .. }
            | ApiError::Forbidden { request_id, .. }
            | ApiError::NotFound { request_id, .. }
            | ApiError::Conflict { request_id, .. }
            | ApiError::Validation { request_id, .. }
            | ApiError::RateLimited { request_id, .. }
            | ApiError::Server { request_id, .. }
            | ApiError::Unexpected { request_id, .. }
            | ApiError::Decode { request_id, .. }
            | ApiError::Encode { request_id, .. }
            | ApiError::MissingIdempotencyKey { request_id, .. }
            | ApiError::ForeignOrigin { request_id, .. } => request_id,
        }
    }

    /// The HTTP status, when the server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            ApiError::Unauthorized { .. } => Some(401),
            ApiError::Forbidden { .. } => Some(403),
            ApiError::NotFound { .. } => Some(404),
            ApiError::Conflict { .. } => Some(409),
            ApiError::RateLimited { .. } => Some(429),
            ApiError::Validation { status, .. }
            | ApiError::Server { status, .. }
            | ApiError::Unexpected { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// True when trying again later may succeed: network failures, timeouts, 408, 429 and 5xx.
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiError::Network { .. }
            | ApiError::Timeout { .. }
            | ApiError::RateLimited { .. }
            | ApiError::Server { .. } => true,
            ApiError::Unexpected { status, .. } => *status == 408,
            _ => false,
        }
    }

    /// How long the server asked us to wait, when it said.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ApiError::RateLimited { retry_after, .. } | ApiError::Server { retry_after, .. } => {
                *retry_after
            }
            _ => None,
        }
    }

    /// The server's per-field errors (empty unless `Validation`).
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Validation { field_errors, .. } => field_errors,
            _ => &[],
        }
    }

    /// The server's own message, when it sent one.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            ApiError::Unauthorized { message, .. }
            | ApiError::Forbidden { message, .. }
            | ApiError::NotFound { message, .. }
            | ApiError::Conflict { message, .. }
            | ApiError::Validation { message, .. }
            | ApiError::RateLimited { message, .. }
            | ApiError::Server { message, .. }
            | ApiError::Unexpected { message, .. } => message.as_deref(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> RequestId {
        RequestId::from("r-1")
    }

    #[test]
    fn classifiers() {
        let server = ApiError::Server {
            request_id: id(),
            status: 503,
            retry_after: Some(Duration::from_secs(2)),
            message: None,
        };
        assert!(server.is_retryable());
        assert_eq!(server.status(), Some(503));
        assert_eq!(server.retry_after(), Some(Duration::from_secs(2)));
        assert_eq!(server.request_id().as_str(), "r-1");
        let timeout408 = ApiError::Unexpected {
            request_id: id(),
            status: 408,
            message: None,
        };
        assert!(timeout408.is_retryable());
        let gone = ApiError::Unexpected {
            request_id: id(),
            status: 410,
            message: None,
        };
        assert!(!gone.is_retryable());
        assert!(!ApiError::Cancelled { request_id: id() }.is_retryable());
        assert!(
            !ApiError::Conflict {
                request_id: id(),
                message: None
            }
            .is_retryable()
        );
        assert!(
            ApiError::Network {
                request_id: id(),
                cause: "offline".into()
            }
            .is_retryable()
        );
        let validation = ApiError::Validation {
            request_id: id(),
            status: 400,
            message: Some("bad".into()),
            field_errors: vec![FieldError::new("amount", "too_big", "Too big")],
            messages: vec![],
        };
        assert_eq!(validation.field_errors().len(), 1);
        assert_eq!(validation.server_message(), Some("bad"));
        assert!(validation.to_string().contains("r-1"));
    }
}
