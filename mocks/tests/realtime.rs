//! The realtime socket: CONNECT authentication, subscriptions, sequenced ledger events per user, admin alert and
//! drop, reset. Admin endpoints through `oneshot`; sockets over a real loopback websocket (every read bounded).

mod common;

use std::time::Duration;

use common::{Harness, reply, transfer};
use digibank_mock::{Config, RunningServer, app, serve};
use futures_util::{SinkExt, StreamExt};
use serde_json::{Value, json};
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream, connect_async};
use tower::ServiceExt;

/// Longest wait for any one frame.
const FRAME_WAIT: Duration = Duration::from_secs(5);

/// A Socket.IO client reduced to frames: answers pings, hands over everything else.
struct RawSocket {
    ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

impl RawSocket {
    /// Opens the websocket and reads the Engine.IO open packet.
    async fn open(server: &RunningServer) -> RawSocket {
        let url = format!("ws://{}/socket.io/?EIO=4&transport=websocket", server.addr);
        let (ws, _) = tokio::time::timeout(FRAME_WAIT, connect_async(url))
            .await
            .expect("the websocket opened in time")
            .expect("the websocket opened");
        let mut socket = RawSocket { ws };
        let open = socket.next_frame().await;
        assert!(open.starts_with("0{"), "open packet, got {open}");
        let handshake: Value = serde_json::from_str(&open[1..]).unwrap();
        assert_eq!(handshake["upgrades"], json!([]), "websocket only");
        socket
    }

    /// Opens, connects with `auth` and returns the reply to CONNECT (`40{…}` or `44{…}`).
    async fn connect(server: &RunningServer, auth: Value) -> (RawSocket, String) {
        let mut socket = RawSocket::open(server).await;
        socket.send(&format!("40{auth}")).await;
        let answer = socket.next_frame().await;
        (socket, answer)
    }

