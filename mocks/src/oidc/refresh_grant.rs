//! `grant_type=refresh_token`: rotation through the API's token store (a reused token revokes its family)
//! and a fresh ID token without nonce.

use crate::AppState;
use crate::oidc::grants::TokenGrant;
use crate::oidc::oauth_error::OAuthError;
use crate::oidc::params::Params;
use crate::oidc::scope::Scope;
use crate::oidc::token::{TokenResponse, required, respond};

/// Rotates a refresh token issued by the provider to this client.
pub fn exchange(
    state: &AppState,
    params: &Params,
    client_id: &str,
) -> Result<TokenResponse, OAuthError> {
    let token = required(params, "refresh_token")?;
    let provider = state.oidc();
    let grant = state
        .tokens()
        .family_of(token)
        .and_then(|family| provider.grants().get(family))
        .ok_or_else(|| {
            OAuthError::InvalidGrant("The refresh token was not issued by this provider".into())
        })?;
    if grant.client_id != client_id {
        return Err(OAuthError::InvalidGrant(
            "The refresh token was issued to another client".into(),
        ));
    }
    let scope = narrowed_scope(params, &grant.scope)?;
    let now = state.clock().now();
    let issued = state
        .tokens()
        .refresh(token, now)
        .map_err(|e| OAuthError::InvalidGrant(e.to_string()))?;
    let grant = TokenGrant { scope, ..grant };
    respond(state, &grant, issued, None, true, now)
}

/// The scope of a refresh request: the original one, or a part of it.
fn narrowed_scope(params: &Params, granted: &Scope) -> Result<Scope, OAuthError> {
    let Some(text) = params.get("scope") else {
        return Ok(granted.clone());
    };
    let scope = Scope::parse(text).map_err(|e| OAuthError::InvalidScope(e.to_string()))?;
    if scope.is_within(granted) {
        Ok(scope)
    } else {
        Err(OAuthError::InvalidScope(
            "A refresh can only keep or narrow the granted scope".into(),
        ))
    }
}
