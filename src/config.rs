//! Runtime configuration, read from `config.json` at start-up so one build serves many environments.
//!
//! Parsing and URL resolution are pure (tested natively); only [`load`] touches the browser.

use serde::Deserialize;

/// Where tokens are kept between page loads (see docs/auth.md for the trade-offs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenStorageMode {
    /// Nothing persists; a reload re-establishes the session through the provider (default, safest).
    #[default]
    Memory,
    /// sessionStorage: survives reloads in this tab only.
    Session,
    /// localStorage: survives everything; unsafe for sensitive apps, opt-in only.
    Local,
    /// Refresh token in an HttpOnly cookie set by the backend; access token in memory.
    Cookie,
}

/// The validated runtime configuration, every URL absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppConfig {
    /// Base URL of the bank API, e.g. `https://bank.example/api`.
    pub api_base_url: String,
    /// OpenID Connect issuer URL.
    pub oidc_authority: String,
    /// OAuth client id of this app.
    pub client_id: String,
    /// Socket.IO endpoint (http or https; the realtime layer switches to ws/wss).
    pub realtime_url: String,
    /// Token storage mode.
    pub token_storage: TokenStorageMode,
    /// RFC 8707 resource indicator of the API (`apiResource`), for providers that issue per-audience access tokens.
    pub api_resource: Option<String>,
}

/// Why the configuration could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    /// The request for config.json failed.
    #[error("config.json could not be loaded: {0}")]
    Unreachable(String),
    /// The server answered, but not with 200.
    #[error("config.json could not be loaded: the server answered {0}")]
    Status(u16),
    /// Not JSON of the expected shape.
    #[error("config.json is malformed: {0}")]
    Malformed(String),
    /// A field has an unusable value.
    #[error("config.json: {field} {reason}")]
    Invalid {
        /// The offending field.
        field: &'static str,
        /// What is wrong with it.
        reason: String,
    },
}

/// The file as written, before validation.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct RawConfig {
    api_base_url: String,
    oidc_authority: String,
    client_id: String,
    realtime_url: String,
    #[serde(default)]
    token_storage: TokenStorageMode,
    #[serde(default)]
    api_resource: Option<String>,
}

impl AppConfig {
    /// Parses config.json text, resolving relative URLs against the page `origin` (e.g. `http://127.0.0.1:8080`).
    pub fn parse(json: &str, origin: &str) -> Result<AppConfig, ConfigError> {
        let raw: RawConfig =
            serde_json::from_str(json).map_err(|e| ConfigError::Malformed(e.to_string()))?;
        if raw
            .api_resource
            .as_deref()
            .is_some_and(|r| r.trim().is_empty())
        {
            return Err(ConfigError::Invalid {
                field: "apiResource",
                reason: "must not be empty (leave it out instead)".into(),
            });
        }
        if raw.client_id.trim().is_empty() {
            return Err(ConfigError::Invalid {
                field: "clientId",
                reason: "must not be empty".into(),
            });
        }
        Ok(AppConfig {
            api_base_url: resolve("apiBaseUrl", &raw.api_base_url, origin)?,
            oidc_authority: resolve("oidcAuthority", &raw.oidc_authority, origin)?,
            client_id: raw.client_id,
            realtime_url: resolve("realtimeUrl", &raw.realtime_url, origin)?,
            token_storage: raw.token_storage,
            api_resource: raw.api_resource.map(|r| r.trim().to_owned()),
        })
    }
}

/// Makes `url` absolute: absolute http(s) URLs stay, paths starting with `/` are joined to `origin`.
fn resolve(field: &'static str, url: &str, origin: &str) -> Result<String, ConfigError> {
    let invalid = |reason: &str| ConfigError::Invalid {
        field,
        reason: reason.into(),
    };
    let url = url.trim();
    let resolved = if url.starts_with("https://") || url.starts_with("http://") {
        url.to_owned()
    } else if url.starts_with('/') && !url.starts_with("//") {
        format!("{}{url}", origin.trim_end_matches('/'))
    } else {
        return Err(invalid(
            "must be an http(s) URL or a path starting with '/'",
        ));
    };
    if resolved.chars().any(char::is_whitespace) {
        return Err(invalid("must not contain spaces"));
    }
    if !host_of(&resolved).is_ascii() {
        return Err(invalid(
            "must have an ASCII host name (write an internationalised domain in its xn-- form)",
        ));
    }
    Ok(resolved)
}

/// The authority part of an absolute URL (between `://` and the path, query or fragment).
fn host_of(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    after_scheme
        .split(['/', '?', '#'])
        .next()
        .unwrap_or(after_scheme)
}

