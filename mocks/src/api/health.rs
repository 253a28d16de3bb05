//! `GET /api/health`.

use axum::{Json, Router, routing::get};
use digibank_api_types::Health;

use crate::AppState;

/// Routes of this resource.
pub fn router() -> Router<AppState> {
    Router::new().route("/health", get(health))
}

async fn health() -> Json<Health> {
    Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() })
}
