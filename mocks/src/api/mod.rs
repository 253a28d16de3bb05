//! The bank API under `/api`, one module per resource.

mod health;

use axum::Router;

use crate::AppState;

/// Routes of `/api` (nested by the server).
pub fn router() -> Router<AppState> {
    Router::new().merge(health::router())
}
