//! The realtime socket: a Socket.IO server (socketioxide, websocket transport) at `/socket.io/` on the public
//! listener, speaking the contract of docs/realtime.md.
//!
//! - CONNECT carries `{token}`, checked like the API's bearer tokens; otherwise CONNECT_ERROR with the reason.
//! - `subscribe {channels}` joins the user's rooms for `accounts` and `transactions`.
//! - Ledger events become `balance:update` / `transaction:new` with a `seq` per user and per channel
//!   ([`spawn_forwarder`]); a reset drops every socket so clients refetch over REST.
//! - The admin listener sends `alert:system` to everyone and drops all sockets (`/admin/realtime/...`).

mod alert;
mod connection;
mod delivery;
mod emit_log;
mod forwarder;
mod hub;
mod payloads;
mod room;
mod sequencer;

pub use alert::{MAX_ALERT_CHARS, validated};
pub use connection::ConnectRefused;
pub use delivery::{Delivery, Outgoing, Payload, plan};
pub use emit_log::EmitRecord;
pub use forwarder::spawn_forwarder;
pub use hub::{Realtime, RealtimeStatus, SOCKET_PATH};
pub use payloads::Subscribed;
pub use room::room;
pub use sequencer::Sequencer;
