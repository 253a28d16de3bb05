//! `POST /api/transfers` idempotency, and the ledger invariant under a concurrent burst.

mod common;

use std::sync::Arc;

use common::{Harness, advance, transfer};
use digibank_api_types::AccountType;
use digibank_mock::Config;
use serde_json::json;

#[tokio::test]
async fn a_key_is_required() {
    let h = Harness::new();
    let token = h.token("alice");
    let reply = h
        .send(
            common::post("/api/transfers")
                .bearer(&token)
                .json(&transfer("1", "2", "1.00")),
        )
        .await;
    reply.assert_error(400);
    assert!(
        reply.body["error"]
            .as_str()
            .unwrap()
            .contains("Idempotency-Key")
    );
    let blank = h.transfer(&token, " ", transfer("1", "2", "1.00")).await;
    blank.assert_error(400);
}

#[tokio::test(start_paused = true)]
async fn the_same_key_and_body_replay_without_a_second_debit() {
    let h = Harness::new();
    let token = h.token("alice");
    let first = h
        .transfer(&token, "pay-rent", transfer("1", "2", "700.00"))
        .await;
    assert_eq!(
        (first.status.as_u16(), first.header("idempotent-replayed")),
        (201, None)
    );
    let replay = h
        .transfer(&token, "pay-rent", transfer("1", "2", "700.00"))
        .await;
    assert_eq!(
        (replay.status.as_u16(), replay.header("idempotent-replayed")),
        (201, Some("true"))
    );
    assert_eq!(replay.body, first.body);
    advance(1500).await;
    let later = h
        .transfer(&token, "pay-rent", transfer("1", "2", "700.00"))
        .await;
    assert_eq!(later.body["id"], first.body["id"]);
    assert_eq!(h.account(&token, "1").await["balance"], "124730.00");
    assert_eq!(
        h.get("/api/transfers/history", &token).await.body["total"],
        1
    );
}

#[tokio::test]
async fn the_same_key_with_another_body_is_422() {
    let h = Harness::new();
    let token = h.token("alice");
    h.transfer(&token, "k", transfer("1", "2", "5.00")).await;
    let reply = h.transfer(&token, "k", transfer("1", "2", "6.00")).await;
    reply.assert_error(422);
    assert_eq!(
        reply.body["type"],
        "https://digibank.example/problems/idempotency-key-reused"
    );
}

#[tokio::test]
async fn keys_belong_to_one_customer() {
    let h = Harness::new();
    let alice = h
        .transfer(&h.token("alice"), "shared", transfer("1", "2", "5.00"))
        .await;
    let bob = h
        .transfer(&h.token("bob"), "shared", transfer("4", "5", "5.00"))
        .await;
    assert_eq!((alice.status.as_u16(), bob.status.as_u16()), (201, 201));
    assert_ne!(alice.body["id"], bob.body["id"]);
}

#[tokio::test]
async fn a_rejected_request_releases_its_key() {
    let h = Harness::new();
    let token = h.token("alice");
    h.transfer(&token, "fix-me", transfer("2", "1", "99999.00"))
        .await
        .assert_error(400);
    let corrected = h
        .transfer(&token, "fix-me", transfer("2", "1", "99.00"))
        .await;
    assert_eq!(corrected.status, 201, "{:#}", corrected.body);
}

#[tokio::test]
async fn the_guides_amount_limit_answer() {
    let h = Harness::new();
    let reply = h
        .transfer(
            &h.token("alice"),
            "big",
            json!({"fromAccountId": "1", "toAccountId": "2", "amount": 100001, "currency": "USD"}),
        )
        .await;
    reply.assert_error(400);
    assert_eq!(reply.body["error"], "Amount exceeds maximum limit");
}

#[tokio::test(start_paused = true)]
async fn the_same_key_while_in_flight_is_409() {
    let h = Harness::new();
    h.set_faults(json!({"processingDelayMs": 500})).await;
    let token = h.token("alice");
    let first = tokio::spawn({
        let app = h.app.clone();
        let request = common::post("/api/transfers")
            .bearer(&token)
            .header("idempotency-key", "slow")
            .json(&transfer("1", "2", "9.00"));
        async move { common::reply(tower::ServiceExt::oneshot(app, request).await.unwrap()).await }
    });
    tokio::task::yield_now().await;
    let second = h.transfer(&token, "slow", transfer("1", "2", "9.00")).await;
    second.assert_error(409);
    assert_eq!(
        second.body["type"],
        "https://digibank.example/problems/request-in-flight"
    );
    assert_eq!(first.await.unwrap().status, 201);
    assert_eq!(
        h.transfer(&token, "slow", transfer("1", "2", "9.00"))
            .await
            .header("idempotent-replayed"),
        Some("true")
    );
}

/// 200 parallel transfers between alice's checking and savings, many more than savings can fund:
/// the total never changes and no account goes below zero.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_ledger_balances_after_a_concurrent_burst() {
    let h = Arc::new(Harness::with_config(Config {
        settle_delay_ms: 0,
        ..common::config()
    }));
    let total_before = h.state.with_bank(|bank, _| bank.total_balance());
    let token = h.token("alice");
    let tasks: Vec<_> = (0..200)
        .map(|i| {
            let (h, token) = (Arc::clone(&h), token.clone());
            let (from, to, amount) = if i % 4 == 0 {
                ("1", "2", "150.00")
            } else {
                ("2", "1", "700.00")
            };
            tokio::spawn(async move {
                h.transfer(&token, &format!("burst-{i}"), transfer(from, to, amount))
                    .await
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        let reply = task.await.unwrap();
        if reply.status != 201 {
            assert_eq!(reply.first_code(), "insufficient_funds", "{:#}", reply.body);
        }
        statuses.push(reply.status.as_u16());
    }
    let refused = statuses.iter().filter(|s| **s == 400).count();
    assert!(
        refused > 0 && statuses.iter().all(|s| *s == 201 || *s == 400),
        "{statuses:?}"
    );
    let (total_after, accounts) = h
        .state
        .with_bank(|bank, _| (bank.total_balance(), bank.accounts().to_vec()));
    assert_eq!(total_after, total_before);
    for account in accounts {
        let floor = if account.account_type == AccountType::Credit {
            -account.credit_limit
        } else {
            0
        };
        assert!(
            account.balance >= floor && account.available() >= 0 && account.held == 0,
            "{account:?}"
        );
    }
    let history = h
        .get("/api/transfers/history?status=completed&pageSize=1", &token)
        .await;
    assert_eq!(history.body["total"].as_u64(), Some(200 - refused as u64));
}
