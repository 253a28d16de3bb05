//! Live updates over Socket.IO: a pure Engine.IO v4 / Socket.IO v5 codec (websocket transport, text frames),
//! reconnect backoff, per-channel `seq` tracking and the typed server events.
//!
//! See docs/realtime.md for the protocol subset.

mod backoff;
mod channel;
mod codec_error;
mod engine_packet;
mod namespace;
mod open_handshake;
mod resync;
mod seq_tracker;
mod server_events;
mod socket_packet;
mod socket_url;

pub use backoff::{ReconnectPolicy, backoff_schedule};
pub use channel::Channel;
pub use codec_error::CodecError;
pub use engine_packet::EnginePacket;
pub use namespace::Namespace;
pub use open_handshake::OpenHandshake;
pub use resync::{Resync, ResyncReason};
pub use seq_tracker::{SeqTracker, SeqVerdict};
pub use server_events::{AlertLevel, BalanceUpdate, EventDecodeError, ServerEvent, SystemAlert, TransactionNew};
pub use socket_packet::SocketPacket;
pub use socket_url::{SocketUrl, SocketUrlError};
