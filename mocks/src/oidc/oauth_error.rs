//! OAuth 2.0 / OpenID error codes (RFC 6749 §4.1.2.1 and §5.2, OpenID Core §3.1.2.6), with a description.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An OAuth error: as JSON from the token and revocation endpoints, as redirect parameters from `/authorize`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OAuthError {
    /// Missing, repeated or malformed parameter.
    #[error("{0}")]
    InvalidRequest(String),
    /// Unknown client.
    #[error("{0}")]
    InvalidClient(String),
    /// Bad, expired, spent or revoked code or refresh token, or a failed PKCE check.
    #[error("{0}")]
    InvalidGrant(String),
    /// A grant type other than `authorization_code` and `refresh_token`.
    #[error("{0}")]
    UnsupportedGrantType(String),
    /// A scope without `openid`, or with an unknown value.
    #[error("{0}")]
    InvalidScope(String),
    /// A response type other than `code`.
    #[error("{0}")]
    UnsupportedResponseType(String),
    /// The user pressed Deny.
    #[error("{0}")]
    AccessDenied(String),
    /// `prompt=none` without a login session.
    #[error("{0}")]
    LoginRequired(String),
    /// A `request` object was sent.
    #[error("{0}")]
    RequestNotSupported(String),
    /// A `request_uri` was sent.
    #[error("{0}")]
    RequestUriNotSupported(String),
    /// The provider failed.
    #[error("{0}")]
    ServerError(String),
}

/// The JSON error body of RFC 6749 §5.2.
#[derive(Debug, Serialize)]
struct ErrorJson<'a> {
    error: &'static str,
    error_description: &'a str,
}

impl OAuthError {
    /// The error code, e.g. `invalid_grant`.
    pub fn code(&self) -> &'static str {
        match self {
            OAuthError::InvalidRequest(_) => "invalid_request",
            OAuthError::InvalidClient(_) => "invalid_client",
            OAuthError::InvalidGrant(_) => "invalid_grant",
            OAuthError::UnsupportedGrantType(_) => "unsupported_grant_type",
            OAuthError::InvalidScope(_) => "invalid_scope",
            OAuthError::UnsupportedResponseType(_) => "unsupported_response_type",
            OAuthError::AccessDenied(_) => "access_denied",
            OAuthError::LoginRequired(_) => "login_required",
            OAuthError::RequestNotSupported(_) => "request_not_supported",
            OAuthError::RequestUriNotSupported(_) => "request_uri_not_supported",
            OAuthError::ServerError(_) => "server_error",
        }
    }
}

impl IntoResponse for OAuthError {
    fn into_response(self) -> Response {
        let status = match self {
            OAuthError::ServerError(_) => StatusCode::INTERNAL_SERVER_ERROR,
            _ => StatusCode::BAD_REQUEST,
        };
        let body = ErrorJson {
            error: self.code(),
            error_description: &self.to_string(),
        };
        let mut response = (status, Json(body)).into_response();
        response
            .headers_mut()
            .insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
        response
    }
}
