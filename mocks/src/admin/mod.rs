//! The admin listener: test and demo controls, bound to loopback and never proxied.

use axum::{Router, http::StatusCode, routing::post};

use crate::AppState;

/// Routes of the admin listener.
pub fn router() -> Router<AppState> {
    Router::new().route("/admin/reset", post(reset))
}

async fn reset() -> StatusCode {
    StatusCode::NO_CONTENT
}
