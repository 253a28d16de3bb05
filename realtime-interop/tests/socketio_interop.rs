//! The SPA's realtime client against a real Node socket.io 4 server on loopback: token refusal and retry with a
//! fresh token, subscription, typed events, acks both ways, heartbeats, reconnect after a dropped transport, disconnect.

use std::cell::RefCell;
use std::future::ready;
use std::rc::Rc;
use std::time::Duration;

use digibank::services::realtime::{
    BalanceUpdate, ConnectionState, EmitKind, RealtimeEnv, RealtimeError, ReconnectPolicy, Resync,
    ResyncReason, SocketOptions, SocketService, SocketUrl, SystemAlert,
};
use digibank_api_types::Amount;
use digibank_realtime_interop::{NodeServer, TokioSleeper, TokioSpawner, TungsteniteTransport};
use futures::channel::oneshot;
use serde_json::{Value, json};

const STEP: Duration = Duration::from_secs(5);

/// Everything the client reported, recorded for assertions.
#[derive(Default)]
struct Seen {
    balances: Vec<BalanceUpdate>,
    alerts: Vec<SystemAlert>,
    errors: Vec<RealtimeError>,
    resyncs: Vec<Resync>,
}

#[test]
fn the_client_speaks_socket_io_4() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async {
        tokio::time::timeout(Duration::from_secs(60), scenario())
            .await
            .expect("the interop scenario finished within 60 s");
    });
}

fn service_for(port: u16) -> SocketService {
    let url =
        SocketUrl::from_realtime_url(&format!("http://127.0.0.1:{port}")).expect("a valid url");
    let reconnect = ReconnectPolicy {
        initial_delay: Duration::from_millis(50),
        max_delay: Duration::from_millis(200),
        ..ReconnectPolicy::default()
    };
    let options = SocketOptions {
        reconnect,
        connect_timeout: STEP,
        ..SocketOptions::default()
    };
    let env = RealtimeEnv {
        transport: Rc::new(TungsteniteTransport),
        sleeper: Rc::new(TokioSleeper),
        spawner: Rc::new(TokioSpawner),
        tokens: Rc::new(|| ready(Some("fresh-token".to_owned()))),
        random: Rc::new(|| 0),
    };
    SocketService::new(url, options, env)
}

async fn wait_until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..500 {
        if condition() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting until {what}");
}

async fn scenario() {
    let mut server = NodeServer::start()
        .await
        .unwrap_or_else(|error| panic!("the socket.io server did not start: {error}"));
    let service = service_for(server.port);
    let seen = Rc::new(RefCell::new(Seen::default()));
    let (b, a, e, r) = (seen.clone(), seen.clone(), seen.clone(), seen.clone());
    let _subscriptions = [
        service.subscribe(move |update: BalanceUpdate| b.borrow_mut().balances.push(update)),
        service.subscribe(move |alert: SystemAlert| a.borrow_mut().alerts.push(alert)),
        service.on_error(move |error| e.borrow_mut().errors.push(error.clone())),
        service.on_resync(move |resync| r.borrow_mut().resyncs.push(resync.clone())),
    ];

    service.connect("stale-token");
    assert_eq!(
        server.wait_for("connect", STEP).await.unwrap()["token"],
        "stale-token"
    );
    assert_eq!(
        server.wait_for("connect", STEP).await.unwrap()["token"],
        "fresh-token"
    );
    let subscribe = server.wait_for("subscribe", STEP).await.unwrap();
    assert_eq!(
        subscribe["payload"],
        json!({"channels": ["accounts", "transactions"]})
    );
    let answer = server.wait_for("answer", STEP).await.unwrap();
    assert_eq!(
        answer["answer"],
        json!([]),
        "our automatic ack reached the server's callback"
    );
    wait_until("the balance update and the alert arrived", || {
        let seen = seen.borrow();
        seen.balances.len() == 1 && seen.alerts.len() == 1
    })
    .await;
    assert_eq!(
        seen.borrow().balances[0].balance,
        Amount::from_minor(12_543_010)
    );
    assert_eq!(
        seen.borrow().errors[0],
        RealtimeError::Rejected {
            message: "invalid token".into()
        }
    );
    assert_eq!(service.state(), ConnectionState::Connected);

    let (answer_tx, answer_rx) = oneshot::channel();
    service
        .emit_with_ack(
            EmitKind::Ordinary,
            "echo",
            json!({"n": 1}),
            STEP,
            move |result| {
                let _ = answer_tx.send(result);
            },
        )
        .unwrap();
    assert_eq!(
        answer_rx.await.unwrap(),
        Ok(vec![json!({"echoed": {"n": 1}})])
    );

    tokio::time::sleep(Duration::from_millis(1200)).await;
    assert_eq!(
        service.state(),
        ConnectionState::Connected,
        "pongs kept the link alive through several 300 ms pings"
    );
    assert_eq!(seen.borrow().errors.len(), 1);

    service.emit("kick", Value::Null).unwrap();
    server.wait_for("disconnect", STEP).await.unwrap();
    assert_eq!(
        server.wait_for("connect", STEP).await.unwrap()["token"],
        "fresh-token"
    );
    server.wait_for("subscribe", STEP).await.unwrap();
    wait_until("the update after the reconnect arrived", || {
        seen.borrow().balances.len() == 2
    })
    .await;
    assert!(
        seen.borrow()
            .resyncs
            .iter()
            .any(|resync| resync.reason == ResyncReason::Reconnected)
    );

    service.disconnect();
    let goodbye = server.wait_for("disconnect", STEP).await.unwrap();
    assert_eq!(goodbye["reason"], "client namespace disconnect");
    assert_eq!(service.state(), ConnectionState::Disconnected);
}
