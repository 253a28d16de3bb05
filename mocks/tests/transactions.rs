//! `GET /api/accounts/{id}/transactions`: pagination, search, filters, newest first, consistent balances.

mod common;

use common::Harness;
use serde_json::Value;

fn items(body: &Value) -> &Vec<Value> {
    body["items"].as_array().unwrap()
}

#[tokio::test]
async fn pages_default_to_20_newest_first_and_count_everything() {
    let h = Harness::new();
    let reply = h
        .get("/api/accounts/1/transactions", &h.token("alice"))
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        (
            reply.body["page"].as_u64(),
            reply.body["pageSize"].as_u64(),
            reply.body["total"].as_u64()
        ),
        (Some(1), Some(20), Some(400))
    );
    let list = items(&reply.body);
    assert_eq!(list.len(), 20);
    assert_eq!(list[0]["balanceAfter"], "125430.00");
    let times: Vec<&str> = list
        .iter()
        .map(|t| t["bookedAt"].as_str().unwrap())
        .collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
}

#[tokio::test]
async fn balances_chain_across_pages() {
    let h = Harness::new();
    let token = h.token("alice");
    let mut all = Vec::new();
    for page in 1..=4 {
        all.extend(
            items(
                &h.get(
                    &format!("/api/accounts/3/transactions?page={page}&pageSize=100"),
                    &token,
                )
                .await
                .body,
            )
            .clone(),
        );
    }
    assert_eq!(all.len(), 400);
    let cents = |v: &Value| {
        digibank_api_types::Amount::parse(v.as_str().unwrap())
            .unwrap()
            .minor()
    };
    for pair in all.windows(2) {
        assert_eq!(
            cents(&pair[1]["balanceAfter"]) + cents(&pair[0]["amount"]),
            cents(&pair[0]["balanceAfter"])
        );
    }
    let beyond = h
        .get("/api/accounts/3/transactions?page=5&pageSize=100", &token)
        .await;
    assert_eq!(
        (items(&beyond.body).len(), beyond.body["total"].as_u64()),
        (0, Some(400))
    );
}

#[tokio::test]
async fn search_matches_description_or_counterparty_case_insensitively() {
    let h = Harness::new();
    let token = h.token("alice");
    let by_counterparty = h
        .get(
            "/api/accounts/1/transactions?q=STARBUCKS&pageSize=100",
            &token,
        )
        .await;
    let found = items(&by_counterparty.body);
    assert!(!found.is_empty());
    assert!(found.iter().all(|t| t["counterparty"] == "Starbucks"));
    let by_description = h
        .get("/api/accounts/1/transactions?q=groceries", &token)
        .await;
    assert!(by_description.body["total"].as_u64().unwrap() > 0);
    assert!(
        items(&by_description.body)
            .iter()
            .all(|t| t["description"] == "Groceries")
    );
    let none = h
        .get("/api/accounts/1/transactions?q=zzzz-nothing", &token)
        .await;
    assert_eq!(none.body["total"], 0);
}

#[tokio::test]
async fn filters_by_type_and_inclusive_dates() {
    let h = Harness::new();
    let token = h.token("alice");
    let cards = h
        .get(
            "/api/accounts/1/transactions?type=card&pageSize=100",
            &token,
        )
        .await;
    assert!(items(&cards.body).iter().all(|t| t["type"] == "card"));
    let october = h
        .get(
            "/api/accounts/1/transactions?from=2026-10-01&to=2026-10-31&pageSize=100",
            &token,
        )
        .await;
    let list = items(&october.body);
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|t| t["bookedAt"].as_str().unwrap().starts_with("2026-10")),
        "{list:#?}"
    );
    let reversed = h
        .get(
            "/api/accounts/1/transactions?from=2026-10-31&to=2026-10-01",
            &token,
        )
        .await;
    reversed.assert_error(400);
    assert_eq!(reversed.first_code(), "after_to");
    let too_long = h
        .get(
            &format!("/api/accounts/1/transactions?q={}", "a".repeat(101)),
            &token,
        )
        .await;
    too_long.assert_error(400);
}
