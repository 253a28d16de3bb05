//! The mock's own socket payloads; the shared ones are in `digibank_api_types` (realtime).

use serde::Serialize;

/// The answer to a `subscribe` sent with an ack id: the channels now subscribed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subscribed {
    /// Channel names accepted.
    pub channels: Vec<&'static str>,
}
