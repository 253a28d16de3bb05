//! `Caller`: the customer behind a request, from its bearer access token (the token store's, or with
//! `--trust-issuer` an external issuer's JWT).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use crate::oidc::looks_like_jwt;
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
        let sub = subject_of_token(state, token).await?;
        Ok(Caller { sub })
    }
}

/// The customer an access token belongs to, by the API's rules (also used by the realtime socket's CONNECT).
pub async fn subject_of_token(state: &AppState, token: &str) -> Result<String, ApiError> {
    let now = state.clock().now();
    // With --trust-issuer, JWT-shaped tokens are the external issuer's (the store's are opaque).
    if let Some(trusted) = state.oidc().trusted_issuer()
        && looks_like_jwt(token)
    {
        return Ok(trusted.subject_of(token, now).await?);
    }
    state
        .tokens()
        .authenticate(token, now)
        .map_err(|e| ApiError::Unauthorized(e.to_string()))
}

/// The token of an `Authorization: Bearer …` header (scheme case-insensitive).
fn bearer_token(parts: &Parts) -> Option<&str> {
    let value = parts.headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}
