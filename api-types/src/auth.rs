//! The guide's token-manager endpoint, `POST /api/auth/refresh`.

use serde::{Deserialize, Serialize};

/// Body of `POST /auth/refresh`; in cookie mode the token travels in an HttpOnly cookie instead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RefreshRequest {
    /// The refresh token (absent in cookie mode).
    #[serde(default)]
    pub refresh_token: Option<String>,
}

/// Reply of `POST /auth/refresh`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct RefreshResponse {
    /// New access token.
    pub access_token: String,
    /// The rotated refresh token (absent in cookie mode, where it is set as a cookie).
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// Access-token lifetime in seconds.
    pub expires_in: u64,
}
