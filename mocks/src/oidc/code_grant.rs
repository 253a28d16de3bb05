//! `grant_type=authorization_code`: spends the code, checks client, redirect URI and PKCE, issues tokens.

use crate::AppState;
use crate::oidc::codes::CodeError;
use crate::oidc::grants::TokenGrant;
use crate::oidc::oauth_error::OAuthError;
use crate::oidc::params::Params;
use crate::oidc::pkce::verifier_matches;
use crate::oidc::scope::OFFLINE_ACCESS;
use crate::oidc::signing_key::SigningKey;
use crate::oidc::token::{TokenResponse, required, respond};

/// Exchanges an authorization code for tokens (a refresh token only with `offline_access`).
pub fn exchange(
    state: &AppState,
    params: &Params,
    client_id: &str,
) -> Result<TokenResponse, OAuthError> {
    let code = required(params, "code")?;
    let redirect_uri = required(params, "redirect_uri")?;
    let verifier = params.get("code_verifier").ok_or_else(|| {
        OAuthError::InvalidRequest("code_verifier is required: this provider requires PKCE".into())
    })?;
    // Fail before spending the code when no ID token could be signed.
    SigningKey::process_key().map_err(|e| OAuthError::ServerError(e.to_string()))?;
    let provider = state.oidc();
    let now = state.clock().now();
    let grant = provider.codes().redeem(code, now).map_err(|error| {
        if let CodeError::Reused {
            family: Some(family),
        } = error
        {
            state.tokens().revoke_family(family);
        }
        OAuthError::InvalidGrant(error.to_string())
    })?;
    if grant.client_id != client_id {
        return Err(OAuthError::InvalidGrant(
            "The authorization code was issued to another client".into(),
        ));
    }
    if grant.redirect_uri != redirect_uri {
        return Err(OAuthError::InvalidGrant(
            "redirect_uri differs from the one of the authorization request".into(),
        ));
    }
    if !verifier_matches(verifier, &grant.code_challenge) {
        return Err(OAuthError::InvalidGrant(
            "PKCE check failed: code_verifier does not match the code_challenge".into(),
        ));
    }
    let issued = state.tokens().issue(&grant.session.sub, now, None);
    provider.codes().record_family(code, issued.family);
    let token_grant = TokenGrant {
        client_id: grant.client_id,
        scope: grant.scope,
        session: grant.session,
    };
    provider.grants().record(issued.family, token_grant.clone());
    let with_refresh = token_grant.scope.has(OFFLINE_ACCESS);
    respond(
        state,
        &token_grant,
        issued,
        grant.nonce.as_deref(),
        with_refresh,
        now,
    )
}
