//! `Caller`: the customer behind a request, from its bearer access token.

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use crate::{ApiError, AppState};

/// The authenticated customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    /// Subject, e.g. `alice`.
    pub sub: String,
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let token = bearer_token(parts).ok_or_else(|| {
            ApiError::Unauthenticated(
                "Sign in first: send Authorization: Bearer <access token>".into(),
            )
        })?;
        let sub = state
            .tokens()
            .authenticate(token, state.clock().now())
            .map_err(|e| ApiError::Unauthorized(e.to_string()))?;
        Ok(Caller { sub })
    }
}

/// The token of an `Authorization: Bearer …` header (scheme case-insensitive).
fn bearer_token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}
