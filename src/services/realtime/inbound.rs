//! What an incoming frame means for a live link, decided without any I/O.

use serde_json::Value;

use super::{CodecError, EnginePacket, Namespace, RealtimeError, SocketPacket};

/// The meaning of one frame received on a connected link.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Inbound {
    /// Heartbeat: answer with this pong frame and restart the dead-link timer.
    Ping {
        /// The pong frame to send back.
        pong: String,
    },
    /// A server event, with the ACK frame to send after the listeners ran when the server asked for one.
    Event {
        /// Event name.
        name: String,
        /// Arguments.
        args: Vec<Value>,
        /// ACK frame to send back, if requested.
        ack_reply: Option<String>,
    },
    /// The answer to one of our emits.
    Ack {
        /// Our ack id.
        id: u64,
        /// The server's answer.
        args: Vec<Value>,
    },
    /// The server ended the session or refused it.
    End(RealtimeError),
    /// Nothing to do (noop, pong, other namespaces, a repeated CONNECT).
    Ignored,
}

/// Decodes a frame received on a link connected to `namespace`.
pub(crate) fn classify(frame: &str, namespace: &Namespace) -> Result<Inbound, CodecError> {
    match EnginePacket::decode(frame)? {
        EnginePacket::Ping(data) => Ok(Inbound::Ping {
            pong: EnginePacket::Pong(data).encode(),
        }),
        EnginePacket::Close => Ok(Inbound::End(RealtimeError::ClosedByServer)),
        EnginePacket::Message(text) => {
            SocketPacket::decode(&text).map(|packet| classify_socket(packet, namespace))
        }
        EnginePacket::Open(_)
        | EnginePacket::Pong(_)
        | EnginePacket::Upgrade
        | EnginePacket::Noop => Ok(Inbound::Ignored),
    }
}

fn classify_socket(packet: SocketPacket, namespace: &Namespace) -> Inbound {
    match packet {
        SocketPacket::Event {
            namespace: ns,
            id,
            name,
            args,
        } if &ns == namespace => {
            let ack_reply = id.map(|id| {
                EnginePacket::Message(
                    SocketPacket::Ack {
                        namespace: ns,
                        id,
                        args: vec![],
                    }
                    .encode(),
                )
                .encode()
            });
            Inbound::Event {
                name,
                args,
                ack_reply,
            }
        }
        SocketPacket::Ack {
            namespace: ns,
            id,
            args,
        } if &ns == namespace => Inbound::Ack { id, args },
        SocketPacket::Disconnect { namespace: ns } if &ns == namespace => {
            Inbound::End(RealtimeError::ClosedByServer)
        }
        SocketPacket::ConnectError {
            namespace: ns,
            message,
            ..
        } if &ns == namespace => Inbound::End(RealtimeError::Rejected { message }),
        _ => Inbound::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn classify_root(frame: &str) -> Inbound {
        classify(frame, &Namespace::root()).unwrap()
    }

    #[test]
    fn a_ping_is_answered_with_a_pong() {
        assert_eq!(classify_root("2"), Inbound::Ping { pong: "3".into() });
    }

    #[test]
    fn events_asking_for_an_ack_get_an_empty_ack_reply() {
        assert_eq!(
            classify_root(r#"425["alert:system",{"level":"info","message":"m"}]"#),
            Inbound::Event {
                name: "alert:system".into(),
                args: vec![json!({"level": "info", "message": "m"})],
                ack_reply: Some("435[]".into())
            }
        );
    }

    #[test]
    fn acks_and_endings_are_recognised() {
        assert_eq!(
            classify_root(r#"431["ok"]"#),
            Inbound::Ack {
                id: 1,
                args: vec![json!("ok")]
            }
        );
        assert_eq!(
            classify_root("41"),
            Inbound::End(RealtimeError::ClosedByServer)
        );
        assert_eq!(
            classify_root("1"),
            Inbound::End(RealtimeError::ClosedByServer)
        );
        assert_eq!(
            classify_root(r#"44{"message":"expired"}"#),
            Inbound::End(RealtimeError::Rejected {
                message: "expired".into()
            })
        );
    }

    #[test]
    fn other_namespaces_and_noise_are_ignored() {
        assert_eq!(classify_root(r#"42/admin,["x"]"#), Inbound::Ignored);
        assert_eq!(classify_root("6"), Inbound::Ignored);
        assert_eq!(classify_root("3"), Inbound::Ignored);
    }

    #[test]
    fn malformed_frames_are_errors_not_endings() {
        assert!(classify(r#"42["x""#, &Namespace::root()).is_err());
        assert!(classify("", &Namespace::root()).is_err());
    }
}
