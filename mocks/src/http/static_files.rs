//! `--static DIR`: the built SPA served as it is deployed (docs/deploy.md).
//!
//! - The precompressed `.br` / `.gz` variant the release build wrote is sent when `Accept-Encoding` allows it,
//!   with the original's `Content-Type` and `Vary: Accept-Encoding`.
//! - Content-hashed files (`digibank-1a2b…_bg.wasm`) are `public, max-age=31536000, immutable`; everything
//!   else (index.html, config.json, sw.js and its helpers, the favicon) is `no-cache`.
//! - A path without a file extension is a route of the app and gets index.html (the SPA fallback: `/callback`,
//!   `/accounts/1`); a missing path with an extension (`/favicon.ico`) gets a 404, not a 200 page.
//! - Every answer carries the [`SecurityHeaders`] of the config.json in `DIR` (read once, at start), unless
//!   `--no-security-headers`.

use std::path::Path;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn, map_response};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

use crate::http::security_headers::SecurityHeaders;

/// `Cache-Control` of content-hashed files: a new build has new names, so they never change.
pub const IMMUTABLE: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
/// `Cache-Control` of files whose name stays the same across builds: revalidated on every use.
pub const NO_CACHE: HeaderValue = HeaderValue::from_static("no-cache");

/// The router answering every path under `dir` that no other route took, with `security` on every answer.
pub fn router<S: Clone + Send + Sync + 'static>(
    dir: &Path,
    security: Option<SecurityHeaders>,
) -> Router<S> {
    let index = ServeFile::new(dir.join("index.html"))
        .precompressed_br()
        .precompressed_gzip();
    let files = ServeDir::new(dir)
        .precompressed_br()
        .precompressed_gzip()
        .append_index_html_on_directories(true);
    let serve = move |request: Request| {
        let (files, index) = (files.clone(), index.clone());
        async move {
            if is_app_route(request.uri().path()) {
                index.oneshot(request).await.into_response()
            } else {
                let response = files.oneshot(request).await.into_response();
                if response.status() == StatusCode::NOT_FOUND {
                    (StatusCode::NOT_FOUND, "Not found").into_response()
                } else {
                    response
                }
            }
        }
    };
    Router::new()
        .fallback(serve)
        .layer(from_fn(cache_headers))
        .layer(map_response(move |response: Response| {
            let security = security.clone();
            async move {
                match security {
                    Some(set) => set.on(response),
                    None => response,
                }
            }
        }))
}

/// Middleware: the `Cache-Control` of [`cache_policy`] and `Vary: Accept-Encoding` on every successful answer.
async fn cache_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if response.status().is_success() || response.status() == StatusCode::NOT_MODIFIED {
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, cache_policy(&path));
        headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    } else if !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}

/// [`IMMUTABLE`] for a content-hashed file name, [`NO_CACHE`] for everything else (index.html and routes).
pub fn cache_policy(path: &str) -> HeaderValue {
    if is_content_hashed(path) {
        IMMUTABLE
    } else {
        NO_CACHE
    }
}

/// Whether the last segment of `path` has no extension, so it is one of the app's routes (`/`, `/callback`).
pub fn is_app_route(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    !name.contains('.')
}

/// Whether the file name ends in trunk's content hash: `<name>-<8 to 16 hex digits>[_bg].<ext>`.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _extension)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trunk_hashed_names_are_immutable_and_the_rest_revalidated() {
        for hashed in [
            "/digibank-5e1f8a2b9c3d4e6f_bg.wasm",
            "/digibank-5e1f8a2b9c3d4e6f.js",
            "/main-0a1b2c3d4e5f6071.css",
        ] {
            assert!(is_content_hashed(hashed), "{hashed}");
            assert_eq!(cache_policy(hashed), IMMUTABLE);
        }
        for plain in [
            "/",
            "/index.html",
            "/config.json",
            "/sw.js",
            "/sw-policy.js",
            "/sw-api-cache.js",
            "/favicon.svg",
            "/accounts/1",
            "/x-notahash.js",
        ] {
            assert!(!is_content_hashed(plain), "{plain}");
            assert_eq!(cache_policy(plain), NO_CACHE);
        }
    }

    #[test]
    fn routes_have_no_extension_and_files_do() {
        assert!(is_app_route("/") && is_app_route("/callback") && is_app_route("/accounts/acc_1"));
        assert!(!is_app_route("/favicon.ico") && !is_app_route("/config.json"));
    }
}
