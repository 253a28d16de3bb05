//! The development OpenID provider under `/oidc`: discovery, JWKS, authorization code flow with PKCE S256,
//! token (code and refresh-token grants), userinfo, revocation and RP-initiated logout — plus the check of
//! JWT access tokens from an external issuer (`--trust-issuer`) for the bank API.
//!
//! Access and refresh tokens come from the API's [`crate::auth::TokenStore`], so `/api` accepts them and
//! `/api/auth/refresh` rotates them; ID tokens are RS256 JWTs signed by a per-process key.
//! Errors of the JSON endpoints follow RFC 6749 (`{"error", "error_description"}`), not the API's problem JSON.

mod authorize;
mod authorize_request;
mod client;
mod code_grant;
mod codes;
mod cors;
mod discovery;
mod end_session;
mod flags;
mod grants;
mod http_fetch;
mod id_token;
mod issuer;
mod jwk;
mod jwks_cache;
mod jws;
mod oauth_error;
mod pages;
mod params;
mod pkce;
mod provider;
mod redirect;
mod refresh_grant;
mod revoke;
mod scope;
mod sessions;
mod signing_key;
mod token;
mod trusted_issuer;
mod userinfo;
mod users;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware::from_fn;
use axum::routing::{get, post};

use crate::AppState;
use crate::http::cache_control::default_no_store;

pub use client::{CLIENT_ID, Client};
pub use discovery::ProviderMetadata;
pub use flags::{OidcFlags, OidcFlagsError};
pub use id_token::IdTokenClaims;
pub use issuer::Issuer;
pub use jwk::{Jwk, JwkSet};
pub use jws::JwsError;
pub use provider::Provider;
pub use sessions::SESSION_COOKIE;
pub use signing_key::{KeyError, SigningKey};
pub use trusted_issuer::{TrustError, TrustedIssuer, looks_like_jwt};
pub use users::DEMO_PASSWORD;

/// Largest request body of the provider's endpoints.
const BODY_LIMIT: usize = 16 * 1024;

/// Routes of `/oidc` (nested by the server outside the API's error and CORS layers).
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/.well-known/openid-configuration",
            get(discovery::configuration),
        )
        .route("/jwks", get(discovery::jwks))
        .route("/authorize", get(authorize::show).post(authorize::submit))
        .route("/token", post(token::token))
        .route(
            "/userinfo",
            get(userinfo::userinfo).post(userinfo::userinfo),
        )
        .route("/revoke", post(revoke::revoke))
        .route("/end_session", get(end_session::end_session))
        .layer(from_fn(default_no_store))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(cors::oidc_cors())
}
