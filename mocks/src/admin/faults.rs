//! `GET /admin/faults` and `PUT /admin/faults`: the active fault profile.

use axum::Json;
use axum::extract::State;

use crate::faults::FaultProfile;
use crate::http::ApiJson;
use crate::{ApiError, AppState};

/// The active profile.
pub async fn show(State(state): State<AppState>) -> Json<FaultProfile> {
    Json(FaultProfile::clone(&state.faults().profile()))
}

/// Replaces the profile (fields left out take their quiet defaults; `{}` switches every fault off).
pub async fn replace(
    State(state): State<AppState>,
    ApiJson(profile): ApiJson<FaultProfile>,
) -> Result<Json<FaultProfile>, ApiError> {
    profile
        .validate()
        .map_err(|e| ApiError::BadRequest(e.to_string()))?;
    tracing::info!(?profile, "fault profile replaced");
    state.faults().set(profile.clone());
    Ok(Json(profile))
}
