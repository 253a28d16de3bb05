//! The realtime socket: a Socket.IO server (socketioxide, websocket transport) at `/socket.io/` on the public
//! listener, speaking the contract of docs/realtime.md.
//!
//! - CONNECT carries `{token}`, checked like the API's bearer tokens; otherwise CONNECT_ERROR with the reason.
//! - `subscribe {channels}` joins the user's rooms for `accounts` and `transactions`.
//! - Ledger events become `balance:update` / `transaction:new` with a `seq` per user and per channel
//!   ([`spawn_forwarder`]); a reset drops every socket so clients refetch over REST.
//! - The admin listener sends `alert:system` to everyone and drops all sockets (`/admin/realtime/...`).

mod alert;
mod channel;
mod connection;
mod delivery;
mod emit_log;
mod forwarder;
mod hub;
mod payloads;
mod sequencer;

pub use alert::{AlertLevel, MAX_ALERT_CHARS, SystemAlert};
pub use channel::Channel;
pub use connection::ConnectRefused;
pub use delivery::{Delivery, Outgoing, Payload, plan};
pub use emit_log::EmitRecord;
pub use forwarder::spawn_forwarder;
pub use hub::{Realtime, RealtimeStatus, SOCKET_PATH};
pub use payloads::{BalanceUpdate, ConnectAuth, SubscribeRequest, Subscribed, TransactionNew};
pub use sequencer::Sequencer;
