//! CSRF protection of cookie-authenticated requests (double submit): an unsafe request that carries the
//! refresh-token cookie must repeat the `XSRF-TOKEN` cookie in the `X-XSRF-TOKEN` header.

use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::ApiError;
use crate::auth::cookies::{self, REFRESH_COOKIE, XSRF_COOKIE, XSRF_HEADER};

/// Middleware: 403 for a cookie-authenticated unsafe request without the matching CSRF header.
pub async fn require_xsrf(req: Request, next: Next) -> Response {
    let unsafe_method = !req.method().is_safe();
    if unsafe_method
        && cookies::read(req.headers(), REFRESH_COOKIE).is_some()
        && !xsrf_matches(&req)
    {
        return ApiError::Forbidden(
            "Missing or wrong X-XSRF-TOKEN header: repeat the XSRF-TOKEN cookie in it".into(),
        )
        .into_response();
    }
    next.run(req).await
}

fn xsrf_matches(req: &Request) -> bool {
    let cookie = cookies::read(req.headers(), XSRF_COOKIE);
    let header = req.headers().get(XSRF_HEADER).and_then(|v| v.to_str().ok());
    match (cookie, header) {
        (Some(cookie), Some(header)) => constant_time_eq(cookie.as_bytes(), header.as_bytes()),
        _ => false,
    }
}

/// Equality whose time does not depend on where the inputs differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
