//! Socket.IO v5 packets: the text carried inside an Engine.IO message.
//!
//! Wire shape: `<type>[<namespace>,][<ack id>][<json>]`, e.g. `2["balance:update",{…}]`, `3/admin,7[true]`.

use serde_json::{Map, Value};

use super::{CodecError, Namespace};

/// One Socket.IO packet of the supported (text-only) subset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SocketPacket {
    /// `0`: join a namespace; the client sends its auth (`{"token":…}`), the server answers `{"sid":…}`.
    Connect {
        /// The namespace joined.
        namespace: Namespace,
        /// Auth payload (client) or session payload (server), always a JSON object when present.
        payload: Option<Map<String, Value>>,
    },
    /// `1`: leave a namespace.
    Disconnect {
        /// The namespace left.
        namespace: Namespace,
    },
    /// `2`: an event `["name", ...args]`, with an ack id when the sender wants an answer.
    Event {
        /// The namespace.
        namespace: Namespace,
        /// Ack id the receiver answers with an ACK packet.
        id: Option<u64>,
        /// Event name, e.g. `balance:update`.
        name: String,
        /// Arguments after the name.
        args: Vec<Value>,
    },
    /// `3`: the answer to an event that carried an ack id.
    Ack {
        /// The namespace.
        namespace: Namespace,
        /// The id of the event answered.
        id: u64,
        /// The answer's arguments.
        args: Vec<Value>,
    },
    /// `4`: the server refused the CONNECT (`{"message":…,"data":…}`).
    ConnectError {
        /// The namespace refused.
        namespace: Namespace,
        /// Human-readable reason, e.g. `invalid token`.
        message: String,
        /// Extra details the server attached, if any.
        data: Option<Value>,
    },
}

/// The parts common to every packet, after the type digit.
struct Parts<'a> {
    namespace: Namespace,
    id: Option<u64>,
    json: &'a str,
}

impl SocketPacket {
    /// Decodes a Socket.IO packet from an Engine.IO message's text.
    pub fn decode(text: &str) -> Result<Self, CodecError> {
        let mut chars = text.chars();
        let kind = chars.next().ok_or(CodecError::Empty)?;
        let parts = split_parts(chars.as_str())?;
        match kind {
            '0' => decode_connect(parts),
            '1' => decode_disconnect(parts),
            '2' => decode_event(parts),
            '3' => decode_ack(parts),
            '4' => decode_connect_error(parts),
            '5' => Err(CodecError::UnsupportedBinary("BINARY_EVENT")),
            '6' => Err(CodecError::UnsupportedBinary("BINARY_ACK")),
            other => Err(CodecError::UnknownSocketType(other)),
        }
    }

    /// Encodes the packet as the text of an Engine.IO message.
    pub fn encode(&self) -> String {
        match self {
            SocketPacket::Connect { namespace, payload } => {
                let json = payload
                    .as_ref()
                    .map(|p| Value::Object(p.clone()).to_string())
                    .unwrap_or_default();
                format!("0{}{json}", namespace.wire_prefix())
            }
            SocketPacket::Disconnect { namespace } => format!("1{}", namespace.wire_prefix()),
            SocketPacket::Event {
                namespace,
                id,
                name,
                args,
            } => {
                let mut array = Vec::with_capacity(args.len() + 1);
                array.push(Value::String(name.clone()));
                array.extend(args.iter().cloned());
                format!(
                    "2{}{}{}",
                    namespace.wire_prefix(),
                    id.map(|i| i.to_string()).unwrap_or_default(),
                    Value::Array(array)
                )
            }
            SocketPacket::Ack {
                namespace,
                id,
                args,
            } => format!(
                "3{}{id}{}",
                namespace.wire_prefix(),
                Value::Array(args.clone())
            ),
            SocketPacket::ConnectError {
                namespace,
                message,
                data,
            } => {
                let mut body = Map::new();
                body.insert("message".into(), Value::String(message.clone()));
                if let Some(data) = data {
                    body.insert("data".into(), data.clone());
                }
                format!("4{}{}", namespace.wire_prefix(), Value::Object(body))
            }
        }
    }
}

/// Splits namespace, ack id digits and JSON text.
fn split_parts(body: &str) -> Result<Parts<'_>, CodecError> {
    let (namespace, rest) = Namespace::split_prefix(body);
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (id_text, json) = rest.split_at(digits);
    let id = match id_text {
        "" => None,
        text => Some(text.parse().map_err(|_| CodecError::InvalidAckId("any"))?),
    };
    Ok(Parts {
        namespace,
        id,
        json,
    })
}

/// Parses the JSON part, `None` when there is none.
fn parse_json(json: &str) -> Result<Option<Value>, CodecError> {
    if json.is_empty() {
        return Ok(None);
    }
    serde_json::from_str(json)
        .map(Some)
        .map_err(|e| CodecError::MalformedJson(e.to_string()))
}

