//! Live updates over Socket.IO: a pure Engine.IO v4 / Socket.IO v5 codec (websocket transport, text frames),
//! a connection manager with heartbeat, backoff and resubscription, and the guide's `SocketService`.
//!
//! Everything here is tested natively; only `web_socket_transport` and `browser` touch the browser.
//! See docs/realtime.md for the protocol subset, the state machine and the buffering rules.

mod acks;
mod backoff;
#[cfg(target_arch = "wasm32")]
mod browser;
mod codec_error;
mod connection_state;
mod emit_error;
mod engine_packet;
mod environment;
mod hub;
mod inbound;
mod link;
mod listeners;
mod manager;
mod namespace;
mod open_handshake;
mod outbox;
mod outgoing_emit;
mod realtime_error;
mod resync;
mod seq_tracker;
mod server_events;
mod sleeper;
mod socket_options;
mod socket_packet;
mod socket_service;
mod socket_url;
mod spawner;
mod token_provider;
mod transport;
#[cfg(target_arch = "wasm32")]
mod web_socket_transport;

pub use acks::{AckCallback, AckError};
pub use backoff::{ReconnectPolicy, backoff_schedule};
#[cfg(target_arch = "wasm32")]
pub use browser::browser_env;
pub use codec_error::CodecError;
pub use connection_state::ConnectionState;
pub use digibank_api_types::{AlertLevel, BalanceUpdate, Channel, SystemAlert, TransactionNew};
pub use emit_error::EmitError;
pub use engine_packet::EnginePacket;
pub use environment::RealtimeEnv;
pub use listeners::Subscription;
pub use namespace::Namespace;
pub use open_handshake::OpenHandshake;
pub use outgoing_emit::EmitKind;
pub use realtime_error::RealtimeError;
pub use resync::{Resync, ResyncReason};
pub use seq_tracker::{SeqTracker, SeqVerdict};
pub use server_events::{EventDecodeError, ServerEvent};
pub use sleeper::Sleeper;
pub use socket_options::SocketOptions;
pub use socket_packet::SocketPacket;
pub use socket_service::SocketService;
pub use socket_url::{SocketUrl, SocketUrlError};
pub use spawner::Spawner;
pub use token_provider::TokenProvider;
pub use transport::{FramePipe, FrameSink, FrameStream, Transport, TransportError};
#[cfg(target_arch = "wasm32")]
pub use web_socket_transport::WebSocketTransport;
