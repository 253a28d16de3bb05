//! Per-request latency of committed transfers while the mock's stores grow, in-process and sequential (no
//! sockets, no competing connections), so a stall caused by the stores themselves stands out from scheduling
//! noise: prints the percentiles and the slowest requests with their sequence numbers.
//!
//! `cargo bench -p digibank-mock --bench store_growth [-- N]` (default N = 200 000 transfers).

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use digibank_mock::{AppState, Clock, Config, app};
use tower::ServiceExt;

/// Transfers sent when no count is given.
const DEFAULT_COUNT: usize = 200_000;
/// Requests slower than this are listed.
const SLOW: Duration = Duration::from_millis(2);

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let count = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(DEFAULT_COUNT);
    let state = AppState::with_clock(&Config::default(), Clock::system());
    let router = app(state.clone());
    let token = state
        .tokens()
        .issue("alice", state.clock().now(), Some(86_400))
        .access_token;
    let mut took = Vec::with_capacity(count);
    for n in 0..count {
        let request = transfer(&token, n);
        let started = Instant::now();
        let response = router.clone().oneshot(request).await.expect("infallible");
        took.push((started.elapsed(), n));
        assert_eq!(response.status(), StatusCode::CREATED, "transfer {n}");
    }
    report(&mut took);
}

/// `POST /api/transfers` of 0.01 USD from alice's checking to her savings with a fresh key.
fn transfer(token: &str, n: usize) -> Request<Body> {
    let body = r#"{"fromAccountId":"1","toAccountId":"2","amount":"0.01","currency":"USD"}"#;
    Request::post("/api/transfers")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", format!("growth-{n}"))
        .body(Body::from(body))
        .expect("valid request")
}

/// Percentiles, then the slowest requests with their sequence numbers.
fn report(took: &mut [(Duration, usize)]) {
    let slow: Vec<(Duration, usize)> = took.iter().copied().filter(|t| t.0 > SLOW).collect();
    took.sort();
    let at = |q: f64| took[((took.len() - 1) as f64 * q) as usize].0;
    println!(
        "{} transfers: p50 {:?}  p99 {:?}  p99.9 {:?}  max {:?}",
        took.len(),
        at(0.5),
        at(0.99),
        at(0.999),
        at(1.0)
    );
    let mut worst = slow;
    worst.sort_by(|a, b| b.0.cmp(&a.0));
    println!(
        "{} requests over {SLOW:?}; the slowest (latency, sequence number):",
        worst.len()
    );
    for (latency, n) in worst.iter().take(10) {
        println!("  {latency:>12?}  #{n}");
    }
}
