//! `Cache-Control` of API responses: `no-store` unless a handler chose otherwise.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// For accounts and balances: cacheable by the browser only, revalidated every time.
pub const PRIVATE_NO_CACHE: HeaderValue = HeaderValue::from_static("private, no-cache");

/// Middleware: sets `Cache-Control: no-store` on every response that has none.
pub async fn default_no_store(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        response
            .headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
