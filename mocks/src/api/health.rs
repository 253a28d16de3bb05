//! `GET /api/health`.

use axum::Json;
use digibank_api_types::Health;

/// Liveness of the mock bank.
#[utoipa::path(get, path = "/health", tag = "health", responses((status = 200, description = "The server answers", body = Health)))]
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}