/// Fetches and validates `/config.json` from the page's origin.
#[cfg(target_arch = "wasm32")]
pub async fn load() -> Result<AppConfig, ConfigError> {
    let origin = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .ok_or_else(|| ConfigError::Unreachable("no page origin".into()))?;
    // Default cache mode, so the document's `<link rel="preload">` of config.json is reused; the file is
    // served `Cache-Control: no-cache`, so it is still revalidated on every start (docs/deploy.md).
    let response = gloo_net::http::Request::get("/config.json")
        .send()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
    if response.status() != 200 {
        return Err(ConfigError::Status(response.status()));
    }
    let text = response
        .text()
        .await
        .map_err(|e| ConfigError::Unreachable(e.to_string()))?;
    AppConfig::parse(&text, &origin)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORIGIN: &str = "http://127.0.0.1:8080";

    #[test]
    fn resolves_relative_urls_against_the_origin() {
        let json = r#"{"apiBaseUrl":"/api","oidcAuthority":"/oidc","clientId":"digibank-spa","realtimeUrl":"/socket.io/","tokenStorage":"memory"}"#;
        let config = AppConfig::parse(json, ORIGIN).unwrap();
        assert_eq!(config.api_base_url, "http://127.0.0.1:8080/api");
        assert_eq!(config.oidc_authority, "http://127.0.0.1:8080/oidc");
        assert_eq!(config.realtime_url, "http://127.0.0.1:8080/socket.io/");
        assert_eq!(config.token_storage, TokenStorageMode::Memory);
    }

    #[test]
    fn keeps_absolute_urls_and_defaults_storage_to_memory() {
        let json = r#"{"apiBaseUrl":"https://api.bank.example/v1/","oidcAuthority":"https://id.bank.example","clientId":"x","realtimeUrl":"https://rt.bank.example/socket.io/"}"#;
        let config = AppConfig::parse(json, ORIGIN).unwrap();
        assert_eq!(config.api_base_url, "https://api.bank.example/v1/");
        assert_eq!(config.oidc_authority, "https://id.bank.example");
        assert_eq!(config.token_storage, TokenStorageMode::Memory);
    }

    #[test]
    fn every_storage_mode_parses() {
        for (text, mode) in [
            ("memory", TokenStorageMode::Memory),
            ("session", TokenStorageMode::Session),
            ("local", TokenStorageMode::Local),
            ("cookie", TokenStorageMode::Cookie),
        ] {
            let json = format!(
                r#"{{"apiBaseUrl":"/api","oidcAuthority":"/oidc","clientId":"c","realtimeUrl":"/s","tokenStorage":"{text}"}}"#
            );
            assert_eq!(AppConfig::parse(&json, ORIGIN).unwrap().token_storage, mode);
        }
    }

    #[test]
    fn the_api_resource_is_optional_and_never_empty() {
        let base =
            r#""apiBaseUrl":"/api","oidcAuthority":"/oidc","clientId":"c","realtimeUrl":"/s""#;
        let without = AppConfig::parse(&format!("{{{base}}}"), ORIGIN).unwrap();
        assert_eq!(without.api_resource, None);
        let with = format!(r#"{{{base},"apiResource":"digibank-api"}}"#);
        assert_eq!(
            AppConfig::parse(&with, ORIGIN)
                .unwrap()
                .api_resource
                .as_deref(),
            Some("digibank-api")
        );
        let empty = format!(r#"{{{base},"apiResource":" "}}"#);
        assert!(matches!(
            AppConfig::parse(&empty, ORIGIN),
            Err(ConfigError::Invalid {
                field: "apiResource",
                ..
            })
        ));
    }

    #[test]
    fn malformed_or_invalid_config_is_a_clear_error() {
        assert!(matches!(
            AppConfig::parse("<html>", ORIGIN),
            Err(ConfigError::Malformed(_))
        ));
        assert!(matches!(
            AppConfig::parse("{}", ORIGIN),
            Err(ConfigError::Malformed(_))
        ));
        let typo = r#"{"apiBaseUrl":"/api","oidcAuthority":"/oidc","clientId":"c","realtimeUrl":"/s","tokenStorge":"local"}"#;
        assert!(
            AppConfig::parse(typo, ORIGIN)
                .unwrap_err()
                .to_string()
                .contains("tokenStorge")
        );
        let bad_mode = r#"{"apiBaseUrl":"/api","oidcAuthority":"/oidc","clientId":"c","realtimeUrl":"/s","tokenStorage":"disk"}"#;
        assert!(matches!(
            AppConfig::parse(bad_mode, ORIGIN),
            Err(ConfigError::Malformed(_))
        ));
        let relative =
            r#"{"apiBaseUrl":"api","oidcAuthority":"/oidc","clientId":"c","realtimeUrl":"/s"}"#;
        assert_eq!(
            AppConfig::parse(relative, ORIGIN).unwrap_err(),
            ConfigError::Invalid {
                field: "apiBaseUrl",
                reason: "must be an http(s) URL or a path starting with '/'".into()
            }
        );
        let unicode_host = r#"{"apiBaseUrl":"https://bänk.example/api","oidcAuthority":"/oidc","clientId":"c","realtimeUrl":"/s"}"#;
        assert!(matches!(
            AppConfig::parse(unicode_host, ORIGIN),
            Err(ConfigError::Invalid { field: "apiBaseUrl", ref reason }) if reason.contains("xn--")
        ));
        let punycode_host = r#"{"apiBaseUrl":"https://xn--bnk-qla.example/ä","oidcAuthority":"/oidc","clientId":"c","realtimeUrl":"/s"}"#;
        assert!(AppConfig::parse(punycode_host, ORIGIN).is_ok());
        let empty_client =
            r#"{"apiBaseUrl":"/api","oidcAuthority":"/oidc","clientId":" ","realtimeUrl":"/s"}"#;
        assert!(matches!(
            AppConfig::parse(empty_client, ORIGIN),
            Err(ConfigError::Invalid {
                field: "clientId",
                ..
            })
        ));
    }
}
