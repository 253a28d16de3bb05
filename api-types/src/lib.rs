//! The digibank API contract: every type that crosses the wire between the SPA and the bank.
//!
//! JSON is camelCase; amounts are exact decimals sent as strings (`"125430.00"`), never floats.

mod account_number;
mod accounts;
mod auth;
mod error_body;
mod money;
mod page;
mod realtime;
mod transfers;

pub use account_number::*;
pub use accounts::*;
pub use auth::*;
pub use error_body::*;
pub use money::*;
pub use page::*;
pub use realtime::*;
pub use transfers::*;

/// `GET /api/health` reply.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `"ok"` when the server answers.
    pub status: String,
    /// Server version.
    pub version: String,
}
