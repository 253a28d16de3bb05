//! `ApiError`: every way a request can fail, turned into the JSON error body by the error middleware.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use digibank_api_types::{ErrorBody, FieldError};

/// A failed request; its response body is finished (request id added) by [`crate::http::problem`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 400 with per-field errors.
    #[error("{message}")]
    Invalid {
        /// Summary.
        message: String,
        /// What is wrong, per field.
        errors: Vec<FieldError>,
    },
    /// 400 without field errors (malformed input, missing header).
    #[error("{0}")]
    BadRequest(String),
    /// 401: no credentials were sent.
    #[error("{0}")]
    Unauthenticated(String),
    /// 401: expired, revoked or unknown credentials.
    #[error("{0}")]
    Unauthorized(String),
    /// 403: authenticated but not allowed (e.g. CSRF token missing).
    #[error("{0}")]
    Forbidden(String),
    /// 404: unknown id or path, or not the caller's.
    #[error("{0}")]
    NotFound(String),
    /// 409: the resource's state forbids it.
    #[error("{message}")]
    Conflict {
        /// Problem type slug.
        slug: &'static str,
        /// Explanation.
        message: String,
    },
    /// 413: body over the limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// 415: body is not JSON.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// 422: well-formed but contradicting an earlier request (idempotency key reuse).
    #[error("{message}")]
    Unprocessable {
        /// Problem type slug.
        slug: &'static str,
        /// Explanation.
        message: String,
    },
}

impl ApiError {
    /// A 400 with one field error.
    pub fn field(field: &str, code: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        ApiError::Invalid {
            message: message.clone(),
            errors: vec![FieldError::new(field, code, message)],
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::Invalid { .. } | ApiError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ApiError::Unauthenticated(_) | ApiError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ApiError::Forbidden(_) => StatusCode::FORBIDDEN,
            ApiError::NotFound(_) => StatusCode::NOT_FOUND,
            ApiError::Conflict { .. } => StatusCode::CONFLICT,
            ApiError::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ApiError::Unprocessable { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        }
    }

    fn slug(&self) -> &'static str {
        match self {
            ApiError::Invalid { .. } => "validation-failed",
            ApiError::BadRequest(_) => "bad-request",
            ApiError::Unauthenticated(_) => "unauthenticated",
            ApiError::Unauthorized(_) => "invalid-token",
            ApiError::Forbidden(_) => "forbidden",
            ApiError::NotFound(_) => "not-found",
            ApiError::Conflict { slug, .. } | ApiError::Unprocessable { slug, .. } => slug,
            ApiError::PayloadTooLarge(_) => "payload-too-large",
            ApiError::UnsupportedMediaType(_) => "unsupported-media-type",
        }
    }

    /// The error body (without request id).
    pub fn body(&self) -> ErrorBody {
        let status = self.status();
        let body = ErrorBody::new(
            status.as_u16(),
            self.slug(),
            status.canonical_reason().unwrap_or("Error"),
            self.to_string(),
        );
        match self {
            ApiError::Invalid { errors, .. } => body.with_field_errors(errors.iter().cloned()),
            _ => body,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = crate::http::problem::error_response(self.status(), self.body());
        let challenge = match &self {
            ApiError::Unauthenticated(_) => {
                Some(HeaderValue::from_static(r#"Bearer realm="digibank""#))
            }
            ApiError::Unauthorized(_) => Some(HeaderValue::from_static(
                r#"Bearer realm="digibank", error="invalid_token""#,
            )),
            _ => None,
        };
        if let Some(challenge) = challenge {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, challenge);
        }
        response
    }
}
