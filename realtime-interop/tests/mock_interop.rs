//! The SPA's realtime client against the mock bank's own socket server: proof that both sides of
//! docs/realtime.md agree. A refused stale token then a fresh one, typed `balance:update` / `transaction:new`
//! with consecutive seqs for a real transfer, a drop by the admin control → reconnect and resync, disconnect.

use std::cell::RefCell;
use std::future::ready;
use std::rc::Rc;
use std::time::Duration;

use digibank::services::realtime::{
    BalanceUpdate, ConnectionState, RealtimeEnv, RealtimeError, ReconnectPolicy, Resync,
    ResyncReason, SocketOptions, SocketService, SocketUrl, TransactionNew,
};
use digibank_api_types::{Amount, Currency, TransferRequest};
use digibank_mock::{AppState, Config, serve};
use digibank_realtime_interop::{TokioSleeper, TokioSpawner, TungsteniteTransport};

/// Everything the client reported.
#[derive(Default)]
struct Seen {
    balances: Vec<BalanceUpdate>,
    transactions: Vec<TransactionNew>,
    errors: Vec<RealtimeError>,
    resyncs: Vec<Resync>,
}

#[test]
fn the_client_and_the_mock_bank_agree() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, async {
        tokio::time::timeout(Duration::from_secs(60), scenario())
            .await
            .expect("the scenario finished within 60 s");
    });
}

/// A client of the mock at `url` whose every reconnect mints a fresh token for alice.
fn service_for(url: &str, state: AppState) -> SocketService {
    let url = SocketUrl::from_realtime_url(&format!("{url}/socket.io/")).expect("a valid url");
    let options = SocketOptions {
        reconnect: ReconnectPolicy {
            initial_delay: Duration::from_millis(50),
            max_delay: Duration::from_millis(200),
            ..ReconnectPolicy::default()
        },
        connect_timeout: Duration::from_secs(5),
        ..SocketOptions::default()
    };
    let tokens = move || {
        let now = state.clock().now();
        ready(Some(state.tokens().issue("alice", now, None).access_token))
    };
    let env = RealtimeEnv {
        transport: Rc::new(TungsteniteTransport),
        sleeper: Rc::new(TokioSleeper),
        spawner: Rc::new(TokioSpawner),
        tokens: Rc::new(tokens),
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

fn transfer(state: &AppState, amount: &str) {
    let request = TransferRequest {
        from_account_id: "1".into(),
        to_account_id: "2".into(),
        amount: Amount::parse(amount).expect("an amount"),
        currency: Currency::USD,
        description: "interop".into(),
    };
    state
        .with_bank(|bank, now| bank.create_transfer("alice", &request, now))
        .expect("the transfer was accepted");
}

async fn scenario() {
    let server = serve(Config {
        transactions_per_account: 20,
        settle_delay_ms: 50,
        ..Config::default()
    })
    .await
    .expect("the mock started");
    let state = server.state().clone();
    let service = service_for(&server.url(), state.clone());
    let seen = Rc::new(RefCell::new(Seen::default()));
    let (b, t, e, r) = (seen.clone(), seen.clone(), seen.clone(), seen.clone());
    let _subscriptions = [
        service.subscribe(move |update: BalanceUpdate| b.borrow_mut().balances.push(update)),
        service.subscribe(move |new: TransactionNew| t.borrow_mut().transactions.push(new)),
        service.on_error(move |error| e.borrow_mut().errors.push(error.clone())),
        service.on_resync(move |resync| r.borrow_mut().resyncs.push(resync.clone())),
    ];

    service.connect("at_stale");
    let realtime = state.realtime();
    wait_until("connected and subscribed", || {
        service.state() == ConnectionState::Connected && realtime.subscribed_sockets() == 1
    })
    .await;
    assert_eq!(
        seen.borrow().errors.first(),
        Some(&RealtimeError::Rejected {
            message: "invalid token: The token is not valid".into()
        })
    );

    transfer(&state, "100.00");
    wait_until("the hold and the settlement arrived", || {
        let seen = seen.borrow();
        seen.balances.len() == 3 && seen.transactions.len() == 2
    })
    .await;
    {
        let seen = seen.borrow();
        let seqs: Vec<u64> = seen.balances.iter().map(|u| u.seq).collect();
        assert_eq!(seqs, [1, 2, 3]);
        assert_eq!(
            seen.balances[0].available_balance,
            Amount::from_minor(12_533_000)
        );
        assert_eq!(seen.balances[2].account_id, "2");
        assert_eq!(seen.balances[2].balance, Amount::from_minor(4_530_000));
        assert_eq!(
            seen.transactions[0].transaction.amount,
            Amount::from_minor(-10_000)
        );
        assert!(
            !seen
                .resyncs
                .iter()
                .any(|r| matches!(r.reason, ResyncReason::Gap { .. })),
            "consecutive seqs raise no gap"
        );
    }

    assert_eq!(realtime.drop_all().await, 1);
    wait_until("reconnected with a resync", || {
        service.state() == ConnectionState::Connected
            && realtime.subscribed_sockets() == 1
            && seen
                .borrow()
                .resyncs
                .iter()
                .any(|r| r.reason == ResyncReason::Reconnected)
    })
    .await;
    transfer(&state, "1.00");
    wait_until("the update after the reconnect arrived", || {
        seen.borrow().balances.len() == 4
    })
    .await;
    assert_eq!(seen.borrow().balances[3].seq, 4, "the server's seq went on");

    service.disconnect();
    wait_until("the server saw the socket leave", || {
        realtime.connected_sockets() == 0
    })
    .await;
    server.stop().await;
}
