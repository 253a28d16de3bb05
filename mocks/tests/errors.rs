//! Bad input never panics the server: every failure is a clear 4xx JSON body with the request id.

mod common;

use axum::body::Body;
use axum::http::{Method, Request};
use common::{Harness, get, post, request, transfer};
use serde_json::json;

#[tokio::test]
async fn malformed_json_is_a_400_naming_the_problem() {
    let h = Harness::new();
    let token = h.token("alice");
    let reply = h
        .send(
            post("/api/transfers/validate")
                .bearer(&token)
                .raw_json("{\"fromAccountId\": "),
        )
        .await;
    reply.assert_error(400);
    assert!(
        reply.body["error"]
            .as_str()
            .unwrap()
            .contains("not valid JSON"),
        "{:#}",
        reply.body
    );
    let trailing = h
        .send(
            post("/api/transfers/validate")
                .bearer(&token)
                .raw_json(format!("{} x", transfer("1", "2", "1.00"))),
        )
        .await;
    trailing.assert_error(400);
}

#[tokio::test]
async fn wrong_types_name_the_field() {
    let h = Harness::new();
    let token = h.token("alice");
    let body = json!({"fromAccountId": 1, "toAccountId": "2", "amount": "1.00", "currency": "USD"});
    let reply = h.transfer(&token, "types", body).await;
    reply.assert_error(400);
    assert_eq!(reply.body["errors"][0]["field"], "fromAccountId");
    let currency =
        json!({"fromAccountId": "1", "toAccountId": "2", "amount": "1.00", "currency": "DOGE"});
    let reply = h.transfer(&token, "types", currency).await;
    reply.assert_error(400);
    assert_eq!(reply.body["errors"][0]["field"], "currency");
    let rename = h
        .send(
            common::put("/api/accounts/1")
                .bearer(&token)
                .json(&json!({"name": 7})),
        )
        .await;
    rename.assert_error(400);
    assert_eq!(rename.body["errors"][0]["field"], "name");
}

#[tokio::test]
async fn validate_reports_field_problems_as_invalid_instead_of_refusing() {
    let h = Harness::new();
    let token = h.token("alice");
    let body =
        json!({"fromAccountId": "1", "toAccountId": "2", "amount": "1.005", "currency": "USD"});
    let reply = h
        .send(post("/api/transfers/validate").bearer(&token).json(&body))
        .await;
    assert_eq!(reply.status, 200);
    assert_eq!(
        (
            reply.body["valid"].as_bool(),
            reply.body["errors"][0]["field"].as_str()
        ),
        (Some(false), Some("amount"))
    );
    assert!(
        reply.body["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("more than 2 decimals"),
        "{:#}",
        reply.body
    );
}

#[tokio::test]
async fn nan_like_negative_and_over_precise_amounts_are_refused() {
    let h = Harness::new();
    let token = h.token("alice");
    for amount in [
        json!("NaN"),
        json!("Infinity"),
        json!("1e3"),
        json!("1.005"),
        json!(true),
        json!(null),
        json!("99999999999999999999"),
    ] {
        let body =
            json!({"fromAccountId": "1", "toAccountId": "2", "amount": amount, "currency": "USD"});
        let reply = h.transfer(&token, &format!("k-{amount}"), body).await;
        reply.assert_error(400);
        assert_eq!(
            reply.body["errors"][0]["field"], "amount",
            "{amount}: {:#}",
            reply.body
        );
    }
    let negative = h.transfer(&token, "neg", transfer("1", "2", "-5.00")).await;
    negative.assert_error(400);
    assert_eq!(negative.first_code(), "must_be_positive");
    let zero = h.transfer(&token, "zero", transfer("1", "2", "0")).await;
    assert_eq!(zero.first_code(), "must_be_positive");
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let h = Harness::new();
    let token = h.token("alice");
    let request = Request::post("/api/transfers/validate")
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "text/plain")
        .body(Body::from("hi"))
        .unwrap();
    h.send(request).await.assert_error(415);
}

