//! Overhead of the full interceptor chain per request, over the in-process mock transport, against the bare
//! transport. Native, plain timing loop: `cargo bench --bench http_chain [-- ITERATIONS]`.

use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

use async_trait::async_trait;
use digibank::services::http::{
    ApiClientBuilder, CookieReader, FakeClock, MockReply, MockTransport, RefreshError, Request,
    TokenSource, Transport,
};

/// A signed-in user whose token never needs renewing.
struct StaticToken;

#[async_trait(?Send)]
impl TokenSource for StaticToken {
    async fn access_token(&self) -> Option<String> {
        Some("bench-access-token".to_owned())
    }

    async fn refresh(&self) -> Result<(), RefreshError> {
        Ok(())
    }
}

/// A cookie jar holding a CSRF token.
struct Jar;

impl CookieReader for Jar {
    fn cookie(&self, _name: &str) -> Option<String> {
        Some("bench-csrf".to_owned())
    }
}

/// Nanoseconds per call of `one` over `iterations` calls, after a warm-up.
fn time_per_call(iterations: u32, mut one: impl FnMut()) -> f64 {
    for _ in 0..iterations / 10 {
        one();
    }
    let started = Instant::now();
    for _ in 0..iterations {
        one();
    }
    started.elapsed().as_nanos() as f64 / f64::from(iterations)
}

fn main() {
    let iterations: u32 = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(200_000);
    let clock = FakeClock::new();
    let mock = MockTransport::new(Arc::new(clock.clone()));
    mock.stop_recording();
    let body = serde_json::to_vec(
        &serde_json::json!([{"id": "a1", "name": "Checking Account", "balance": "125430.00"}]),
    )
    .expect("static JSON");
    mock.get("/api/accounts", move |_| {
        MockReply::status(200)
            .header("content-type", "application/json")
            .body(body.clone())
    });
    mock.post("/api/transfers", |_| MockReply::status(201));
    let client = ApiClientBuilder::new("/api", Arc::new(mock.clone()), Arc::new(clock.clone()))
        .token_source(Arc::new(StaticToken))
        .csrf_cookies(Arc::new(Jar))
        .build();
    let prebuilt = Request::get("/accounts");

    let bare = time_per_call(iterations, || {
        let response = clock
            .block_on(mock.send(&prebuilt, "/api/accounts"))
            .expect("ready");
        black_box(response.expect("200"));
    });
    let full = time_per_call(iterations, || {
        let response = clock
            .block_on(client.send(Request::get("/accounts")))
            .expect("ready");
        black_box(response.expect("200"));
    });
    println!(
        "http_chain: {iterations} iterations, chain = {}",
        client.chain().names().join(" → ")
    );
    println!("bare mock transport:            {bare:>8.0} ns/request");
    println!("full chain + mock transport:    {full:>8.0} ns/request");
    println!(
        "chain overhead:                 {:>8.0} ns/request ({:.2} µs)",
        full - bare,
        (full - bare) / 1000.0
    );
}
