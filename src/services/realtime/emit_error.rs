//! Why an emit was refused before anything was sent.

/// An emit the service would not take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmitError {
    /// No session: `connect()` was never called, or `disconnect()`, logout or giving up ended it.
    #[error("the realtime connection is not running; connect first")]
    NotConnected,
    /// Money-moving actions are never buffered: sending one later could move money the user no longer expects to.
    #[error(
        "{event:?} moves money and is refused while the realtime connection is down; retry once connected"
    )]
    MoneyMovingWhileOffline {
        /// The refused event.
        event: String,
    },
    /// The offline buffer holds its maximum.
    #[error("the offline buffer is full ({capacity} events); retry once connected")]
    BufferFull {
        /// The buffer's capacity.
        capacity: usize,
    },
    /// The data cannot be turned into JSON.
    #[error("the event data cannot be serialised: {0}")]
    Serialize(String),
    /// The frame would exceed the server's `maxPayload`.
    #[error("the event is {size} bytes, more than the server accepts ({max})")]
    TooLarge {
        /// Encoded frame size in bytes.
        size: usize,
        /// The server's limit.
        max: u64,
    },
}
