//! The auth settings, derived from config.json and the page origin.

use std::time::Duration;

use crate::config::{AppConfig, TokenStorageMode};

use super::DEFAULT_CLOCK_SKEW;

/// Scopes requested by default (`offline_access` asks for a refresh token).
pub const DEFAULT_SCOPES: [&str; 5] = ["openid", "profile", "email", "api", "offline_access"];

/// The page the provider redirects back to.
pub const CALLBACK_PATH: &str = "/callback";

/// Everything the auth layer needs to know about the provider and this app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthConfig {
    /// Issuer URL; discovery is at `<authority>/.well-known/openid-configuration`.
    pub authority: String,
    /// OAuth client id (a public client: no secret).
    pub client_id: String,
    /// `<origin>/callback`, registered exactly at the provider.
    pub redirect_uri: String,
    /// Where the provider returns after sign-out (the app's origin).
    pub post_logout_redirect_uri: String,
    /// Requested scopes.
    pub scopes: Vec<String>,
    /// RFC 8707 resource indicator for the API, for providers that issue per-audience access tokens.
    pub resource: Option<String>,
    /// Where tokens live.
    pub storage: TokenStorageMode,
    /// Base URL of the bank API (cookie mode uses its `/auth/refresh` and `/auth/logout`).
    pub api_base_url: String,
    /// How early a token counts as expired.
    pub clock_skew: Duration,
}

impl AuthConfig {
    /// The settings for `config` on a page served from `origin` (e.g. `http://127.0.0.1:8080`).
    pub fn from_app_config(config: &AppConfig, origin: &str) -> Self {
        let origin = origin.trim_end_matches('/');
        Self {
            authority: config.oidc_authority.clone(),
            client_id: config.client_id.clone(),
            redirect_uri: format!("{origin}{CALLBACK_PATH}"),
            post_logout_redirect_uri: format!("{origin}/"),
            scopes: DEFAULT_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
            resource: config.api_resource.clone(),
            storage: config.token_storage,
            api_base_url: config.api_base_url.clone(),
            clock_skew: DEFAULT_CLOCK_SKEW,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_redirects_from_the_origin() {
        let json = r#"{"apiBaseUrl":"/api","oidcAuthority":"/oidc","clientId":"digibank-spa","realtimeUrl":"/socket.io/","tokenStorage":"cookie"}"#;
        let app = AppConfig::parse(json, "http://127.0.0.1:8080").unwrap();
        let auth = AuthConfig::from_app_config(&app, "http://127.0.0.1:8080/");
        assert_eq!(auth.authority, "http://127.0.0.1:8080/oidc");
        assert_eq!(auth.redirect_uri, "http://127.0.0.1:8080/callback");
        assert_eq!(auth.post_logout_redirect_uri, "http://127.0.0.1:8080/");
        assert_eq!(
            auth.scopes.join(" "),
            "openid profile email api offline_access"
        );
        assert_eq!(auth.storage, TokenStorageMode::Cookie);
        assert_eq!(auth.api_base_url, "http://127.0.0.1:8080/api");
        assert_eq!(auth.resource, None);
    }

    #[test]
    fn passes_the_api_resource_on() {
        let json = r#"{"apiBaseUrl":"/api","oidcAuthority":"https://id.example","clientId":"c","realtimeUrl":"/s","apiResource":"digibank-api"}"#;
        let app = AppConfig::parse(json, "http://127.0.0.1:8080").unwrap();
        let auth = AuthConfig::from_app_config(&app, "http://127.0.0.1:8080");
        assert_eq!(auth.resource.as_deref(), Some("digibank-api"));
    }
}
