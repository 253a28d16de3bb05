//! Opening one live link: websocket, Engine.IO open packet, then Socket.IO CONNECT with the token.

use futures::{SinkExt, StreamExt};
use serde_json::{Map, Value};

use super::transport::{FramePipe, FrameSink, FrameStream};
use super::{
    EnginePacket, Namespace, OpenHandshake, RealtimeError, SocketPacket, SocketUrl, Transport,
};

/// A websocket on which the namespace is joined and events may flow.
pub(crate) struct Link {
    pub(crate) sink: FrameSink,
    pub(crate) stream: FrameStream,
    pub(crate) open: OpenHandshake,
}

/// Connects to `url` and joins `namespace` with `token`; the caller bounds it in time.
pub(crate) async fn open_link(
    transport: &dyn Transport,
    url: &SocketUrl,
    namespace: &Namespace,
    token: &str,
) -> Result<Link, RealtimeError> {
    let FramePipe {
        mut sink,
        mut stream,
    } = transport.connect(url).await?;
    let open = await_open(&mut stream).await?;
    sink.send(connect_frame(namespace, token)).await?;
    await_connected(&mut sink, &mut stream, namespace).await?;
    Ok(Link { sink, stream, open })
}

/// The CONNECT frame carrying the auth payload `{"token": …}`.
pub(crate) fn connect_frame(namespace: &Namespace, token: &str) -> String {
    let mut auth = Map::new();
    auth.insert("token".into(), Value::String(token.to_owned()));
    EnginePacket::Message(
        SocketPacket::Connect {
            namespace: namespace.clone(),
            payload: Some(auth),
        }
        .encode(),
    )
    .encode()
}

/// The next frame, or why there is none.
async fn next_frame(stream: &mut FrameStream) -> Result<String, RealtimeError> {
    match stream.next().await {
        Some(frame) => Ok(frame?),
        None => Err(RealtimeError::Closed),
    }
}

/// The server's first frame must be the Engine.IO open packet.
async fn await_open(stream: &mut FrameStream) -> Result<OpenHandshake, RealtimeError> {
    match EnginePacket::decode(&next_frame(stream).await?)? {
        EnginePacket::Open(open) => Ok(open),
        _ => Err(RealtimeError::Handshake(
            "the first frame was not an Engine.IO open packet",
        )),
    }
}

/// Waits for the server to accept (CONNECT) or refuse (CONNECT_ERROR) the namespace, answering pings meanwhile.
async fn await_connected(
    sink: &mut FrameSink,
    stream: &mut FrameStream,
    namespace: &Namespace,
) -> Result<(), RealtimeError> {
    loop {
        match EnginePacket::decode(&next_frame(stream).await?)? {
            EnginePacket::Ping(data) => sink.send(EnginePacket::Pong(data).encode()).await?,
            EnginePacket::Close => return Err(RealtimeError::ClosedByServer),
            EnginePacket::Message(text) => match SocketPacket::decode(&text)? {
                SocketPacket::Connect {
                    namespace: joined, ..
                } if &joined == namespace => return Ok(()),
                SocketPacket::ConnectError {
                    namespace: refused,
                    message,
                    ..
                } if &refused == namespace => {
                    return Err(RealtimeError::Rejected { message });
                }
                _ => {}
            },
            _ => {}
        }
    }
}
