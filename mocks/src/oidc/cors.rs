//! CORS of the provider's script-facing endpoints: any origin, no credentials (they use no cookies;
//! the cookie-bearing `/authorize` and `/end_session` are top-level navigations, where CORS plays no part).

use std::time::Duration;

use axum::http::{Method, header};
use tower_http::cors::{Any, CorsLayer};

/// CORS layer of `/oidc`.
pub fn oidc_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE])
        .expose_headers([header::WWW_AUTHENTICATE])
        .max_age(Duration::from_secs(600))
}
