//! `POST /oidc/token`: the token endpoint (form-encoded, public client), answering RFC 6749 JSON.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::rejection::BytesRejection;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::AppState;
use crate::auth::IssuedTokens;
use crate::clock::Millis;
use crate::oidc::grants::TokenGrant;
use crate::oidc::id_token::IdTokenClaims;
use crate::oidc::oauth_error::OAuthError;
use crate::oidc::params::Params;
use crate::oidc::signing_key::SigningKey;
use crate::oidc::{code_grant, refresh_grant};

/// A successful token response.
#[derive(Debug, Serialize)]
pub struct TokenResponse {
    access_token: String,
    token_type: &'static str,
    expires_in: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    refresh_token: Option<String>,
    id_token: String,
    scope: String,
}

/// Exchanges an authorization code or a refresh token.
pub async fn token(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    match exchange(&state, &headers, body) {
        Ok(tokens) => {
            let mut response = Json(tokens).into_response();
            response
                .headers_mut()
                .insert(header::PRAGMA, HeaderValue::from_static("no-cache"));
            response
        }
        Err(error) => error.into_response(),
    }
}

fn exchange(
    state: &AppState,
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<TokenResponse, OAuthError> {
    let body = body.map_err(|e| OAuthError::InvalidRequest(e.body_text()))?;
    let params =
        Params::form(headers, &body).map_err(|e| OAuthError::InvalidRequest(e.to_string()))?;
    let client_id = client_id(state, &params)?;
    match params.get("grant_type") {
        Some("authorization_code") => code_grant::exchange(state, &params, client_id),
        Some("refresh_token") => refresh_grant::exchange(state, &params, client_id),
        Some(other) => Err(OAuthError::UnsupportedGrantType(format!(
            "grant_type '{other}' is not supported; use authorization_code or refresh_token"
        ))),
        None => Err(OAuthError::InvalidRequest("grant_type is required".into())),
    }
}

/// The `client_id` of a public client, which must be the registered one.
pub fn client_id<'a>(state: &AppState, params: &'a Params) -> Result<&'a str, OAuthError> {
    let client_id = params.get("client_id").ok_or_else(|| {
        OAuthError::InvalidClient("client_id is required (public client, no secret)".into())
    })?;
    if !state.oidc().client().is(client_id) {
        return Err(OAuthError::InvalidClient(format!(
            "Unknown client '{client_id}'"
        )));
    }
    Ok(client_id)
}

/// A required parameter.
pub fn required<'a>(params: &'a Params, name: &str) -> Result<&'a str, OAuthError> {
    params
        .get(name)
        .ok_or_else(|| OAuthError::InvalidRequest(format!("{name} is required")))
}

/// The response for freshly issued tokens: a new ID token, and the refresh token when `with_refresh`.
pub fn respond(
    state: &AppState,
    grant: &TokenGrant,
    issued: IssuedTokens,
    nonce: Option<&str>,
    with_refresh: bool,
    now: Millis,
) -> Result<TokenResponse, OAuthError> {
    let key = SigningKey::process_key().map_err(|e| OAuthError::ServerError(e.to_string()))?;
    let issuer = state.oidc().issuer().url();
    let claims = IdTokenClaims::new(issuer, grant, nonce, &issued.access_token, now);
    Ok(TokenResponse {
        id_token: key.sign_jwt(&claims),
        access_token: issued.access_token,
        token_type: "Bearer",
        expires_in: issued.expires_in,
        refresh_token: with_refresh.then_some(issued.refresh_token),
        scope: grant.scope.to_string(),
    })
}
