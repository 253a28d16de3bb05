//! The admin listener (tokens, faults, reset) and every fault profile.

mod common;

use std::time::Duration;

use axum::http::Method;
use common::{Harness, advance, get, raw_http, raw_post, request, transfer};
use digibank_mock::{Config, serve};
use http_body_util::BodyExt;
use serde_json::json;
use tower::ServiceExt;

#[tokio::test]
async fn admin_mints_tokens_for_demo_users() {
    let h = Harness::new();
    let minted = h.admin_post("/admin/tokens", json!({"sub": "bob"})).await;
    assert_eq!(minted.status, 200);
    assert_eq!(
        (
            minted.body["tokenType"].as_str(),
            minted.body["expiresIn"].as_u64()
        ),
        (Some("Bearer"), Some(300))
    );
    let access = minted.body["accessToken"].as_str().unwrap();
    assert_eq!(h.get("/api/accounts", access).await.body["total"], 3);
    let refresh = h
        .post(
            "/api/auth/refresh",
            "",
            json!({"refreshToken": minted.body["refreshToken"]}),
        )
        .await;
    assert_eq!(refresh.status, 200);
    let short = h
        .admin_post("/admin/tokens", json!({"sub": "alice", "expiresIn": 5}))
        .await;
    assert_eq!(short.body["expiresIn"], 5);
    let unknown = h
        .admin_post("/admin/tokens", json!({"sub": "mallory"}))
        .await;
    unknown.assert_error(400);
    assert_eq!(unknown.first_code(), "unknown_user");
    h.admin_post("/admin/tokens", json!({"sub": "alice", "expiresIn": 0}))
        .await
        .assert_error(400);
    h.admin_post("/admin/tokens", json!({}))
        .await
        .assert_error(400);
    h.send_admin(get("/admin/nothing").empty())
        .await
        .assert_error(404);
}

#[tokio::test(start_paused = true)]
async fn reset_restores_the_seed_and_forgets_keys() {
    let h = Harness::new();
    let token = h.token("alice");
    let first = h
        .transfer(&token, "before-reset", transfer("1", "2", "10.00"))
        .await;
    advance(1500).await;
    assert_eq!(h.account(&token, "1").await["balance"], "125420.00");
    let reset = h.admin_post("/admin/reset", json!({})).await;
    assert_eq!(reset.status, 204);
    assert_eq!(h.account(&token, "1").await["balance"], "125430.00");
    assert_eq!(
        h.get("/api/transfers/history", &token).await.body["total"],
        0
    );
    let again = h
        .transfer(&token, "before-reset", transfer("1", "2", "10.00"))
        .await;
    assert_ne!(again.body["id"], first.body["id"]);
}

#[tokio::test]
async fn fault_profiles_are_shown_replaced_and_validated() {
    let h = Harness::new();
    let shown = h.send_admin(get("/admin/faults").empty()).await;
    assert_eq!(shown.body["error503Rate"], 0.0);
    assert_eq!(shown.body["pathPrefix"], "/api/");
    let set = h
        .set_faults(json!({"error503Rate": 0.3, "latencyMs": 20}))
        .await;
    assert_eq!(
        (
            set.body["error503Rate"].as_f64(),
            set.body["latencyMs"].as_u64()
        ),
        (Some(0.3), Some(20))
    );
    assert_eq!(
        h.send_admin(get("/admin/faults").empty()).await.body["error503Rate"],
        0.3
    );
    for bad in [
        json!({"error500Rate": 2}),
        json!({"error500Rate": 0.7, "error503Rate": 0.7}),
        json!({"latencyMs": 600000}),
        json!({"pathPrefix": "/admin"}),
        json!({"typo": 1}),
        json!({"error500Rate": "lots"}),
    ] {
        h.set_faults(bad.clone()).await.assert_error(400);
    }
    assert_eq!(h.set_faults(json!({})).await.body["error503Rate"], 0.0);
}

