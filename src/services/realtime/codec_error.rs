//! Why a websocket frame could not be decoded: every malformed input becomes one of these, never a panic.

/// A frame that is not a valid Engine.IO v4 / Socket.IO v5 packet of the supported subset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CodecError {
    /// The frame or packet had no content at all.
    #[error("empty packet")]
    Empty,
    /// The first character is not an Engine.IO packet type (`0`–`6`).
    #[error("unknown Engine.IO packet type {0:?}")]
    UnknownEngineType(char),
    /// The first character of a message is not a Socket.IO packet type (`0`–`6`).
    #[error("unknown Socket.IO packet type {0:?}")]
    UnknownSocketType(char),
    /// Binary packets (base64 `b…` frames, BINARY_EVENT, BINARY_ACK) are outside the supported subset.
    #[error("unsupported binary packet ({0}); only text frames are supported")]
    UnsupportedBinary(&'static str),
    /// The open handshake JSON lacks a field or has a wrong type.
    #[error("malformed open handshake: {0}")]
    MalformedOpen(String),
    /// A packet that carries nothing came with data.
    #[error("a {0} packet must not carry data")]
    UnexpectedData(&'static str),
    /// The JSON part of a Socket.IO packet does not parse.
    #[error("malformed JSON payload: {0}")]
    MalformedJson(String),
    /// The JSON parses but has the wrong shape for the packet type.
    #[error("invalid {packet} payload: {reason}")]
    InvalidPayload {
        /// The packet type, e.g. `EVENT`.
        packet: &'static str,
        /// What is wrong, e.g. `must be an array starting with the event name`.
        reason: &'static str,
    },
    /// The ack id is missing where required, present where forbidden, or too large.
    #[error("invalid ack id on a {0} packet")]
    InvalidAckId(&'static str),
    /// A namespace that does not start with `/` or contains `,`.
    #[error("invalid namespace {0:?}: it must start with '/' and contain no ','")]
    InvalidNamespace(String),
}
