//! `POST /oidc/revoke` (RFC 7009): ends the session (token family) of an access or refresh token.

use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::oidc::oauth_error::OAuthError;
use crate::oidc::params::Params;
use crate::oidc::token::{client_id, required};

/// Revokes the token's family; 200 whether or not the token was known (`token_type_hint` is not needed).
pub async fn revoke(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match revoke_token(&state, &headers, body) {
        Ok(()) => StatusCode::OK.into_response(),
        Err(error) => error.into_response(),
    }
}

fn revoke_token(
    state: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<(), OAuthError> {
    let body = body.map_err(|e| OAuthError::InvalidRequest(e.body_text()))?;
    let params =
        Params::form(headers, &body).map_err(|e| OAuthError::InvalidRequest(e.to_string()))?;
    let client_id = client_id(state, &params)?;
    let token = required(&params, "token")?;
    let Some(family) = state.tokens().family_of(token) else {
        return Ok(());
    };
    let issued_to_other = state
        .oidc()
        .grants()
        .get(family)
        .is_some_and(|grant| grant.client_id != client_id);
    if !issued_to_other {
        state.tokens().revoke_family(family);
    }
    Ok(())
}