#[tokio::test]
async fn a_503_share_of_one_answers_every_api_request_but_never_admin_or_preflight() {
    let h = Harness::new();
    h.set_faults(json!({"error503Rate": 1.0, "retryAfterSecs": 7}))
        .await;
    let reply = h.get("/api/accounts", &h.token("alice")).await;
    reply.assert_error(503);
    assert_eq!(reply.header("retry-after"), Some("7"));
    assert_eq!(h.send_admin(get("/admin/faults").empty()).await.status, 200);
    let preflight = request(Method::OPTIONS, "/api/accounts")
        .header("origin", "http://127.0.0.1:1")
        .header("access-control-request-method", "GET")
        .empty();
    assert_eq!(h.send(preflight).await.status, 200);
    let cors = h
        .send(
            get("/api/health")
                .header("origin", "http://x.example")
                .empty(),
        )
        .await;
    assert_eq!(
        cors.header("access-control-allow-origin"),
        Some("http://x.example"),
        "fault answers stay readable cross-origin"
    );
}

#[tokio::test]
async fn injected_429_and_500_carry_the_right_headers() {
    let h = Harness::new();
    h.set_faults(json!({"rateLimitRate": 1.0, "retryAfterSecs": 3}))
        .await;
    let limited = h.send(get("/api/health").empty()).await;
    limited.assert_error(429);
    assert_eq!(limited.header("retry-after"), Some("3"));
    assert_eq!(
        limited.body["error"],
        "Too many requests. Try again in 3 seconds."
    );

    h.set_faults(
        json!({"rateLimitRate": 1.0, "retryAfterSecs": 2, "retryAfterFormat": "httpDate"}),
    )
    .await;
    let dated = h.send(get("/api/health").empty()).await;
    let when = httpdate::parse_http_date(dated.header("retry-after").unwrap()).unwrap();
    assert_eq!(
        httpdate::fmt_http_date(when),
        "Tue, 24 Nov 2026 09:00:02 GMT"
    );

    h.set_faults(json!({"error500Rate": 1.0})).await;
    let broken = h.send(get("/api/health").empty()).await;
    broken.assert_error(500);
    assert_eq!(broken.header("retry-after"), None);
}

#[tokio::test]
async fn shares_below_one_hit_some_requests_and_spare_others() {
    let h = Harness::new();
    h.set_faults(json!({"error503Rate": 0.3})).await;
    let mut failures = 0;
    for _ in 0..200 {
        if h.send(get("/api/health").empty()).await.status == 503 {
            failures += 1;
        }
    }
    assert!((30..=90).contains(&failures), "{failures} of 200");
}

#[tokio::test]
async fn the_path_prefix_narrows_the_faults() {
    let h = Harness::new();
    h.set_faults(json!({"error500Rate": 1.0, "pathPrefix": "/api/transfers"}))
        .await;
    let token = h.token("alice");
    assert_eq!(h.get("/api/accounts", &token).await.status, 200);
    h.get("/api/transfers/history", &token)
        .await
        .assert_error(500);
}

#[tokio::test(start_paused = true)]
async fn latency_and_slow_bodies_delay_the_answer() {
    let h = Harness::new();
    h.set_faults(json!({"latencyMs": 250, "jitterMs": 50}))
        .await;
    let started = tokio::time::Instant::now();
    assert_eq!(h.send(get("/api/health").empty()).await.status, 200);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_millis(250) && waited <= Duration::from_millis(300),
        "{waited:?}"
    );

    h.set_faults(json!({"slowBodyMs": 1000})).await;
    let started = tokio::time::Instant::now();
    let response = h
        .app
        .clone()
        .oneshot(get("/api/health").empty())
        .await
        .unwrap();
    let headers_after = started.elapsed();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    assert!(headers_after < Duration::from_millis(100));
    assert!(
        started.elapsed() >= Duration::from_millis(990),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["status"],
        "ok"
    );
}

