//! `/api/transfers`: validate, create → pending → completed, status, history, cancel, schedule.

mod common;

use common::{Harness, advance, transfer};
use digibank_mock::LedgerEvent;
use serde_json::json;

#[tokio::test]
async fn validate_reports_every_problem_with_fee_and_arrival() {
    let h = Harness::new();
    let token = h.token("alice");
    let ok = h
        .post(
            "/api/transfers/validate",
            &token,
            transfer("1", "2", "250.00"),
        )
        .await;
    assert_eq!(
        ok.body,
        json!({"valid": true, "errors": [], "fee": "0.00", "estimatedArrival": "2026-11-24T09:00:01Z"})
    );
    let external = h
        .post(
            "/api/transfers/validate",
            &token,
            transfer("1", "12345678", "20.00"),
        )
        .await;
    assert_eq!(
        (
            external.body["valid"].as_bool(),
            external.body["fee"].as_str()
        ),
        (Some(true), Some("2.50"))
    );
    let cases = [
        (transfer("2", "1", "45200.01"), "insufficient_funds"),
        (transfer("4", "1", "1.00"), "not_found"),
        (transfer("1", "4", "1.00"), "not_found"),
        (transfer("1", "1", "1.00"), "same_account"),
        (transfer("1", "not-an-account", "1.00"), "invalid"),
        (transfer("3", "1", "1.00"), "unsupported"),
        (transfer("1", "2", "100000.01"), "exceeds_limit"),
        (
            json!({"fromAccountId": "1", "toAccountId": "2", "amount": "1.00", "currency": "EUR"}),
            "currency_mismatch",
        ),
        (
            json!({"fromAccountId": "1", "toAccountId": "2", "amount": "1.00", "currency": "USD", "description": "a\u{7}b"}),
            "invalid",
        ),
    ];
    for (body, code) in cases {
        let reply = h
            .post("/api/transfers/validate", &token, body.clone())
            .await;
        assert_eq!(reply.status, 200);
        assert_eq!(reply.body["valid"], false, "{body}");
        assert_eq!(
            reply.body["errors"][0]["code"], code,
            "{body}: {:#}",
            reply.body
        );
    }
}

#[tokio::test(start_paused = true)]
async fn a_transfer_holds_money_then_settles_debit_and_credit_together() {
    let h = Harness::new();
    let token = h.token("alice");
    let mut events = h.state.subscribe();
    let created = h.transfer(&token, "t1", json!({"fromAccountId": "1", "toAccountId": "2", "amount": "430.00", "currency": "USD", "description": "Rainy day"})).await;
    assert_eq!(created.status, 201, "{:#}", created.body);
    assert_eq!(
        (
            created.body["status"].as_str(),
            created.body["amount"].as_str()
        ),
        (Some("pending"), Some("430.00"))
    );
    let id = created.body["id"].as_str().unwrap().to_owned();
    let checking = h.account(&token, "1").await;
    assert_eq!(
        (
            checking["balance"].as_str(),
            checking["availableBalance"].as_str()
        ),
        (Some("125430.00"), Some("125000.00"))
    );
    assert_eq!(
        h.get(&format!("/api/transfers/{id}/status"), &token)
            .await
            .body["status"],
        "pending"
    );

    advance(1499).await;
    assert_eq!(
        h.get(&format!("/api/transfers/{id}/status"), &token)
            .await
            .body["status"],
        "pending"
    );
    advance(1).await;
    let status = h.get(&format!("/api/transfers/{id}/status"), &token).await;
    assert_eq!(
        status.body,
        json!({"transferId": id, "status": "completed", "updatedAt": "2026-11-24T09:00:01Z", "reason": null})
    );
    let checking = h.account(&token, "1").await;
    assert_eq!(
        (
            checking["balance"].as_str(),
            checking["availableBalance"].as_str()
        ),
        (Some("125000.00"), Some("125000.00"))
    );
    assert_eq!(h.account(&token, "2").await["balance"], "45630.00");
    let newest = h
        .get("/api/accounts/2/transactions?pageSize=1", &token)
        .await;
    assert_eq!(newest.body["items"][0]["amount"], "430.00");
    assert_eq!(newest.body["items"][0]["description"], "Rainy day");
    assert_eq!(newest.body["items"][0]["balanceAfter"], "45630.00");

    let mut booked = 0;
    while let Ok(event) = events.try_recv() {
        if let LedgerEvent::TransactionBooked { owner, .. } = event {
            assert_eq!(owner, "alice");
            booked += 1;
        }
    }
    assert_eq!(booked, 2);
}