fn decode_connect(parts: Parts<'_>) -> Result<SocketPacket, CodecError> {
    forbid_id(&parts, "CONNECT")?;
    let payload = match parse_json(parts.json)? {
        None => None,
        Some(Value::Object(map)) => Some(map),
        Some(_) => {
            return Err(CodecError::InvalidPayload {
                packet: "CONNECT",
                reason: "must be a JSON object",
            });
        }
    };
    Ok(SocketPacket::Connect {
        namespace: parts.namespace,
        payload,
    })
}

fn decode_disconnect(parts: Parts<'_>) -> Result<SocketPacket, CodecError> {
    forbid_id(&parts, "DISCONNECT")?;
    if !parts.json.is_empty() {
        return Err(CodecError::UnexpectedData("DISCONNECT"));
    }
    Ok(SocketPacket::Disconnect {
        namespace: parts.namespace,
    })
}

fn decode_event(parts: Parts<'_>) -> Result<SocketPacket, CodecError> {
    let invalid = CodecError::InvalidPayload {
        packet: "EVENT",
        reason: "must be an array starting with the event name",
    };
    let Some(Value::Array(mut array)) = parse_json(parts.json)? else {
        return Err(invalid);
    };
    if array.is_empty() {
        return Err(invalid);
    }
    let Value::String(name) = array.remove(0) else {
        return Err(invalid);
    };
    Ok(SocketPacket::Event {
        namespace: parts.namespace,
        id: parts.id,
        name,
        args: array,
    })
}

fn decode_ack(parts: Parts<'_>) -> Result<SocketPacket, CodecError> {
    let id = parts.id.ok_or(CodecError::InvalidAckId("ACK"))?;
    let Some(Value::Array(args)) = parse_json(parts.json)? else {
        return Err(CodecError::InvalidPayload {
            packet: "ACK",
            reason: "must be an array",
        });
    };
    Ok(SocketPacket::Ack {
        namespace: parts.namespace,
        id,
        args,
    })
}

fn decode_connect_error(parts: Parts<'_>) -> Result<SocketPacket, CodecError> {
    forbid_id(&parts, "CONNECT_ERROR")?;
    let invalid = CodecError::InvalidPayload {
        packet: "CONNECT_ERROR",
        reason: "must be an object with a string message",
    };
    let (message, data) = match parse_json(parts.json)? {
        Some(Value::Object(mut body)) => match body.remove("message") {
            Some(Value::String(message)) => (message, body.remove("data")),
            _ => return Err(invalid),
        },
        Some(Value::String(message)) => (message, None),
        _ => return Err(invalid),
    };
    Ok(SocketPacket::ConnectError {
        namespace: parts.namespace,
        message,
        data,
    })
}

