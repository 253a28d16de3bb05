//! The seam to the network: something that opens a websocket and hands back text-frame sink and stream.

use std::pin::Pin;

use futures::Sink;
use futures::future::LocalBoxFuture;
use futures::stream::LocalBoxStream;

use super::SocketUrl;

/// Why the websocket failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransportError {
    /// The websocket could not be opened.
    #[error("could not open the websocket: {0}")]
    Connect(String),
    /// A frame could not be sent (the socket is closing or closed).
    #[error("could not send a frame: {0}")]
    Send(String),
    /// The server sent a binary frame; only text frames are supported.
    #[error("received a binary frame; only text frames are supported")]
    BinaryFrame,
}

/// Outgoing text frames.
pub type FrameSink = Pin<Box<dyn Sink<String, Error = TransportError>>>;

/// Incoming text frames; the stream ends when the websocket closes.
pub type FrameStream = LocalBoxStream<'static, Result<String, TransportError>>;

/// An open websocket, split into its two directions; dropping both closes it.
pub struct FramePipe {
    /// Frames to the server.
    pub sink: FrameSink,
    /// Frames from the server.
    pub stream: FrameStream,
}

/// Opens websockets (the browser's `WebSocket` in the app, channels in tests).
pub trait Transport {
    /// Opens a websocket to `url`, resolving once it is open.
    fn connect(
        &self,
        url: &SocketUrl,
    ) -> LocalBoxFuture<'static, Result<FramePipe, TransportError>>;
}
