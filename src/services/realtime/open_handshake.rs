//! The Engine.IO v4 open packet's JSON: session id and heartbeat timing chosen by the server.

use std::time::Duration;

use serde::Deserialize;
use serde_json::json;

use super::CodecError;

/// What the server announces in its first frame (`0{"sid":…,"pingInterval":…}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OpenHandshake {
    /// Engine.IO session id.
    pub sid: String,
    /// Transports the server could upgrade to (always empty when connected over websocket).
    #[serde(default)]
    pub upgrades: Vec<String>,
    /// Milliseconds between two server pings.
    pub ping_interval: u64,
    /// Milliseconds the server waits for a pong (and we wait beyond the interval for a ping).
    pub ping_timeout: u64,
    /// Largest frame, in bytes, the server accepts.
    #[serde(default = "default_max_payload")]
    pub max_payload: u64,
}

/// Engine.IO's default `maxPayload` (1 MB) for servers that do not announce one.
fn default_max_payload() -> u64 {
    1_000_000
}

impl OpenHandshake {
    /// Parses the JSON after the `0` type digit.
    pub fn parse(json: &str) -> Result<Self, CodecError> {
        serde_json::from_str(json).map_err(|e| CodecError::MalformedOpen(e.to_string()))
    }

    /// The JSON text, as a server would send it.
    pub fn to_json(&self) -> String {
        json!({
            "sid": self.sid,
            "upgrades": self.upgrades,
            "pingInterval": self.ping_interval,
            "pingTimeout": self.ping_timeout,
            "maxPayload": self.max_payload,
        })
        .to_string()
    }

    /// How long without a ping before the link is considered dead: `pingInterval + pingTimeout`.
    pub fn heartbeat_deadline(&self) -> Duration {
        Duration::from_millis(self.ping_interval.saturating_add(self.ping_timeout))
    }
}
