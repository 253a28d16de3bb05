//! `ErrorKind`: the guide's error classes (plus ours), derived from an `ApiError`.

use crate::services::http::ApiError;

/// Which handler an error goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ErrorKind {
    /// No answer: offline, DNS, timeout.
    Network,
    /// 400/422: the input was refused.
    Validation,
    /// 5xx.
    Server,
    /// 429.
    RateLimit,
    /// 401 that renewal could not fix.
    Unauthorized,
    /// 403.
    Forbidden,
    /// 404.
    NotFound,
    /// 409.
    Conflict,
    /// The caller cancelled: nothing to tell the user.
    Cancelled,
    /// Anything else (undecodable bodies, unexpected statuses, client bugs).
    Unknown,
}

impl ErrorKind {
    /// The kind of `error`.
    pub fn of(error: &ApiError) -> ErrorKind {
        match error {
            ApiError::Network { .. } | ApiError::Timeout { .. } => ErrorKind::Network,
            ApiError::Validation { .. } => ErrorKind::Validation,
            ApiError::Server { .. } => ErrorKind::Server,
            ApiError::RateLimited { .. } => ErrorKind::RateLimit,
            ApiError::Unauthorized { .. } => ErrorKind::Unauthorized,
            ApiError::Forbidden { .. } => ErrorKind::Forbidden,
            ApiError::NotFound { .. } => ErrorKind::NotFound,
            ApiError::Conflict { .. } => ErrorKind::Conflict,
            ApiError::Cancelled { .. } => ErrorKind::Cancelled,
            ApiError::Unexpected { .. }
            | ApiError::Decode { .. }
            | ApiError::Encode { .. }
            | ApiError::MissingIdempotencyKey { .. }
            | ApiError::ForeignOrigin { .. } => ErrorKind::Unknown,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::RequestId;
    use std::time::Duration;

    #[test]
    fn classification_follows_the_guide() {
        let id = RequestId::from("r");
        let cases = [
            (
                ApiError::Network {
                    request_id: id.clone(),
                    cause: "x".into(),
                },
                ErrorKind::Network,
            ),
            (
                ApiError::Timeout {
                    request_id: id.clone(),
                    after: Duration::from_secs(30),
                },
                ErrorKind::Network,
            ),
            (
                ApiError::Server {
                    request_id: id.clone(),
                    status: 502,
                    retry_after: None,
                    message: None,
                },
                ErrorKind::Server,
            ),
            (
                ApiError::RateLimited {
                    request_id: id.clone(),
                    retry_after: None,
                    message: None,
                },
                ErrorKind::RateLimit,
            ),
            (
                ApiError::Unexpected {
                    request_id: id.clone(),
                    status: 418,
                    message: None,
                },
                ErrorKind::Unknown,
            ),
            (
                ApiError::Decode {
                    request_id: id.clone(),
                    what: "x".into(),
                },
                ErrorKind::Unknown,
            ),
            (
                ApiError::ForeignOrigin {
                    request_id: id.clone(),
                    url: "https://evil.example/".into(),
                },
                ErrorKind::Unknown,
            ),
            (ApiError::Cancelled { request_id: id }, ErrorKind::Cancelled),
        ];
        for (error, kind) in cases {
            assert_eq!(ErrorKind::of(&error), kind, "{error:?}");
        }
    }
}
