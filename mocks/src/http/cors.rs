//! CORS for browsers on other origins (the SPA under trunk, browser tests).
//!
//! Bearer endpoints accept any origin; the origin is mirrored with credentials allowed, which is harmless
//! there because they ignore cookies. The cookie endpoints under `/api/auth/` answer credentialed CORS only
//! to trusted origins: the `--public-url` origin and loopback origins.

use std::time::Duration;

use axum::http::request::Parts;
use axum::http::{HeaderName, HeaderValue, Method, header};
use tower_http::cors::{AllowOrigin, CorsLayer};

/// Path prefix of the endpoints that authenticate by cookie.
pub const COOKIE_PATHS: &str = "/api/auth/";

/// Request headers a browser may send.
fn allowed_headers() -> [HeaderName; 5] {
    [
        header::AUTHORIZATION,
        header::CONTENT_TYPE,
        HeaderName::from_static("idempotency-key"),
        HeaderName::from_static("x-request-id"),
        HeaderName::from_static("x-xsrf-token"),
    ]
}

/// Response headers a browser script may read.
fn exposed_headers() -> [HeaderName; 2] {
    [header::RETRY_AFTER, HeaderName::from_static("x-request-id")]
}

/// CORS of the public listener; `public_origin` is the origin of `--public-url`, if any.
pub fn public_cors(public_origin: Option<String>) -> CorsLayer {
    let allow = AllowOrigin::predicate(move |origin: &HeaderValue, parts: &Parts| {
        !parts.uri.path().starts_with(COOKIE_PATHS) || is_trusted(origin, public_origin.as_deref())
    });
    base().allow_origin(allow).allow_credentials(true)
}

/// CORS of the admin listener: loopback origins only (browser tests), no credentials.
pub fn admin_cors() -> CorsLayer {
    base().allow_origin(AllowOrigin::predicate(|origin: &HeaderValue, _: &Parts| {
        is_loopback(origin)
    }))
}

fn base() -> CorsLayer {
    CorsLayer::new()
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ])
        .allow_headers(allowed_headers())
        .expose_headers(exposed_headers())
        .max_age(Duration::from_secs(600))
}

/// True for the public origin and loopback origins.
fn is_trusted(origin: &HeaderValue, public_origin: Option<&str>) -> bool {
    is_loopback(origin) || public_origin.is_some_and(|p| origin.as_bytes() == p.as_bytes())
}

/// True for `http(s)://127.0.0.1[:port]`, `http(s)://localhost[:port]` and `http(s)://[::1][:port]`.
fn is_loopback(origin: &HeaderValue) -> bool {
    let Ok(text) = origin.to_str() else {
        return false;
    };
    let Some(rest) = text
        .strip_prefix("http://")
        .or_else(|| text.strip_prefix("https://"))
    else {
        return false;
    };
    let host = match rest.strip_prefix("[::1]") {
        Some(port) => return port.is_empty() || is_port_suffix(port),
        None => rest.split_once(':').map_or(rest, |(host, _)| host),
    };
    let port = &rest[host.len()..];
    matches!(host, "127.0.0.1" | "localhost") && (port.is_empty() || is_port_suffix(port))
}

fn is_port_suffix(text: &str) -> bool {
    text.strip_prefix(':')
        .is_some_and(|p| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()))
}

/// The origin (`scheme://host[:port]`) of a URL.
pub fn origin_of(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then(|| {
        format!(
            "{}://{}",
            scheme.to_ascii_lowercase(),
            authority.to_ascii_lowercase()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_loopback_origins_only() {
        for ok in [
            "http://127.0.0.1:8080",
            "http://localhost",
            "https://localhost:3000",
            "http://[::1]:9",
        ] {
            assert!(is_loopback(&HeaderValue::from_static(ok)), "{ok}");
        }
        for bad in [
            "http://127.0.0.1.evil.com",
            "http://localhost.evil",
            "https://bank.example",
            "http://127.0.0.1:abc",
            "null",
        ] {
            assert!(!is_loopback(&HeaderValue::from_static(bad)), "{bad}");
        }
    }

    #[test]
    fn extracts_origins() {
        assert_eq!(
            origin_of("https://Bank.example:8443/app?x"),
            Some("https://bank.example:8443".into())
        );
        assert_eq!(origin_of("nonsense"), None);
    }
}
