//! The connection manager and `SocketService` on fake time and channels: handshake, heartbeat,
//! reconnect with backoff, resubscription, logout, buffering, acks, typed events and resync.
#![cfg(not(target_arch = "wasm32"))]

mod realtime_support;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use digibank::services::realtime::{
    AckCallback, AckError, BalanceUpdate, Channel, ConnectionState, EmitError, EmitKind,
    RealtimeError, ReconnectPolicy, Resync, ResyncReason, SocketOptions, SystemAlert,
    TransportError,
};
use digibank_api_types::Amount;
use realtime_support::{Harness, OPEN, SUBSCRIBE};
use serde_json::{Value, json};

fn balance_frame(seq: u64, balance: &str) -> String {
    format!(
        r#"42["balance:update",{{"accountId":"acc-1","balance":"{balance}","availableBalance":"{balance}","currency":"USD","asOf":"2025-01-01T10:00:00Z","seq":{seq}}}]"#
    )
}

#[test]
fn connects_to_the_engine_io_websocket_url_with_the_token_then_subscribes() {
    let mut h = Harness::new();
    h.service.connect("token-0");
    assert_eq!(h.service.state(), ConnectionState::Connecting);
    let mut server = h.accept();
    assert_eq!(
        server.url,
        "ws://bank.test/socket.io/?EIO=4&transport=websocket"
    );
    assert_eq!(h.handshake(&mut server, "token-0"), [SUBSCRIBE]);
    assert_eq!(h.service.state(), ConnectionState::Connected);
    assert_eq!(
        *h.states.borrow(),
        [ConnectionState::Connecting, ConnectionState::Connected]
    );
    assert_eq!(
        *h.resyncs.borrow(),
        [Resync {
            channels: Channel::ALL.to_vec(),
            reason: ResyncReason::Connected
        }]
    );
}

#[test]
fn answers_server_pings_with_pongs() {
    let mut h = Harness::new();
    let mut server = h.connected();
    server.send("2");
    h.run();
    assert_eq!(server.received(), ["3"]);
}

#[test]
fn pings_keep_the_link_alive_and_silence_kills_it_after_interval_plus_timeout() {
    let mut h = Harness::new();
    let mut server = h.connected();
    h.advance_ms(44_000);
    server.send("2");
    h.advance_ms(44_999);
    assert_eq!(h.service.state(), ConnectionState::Connected);
    h.advance_ms(1);
    assert_eq!(
        h.service.state(),
        ConnectionState::Reconnecting { attempt: 1 }
    );
    assert_eq!(
        *h.errors.borrow(),
        [RealtimeError::HeartbeatTimeout(45_000)]
    );
    assert_eq!(server.received(), ["3"]);
    assert!(server.closed_by_client());
}

#[test]
fn reconnects_after_the_backoff_delay_with_a_fresh_token_and_resubscribes() {
    let mut h = Harness::new();
    let server = h.connected();
    drop(server);
    h.run();
    assert_eq!(
        h.service.state(),
        ConnectionState::Reconnecting { attempt: 1 }
    );
    h.advance_ms(999);
    assert!(h.nothing_opened());
    h.advance_ms(1);
    let mut again = h.accept();
    assert_eq!(h.handshake(&mut again, "token-1"), [SUBSCRIBE]);
    assert_eq!(h.service.state(), ConnectionState::Connected);
    let reasons: Vec<ResyncReason> = h
        .resyncs
        .borrow()
        .iter()
        .map(|r| r.reason.clone())
        .collect();
    assert_eq!(
        reasons,
        [ResyncReason::Connected, ResyncReason::Reconnected]
    );
}

#[test]
fn every_reconnect_resubscribes_and_resyncs() {
    let mut h = Harness::new();
    drop(h.connected());
    for round in 1..=3 {
        h.advance_ms(1000);
        let mut server = h.accept();
        assert_eq!(
            h.handshake(&mut server, &format!("token-{round}")),
            [SUBSCRIBE]
        );
        drop(server);
        h.run();
    }
    assert_eq!(
        h.resyncs
            .borrow()
            .iter()
            .filter(|r| r.reason == ResyncReason::Reconnected)
            .count(),
        3
    );
}

