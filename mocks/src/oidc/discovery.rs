//! What the provider publishes: `/.well-known/openid-configuration` and the JWK set.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::AppState;
use crate::oidc::issuer::Issuer;
use crate::oidc::jws::RS256;
use crate::oidc::oauth_error::OAuthError;
use crate::oidc::pkce::S256;
use crate::oidc::scope::SUPPORTED_SCOPES;
use crate::oidc::signing_key::SigningKey;

/// OpenID Provider Metadata (OpenID Connect Discovery 1.0 §3, RFC 8414).
#[derive(Debug, Clone, Serialize)]
pub struct ProviderMetadata {
    issuer: String,
    authorization_endpoint: String,
    token_endpoint: String,
    userinfo_endpoint: String,
    jwks_uri: String,
    revocation_endpoint: String,
    end_session_endpoint: String,
    scopes_supported: [&'static str; 5],
    response_types_supported: [&'static str; 1],
    response_modes_supported: [&'static str; 1],
    grant_types_supported: [&'static str; 2],
    subject_types_supported: [&'static str; 1],
    id_token_signing_alg_values_supported: [&'static str; 1],
    token_endpoint_auth_methods_supported: [&'static str; 1],
    revocation_endpoint_auth_methods_supported: [&'static str; 1],
    code_challenge_methods_supported: [&'static str; 1],
    prompt_values_supported: [&'static str; 2],
    claims_supported: [&'static str; 12],
    authorization_response_iss_parameter_supported: bool,
    request_parameter_supported: bool,
    request_uri_parameter_supported: bool,
    claims_parameter_supported: bool,
}

impl ProviderMetadata {
    /// The metadata of the provider at `issuer`.
    pub fn new(issuer: &Issuer) -> Self {
        ProviderMetadata {
            issuer: issuer.url().to_owned(),
            authorization_endpoint: issuer.endpoint("authorize"),
            token_endpoint: issuer.endpoint("token"),
            userinfo_endpoint: issuer.endpoint("userinfo"),
            jwks_uri: issuer.endpoint("jwks"),
            revocation_endpoint: issuer.endpoint("revoke"),
            end_session_endpoint: issuer.endpoint("end_session"),
            scopes_supported: SUPPORTED_SCOPES,
            response_types_supported: ["code"],
            response_modes_supported: ["query"],
            grant_types_supported: ["authorization_code", "refresh_token"],
            subject_types_supported: ["public"],
            id_token_signing_alg_values_supported: [RS256],
            token_endpoint_auth_methods_supported: ["none"],
            revocation_endpoint_auth_methods_supported: ["none"],
            code_challenge_methods_supported: [S256],
            prompt_values_supported: ["none", "login"],
            claims_supported: [
                "iss",
                "sub",
                "aud",
                "exp",
                "iat",
                "auth_time",
                "nonce",
                "sid",
                "at_hash",
                "name",
                "email",
                "email_verified",
            ],
            authorization_response_iss_parameter_supported: true,
            request_parameter_supported: false,
            request_uri_parameter_supported: false,
            claims_parameter_supported: false,
        }
    }
}

/// How long browsers may keep the discovery document (it changes only with the configuration): one hour.
pub const DISCOVERY_CACHE_CONTROL: &str = "public, max-age=3600";

/// How long browsers may keep the key set: five minutes. A restart brings a new key; clients that meet a
/// token naming an unknown `kid` fetch the set again, as OpenID Connect Core §10.1.1 expects.
pub const JWKS_CACHE_CONTROL: &str = "public, max-age=300";

/// `GET /oidc/.well-known/openid-configuration` (`Content-Type: application/json`), cacheable.
pub async fn configuration(State(state): State<AppState>) -> Response {
    cacheable(
        Json(ProviderMetadata::new(state.oidc().issuer())).into_response(),
        DISCOVERY_CACHE_CONTROL,
    )
}

/// `GET /oidc/jwks`: the public signing key, cacheable for a few minutes.
pub async fn jwks() -> Response {
    match SigningKey::process_key() {
        Ok(key) => cacheable(Json(key.jwks()).into_response(), JWKS_CACHE_CONTROL),
        Err(error) => OAuthError::ServerError(error.to_string()).into_response(),
    }
}

fn cacheable(mut response: Response, cache_control: &'static str) -> Response {
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    response
}
