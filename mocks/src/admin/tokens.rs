//! `POST /admin/tokens`: mints a development token pair for a demo user (tests need no browser login).

use axum::Json;
use axum::extract::State;
use serde::{Deserialize, Serialize};

use crate::bank::seed::{DEMO_USERS, is_demo_user};
use crate::http::ApiJson;
use crate::{ApiError, AppState};

/// Body of `POST /admin/tokens`.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MintRequest {
    /// Demo user: `alice` or `bob`.
    sub: String,
    /// Access-token lifetime in seconds for this session (default `--access-token-ttl`).
    expires_in: Option<u64>,
}

/// Reply of `POST /admin/tokens`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MintedTokens {
    access_token: String,
    refresh_token: String,
    expires_in: u64,
    token_type: &'static str,
}

/// Mints an access and refresh token for a demo user.
pub async fn mint(
    State(state): State<AppState>,
    ApiJson(request): ApiJson<MintRequest>,
) -> Result<Json<MintedTokens>, ApiError> {
    if !is_demo_user(&request.sub) {
        let known: Vec<&str> = DEMO_USERS.iter().map(|(sub, _, _)| *sub).collect();
        return Err(ApiError::field(
            "sub",
            "unknown_user",
            format!(
                "Unknown demo user '{}'; use one of {}",
                request.sub,
                known.join(", ")
            ),
        ));
    }
    if request.expires_in.is_some_and(|s| s == 0 || s > 86_400) {
        return Err(ApiError::field(
            "expiresIn",
            "out_of_range",
            "expiresIn must be 1 to 86400 seconds",
        ));
    }
    let issued = state
        .tokens()
        .issue(&request.sub, state.clock().now(), request.expires_in);
    Ok(Json(MintedTokens {
        access_token: issued.access_token,
        refresh_token: issued.refresh_token,
        expires_in: issued.expires_in,
        token_type: "Bearer",
    }))
}
