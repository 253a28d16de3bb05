//! The browser's `WebSocket` as a [`Transport`]: a thin shell turning its callbacks into a frame sink and stream.

use std::cell::RefCell;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::channel::{mpsc, oneshot};
use futures::future::LocalBoxFuture;
use futures::{Sink, StreamExt};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{BinaryType, CloseEvent, Event, MessageEvent, WebSocket};

use super::transport::{FramePipe, TransportError};
use super::{SocketUrl, Transport};

/// Opens `web_sys::WebSocket`s.
pub struct WebSocketTransport;

impl Transport for WebSocketTransport {
    fn connect(
        &self,
        url: &SocketUrl,
    ) -> LocalBoxFuture<'static, Result<FramePipe, TransportError>> {
        let url = url.as_str().to_owned();
        Box::pin(async move { open(&url).await })
    }
}

/// The socket and its callbacks; dropping it detaches the callbacks and closes the socket.
struct Socket {
    ws: WebSocket,
    _on_open: Closure<dyn FnMut(Event)>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
}

impl Drop for Socket {
    fn drop(&mut self) {
        self.ws.set_onopen(None);
        self.ws.set_onmessage(None);
        self.ws.set_onerror(None);
        self.ws.set_onclose(None);
        let _ = self.ws.close();
    }
}

/// Opens the socket and resolves once it is open, or fails if it closes or errors first.
async fn open(url: &str) -> Result<FramePipe, TransportError> {
    let ws = WebSocket::new(url).map_err(|e| TransportError::Connect(describe(&e)))?;
    ws.set_binary_type(BinaryType::Arraybuffer);
    let (frames, incoming) = mpsc::unbounded::<Result<String, TransportError>>();
    let (opened_tx, opened_rx) = oneshot::channel::<bool>();
    let opened = Rc::new(RefCell::new(Some(opened_tx)));
    let settle = move |outcome: bool| {
        if let Some(sender) = opened.borrow_mut().take() {
            let _ = sender.send(outcome);
        }
    };
    let (on_open_settle, on_error_settle) = (settle.clone(), settle.clone());
    let on_open = Closure::<dyn FnMut(Event)>::new(move |_: Event| on_open_settle(true));
    let on_error = Closure::<dyn FnMut(Event)>::new(move |_: Event| on_error_settle(false));
    let message_frames = frames.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let frame = event.data().as_string().ok_or(TransportError::BinaryFrame);
        let _ = message_frames.unbounded_send(frame);
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_: CloseEvent| {
        settle(false);
        frames.close_channel();
    });
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    let socket = Rc::new(Socket {
        ws,
        _on_open: on_open,
        _on_message: on_message,
        _on_error: on_error,
        _on_close: on_close,
    });
    if opened_rx.await != Ok(true) {
        return Err(TransportError::Connect(format!(
            "the websocket to {url} closed before it opened"
        )));
    }
    let keep_open = socket.clone();
    let stream = incoming.map(move |frame| {
        let _ = &keep_open;
        frame
    });
    Ok(FramePipe {
        sink: Box::pin(SocketSink { socket }),
        stream: Box::pin(stream),
    })
}

/// Writes text frames with `WebSocket.send`.
struct SocketSink {
    socket: Rc<Socket>,
}

impl Sink<String> for SocketSink {
    type Error = TransportError;

    fn poll_ready(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        Poll::Ready(Ok(()))
    }

    fn start_send(self: Pin<&mut Self>, frame: String) -> Result<(), TransportError> {
        if self.socket.ws.ready_state() != WebSocket::OPEN {
            return Err(TransportError::Send("the websocket is not open".into()));
        }
        self.socket
            .ws
            .send_with_str(&frame)
            .map_err(|e| TransportError::Send(describe(&e)))
    }

    fn poll_flush(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        Poll::Ready(Ok(()))
    }

    fn poll_close(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Result<(), TransportError>> {
        let _ = self.socket.ws.close();
        Poll::Ready(Ok(()))
    }
}

/// A JavaScript exception as text.
fn describe(error: &wasm_bindgen::JsValue) -> String {
    error
        .as_string()
        .or_else(|| {
            error
                .dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| format!("{error:?}"))
}
