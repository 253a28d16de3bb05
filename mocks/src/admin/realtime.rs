//! `/admin/realtime`: the realtime socket's controls for tests and demos.

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use crate::http::ApiJson;
use digibank_api_types::SystemAlert;

use crate::realtime::{RealtimeStatus, validated};
use crate::{ApiError, AppState};

/// How many sockets an action reached.
#[derive(Debug, Clone, Serialize)]
pub struct Reached {
    /// Connected sockets at the time.
    pub sockets: usize,
}

/// Connected sockets and the latest sequenced emits.
pub async fn status(State(state): State<AppState>) -> Json<RealtimeStatus> {
    Json(state.realtime().status())
}

/// Sends `alert:system {level, message}` to every connected socket.
pub async fn alert(
    State(state): State<AppState>,
    ApiJson(alert): ApiJson<SystemAlert>,
) -> Result<Json<Reached>, ApiError> {
    let alert = validated(alert)?;
    let sockets = state.realtime().alert(&alert).await;
    tracing::info!(?alert, sockets, "system alert sent");
    Ok(Json(Reached { sockets }))
}

/// Disconnects every socket (clients reconnect, then refetch over REST).
pub async fn drop_all(State(state): State<AppState>) -> Json<Reached> {
    let sockets = state.realtime().drop_all().await;
    tracing::info!(sockets, "realtime sockets dropped");
    Json(Reached { sockets })
}
