//! `GET /api/health`, and the test-only redirect (`GET /api/health/redirect`) with its landing page.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::{Extension, Json};
use digibank_api_types::Health;
use serde_json::{Value, json};

/// Where `GET /api/health/redirect` sends the client.
pub const LANDING: &str = "/api/health/redirect/landing";

/// Liveness of the mock bank.
#[utoipa::path(get, path = "/health", tag = "health", responses((status = 200, description = "The server answers", body = Health)))]
pub async fn health() -> Json<Health> {
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
    })
}

/// Visits of the landing page, one count per router.
#[derive(Debug, Clone, Default)]
pub struct Landings(Arc<AtomicU64>);

/// `302 Found` to [`LANDING`]: lets browser tests check that API requests never follow a redirect.
/// Test-only, left out of the OpenAPI document.
pub async fn redirect() -> impl IntoResponse {
    (StatusCode::FOUND, [(header::LOCATION, LANDING)])
}

/// `{"landings": n}`: this visit counted with every one before it, so a client that followed the redirect
/// shows up as a jump between two probes.
pub async fn landing(Extension(landings): Extension<Landings>) -> Json<Value> {
    let landings = landings.0.fetch_add(1, Ordering::Relaxed) + 1;
    Json(json!({ "landings": landings }))
}
