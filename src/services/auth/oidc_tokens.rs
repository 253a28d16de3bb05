//! Converting openidconnect token replies and errors into the auth layer's types.

use openidconnect::core::{CoreErrorResponseType, CoreTokenResponse};
use openidconnect::{OAuth2TokenResponse, RequestTokenError, StandardErrorResponse, TokenResponse};

use super::{AuthError, HttpError, Secret, TokenGrant};

/// The error type of openidconnect's token requests over our HTTP client.
pub type TokenRequestError =
    RequestTokenError<HttpError, StandardErrorResponse<CoreErrorResponseType>>;

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
/// Only the OAuth error code is kept: response bodies may contain anything.
pub fn token_request_error(
    error: TokenRequestError,
    refused: fn(String) -> AuthError,
) -> AuthError {
    match error {
        RequestTokenError::ServerResponse(reply) => refused(reply.error().as_ref().to_owned()),
        RequestTokenError::Request(HttpError(reason)) => AuthError::ProviderUnreachable(reason),
        RequestTokenError::Parse(_, _) => refused("unreadable reply".into()),
        RequestTokenError::Other(_) => refused("unexpected reply".into()),
    }
}
