//! A native websocket (tokio-tungstenite) behind the realtime layer's `Transport` seam.

use digibank::services::realtime::{FramePipe, SocketUrl, Transport, TransportError};
use futures::future::{self, LocalBoxFuture};
use futures::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::Message;

/// Opens websockets with tokio-tungstenite; text frames pass through, binary frames become errors.
pub struct TungsteniteTransport;

impl Transport for TungsteniteTransport {
    fn connect(
        &self,
        url: &SocketUrl,
    ) -> LocalBoxFuture<'static, Result<FramePipe, TransportError>> {
        let url = url.as_str().to_owned();
        Box::pin(async move {
            let (socket, _) = tokio_tungstenite::connect_async(url.as_str())
                .await
                .map_err(|e| TransportError::Connect(e.to_string()))?;
            let (sink, stream) = socket.split();
            let sink = sink
                .sink_map_err(|e| TransportError::Send(e.to_string()))
                .with(|text: String| future::ready(Ok::<_, TransportError>(Message::text(text))));
            let stream = stream.filter_map(|message| {
                future::ready(match message {
                    Ok(Message::Text(text)) => Some(Ok(text.as_str().to_owned())),
                    Ok(Message::Binary(_)) => Some(Err(TransportError::BinaryFrame)),
                    Ok(_) => None,
                    Err(error) => Some(Err(TransportError::Connect(error.to_string()))),
                })
            });
            Ok(FramePipe {
                sink: Box::pin(sink),
                stream: Box::pin(stream),
            })
        })
    }
}
