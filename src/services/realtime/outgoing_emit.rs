//! An event on its way to the server, tagged by whether it moves money.

use serde_json::Value;

use super::{EnginePacket, Namespace, SocketPacket};

/// Whether an emit may be buffered while the connection is down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmitKind {
    /// Safe to send late (subscriptions, read receipts): buffered while reconnecting.
    Ordinary,
    /// Moves money (or commits to doing so): sent only while connected, never buffered.
    MoneyMoving,
}

/// An event to send: name, arguments, kind and the ack id when an answer is awaited.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct OutgoingEmit {
    pub(crate) name: String,
    pub(crate) args: Vec<Value>,
    pub(crate) kind: EmitKind,
    pub(crate) ack_id: Option<u64>,
}

impl OutgoingEmit {
    /// The websocket text frame carrying this event in `namespace`.
    pub(crate) fn frame(&self, namespace: &Namespace) -> String {
        let packet = SocketPacket::Event {
            namespace: namespace.clone(),
            id: self.ack_id,
            name: self.name.clone(),
            args: self.args.clone(),
        };
        EnginePacket::Message(packet.encode()).encode()
    }
}