#[test]
fn failed_attempts_follow_the_backoff_schedule_then_give_up_offline() {
    let mut h = Harness::new();
    h.transport.refusals.set(u32::MAX);
    h.service.connect("token-0");
    h.run();
    assert_eq!(h.transport.connects.get(), 1);
    for (attempt, delay) in [(1, 1000), (2, 2000), (3, 4000), (4, 5000), (5, 5000)] {
        assert_eq!(h.service.state(), ConnectionState::Reconnecting { attempt });
        h.advance_ms(delay - 1);
        assert_eq!(
            h.transport.connects.get(),
            attempt,
            "attempt {attempt} came early"
        );
        h.advance_ms(1);
        assert_eq!(h.transport.connects.get(), attempt + 1);
    }
    assert_eq!(h.service.state(), ConnectionState::Offline);
    h.advance_ms(600_000);
    assert_eq!(h.transport.connects.get(), 6);
}

#[test]
fn the_attempt_count_is_configurable() {
    let options = SocketOptions {
        reconnect: ReconnectPolicy {
            max_attempts: 1,
            ..ReconnectPolicy::default()
        },
        ..SocketOptions::default()
    };
    let mut h = Harness::with_options(options);
    h.transport.refusals.set(u32::MAX);
    h.service.connect("token-0");
    h.advance_ms(60_000);
    assert_eq!(h.transport.connects.get(), 2);
    assert_eq!(h.service.state(), ConnectionState::Offline);
}

#[test]
fn a_successful_reconnect_restarts_the_schedule() {
    let mut h = Harness::new();
    drop(h.connected());
    h.transport.refusals.set(1);
    h.advance_ms(1000);
    assert_eq!(
        h.service.state(),
        ConnectionState::Reconnecting { attempt: 2 }
    );
    h.advance_ms(2000);
    let mut server = h.accept();
    h.handshake(&mut server, "token-2");
    drop(server);
    h.run();
    assert_eq!(
        h.service.state(),
        ConnectionState::Reconnecting { attempt: 1 }
    );
    h.advance_ms(1000);
    assert!(!h.nothing_opened());
}

#[test]
fn disconnect_leaves_the_namespace_and_never_reconnects() {
    let mut h = Harness::new();
    let mut server = h.connected();
    h.service.disconnect();
    h.run();
    assert_eq!(server.received(), ["41"]);
    assert!(server.closed_by_client());
    assert_eq!(h.service.state(), ConnectionState::Disconnected);
    h.advance_ms(600_000);
    assert_eq!(h.transport.connects.get(), 1);
}

#[test]
fn disconnect_during_backoff_cancels_the_pending_attempt() {
    let mut h = Harness::new();
    drop(h.connected());
    h.run();
    h.service.disconnect();
    h.advance_ms(600_000);
    assert_eq!(h.transport.connects.get(), 1);
    assert_eq!(h.service.state(), ConnectionState::Disconnected);
}

