//! Property tests (bounded: 256 cases each) of the realtime codec and backoff: decoders never panic,
//! encode/decode round-trips, and reconnect delays never decrease.
#![cfg(not(target_arch = "wasm32"))]

use std::time::Duration;

use digibank::services::realtime::{
    EnginePacket, Namespace, OpenHandshake, ReconnectPolicy, SocketPacket, backoff_schedule,
};
use proptest::prelude::*;
use serde_json::{Map, Value};

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z]{1,6}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn json_object() -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::btree_map("[a-zA-Z]{1,6}", json_value(), 0..4)
        .prop_map(|m| m.into_iter().collect())
}

fn namespace() -> impl Strategy<Value = Namespace> {
    prop_oneof![
        Just(Namespace::root()),
        "/[a-z0-9_-]{1,8}"
            .prop_map(|name| Namespace::new(&name).expect("generated names are valid"))
    ]
}

fn socket_packet() -> impl Strategy<Value = SocketPacket> {
    prop_oneof![
        (namespace(), prop::option::of(json_object()))
            .prop_map(|(namespace, payload)| SocketPacket::Connect { namespace, payload }),
        namespace().prop_map(|namespace| SocketPacket::Disconnect { namespace }),
        (
            namespace(),
            prop::option::of(any::<u64>()),
            "\\PC{0,12}",
            prop::collection::vec(json_value(), 0..4)
        )
            .prop_map(|(namespace, id, name, args)| SocketPacket::Event {
                namespace,
                id,
                name,
                args
            }),
        (
            namespace(),
            any::<u64>(),
            prop::collection::vec(json_value(), 0..4)
        )
            .prop_map(|(namespace, id, args)| SocketPacket::Ack {
                namespace,
                id,
                args
            }),
        (namespace(), "\\PC{0,20}", prop::option::of(json_value())).prop_map(
            |(namespace, message, data)| SocketPacket::ConnectError {
                namespace,
                message,
                data
            }
        ),
    ]
}

fn engine_packet() -> impl Strategy<Value = EnginePacket> {
    let open = (
        "[A-Za-z0-9_-]{1,20}",
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
    )
        .prop_map(|(sid, interval, timeout, max)| {
            EnginePacket::Open(OpenHandshake {
                sid,
                upgrades: vec![],
                ping_interval: interval.into(),
                ping_timeout: timeout.into(),
                max_payload: max.into(),
            })
        });
    prop_oneof![
        open,
        Just(EnginePacket::Close),
        "\\PC{0,8}".prop_map(EnginePacket::Ping),
        "\\PC{0,8}".prop_map(EnginePacket::Pong),
        "\\PC{0,40}".prop_map(EnginePacket::Message),
        Just(EnginePacket::Upgrade),
        Just(EnginePacket::Noop),
    ]
}

/// Frames made of the protocol's own characters, so decoding reaches deep branches.
fn protocol_like_frame() -> impl Strategy<Value = String> {
    "[0-6b][0-6/,:\\[\\]{}\"a-z0-9.e+-]{0,40}"
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn decoding_arbitrary_text_never_panics(frame in "\\PC{0,64}") {
        let _ = EnginePacket::decode(&frame);
        let _ = SocketPacket::decode(&frame);
    }

    #[test]
    fn decoding_protocol_like_text_never_panics(frame in protocol_like_frame()) {
        if let Ok(EnginePacket::Message(text)) = EnginePacket::decode(&frame) {
            let _ = SocketPacket::decode(&text);
        }
        let _ = SocketPacket::decode(&frame);
    }

    #[test]
    fn socket_packets_round_trip(packet in socket_packet()) {
        prop_assert_eq!(SocketPacket::decode(&packet.encode()), Ok(packet));
    }

    #[test]
    fn engine_packets_round_trip(packet in engine_packet()) {
        prop_assert_eq!(EnginePacket::decode(&packet.encode()), Ok(packet));
    }

    #[test]
    fn socket_packets_inside_engine_messages_round_trip(packet in socket_packet()) {
        let frame = EnginePacket::Message(packet.encode()).encode();
        let Ok(EnginePacket::Message(text)) = EnginePacket::decode(&frame) else { panic!("not a message: {frame}") };
        prop_assert_eq!(SocketPacket::decode(&text), Ok(packet));
    }

    #[test]
    fn backoff_delays_never_decrease_and_attempts_are_bounded(
        max_attempts in 0u32..20,
        initial_ms in 0u64..10_000,
        multiplier in 0u32..5,
        max_ms in 0u64..60_000,
        jitter_percent in 0u8..=150,
        randoms in prop::collection::vec(any::<u32>(), 20),
    ) {
        let policy = ReconnectPolicy {
            max_attempts,
            initial_delay: Duration::from_millis(initial_ms),
            multiplier,
            max_delay: Duration::from_millis(max_ms),
            jitter_percent,
        };
        let mut randoms = randoms.into_iter();
        let schedule = backoff_schedule(&policy, || randoms.next().unwrap_or(0));
        prop_assert_eq!(schedule.len(), max_attempts as usize);
        prop_assert!(schedule.windows(2).all(|pair| pair[0] <= pair[1]));
        let ceiling = Duration::from_millis(max_ms * 2);
        prop_assert!(schedule.iter().all(|delay| *delay <= ceiling));
    }
}