#[tokio::test(start_paused = true)]
async fn a_dropped_commit_breaks_the_body_but_the_transfer_exists_once() {
    let h = Harness::new();
    h.set_faults(json!({"dropAfterCommitRate": 1.0})).await;
    let token = h.token("alice");
    let request = common::post("/api/transfers")
        .bearer(&token)
        .header("idempotency-key", "drop-1")
        .json(&transfer("1", "2", "25.00"));
    let response = h.app.clone().oneshot(request).await.unwrap();
    assert!(
        response.into_body().collect().await.is_err(),
        "the client never gets the body"
    );
    let retry = h
        .transfer(&token, "drop-1", transfer("1", "2", "25.00"))
        .await;
    assert_eq!(
        (retry.status.as_u16(), retry.header("idempotent-replayed")),
        (201, Some("true"))
    );
    advance(1500).await;
    assert_eq!(h.account(&token, "1").await["balance"], "125405.00");
    assert_eq!(
        h.get("/api/accounts", &token).await.status,
        200,
        "only commits are dropped"
    );
}

/// Over a real socket: the client sees the connection end without a complete response.
#[tokio::test]
async fn a_dropped_commit_closes_the_real_connection() {
    let server = serve(Config {
        transactions_per_account: 50,
        ..Config::default()
    })
    .await
    .unwrap();
    server
        .state()
        .faults()
        .set(digibank_mock::faults::FaultProfile {
            drop_after_commit_rate: 1.0,
            ..Default::default()
        });
    let token = server
        .state()
        .tokens()
        .issue("alice", server.state().clock().now(), None)
        .access_token;
    let bearer = format!("Bearer {token}");
    let headers = [
        ("Authorization", bearer.as_str()),
        ("Idempotency-Key", "raw-1"),
    ];
    let (received, _) = raw_http(
        server.addr,
        raw_post("/api/transfers", &headers, &transfer("1", "2", "3.00")),
    )
    .await;
    assert!(
        received.is_empty(),
        "the connection closes before any response: {}",
        String::from_utf8_lossy(&received)
    );

    server.state().faults().set(Default::default());
    let (again, _) = raw_http(
        server.addr,
        raw_post("/api/transfers", &headers, &transfer("1", "2", "3.00")),
    )
    .await;
    let again = String::from_utf8_lossy(&again);
    assert!(
        again.starts_with("HTTP/1.1 201")
            && again
                .to_ascii_lowercase()
                .contains("idempotent-replayed: true"),
        "{again}"
    );
    server.stop().await;
}

/// With `dropAfterHeaders`, the status line and headers arrive, then the body breaks off: a client cannot
/// mistake it for an idle connection closing, and a retry under the same key gets the stored 201.
#[tokio::test]
async fn a_commit_dropped_after_headers_breaks_off_mid_body_and_is_replayed() {
    let server = serve(Config {
        transactions_per_account: 50,
        ..Config::default()
    })
    .await
    .unwrap();
    server
        .state()
        .faults()
        .set(digibank_mock::faults::FaultProfile {
            drop_after_commit_rate: 1.0,
            drop_after_headers: true,
            ..Default::default()
        });
    let token = server
        .state()
        .tokens()
        .issue("alice", server.state().clock().now(), None)
        .access_token;
    let bearer = format!("Bearer {token}");
    let headers = [
        ("Authorization", bearer.as_str()),
        ("Idempotency-Key", "mid-body-1"),
    ];
    let post = || raw_post("/api/transfers", &headers, &transfer("1", "2", "4.00"));
    let (first, _) = raw_http(server.addr, post()).await;
    let first = String::from_utf8_lossy(&first);
    assert!(first.starts_with("HTTP/1.1 201"), "{first}");
    assert!(
        first.contains("\"id\":\"tr_") && !first.contains("\"reason\":null}"),
        "the body starts but never completes: {first}"
    );
    let (again, _) = raw_http(server.addr, post()).await;
    let again = String::from_utf8_lossy(&again);
    assert!(
        again.contains("\"reason\":null}")
            && again
                .to_ascii_lowercase()
                .contains("idempotent-replayed: true"),
        "{again}"
    );
    server.stop().await;
}