#[tokio::test]
async fn huge_bodies_are_413() {
    let h = Harness::new();
    let token = h.token("alice");
    let description = "x".repeat(digibank_mock::BODY_LIMIT + 1);
    let body = json!({"fromAccountId": "1", "toAccountId": "2", "amount": "1.00", "currency": "USD", "description": description});
    h.send(post("/api/transfers/validate").bearer(&token).json(&body))
        .await
        .assert_error(413);
}

#[tokio::test]
async fn unknown_paths_and_methods_are_json_404_and_405() {
    let h = Harness::new();
    let token = h.token("alice");
    let missing = h.get("/api/nothing/here", &token).await;
    missing.assert_error(404);
    assert!(
        missing.body["error"]
            .as_str()
            .unwrap()
            .contains("/api/nothing/here")
    );
    let wrong = h
        .send(
            request(Method::DELETE, "/api/accounts")
                .bearer(&token)
                .empty(),
        )
        .await;
    wrong.assert_error(405);
    assert_eq!(
        wrong.body["type"],
        "https://digibank.example/problems/method-not-allowed"
    );
}

#[tokio::test]
async fn unknown_ids_are_404() {
    let h = Harness::new();
    let token = h.token("alice");
    h.get("/api/accounts/999", &token).await.assert_error(404);
    h.get("/api/accounts/%F0%9F%92%A5/balance", &token)
        .await
        .assert_error(404);
    h.get("/api/transfers/tr_missing/status", &token)
        .await
        .assert_error(404);
    h.post(
        "/api/transfers/tr_missing/cancel",
        &token,
        json!({"reason": "oops"}),
    )
    .await
    .assert_error(404);
}

#[tokio::test]
async fn bad_query_parameters_are_400_naming_them() {
    let h = Harness::new();
    let token = h.token("alice");
    for (query, field) in [
        ("page=abc", "page"),
        ("pageSize=-1", "pageSize"),
        ("type=lottery", "type"),
        ("page=0", "page"),
        ("pageSize=101", "pageSize"),
        ("from=yesterday", "from"),
    ] {
        let reply = h
            .get(&format!("/api/accounts/1/transactions?{query}"), &token)
            .await;
        reply.assert_error(400);
        assert_eq!(
            reply.body["errors"][0]["field"], field,
            "{query}: {:#}",
            reply.body
        );
    }
    let history = h.get("/api/transfers/history?status=lost", &token).await;
    history.assert_error(400);
    assert_eq!(history.body["errors"][0]["field"], "status");
}

#[tokio::test]
async fn request_ids_are_echoed_or_generated() {
    let h = Harness::new();
    let echoed = h
        .send(get("/api/health").header("x-request-id", "req-42").empty())
        .await;
    assert_eq!(echoed.header("x-request-id"), Some("req-42"));
    let generated = h.send(get("/api/health").empty()).await;
    assert_eq!(generated.header("x-request-id").map(str::len), Some(36));
    let hostile = h
        .send(
            get("/api/health")
                .header("x-request-id", &"a".repeat(500))
                .empty(),
        )
        .await;
    assert_eq!(hostile.header("x-request-id").map(str::len), Some(36));
    let error = h
        .send(
            get("/api/accounts")
                .header("x-request-id", "req-43")
                .empty(),
        )
        .await;
    error.assert_error(401);
    assert_eq!(error.body["requestId"], "req-43");
}

#[tokio::test]
async fn responses_say_how_to_cache() {
    let h = Harness::new();
    let token = h.token("alice");
    assert_eq!(
        h.get("/api/accounts", &token).await.header("cache-control"),
        Some("private, no-cache")
    );
    assert_eq!(
        h.get("/api/accounts/1", &token)
            .await
            .header("cache-control"),
        Some("private, no-cache")
    );
    assert_eq!(
        h.get("/api/accounts/1/balance", &token)
            .await
            .header("cache-control"),
        Some("private, no-cache")
    );
    assert_eq!(
        h.get("/api/accounts/1/transactions", &token)
            .await
            .header("cache-control"),
        Some("no-store")
    );
    assert_eq!(
        h.get("/api/transfers/history", &token)
            .await
            .header("cache-control"),
        Some("no-store")
    );
    assert_eq!(
        h.get("/api/accounts/9", &token)
            .await
            .header("cache-control"),
        Some("no-store")
    );
}
