//! `/api/accounts`: the seed, ownership, balances, rename and close.

mod common;

use common::{Harness, advance, put, transfer};
use serde_json::json;

#[tokio::test]
async fn alice_sees_the_guides_accounts_with_balances_in_one_request() {
    let h = Harness::new();
    let reply = h.get("/api/accounts", &h.token("alice")).await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        (
            reply.body["page"].as_u64(),
            reply.body["pageSize"].as_u64(),
            reply.body["total"].as_u64()
        ),
        (Some(1), Some(20), Some(3))
    );
    let items = reply.body["items"].as_array().unwrap();
    let summary: Vec<_> = items
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap(),
                a["type"].as_str().unwrap(),
                a["balance"].as_str().unwrap(),
                a["currency"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("Checking Account", "checking", "125430.00", "USD"),
            ("Savings Account", "savings", "45200.00", "USD"),
            ("Platinum Card", "credit", "-1842.37", "USD")
        ]
    );
    assert_eq!(items[0]["maskedNumber"], "••••4821");
    assert_eq!(items[0]["availableBalance"], "125430.00");
    assert_eq!(items[2]["availableBalance"], "13157.63");
    assert!(items.iter().all(|a| a["status"] == "open"));
}

#[tokio::test]
async fn bob_has_his_own_accounts_and_cannot_see_alices() {
    let h = Harness::new();
    let bob = h.token("bob");
    let reply = h.get("/api/accounts", &bob).await;
    let ids: Vec<_> = reply.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, ["4", "5", "6"]);
    for path in [
        "/api/accounts/1",
        "/api/accounts/1/balance",
        "/api/accounts/1/transactions",
    ] {
        h.get(path, &bob).await.assert_error(404);
    }
    h.send(
        put("/api/accounts/1")
            .bearer(&bob)
            .json(&json!({"name": "Mine now"})),
    )
    .await
    .assert_error(404);
}

#[tokio::test]
async fn balance_has_its_own_endpoint() {
    let h = Harness::new();
    let reply = h.get("/api/accounts/2/balance", &h.token("alice")).await;
    assert_eq!(
        reply.body,
        json!({"accountId": "2", "balance": "45200.00", "availableBalance": "45200.00", "currency": "USD", "asOf": "2026-11-24T09:00:00Z"})
    );
}

#[tokio::test]
async fn rename_validates_length_and_characters() {
    let h = Harness::new();
    let token = h.token("alice");
    let ok = h
        .send(
            put("/api/accounts/2")
                .bearer(&token)
                .json(&json!({"name": "  Rainy   Day & Co. "})),
        )
        .await;
    assert_eq!(ok.status, 200, "{:#}", ok.body);
    assert_eq!(ok.body["name"], "Rainy Day & Co.");
    assert_eq!(h.account(&token, "2").await["name"], "Rainy Day & Co.");
    for (name, code) in [
        ("", "length"),
        (&"n".repeat(41) as &str, "length"),
        ("<b>bold</b>", "characters"),
        ("semi;colon", "characters"),
    ] {
        let bad = h
            .send(
                put("/api/accounts/2")
                    .bearer(&token)
                    .json(&json!({ "name": name })),
            )
            .await;
        bad.assert_error(400);
        assert_eq!(
            (bad.body["errors"][0]["field"].as_str(), bad.first_code()),
            (Some("name"), code)
        );
    }
    h.send(
        put("/api/accounts/2")
            .bearer(&token)
            .json(&json!({"title": "x"})),
    )
    .await
    .assert_error(400);
}

#[tokio::test(start_paused = true)]
async fn close_needs_a_zero_balance_and_then_refuses_transfers() {
    let h = Harness::new();
    let token = h.token("alice");
    let refused = h
        .post(
            "/api/accounts/2/close",
            &token,
            json!({"reason": "Moving banks"}),
        )
        .await;
    refused.assert_error(409);
    assert_eq!(
        refused.body["type"],
        "https://digibank.example/problems/balance-not-zero"
    );
    h.post("/api/accounts/2/close", &token, json!({"reason": ""}))
        .await
        .assert_error(400);

    let emptied = h
        .transfer(&token, "empty-savings", transfer("2", "1", "45200.00"))
        .await;
    assert_eq!(emptied.status, 201, "{:#}", emptied.body);
    h.post(
        "/api/accounts/2/close",
        &token,
        json!({"reason": "Moving banks"}),
    )
    .await
    .assert_error(409);
    advance(1500).await;
    let closed = h
        .post(
            "/api/accounts/2/close",
            &token,
            json!({"reason": "Moving banks"}),
        )
        .await;
    assert_eq!(
        (closed.status.as_u16(), closed.body["status"].as_str()),
        (200, Some("closed"))
    );
    h.post("/api/accounts/2/close", &token, json!({"reason": "Again"}))
        .await
        .assert_error(409);

    let to_closed = h
        .transfer(&token, "to-closed", transfer("1", "2", "5.00"))
        .await;
    to_closed.assert_error(400);
    assert_eq!(to_closed.first_code(), "account_closed");
    let from_closed = h
        .post(
            "/api/transfers/validate",
            &token,
            transfer("2", "1", "5.00"),
        )
        .await;
    assert_eq!(from_closed.body["valid"], false);
    assert_eq!(from_closed.body["errors"][0]["code"], "account_closed");
    h.send(
        put("/api/accounts/2")
            .bearer(&token)
            .json(&json!({"name": "Old"})),
    )
    .await
    .assert_error(409);
}
