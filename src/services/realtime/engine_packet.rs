//! Engine.IO v4 packets as text frames over the websocket-only transport.

use super::{CodecError, OpenHandshake};

/// One Engine.IO packet: a type digit followed by its data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnginePacket {
    /// `0{json}`: the server's handshake, the first frame of every connection.
    Open(OpenHandshake),
    /// `1`: either side closes the session.
    Close,
    /// `2`: heartbeat from the server (data is empty except for upgrade probes).
    Ping(String),
    /// `3`: the answer to a ping, echoing its data.
    Pong(String),
    /// `4…`: a message; for us, always a Socket.IO packet.
    Message(String),
    /// `5`: transport upgrade (never used over websocket-only, but valid protocol).
    Upgrade,
    /// `6`: no operation.
    Noop,
}

impl EnginePacket {
    /// Decodes one websocket text frame.
    pub fn decode(frame: &str) -> Result<Self, CodecError> {
        let mut chars = frame.chars();
        let kind = chars.next().ok_or(CodecError::Empty)?;
        let data = chars.as_str();
        match kind {
            '0' => OpenHandshake::parse(data).map(EnginePacket::Open),
            '1' => no_data(data, "close").map(|()| EnginePacket::Close),
            '2' => Ok(EnginePacket::Ping(data.to_owned())),
            '3' => Ok(EnginePacket::Pong(data.to_owned())),
            '4' => Ok(EnginePacket::Message(data.to_owned())),
            '5' => no_data(data, "upgrade").map(|()| EnginePacket::Upgrade),
            '6' => no_data(data, "noop").map(|()| EnginePacket::Noop),
            'b' => Err(CodecError::UnsupportedBinary("base64 Engine.IO message")),
            other => Err(CodecError::UnknownEngineType(other)),
        }
    }

    /// Encodes the packet as one websocket text frame.
    pub fn encode(&self) -> String {
        match self {
            EnginePacket::Open(handshake) => format!("0{}", handshake.to_json()),
            EnginePacket::Close => "1".to_owned(),
            EnginePacket::Ping(data) => format!("2{data}"),
            EnginePacket::Pong(data) => format!("3{data}"),
            EnginePacket::Message(data) => format!("4{data}"),
            EnginePacket::Upgrade => "5".to_owned(),
            EnginePacket::Noop => "6".to_owned(),
        }
    }
}

/// Accepts only an empty remainder for packet types that carry nothing.
fn no_data(data: &str, packet: &'static str) -> Result<(), CodecError> {
    if data.is_empty() {
        Ok(())
    } else {
        Err(CodecError::UnexpectedData(packet))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handshake() -> OpenHandshake {
        OpenHandshake {
            sid: "abc".into(),
            upgrades: vec![],
            ping_interval: 25_000,
            ping_timeout: 20_000,
            max_payload: 1_000_000,
        }
    }

    #[test]
    fn decodes_a_real_socket_io_open_frame() {
        let frame = r#"0{"sid":"lv_VI97HAXpY6yYWAAAC","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}"#;
        let EnginePacket::Open(open) = EnginePacket::decode(frame).unwrap() else {
            panic!("not an open packet")
        };
        assert_eq!(open.sid, "lv_VI97HAXpY6yYWAAAC");
        assert_eq!(open.heartbeat_deadline().as_millis(), 45_000);
    }

    #[test]
    fn every_packet_round_trips() {
        let packets = [
            EnginePacket::Open(handshake()),
            EnginePacket::Close,
            EnginePacket::Ping(String::new()),
            EnginePacket::Ping("probe".into()),
            EnginePacket::Pong(String::new()),
            EnginePacket::Message(r#"2["hello",1]"#.into()),
            EnginePacket::Upgrade,
            EnginePacket::Noop,
        ];
        for packet in packets {
            assert_eq!(EnginePacket::decode(&packet.encode()), Ok(packet));
        }
    }

    #[test]
    fn heartbeat_frames_are_single_digits() {
        assert_eq!(
            EnginePacket::decode("2"),
            Ok(EnginePacket::Ping(String::new()))
        );
        assert_eq!(EnginePacket::Pong(String::new()).encode(), "3");
    }

    #[test]
    fn malformed_frames_are_typed_errors() {
        assert_eq!(EnginePacket::decode(""), Err(CodecError::Empty));
        assert_eq!(
            EnginePacket::decode("9"),
            Err(CodecError::UnknownEngineType('9'))
        );
        assert_eq!(
            EnginePacket::decode("é"),
            Err(CodecError::UnknownEngineType('é'))
        );
        assert_eq!(
            EnginePacket::decode("1x"),
            Err(CodecError::UnexpectedData("close"))
        );
        assert!(matches!(
            EnginePacket::decode("bAQID"),
            Err(CodecError::UnsupportedBinary(_))
        ));
        assert!(matches!(
            EnginePacket::decode("0{}"),
            Err(CodecError::MalformedOpen(_))
        ));
        assert!(matches!(
            EnginePacket::decode(r#"0{"sid":"a","pingInterval":"x","pingTimeout":1}"#),
            Err(CodecError::MalformedOpen(_))
        ));
    }

    #[test]
    fn open_without_max_payload_gets_the_engine_io_default() {
        let EnginePacket::Open(open) =
            EnginePacket::decode(r#"0{"sid":"a","pingInterval":1,"pingTimeout":2}"#).unwrap()
        else {
            panic!("not an open packet")
        };
        assert_eq!(open.max_payload, 1_000_000);
    }
}