/// Packets that are never acknowledged must not carry an ack id.
fn forbid_id(parts: &Parts<'_>, packet: &'static str) -> Result<(), CodecError> {
    if parts.id.is_some() {
        Err(CodecError::InvalidAckId(packet))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn admin() -> Namespace {
        Namespace::new("/admin").unwrap()
    }

    fn object(value: Value) -> Map<String, Value> {
        let Value::Object(map) = value else {
            panic!("not an object")
        };
        map
    }

    #[test]
    fn connect_carries_the_auth_token() {
        let packet = SocketPacket::Connect {
            namespace: Namespace::root(),
            payload: Some(object(json!({"token": "abc"}))),
        };
        assert_eq!(packet.encode(), r#"0{"token":"abc"}"#);
        let in_admin = SocketPacket::Connect {
            namespace: admin(),
            payload: Some(object(json!({"token": "abc"}))),
        };
        assert_eq!(in_admin.encode(), r#"0/admin,{"token":"abc"}"#);
    }

    #[test]
    fn decodes_the_servers_connect_answer() {
        let packet = SocketPacket::decode(r#"0{"sid":"oSO0OpakMV_3jnilAAAA"}"#).unwrap();
        assert_eq!(
            packet,
            SocketPacket::Connect {
                namespace: Namespace::root(),
                payload: Some(object(json!({"sid": "oSO0OpakMV_3jnilAAAA"})))
            }
        );
    }

    #[test]
    fn decodes_events_with_and_without_ack_ids() {
        let plain =
            SocketPacket::decode(r#"2["alert:system",{"level":"info","message":"hi"}]"#).unwrap();
        assert_eq!(
            plain,
            SocketPacket::Event {
                namespace: Namespace::root(),
                id: None,
                name: "alert:system".into(),
                args: vec![json!({"level": "info", "message": "hi"})]
            }
        );
        let with_ack = SocketPacket::decode(r#"2/admin,12["ping"]"#).unwrap();
        assert_eq!(
            with_ack,
            SocketPacket::Event {
                namespace: admin(),
                id: Some(12),
                name: "ping".into(),
                args: vec![]
            }
        );
    }

    #[test]
    fn decodes_connect_error_in_both_shapes() {
        let object_form =
            SocketPacket::decode(r#"4{"message":"invalid token","data":{"code":401}}"#).unwrap();
        assert_eq!(
            object_form,
            SocketPacket::ConnectError {
                namespace: Namespace::root(),
                message: "invalid token".into(),
                data: Some(json!({"code": 401}))
            }
        );
        let string_form = SocketPacket::decode(r#"4"Not authorized""#).unwrap();
        assert_eq!(
            string_form,
            SocketPacket::ConnectError {
                namespace: Namespace::root(),
                message: "Not authorized".into(),
                data: None
            }
        );
    }

    #[test]
    fn every_packet_round_trips() {
        let packets = [
            SocketPacket::Connect {
                namespace: Namespace::root(),
                payload: None,
            },
            SocketPacket::Connect {
                namespace: admin(),
                payload: Some(object(json!({"token": "t"}))),
            },
            SocketPacket::Disconnect {
                namespace: Namespace::root(),
            },
            SocketPacket::Disconnect { namespace: admin() },
            SocketPacket::Event {
                namespace: admin(),
                id: Some(7),
                name: "subscribe".into(),
                args: vec![json!({"channels": ["accounts"]})],
            },
            SocketPacket::Event {
                namespace: Namespace::root(),
                id: None,
                name: "x".into(),
                args: vec![json!(1), json!(null)],
            },
            SocketPacket::Ack {
                namespace: Namespace::root(),
                id: 0,
                args: vec![],
            },
            SocketPacket::Ack {
                namespace: admin(),
                id: 99,
                args: vec![json!("ok")],
            },
            SocketPacket::ConnectError {
                namespace: Namespace::root(),
                message: "no".into(),
                data: None,
            },
        ];
        for packet in packets {
            assert_eq!(SocketPacket::decode(&packet.encode()), Ok(packet));
        }
    }

    #[test]
    fn exact_numbers_survive_a_round_trip() {
        let packet = SocketPacket::decode(r#"2["n",12345678901234567890.123456789]"#).unwrap();
        assert_eq!(packet.encode(), r#"2["n",12345678901234567890.123456789]"#);
    }

    #[test]
    fn binary_packets_are_refused_clearly() {
        assert_eq!(
            SocketPacket::decode(r#"51-["file",{"_placeholder":true,"num":0}]"#),
            Err(CodecError::UnsupportedBinary("BINARY_EVENT"))
        );
        assert_eq!(
            SocketPacket::decode("61-3[]"),
            Err(CodecError::UnsupportedBinary("BINARY_ACK"))
        );
    }

    #[test]
    fn malformed_packets_are_typed_errors() {
        assert_eq!(SocketPacket::decode(""), Err(CodecError::Empty));
        assert_eq!(
            SocketPacket::decode("7"),
            Err(CodecError::UnknownSocketType('7'))
        );
        assert!(matches!(
            SocketPacket::decode("2"),
            Err(CodecError::InvalidPayload {
                packet: "EVENT",
                ..
            })
        ));
        assert!(matches!(
            SocketPacket::decode("2[]"),
            Err(CodecError::InvalidPayload {
                packet: "EVENT",
                ..
            })
        ));
        assert!(matches!(
            SocketPacket::decode("2[1]"),
            Err(CodecError::InvalidPayload {
                packet: "EVENT",
                ..
            })
        ));
        assert!(matches!(
            SocketPacket::decode("2{\"a\":1}"),
            Err(CodecError::InvalidPayload {
                packet: "EVENT",
                ..
            })
        ));
        assert!(matches!(
            SocketPacket::decode("2[\"x\""),
            Err(CodecError::MalformedJson(_))
        ));
        assert_eq!(
            SocketPacket::decode("3[]"),
            Err(CodecError::InvalidAckId("ACK"))
        );
        assert!(matches!(
            SocketPacket::decode("31{}"),
            Err(CodecError::InvalidPayload { packet: "ACK", .. })
        ));
        assert_eq!(
            SocketPacket::decode("299999999999999999999999[\"x\"]"),
            Err(CodecError::InvalidAckId("any"))
        );
        assert_eq!(
            SocketPacket::decode("01{}"),
            Err(CodecError::InvalidAckId("CONNECT"))
        );
        assert!(matches!(
            SocketPacket::decode("0[1]"),
            Err(CodecError::InvalidPayload {
                packet: "CONNECT",
                ..
            })
        ));
        assert_eq!(
            SocketPacket::decode("1{}"),
            Err(CodecError::UnexpectedData("DISCONNECT"))
        );
        assert!(matches!(
            SocketPacket::decode("4{\"msg\":1}"),
            Err(CodecError::InvalidPayload {
                packet: "CONNECT_ERROR",
                ..
            })
        ));
        assert!(matches!(
            SocketPacket::decode("4"),
            Err(CodecError::InvalidPayload {
                packet: "CONNECT_ERROR",
                ..
            })
        ));
    }
}
