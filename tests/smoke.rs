//! Browser smoke test: from a page in Chromium, the mock bank answers `GET /api/health` across origins.
//! `cargo xtask test` starts the mock bank and compiles its URL in (`DIGIBANK_MOCK_URL`).
#![cfg(target_arch = "wasm32")]

use digibank_api_types::Health;
use gloo_net::http::Request;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The clean mock bank's origin, set at compile time by `cargo xtask test`.
const MOCK_URL: Option<&str> = option_env!("DIGIBANK_MOCK_URL");

#[wasm_bindgen_test]
async fn mock_bank_reports_healthy() {
    let base =
        MOCK_URL.expect("DIGIBANK_MOCK_URL must be set at compile time: run `cargo xtask test`");
    let response = Request::get(&format!("{base}/api/health"))
        .send()
        .await
        .expect("GET /api/health");
    assert_eq!(response.status(), 200, "GET {base}/api/health");
    let health: Health = response.json().await.expect("a Health JSON body");
    assert_eq!(health.status, "ok");
    assert!(
        !health.version.is_empty(),
        "the mock bank reports its version"
    );
}
