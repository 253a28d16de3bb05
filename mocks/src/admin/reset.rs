//! `POST /admin/reset`: all data back to the seed.

use axum::extract::State;
use axum::http::StatusCode;

use crate::AppState;

/// Resets the ledger and idempotency records (tokens stay valid).
pub async fn reset(State(state): State<AppState>) -> StatusCode {
    state.reset();
    tracing::info!("data reset to the seed");
    StatusCode::NO_CONTENT
}