#[tokio::test(start_paused = true)]
async fn external_transfers_charge_the_fee_and_leave_the_bank() {
    let h = Harness::new();
    let token = h.token("alice");
    let created = h
        .transfer(
            &token,
            "ext",
            transfer("1", "GB82WEST12345698765432", "100.00"),
        )
        .await;
    assert_eq!(created.body["fee"], "2.50");
    advance(1500).await;
    assert_eq!(h.account(&token, "1").await["balance"], "125327.50");
    let newest = h
        .get("/api/accounts/1/transactions?pageSize=2", &token)
        .await;
    let kinds: Vec<_> = newest.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["type"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(kinds, ["fee", "transfer"]);
}

#[tokio::test(start_paused = true)]
async fn cancel_works_only_while_pending_or_scheduled() {
    let h = Harness::new();
    let token = h.token("alice");
    let id = h
        .transfer(&token, "c1", transfer("1", "2", "1000.00"))
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    h.post(
        &format!("/api/transfers/{id}/cancel"),
        &token,
        json!({"reason": " "}),
    )
    .await
    .assert_error(400);
    let cancelled = h
        .post(
            &format!("/api/transfers/{id}/cancel"),
            &token,
            json!({"reason": "Changed my mind"}),
        )
        .await;
    assert_eq!(
        (
            cancelled.body["status"].as_str(),
            cancelled.body["reason"].as_str()
        ),
        (Some("cancelled"), Some("Changed my mind"))
    );
    assert_eq!(
        h.account(&token, "1").await["availableBalance"],
        "125430.00"
    );
    advance(2000).await;
    assert_eq!(h.account(&token, "1").await["balance"], "125430.00");
    let again = h
        .post(
            &format!("/api/transfers/{id}/cancel"),
            &token,
            json!({"reason": "Again"}),
        )
        .await;
    again.assert_error(409);
    assert_eq!(
        again.body["type"],
        "https://digibank.example/problems/transfer-not-cancellable"
    );

    let settled = h
        .transfer(&token, "c2", transfer("1", "2", "1.00"))
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    advance(1500).await;
    h.post(
        &format!("/api/transfers/{settled}/cancel"),
        &token,
        json!({"reason": "Too late"}),
    )
    .await
    .assert_error(409);
    h.post(
        &format!("/api/transfers/{settled}/cancel"),
        &h.token("bob"),
        json!({"reason": "Not mine"}),
    )
    .await
    .assert_error(404);
}

#[tokio::test(start_paused = true)]
async fn history_is_paginated_newest_first_and_filtered() {
    let h = Harness::new();
    let token = h.token("alice");
    for i in 0..5 {
        h.transfer(
            &token,
            &format!("h{i}"),
            transfer("1", "2", &format!("{}.00", i + 1)),
        )
        .await;
        advance(600).await;
    }
    let page = h.get("/api/transfers/history?pageSize=2", &token).await;
    assert_eq!(
        (
            page.body["total"].as_u64(),
            page.body["items"].as_array().unwrap().len()
        ),
        (Some(5), 2)
    );
    assert_eq!(page.body["items"][0]["amount"], "5.00");
    let pending = h.get("/api/transfers/history?status=pending", &token).await;
    assert_eq!(pending.body["total"], 2);
    let completed = h
        .get(
            "/api/transfers/history?status=completed&from=2026-11-24&to=2026-11-24",
            &token,
        )
        .await;
    assert_eq!(completed.body["total"], 3);
    assert_eq!(
        h.get("/api/transfers/history?from=2026-11-25", &token)
            .await
            .body["total"],
        0
    );
    assert_eq!(
        h.get("/api/transfers/history", &h.token("bob")).await.body["total"],
        0
    );
}

#[tokio::test(start_paused = true)]
async fn scheduled_transfers_run_when_due_and_repeat() {
    let h = Harness::new();
    let token = h.token("alice");
    let body = json!({"transfer": transfer("1", "2", "100.00"), "executeAt": "2026-11-25T09:00:00Z", "recurrence": {"frequency": "weekly", "count": 3}});
    let scheduled = h.post("/api/transfers/schedule", &token, body).await;
    assert_eq!(scheduled.status, 201, "{:#}", scheduled.body);
    assert_eq!(
        (
            scheduled.body["status"].as_str(),
            scheduled.body["executeAt"].as_str()
        ),
        (Some("scheduled"), Some("2026-11-25T09:00:00Z"))
    );
    let id = scheduled.body["id"].as_str().unwrap().to_owned();
    assert_eq!(h.account(&token, "2").await["balance"], "45200.00");

    advance(24 * 3_600_000).await;
    let token = h.token("alice");
    assert_eq!(h.account(&token, "2").await["balance"], "45300.00");
    let history = h
        .get("/api/transfers/history?status=scheduled", &token)
        .await;
    assert_eq!(
        history.body["items"][0]["executeAt"],
        "2026-12-02T09:00:00Z"
    );
    advance(14 * 24 * 3_600_000).await;
    let token = h.token("alice");
    assert_eq!(h.account(&token, "2").await["balance"], "45500.00");
    assert_eq!(
        h.get(&format!("/api/transfers/{id}/status"), &token)
            .await
            .body["status"],
        "completed"
    );
}

#[tokio::test(start_paused = true)]
async fn a_scheduled_transfer_can_be_cancelled_or_fail_for_lack_of_funds() {
    let h = Harness::new();
    let token = h.token("alice");
    let later = json!({"transfer": transfer("2", "1", "40000.00"), "executeAt": "2026-11-24T10:00:00Z", "recurrence": null});
    let first = h
        .post("/api/transfers/schedule", &token, later.clone())
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = h
        .send(
            common::post("/api/transfers/schedule")
                .bearer(&token)
                .header("idempotency-key", "s2")
                .json(&later),
        )
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let third = h
        .send(
            common::post("/api/transfers/schedule")
                .bearer(&token)
                .header("idempotency-key", "s3")
                .json(&later),
        )
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    h.post(
        &format!("/api/transfers/{third}/cancel"),
        &token,
        json!({"reason": "No"}),
    )
    .await;
    advance(3_600_000).await;
    let token = h.token("alice");
    let statuses: Vec<_> = [&first, &second, &third]
        .iter()
        .map(|id| id.to_string())
        .collect();
    let mut seen = Vec::new();
    for id in statuses {
        seen.push(
            h.get(&format!("/api/transfers/{id}/status"), &token)
                .await
                .body,
        );
    }
    assert_eq!(seen[0]["status"], "completed");
    assert_eq!(
        (seen[1]["status"].as_str(), seen[1]["reason"].as_str()),
        (
            Some("failed"),
            Some("Insufficient available balance at execution")
        )
    );
    assert_eq!(seen[2]["status"], "cancelled");
    assert_eq!(h.account(&token, "2").await["balance"], "5200.00");
}

#[tokio::test]
async fn schedule_refuses_past_dates_and_bad_recurrence() {
    let h = Harness::new();
    let token = h.token("alice");
    let cases = [
        (
            json!({"transfer": transfer("1", "2", "1.00"), "executeAt": "2026-11-24T08:59:59Z", "recurrence": null}),
            "executeAt",
        ),
        (
            json!({"transfer": transfer("1", "2", "1.00"), "executeAt": "next tuesday", "recurrence": null}),
            "executeAt",
        ),
        (
            json!({"transfer": transfer("1", "2", "1.00"), "executeAt": "2028-01-01T00:00:00Z", "recurrence": null}),
            "executeAt",
        ),
        (
            json!({"transfer": transfer("1", "2", "1.00"), "executeAt": "2026-12-01T00:00:00Z", "recurrence": {"frequency": "monthly", "count": 1}}),
            "recurrence.count",
        ),
        (
            json!({"transfer": transfer("1", "9", "1.00"), "executeAt": "2026-12-01T00:00:00Z", "recurrence": null}),
            "toAccountId",
        ),
    ];
    for (body, field) in cases {
        let reply = h.post("/api/transfers/schedule", &token, body).await;
        reply.assert_error(400);
        assert_eq!(reply.body["errors"][0]["field"], field, "{:#}", reply.body);
    }
}

#[tokio::test(start_paused = true)]
async fn the_daily_limit_counts_everything_sent_today() {
    let h = Harness::new();
    let token = h.token("alice");
    assert_eq!(
        h.transfer(&token, "d1", transfer("1", "2", "100000.00"))
            .await
            .status,
        201
    );
    advance(1500).await;
    let over = h
        .transfer(&token, "d2", transfer("2", "1", "60000.00"))
        .await;
    over.assert_error(400);
    assert_eq!(over.first_code(), "daily_limit");
    assert_eq!(
        h.transfer(&token, "d3", transfer("2", "1", "50000.00"))
            .await
            .status,
        201
    );
}

#[tokio::test(start_paused = true)]
async fn the_worker_settles_without_any_request() {
    let h = Harness::new();
    let worker = h.state.spawn_worker();
    let token = h.token("alice");
    let mut events = h.state.subscribe();
    h.transfer(&token, "w1", transfer("1", "2", "10.00")).await;
    let settled = async {
        loop {
            if let Ok(LedgerEvent::TransferChanged { transfer, .. }) = events.recv().await
                && transfer.status == digibank_api_types::TransferStatus::Completed
            {
                return transfer.updated_at;
            }
        }
    };
    assert_eq!(settled.await, "2026-11-24T09:00:01Z");
    worker.abort();
}
