//! What went wrong on the live connection, reported to `on_error` listeners (the link itself recovers).

use super::{CodecError, EmitError, EventDecodeError, TransportError};

/// A problem on the realtime connection.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RealtimeError {
    /// The websocket failed.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// A frame from the server was malformed; it was skipped.
    #[error("skipped a malformed frame: {0}")]
    Codec(#[from] CodecError),
    /// A typed event had the wrong shape; it was skipped.
    #[error(transparent)]
    Event(#[from] EventDecodeError),
    /// The server refused the CONNECT (CONNECT_ERROR), e.g. for an invalid token.
    #[error("the server refused the connection: {message}")]
    Rejected {
        /// The server's reason.
        message: String,
    },
    /// The server did not complete the handshake in time.
    #[error("the server did not complete the handshake within {0} ms")]
    HandshakeTimeout(u128),
    /// The server broke the protocol during the handshake.
    #[error("protocol error during the handshake: {0}")]
    Handshake(&'static str),
    /// No ping within `pingInterval + pingTimeout`: the link is dead.
    #[error("no heartbeat from the server within {0} ms; the link is considered dead")]
    HeartbeatTimeout(u128),
    /// The websocket closed.
    #[error("the connection was closed")]
    Closed,
    /// The server ended the session (Engine.IO close or Socket.IO DISCONNECT).
    #[error("the server ended the session")]
    ClosedByServer,
    /// A buffered emit could not be kept when the link dropped.
    #[error("an emit could not be kept for resending: {0}")]
    Dropped(EmitError),
}
