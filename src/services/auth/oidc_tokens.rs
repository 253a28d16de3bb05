//! Converting token-endpoint replies and errors into the auth layer's types.

use openidconnect::core::CoreTokenResponse;
use openidconnect::{OAuth2TokenResponse, TokenResponse};

use super::{AuthError, Secret, TokenGrant, TokenRequestError};

/// The tokens in a token-endpoint reply.
pub fn grant_from_response(response: &CoreTokenResponse) -> TokenGrant {
    TokenGrant {
        access_token: Secret::new(response.access_token().secret().clone()),
        refresh_token: response
            .refresh_token()
            .map(|t| Secret::new(t.secret().clone())),
        id_token: response.id_token().map(|t| Secret::new(t.to_string())),
        expires_in: response.expires_in(),
        user: None,
    }
}

/// A token-request failure; `refused` builds the error for an OAuth error reply (e.g. `invalid_grant`).
/// Only the OAuth error code is kept: response bodies may contain anything. The provider's own trouble (5xx, 429,
/// `server_error`, `temporarily_unavailable`) is transient: it never ends the session.
pub fn token_request_error(
    error: TokenRequestError,
    refused: fn(String) -> AuthError,
) -> AuthError {
    match error {
        TokenRequestError::Refused(code)
            if code == "server_error" || code == "temporarily_unavailable" =>
        {
            AuthError::ProviderUnreachable(code)
        }
        TokenRequestError::Refused(code) => refused(code),
        TokenRequestError::Unreachable(reason) => AuthError::ProviderUnreachable(reason),
        TokenRequestError::Unreadable => refused("unreadable reply".into()),
    }
}