    /// A connected socket of `user`, subscribed to both channels.
    async fn subscribed(server: &RunningServer, user: &str) -> RawSocket {
        let token = server
            .state()
            .tokens()
            .issue(user, server.state().clock().now(), None)
            .access_token;
        let (mut socket, answer) = RawSocket::connect(server, json!({"token": token})).await;
        assert!(
            answer.starts_with("40{\"sid\""),
            "CONNECT accepted: {answer}"
        );
        socket
            .send(r#"421["subscribe",{"channels":["accounts","transactions","gossip"]}]"#)
            .await;
        assert_eq!(
            socket.next_frame().await,
            r#"431[{"channels":["accounts","transactions"]}]"#
        );
        socket
    }

    async fn send(&mut self, text: &str) {
        self.ws.send(Message::text(text)).await.expect("frame sent");
    }

    /// The next text frame that is not a ping (pings are answered).
    async fn next_frame(&mut self) -> String {
        loop {
            let message = tokio::time::timeout(FRAME_WAIT, self.ws.next())
                .await
                .expect("a frame in time")
                .expect("the socket stayed open")
                .expect("a readable frame");
            match message {
                Message::Text(text) if text.as_str() == "2" => self.send("3").await,
                Message::Text(text) => return text.to_string(),
                _ => {}
            }
        }
    }

    /// The next EVENT as `(name, payload)`.
    async fn next_event(&mut self) -> (String, Value) {
        let frame = self.next_frame().await;
        let body = frame
            .strip_prefix("42")
            .unwrap_or_else(|| panic!("an EVENT, got {frame}"));
        let array: Value = serde_json::from_str(body).unwrap();
        (array[0].as_str().unwrap().to_owned(), array[1].clone())
    }
}

async fn start(settle_delay_ms: u64) -> RunningServer {
    serve(Config {
        transactions_per_account: 50,
        settle_delay_ms,
        ..Config::default()
    })
    .await
    .expect("the mock started")
}

/// Sends a request to the running server's public router in-process (same state, same events).
async fn call(
    server: &RunningServer,
    request: axum::http::Request<axum::body::Body>,
) -> common::Reply {
    reply(app(server.state().clone()).oneshot(request).await.unwrap()).await
}

async fn admin(server: &RunningServer, path: &str, body: Value) -> common::Reply {
    let request = common::post(path).json(&body);
    reply(
        digibank_mock::admin_app(server.state().clone())
            .oneshot(request)
            .await
            .unwrap(),
    )
    .await
}

#[tokio::test]
async fn connect_needs_a_valid_unexpired_token() {
    let server = start(1500).await;
    let (_, missing) = RawSocket::connect(&server, json!({})).await;
    assert_eq!(
        missing,
        r#"44{"message":"Sign in first: send the access token as the CONNECT auth {\"token\": \"…\"}"}"#
    );
    let (_, unknown) = RawSocket::connect(&server, json!({"token": "at_nope"})).await;
    assert_eq!(
        unknown,
        r#"44{"message":"invalid token: The token is not valid"}"#
    );
    let now = server.state().clock().now();
    let short = server
        .state()
        .tokens()
        .issue("alice", now - 10_000, Some(1));
    let (_, expired) = RawSocket::connect(&server, json!({"token": short.access_token})).await;
    assert_eq!(
        expired,
        r#"44{"message":"invalid token: The token has expired"}"#
    );
    assert_eq!(server.state().realtime().connected_sockets(), 0);
    server.stop().await;
}

#[tokio::test]
async fn a_transfer_reaches_only_its_owners_sockets_with_seq_per_channel() {
    let server = start(50).await;
    let mut alice = RawSocket::subscribed(&server, "alice").await;
    let mut alice_too = RawSocket::subscribed(&server, "alice").await;
    let mut bob = RawSocket::subscribed(&server, "bob").await;
    assert_eq!(server.state().realtime().connected_sockets(), 3);
    let token = server
        .state()
        .tokens()
        .issue("alice", server.state().clock().now(), None)
        .access_token;
    let created = call(
        &server,
        common::post("/api/transfers")
            .bearer(&token)
            .header("idempotency-key", "rt-1")
            .json(&transfer("1", "2", "100.00")),
    )
    .await;
    assert_eq!(created.status, 201, "{:#}", created.body);

    for socket in [&mut alice, &mut alice_too] {
        // The hold: the available balance drops at once.
        let (name, hold) = socket.next_event().await;
        assert_eq!(name, "balance:update");
        assert_eq!(
            (
                &hold["accountId"],
                &hold["balance"],
                &hold["availableBalance"],
                &hold["currency"],
                &hold["seq"]
            ),
            (
                &json!("1"),
                &json!("125430.00"),
                &json!("125330.00"),
                &json!("USD"),
                &json!(1)
            )
        );
        assert!(hold["asOf"].as_str().unwrap().ends_with('Z'));
        // Settlement: debit and credit booked, then both balances.
        let mut transactions = Vec::new();
        let mut balances = Vec::new();
        for _ in 0..4 {
            let (name, payload) = socket.next_event().await;
            match name.as_str() {
                "transaction:new" => transactions.push(payload),
                "balance:update" => balances.push(payload),
                other => panic!("unexpected event {other}"),
            }
        }
        let seqs = |list: &[Value]| {
            list.iter()
                .map(|p| p["seq"].as_u64().unwrap())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            seqs(&transactions),
            [1, 2],
            "transactions channel counts from 1"
        );
        assert_eq!(seqs(&balances), [2, 3], "accounts channel continues");
        assert_eq!(transactions[0]["accountId"], "1");
        assert_eq!(transactions[0]["transaction"]["amount"], "-100.00");
        assert_eq!(transactions[0]["transaction"]["accountId"], "1");
        assert_eq!(transactions[1]["transaction"]["amount"], "100.00");
        assert_eq!(balances[0]["balance"], "125330.00");
        assert_eq!(balances[1]["accountId"], "2");
        assert_eq!(balances[1]["balance"], "45300.00");
    }

    // Bob saw none of it: the first thing he gets is the alert for everyone.
    let sent = admin(
        &server,
        "/admin/realtime/alert",
        json!({"level": "critical", "message": " Payments are delayed "}),
    )
    .await;
    assert_eq!(
        (sent.status.as_u16(), &sent.body),
        (200, &json!({"sockets": 3}))
    );
    assert_eq!(
        bob.next_event().await,
        (
            "alert:system".to_owned(),
            json!({"level": "critical", "message": "Payments are delayed"})
        )
    );
    assert_eq!(alice.next_event().await.0, "alert:system");

    let status = admin_get_status(&server).await;
    assert_eq!(status["connectedSockets"], 3);
    assert_eq!(status["subscribedSockets"], 3);
    let emits = status["recentEmits"].as_array().unwrap();
    assert_eq!(emits.len(), 5);
    assert_eq!(emits[0]["event"], "balance:update");
    assert_eq!(emits[0]["user"], "alice");
    assert!(emits[0]["emittedAt"].as_i64().unwrap() > 0);
    server.stop().await;
}

async fn admin_get_status(server: &RunningServer) -> Value {
    let request = common::get("/admin/realtime").empty();
    let status = reply(
        digibank_mock::admin_app(server.state().clone())
            .oneshot(request)
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status.status, 200);
    status.body
}

#[tokio::test]
async fn drop_and_reset_disconnect_every_socket() {
    let server = start(1500).await;
    let mut alice = RawSocket::subscribed(&server, "alice").await;
    let mut bob = RawSocket::subscribed(&server, "bob").await;
    let dropped = admin(&server, "/admin/realtime/drop", json!({})).await;
    assert_eq!(dropped.body, json!({"sockets": 2}));
    assert_eq!(alice.next_frame().await, "41");
    assert_eq!(bob.next_frame().await, "41");

    let mut again = RawSocket::subscribed(&server, "alice").await;
    let reset = admin(&server, "/admin/reset", json!({})).await;
    assert_eq!(reset.status, 204);
    assert_eq!(
        again.next_frame().await,
        "41",
        "a reset drops sockets so clients refetch"
    );
    for _ in 0..100 {
        if server.state().realtime().connected_sockets() == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(server.state().realtime().connected_sockets(), 0);
    assert_eq!(server.state().realtime().subscribed_sockets(), 0);
    server.stop().await;
}

#[tokio::test]
async fn alerts_are_validated() {
    let h = Harness::new();
    let empty = h
        .admin_post(
            "/admin/realtime/alert",
            json!({"level": "info", "message": "  "}),
        )
        .await;
    empty.assert_error(400);
    assert_eq!(empty.first_code(), "required");
    let loud = h
        .admin_post(
            "/admin/realtime/alert",
            json!({"level": "loud", "message": "x"}),
        )
        .await;
    loud.assert_error(400);
    let nobody = h
        .admin_post(
            "/admin/realtime/alert",
            json!({"level": "info", "message": "Hello"}),
        )
        .await;
    assert_eq!(
        (nobody.status.as_u16(), nobody.body),
        (200, json!({"sockets": 0}))
    );
    let dropped = h.admin_post("/admin/realtime/drop", json!({})).await;
    assert_eq!(dropped.body, json!({"sockets": 0}));
}
