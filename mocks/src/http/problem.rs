//! The JSON error body of every 4xx/5xx: handlers' [`crate::ApiError`]s and axum's own rejections alike.

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use digibank_api_types::ErrorBody;

use crate::http::RequestId;

/// Media type of error bodies (RFC 9457; it is JSON).
pub const PROBLEM_JSON: &str = "application/problem+json";

/// Largest foreign error body read to build a message.
const FOREIGN_BODY_LIMIT: usize = 2048;

/// An error body waiting for [`finish_errors`] to add the request id and serialise it.
#[derive(Debug, Clone)]
struct PendingError(ErrorBody);

/// A response with `status` whose body [`finish_errors`] fills from `body`.
pub fn error_response(status: StatusCode, body: ErrorBody) -> Response {
    let mut response = status.into_response();
    response.extensions_mut().insert(PendingError(body));
    response
}

/// Middleware: turns every 4xx/5xx into the JSON error body with the request id.
pub async fn finish_errors(req: Request, next: Next) -> Response {
    let request_id = req.extensions().get::<RequestId>().map(|id| id.0.clone());
    let (method, path) = (req.method().clone(), req.uri().path().to_owned());
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let mut error = match parts.extensions.remove::<PendingError>() {
        Some(PendingError(error)) => error,
        None => foreign_error(status, &method, &path, body).await,
    };
    error.request_id = request_id;
    let json =
        serde_json::to_vec(&error).unwrap_or_else(|_| b"{\"error\":\"Internal error\"}".to_vec());
    parts
        .headers
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(json))
}

/// Builds an error body for a response that did not come from an [`crate::ApiError`] (axum rejections, 405).
async fn foreign_error(status: StatusCode, method: &Method, path: &str, body: Body) -> ErrorBody {
    let text = to_bytes(body, FOREIGN_BODY_LIMIT)
        .await
        .ok()
        .and_then(|b| String::from_utf8(b.to_vec()).ok())
        .unwrap_or_default();
    let message = match status {
        StatusCode::METHOD_NOT_ALLOWED => format!("Method {method} is not allowed on {path}"),
        StatusCode::NOT_FOUND => format!("No such resource: {path}"),
        StatusCode::PAYLOAD_TOO_LARGE => "Request body is too large".to_owned(),
        _ if !text.trim().is_empty() => text.trim().to_owned(),
        _ => status.canonical_reason().unwrap_or("Error").to_owned(),
    };
    let reason = status.canonical_reason().unwrap_or("Error");
    ErrorBody::new(status.as_u16(), &slug_of(reason), reason, message)
}

/// `Method Not Allowed` → `method-not-allowed`.
fn slug_of(reason: &str) -> String {
    reason
        .to_ascii_lowercase()
        .replace(|c: char| !c.is_ascii_alphanumeric(), "-")
}