#[test]
fn disconnect_during_the_handshake_stops_it() {
    let mut h = Harness::new();
    h.service.connect("token-0");
    let server = h.accept();
    server.send(OPEN);
    h.run();
    h.service.disconnect();
    server.send(r#"40{"sid":"late"}"#);
    h.advance_ms(600_000);
    assert_eq!(h.service.state(), ConnectionState::Disconnected);
    assert_eq!(h.transport.connects.get(), 1);
}

#[test]
fn no_reconnect_after_logout() {
    let mut h = Harness::new();
    drop(h.connected());
    h.run();
    h.tokens.logged_out.set(true);
    h.advance_ms(1000);
    assert_eq!(h.service.state(), ConnectionState::Disconnected);
    h.advance_ms(600_000);
    assert_eq!(h.transport.connects.get(), 1);
}

#[test]
fn a_refused_connect_is_reported_and_retried_with_a_fresh_token() {
    let mut h = Harness::new();
    h.service.connect("expired");
    let server = h.accept();
    server.send(OPEN);
    h.run();
    server.send(r#"44{"message":"invalid token"}"#);
    h.run();
    assert_eq!(
        *h.errors.borrow(),
        [RealtimeError::Rejected {
            message: "invalid token".into()
        }]
    );
    assert_eq!(
        h.service.state(),
        ConnectionState::Reconnecting { attempt: 1 }
    );
    h.advance_ms(1000);
    let mut again = h.accept();
    assert_eq!(h.handshake(&mut again, "token-1"), [SUBSCRIBE]);
}

#[test]
fn a_silent_server_fails_the_handshake_after_the_connect_timeout() {
    let options = SocketOptions {
        connect_timeout: Duration::from_secs(5),
        ..SocketOptions::default()
    };
    let mut h = Harness::with_options(options);
    h.service.connect("token-0");
    let _server = h.accept();
    h.advance_ms(4_999);
    assert_eq!(h.service.state(), ConnectionState::Connecting);
    h.advance_ms(1);
    assert_eq!(*h.errors.borrow(), [RealtimeError::HandshakeTimeout(5_000)]);
    assert_eq!(
        h.service.state(),
        ConnectionState::Reconnecting { attempt: 1 }
    );
}

#[test]
fn a_server_that_does_not_speak_engine_io_fails_the_attempt() {
    let mut h = Harness::new();
    h.service.connect("token-0");
    let server = h.accept();
    server.send(r#"42["too","early"]"#);
    h.run();
    assert!(matches!(h.errors.borrow()[0], RealtimeError::Handshake(_)));
    assert_eq!(
        h.service.state(),
        ConnectionState::Reconnecting { attempt: 1 }
    );
}

#[test]
fn server_disconnect_and_engine_close_drop_the_link() {
    for frame in ["41", "1"] {
        let mut h = Harness::new();
        let server = h.connected();
        server.send(frame);
        h.run();
        assert_eq!(*h.errors.borrow(), [RealtimeError::ClosedByServer]);
        assert_eq!(
            h.service.state(),
            ConnectionState::Reconnecting { attempt: 1 }
        );
    }
}

#[test]
fn emits_while_reconnecting_are_buffered_and_sent_after_the_subscription() {
    let mut h = Harness::new();
    drop(h.connected());
    h.run();
    h.service.emit("mark-read", json!({"id": 1})).unwrap();
    h.service.emit("mark-read", json!({"id": 2})).unwrap();
    h.advance_ms(1000);
    let mut server = h.accept();
    let after = h.handshake(&mut server, "token-1");
    assert_eq!(
        after,
        [
            SUBSCRIBE,
            r#"42["mark-read",{"id":1}]"#,
            r#"42["mark-read",{"id":2}]"#
        ]
    );
}

#[test]
fn money_moving_emits_are_refused_while_offline_and_never_buffered() {
    let mut h = Harness::new();
    drop(h.connected());
    h.run();
    let refused = h.service.emit_as(
        EmitKind::MoneyMoving,
        "transfer:confirm",
        json!({"transferId": "t1"}),
    );
    assert_eq!(
        refused,
        Err(EmitError::MoneyMovingWhileOffline {
            event: "transfer:confirm".into()
        })
    );
    h.advance_ms(1000);
    let mut server = h.accept();
    assert_eq!(h.handshake(&mut server, "token-1"), [SUBSCRIBE]);
}

#[test]
fn money_moving_emits_go_out_while_connected() {
    let mut h = Harness::new();
    let mut server = h.connected();
    h.service
        .emit_as(
            EmitKind::MoneyMoving,
            "transfer:confirm",
            json!({"transferId": "t1"}),
        )
        .unwrap();
    h.run();
    assert_eq!(
        server.received(),
        [r#"42["transfer:confirm",{"transferId":"t1"}]"#]
    );
}

#[test]
fn the_offline_buffer_is_bounded() {
    let mut h = Harness::with_options(SocketOptions {
        offline_buffer: 2,
        ..SocketOptions::default()
    });
    drop(h.connected());
    h.run();
    h.service.emit("a", 1).unwrap();
    h.service.emit("b", 2).unwrap();
    assert_eq!(
        h.service.emit("c", 3),
        Err(EmitError::BufferFull { capacity: 2 })
    );
}

#[test]
fn emits_without_a_session_are_refused() {
    let h = Harness::new();
    assert_eq!(
        h.service.emit("subscribe", json!({})),
        Err(EmitError::NotConnected)
    );
}

#[test]
fn disconnect_drops_what_was_buffered() {
    let mut h = Harness::new();
    drop(h.connected());
    h.run();
    h.service.emit("mark-read", 1).unwrap();
    h.service.disconnect();
    h.service.connect("token-9");
    let mut server = h.accept();
    assert_eq!(h.handshake(&mut server, "token-9"), [SUBSCRIBE]);
}

#[test]
fn oversized_emits_are_refused_against_the_servers_max_payload() {
    let mut h = Harness::new();
    h.service.connect("token-0");
    let server = h.accept();
    server.send(
        r#"0{"sid":"s","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":64}"#,
    );
    h.run();
    server.send(r#"40{"sid":"x"}"#);
    h.run();
    let big = "x".repeat(100);
    assert!(matches!(
        h.service.emit("note", big),
        Err(EmitError::TooLarge { max: 64, .. })
    ));
}

type AckLog = Rc<RefCell<Vec<Result<Vec<Value>, AckError>>>>;

fn ack_recorder() -> (AckLog, impl Fn() -> AckCallback) {
    let log: AckLog = Rc::default();
    let sink = log.clone();
    (log, move || {
        let sink = sink.clone();
        Box::new(move |result| sink.borrow_mut().push(result)) as AckCallback
    })
}

#[test]
fn acks_carry_ids_and_reach_their_callbacks() {
    let mut h = Harness::new();
    let mut server = h.connected();
    let (log, callback) = ack_recorder();
    let timeout = Duration::from_secs(5);
    h.service
        .emit_with_ack(
            EmitKind::MoneyMoving,
            "transfer:confirm",
            json!({"id": "t1"}),
            timeout,
            callback(),
        )
        .unwrap();
    h.service
        .emit_with_ack(EmitKind::Ordinary, "ping-me", 1, timeout, callback())
        .unwrap();
    h.run();
    assert_eq!(
        server.received(),
        [
            r#"420["transfer:confirm",{"id":"t1"}]"#,
            r#"421["ping-me",1]"#
        ]
    );
    server.send(r#"431["pong"]"#);
    server.send(r#"430[{"status":"accepted"}]"#);
    h.run();
    assert_eq!(
        *log.borrow(),
        [
            Ok(vec![json!("pong")]),
            Ok(vec![json!({"status": "accepted"})])
        ]
    );
}

#[test]
fn an_unanswered_ack_times_out_and_a_late_answer_is_ignored() {
    let mut h = Harness::new();
    let server = h.connected();
    let (log, callback) = ack_recorder();
    h.service
        .emit_with_ack(
            EmitKind::Ordinary,
            "slow",
            1,
            Duration::from_secs(5),
            callback(),
        )
        .unwrap();
    h.advance_ms(4_999);
    assert!(log.borrow().is_empty());
    h.advance_ms(1);
    server.send(r#"430["late"]"#);
    h.run();
    assert_eq!(
        *log.borrow(),
        [Err(AckError::Timeout(Duration::from_secs(5)))]
    );
}

#[test]
fn sent_acks_fail_as_link_lost_and_buffered_ones_survive_the_reconnect() {
    let mut h = Harness::new();
    let server = h.connected();
    let (log, callback) = ack_recorder();
    let timeout = Duration::from_secs(60);
    h.service
        .emit_with_ack(EmitKind::Ordinary, "sent", 1, timeout, callback())
        .unwrap();
    h.run();
    drop(server);
    h.run();
    assert_eq!(*log.borrow(), [Err(AckError::LinkLost)]);
    h.service
        .emit_with_ack(EmitKind::Ordinary, "buffered", 2, timeout, callback())
        .unwrap();
    h.advance_ms(1000);
    let mut again = h.accept();
    assert_eq!(
        h.handshake(&mut again, "token-1"),
        [SUBSCRIBE, r#"421["buffered",2]"#]
    );
    again.send(r#"431["ok"]"#);
    h.run();
    assert_eq!(log.borrow()[1], Ok(vec![json!("ok")]));
}

#[test]
fn disconnect_fails_pending_acks_as_closed() {
    let mut h = Harness::new();
    let _server = h.connected();
    let (log, callback) = ack_recorder();
    h.service
        .emit_with_ack(
            EmitKind::Ordinary,
            "x",
            1,
            Duration::from_secs(60),
            callback(),
        )
        .unwrap();
    h.service.disconnect();
    assert_eq!(*log.borrow(), [Err(AckError::Closed)]);
}

#[test]
fn a_refused_emit_with_ack_never_calls_back() {
    let mut h = Harness::new();
    drop(h.connected());
    h.run();
    let (log, callback) = ack_recorder();
    let refused = h.service.emit_with_ack(
        EmitKind::MoneyMoving,
        "transfer:confirm",
        1,
        Duration::from_secs(1),
        callback(),
    );
    assert!(matches!(
        refused,
        Err(EmitError::MoneyMovingWhileOffline { .. })
    ));
    h.advance_ms(10_000);
    assert!(log.borrow().is_empty());
}

#[test]
fn typed_events_reach_subscribers_with_exact_amounts() {
    let mut h = Harness::new();
    let server = h.connected();
    let seen: Rc<RefCell<Vec<BalanceUpdate>>> = Rc::default();
    let log = seen.clone();
    let _subscription = h
        .service
        .subscribe(move |update: BalanceUpdate| log.borrow_mut().push(update));
    server.send(&balance_frame(1, "125430.10"));
    h.run();
    assert_eq!(seen.borrow()[0].balance, Amount::from_minor(12_543_010));
}

#[test]
fn dropping_or_unsubscribing_the_handle_stops_delivery() {
    let mut h = Harness::new();
    let server = h.connected();
    let alerts: Rc<RefCell<Vec<SystemAlert>>> = Rc::default();
    let (first_log, second_log) = (alerts.clone(), alerts.clone());
    let first = h
        .service
        .subscribe(move |alert: SystemAlert| first_log.borrow_mut().push(alert));
    let second = h
        .service
        .subscribe(move |alert: SystemAlert| second_log.borrow_mut().push(alert));
    server.send(r#"42["alert:system",{"level":"info","message":"one"}]"#);
    h.run();
    drop(first);
    h.service.unsubscribe(second);
    server.send(r#"42["alert:system",{"level":"info","message":"two"}]"#);
    h.run();
    assert_eq!(alerts.borrow().len(), 2);
}

#[test]
fn raw_listeners_get_any_event_and_acks_requested_by_the_server_are_answered() {
    let mut h = Harness::new();
    let mut server = h.connected();
    let seen: Rc<RefCell<Vec<Vec<Value>>>> = Rc::default();
    let log = seen.clone();
    let _subscription = h
        .service
        .on("custom", move |args| log.borrow_mut().push(args.to_vec()));
    server.send(r#"427["custom",1,"two"]"#);
    h.run();
    assert_eq!(*seen.borrow(), [vec![json!(1), json!("two")]]);
    assert_eq!(server.received(), ["437[]"]);
}

#[test]
fn a_seq_gap_asks_for_a_resync_of_that_channel() {
    let mut h = Harness::new();
    let server = h.connected();
    let count: Rc<RefCell<u32>> = Rc::default();
    let log = count.clone();
    let _subscription = h
        .service
        .subscribe(move |_: BalanceUpdate| *log.borrow_mut() += 1);
    server.send(&balance_frame(1, "10.00"));
    server.send(&balance_frame(3, "30.00"));
    h.run();
    assert_eq!(*count.borrow(), 2);
    let last = h.resyncs.borrow().last().cloned().unwrap();
    assert_eq!(
        last,
        Resync {
            channels: vec![Channel::Accounts],
            reason: ResyncReason::Gap {
                expected: 2,
                received: 3
            }
        }
    );
}

#[test]
fn replayed_seqs_are_not_delivered_twice() {
    let mut h = Harness::new();
    let server = h.connected();
    let count: Rc<RefCell<u32>> = Rc::default();
    let log = count.clone();
    let _subscription = h
        .service
        .subscribe(move |_: BalanceUpdate| *log.borrow_mut() += 1);
    server.send(&balance_frame(5, "10.00"));
    server.send(&balance_frame(5, "10.00"));
    h.run();
    assert_eq!(*count.borrow(), 1);
}

#[test]
fn after_a_reconnect_any_seq_is_accepted_and_a_resync_was_requested() {
    let mut h = Harness::new();
    let server = h.connected();
    server.send(&balance_frame(1, "10.00"));
    h.run();
    drop(server);
    h.advance_ms(1000);
    let mut again = h.accept();
    h.handshake(&mut again, "token-1");
    again.send(&balance_frame(9, "90.00"));
    h.run();
    let reasons: Vec<ResyncReason> = h
        .resyncs
        .borrow()
        .iter()
        .map(|r| r.reason.clone())
        .collect();
    assert_eq!(
        reasons,
        [ResyncReason::Connected, ResyncReason::Reconnected]
    );
}

#[test]
fn malformed_frames_and_events_are_reported_and_the_link_stays_up() {
    let mut h = Harness::new();
    let mut server = h.connected();
    let _subscription = h.service.subscribe(|_: BalanceUpdate| {});
    server.send("42[\"broken\"");
    server.send(r#"42["balance:update",{"accountId":"a","seq":1}]"#);
    server.send("51-[\"file\",{\"_placeholder\":true,\"num\":0}]");
    server.send_error(TransportError::BinaryFrame);
    server.send("2");
    h.run();
    assert_eq!(h.errors.borrow().len(), 4);
    assert!(matches!(h.errors.borrow()[1], RealtimeError::Event(_)));
    assert_eq!(h.service.state(), ConnectionState::Connected);
    assert_eq!(server.received(), ["3"]);
}

#[test]
fn connect_while_connected_replaces_the_session() {
    let mut h = Harness::new();
    let mut first = h.connected();
    h.service.connect("token-new");
    let mut second = h.accept();
    assert_eq!(first.received(), ["41"]);
    assert!(first.closed_by_client());
    assert_eq!(h.handshake(&mut second, "token-new"), [SUBSCRIBE]);
    assert_eq!(h.service.state(), ConnectionState::Connected);
}
