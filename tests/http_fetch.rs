#![cfg(target_arch = "wasm32")]
//! Browser tests of the HTTP layer's browser shells: `FetchTransport` against the running mock bank
//! (URL, token and a faulty instance given at compile time by `cargo xtask test`), `BrowserClock` timers
//! and `DocumentCookies`. Tests that need the mock bank say "skipped" in the console when its URL is unset.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use async_trait::async_trait;
use digibank::services::http::{
    ApiClient, ApiClientBuilder, ApiError, BrowserClock, CookieReader, DocumentCookies,
    FetchTransport, IdempotencyKey, MockReply, MockTransport, RefreshError, Request,
    RequestOptions, RetryMode, RetryPolicy, TokenSource,
};
use digibank_api_types::{Amount, Currency, Health, TransferRequest};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The mock bank, e.g. `http://127.0.0.1:43123`.
const MOCK_URL: Option<&str> = option_env!("DIGIBANK_MOCK_URL");
/// An access token for alice minted through the mock's admin listener.
const TEST_TOKEN: Option<&str> = option_env!("DIGIBANK_TEST_TOKEN");
/// A second mock instance answering 30 % of `/api` requests with 503.
const FAULTY_URL: Option<&str> = option_env!("DIGIBANK_MOCK_FAULTY_URL");

/// A fixed token; renewal is refused (the test token cannot be renewed).
struct FixedToken(Option<&'static str>);

#[async_trait(?Send)]
impl TokenSource for FixedToken {
    async fn access_token(&self) -> Option<String> {
        self.0.map(str::to_owned)
    }

    async fn refresh(&self) -> Result<(), RefreshError> {
        Err(RefreshError::Rejected)
    }
}

fn fetch_client(origin: &str, token: Option<&'static str>, retry: RetryPolicy) -> ApiClient {
    ApiClientBuilder::new(
        format!("{origin}/api"),
        Arc::new(FetchTransport::new()),
        Arc::new(BrowserClock),
    )
    .token_source(Arc::new(FixedToken(token)))
    .retry_policy(retry)
    .build()
}

/// The value of a compile-time setting, or a console note that the test is skipped.
fn needs(setting: Option<&'static str>, name: &str) -> Option<&'static str> {
    if setting.is_none() {
        console_log!(
            "skipped: {name} was not set at compile time (run through `cargo xtask test`)"
        );
    }
    setting
}

#[wasm_bindgen_test]
async fn fetch_gets_typed_json_and_the_request_id_comes_back() {
    let Some(url) = needs(MOCK_URL, "DIGIBANK_MOCK_URL") else {
        return;
    };
    let client = fetch_client(url, None, RetryPolicy::default());
    let request = Request::get("/health")
        .with_options(RequestOptions::new().auth(digibank::services::http::AuthMode::Anonymous));
    let id = request.meta.request_id.clone();
    let response = client.send(request).await.expect("health answers");
    assert_eq!(
        response.headers.get("x-request-id"),
        Some(id.as_str()),
        "echoed and exposed by CORS"
    );
    let health: Health = digibank::services::http::decode_json(&response).expect("health body");
    assert_eq!(health.status, "ok");
}

#[wasm_bindgen_test]
async fn fetch_with_a_bearer_token_reads_alices_accounts() {
    let (Some(url), Some(token)) = (
        needs(MOCK_URL, "DIGIBANK_MOCK_URL"),
        needs(TEST_TOKEN, "DIGIBANK_TEST_TOKEN"),
    ) else {
        return;
    };
    let client = fetch_client(url, Some(token), RetryPolicy::default());
    let accounts: serde_json::Value = client
        .get_json("/accounts", &())
        .await
        .expect("alice's accounts");
    assert!(
        accounts.to_string().contains("Checking Account"),
        "{accounts}"
    );
    let err = client
        .get_json::<serde_json::Value>("/accounts/no-such-account", &())
        .await
        .expect_err("unknown id");
    assert!(
        matches!(err, ApiError::NotFound { .. } | ApiError::Forbidden { .. }),
        "{err:?}"
    );
    assert!(!err.request_id().as_str().is_empty());
}

#[wasm_bindgen_test]
async fn a_money_moving_post_carries_its_key_and_the_guides_error_body_is_decoded() {
    let (Some(url), Some(token)) = (
        needs(MOCK_URL, "DIGIBANK_MOCK_URL"),
        needs(TEST_TOKEN, "DIGIBANK_TEST_TOKEN"),
    ) else {
        return;
    };
    let client = fetch_client(url, Some(token), RetryPolicy::default());
    let accounts: serde_json::Value = client
        .get_json("/accounts", &())
        .await
        .expect("alice's accounts");
    let list = accounts
        .get("items")
        .unwrap_or(&accounts)
        .as_array()
        .cloned()
        .unwrap_or_default();
    let ids: Vec<&str> = list
        .iter()
        .filter_map(|a| a.get("id").and_then(serde_json::Value::as_str))
        .collect();
    assert!(ids.len() >= 2, "{accounts}");
    let over_limit = TransferRequest {
        from_account_id: ids[0].to_owned(),
        to_account_id: ids[1].to_owned(),
        amount: Amount::from_major(100_001).expect("fits"),
        currency: Currency::USD,
        description: "browser test: refused, nothing moves".to_owned(),
    };
    let err = client
        .post_json::<serde_json::Value>("/transfers", &over_limit, RequestOptions::new())
        .await
        .expect_err("refused before sending: no key");
    assert!(
        matches!(err, ApiError::MissingIdempotencyKey { .. }),
        "{err:?}"
    );
    let keyed = RequestOptions::new().idempotency_key(IdempotencyKey::generate());
    let err = client
        .post_json::<serde_json::Value>("/transfers", &over_limit, keyed)
        .await
        .expect_err("over the limit");
    assert!(
        matches!(err, ApiError::Validation { status: 400, .. }),
        "{err:?}"
    );
    let said =
        err.server_message().unwrap_or_default().to_owned() + &format!("{:?}", err.field_errors());
    assert!(said.contains("Amount exceeds maximum limit"), "{err:?}");
}

#[wasm_bindgen_test]
async fn without_a_token_the_call_is_unauthorized_and_the_session_expires_once() {
    let Some(url) = needs(MOCK_URL, "DIGIBANK_MOCK_URL") else {
        return;
    };
    let client = fetch_client(url, None, RetryPolicy::default());
    let expired = Arc::new(AtomicUsize::new(0));
    let counter = expired.clone();
    let _subscription = client.on_session_expired(move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let err = client
        .get_json::<serde_json::Value>("/accounts", &())
        .await
        .expect_err("401");
    assert!(matches!(err, ApiError::Unauthorized { .. }), "{err:?}");
    assert_eq!(expired.load(Ordering::SeqCst), 1);
}

#[wasm_bindgen_test]
async fn a_closed_port_is_a_network_error() {
    let client = fetch_client(
        "http://127.0.0.1:9",
        None,
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        },
    );
    let err = client
        .get_json::<serde_json::Value>("/health", &())
        .await
        .expect_err("nothing listens");
    assert!(matches!(err, ApiError::Network { .. }), "{err:?}");
}

#[wasm_bindgen_test]
async fn a_redirect_is_never_followed_and_fails_as_a_network_error() {
    let Some(url) = needs(MOCK_URL, "DIGIBANK_MOCK_URL") else {
        return;
    };
    let retry = RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(10),
        ..RetryPolicy::default()
    };
    let client = fetch_client(url, TEST_TOKEN, retry);
    let landings = || async {
        let probe: serde_json::Value = client
            .get_json("/health/redirect/landing", &())
            .await
            .expect("the landing page answers");
        probe["landings"].as_u64().expect("a count")
    };
    let before = landings().await;
    let err = client
        .get_json::<serde_json::Value>("/health/redirect", &())
        .await
        .expect_err("redirect: error");
    assert!(matches!(err, ApiError::Network { .. }), "{err:?}");
    assert_eq!(
        landings().await,
        before + 1,
        "only the two probes landed: no attempt followed the 302"
    );
    let snapshot = client.metrics().snapshot();
    let redirect = snapshot
        .endpoints
        .iter()
        .find(|e| e.endpoint == "GET /health/redirect")
        .expect("attempts counted");
    assert_eq!(
        (redirect.count, redirect.failures),
        (3, 3),
        "retried like a network error, each time to the API's URL"
    );
}

#[wasm_bindgen_test]
async fn gets_succeed_against_the_faulty_mock_thanks_to_retries() {
    let Some(url) = needs(FAULTY_URL, "DIGIBANK_MOCK_FAULTY_URL") else {
        return;
    };
    let retry = RetryPolicy {
        max_retries: 8,
        base_delay: Duration::from_millis(20),
        ..RetryPolicy::default()
    };
    let client = fetch_client(url, None, retry);
    for _ in 0..20 {
        let anonymous = RequestOptions::new().auth(digibank::services::http::AuthMode::Anonymous);
        let health: Health = client
            .get_json_with("/health", &(), anonymous)
            .await
            .expect("retried to success");
        assert_eq!(health.status, "ok");
    }
    let snapshot = client.metrics().snapshot();
    let failures: u64 = snapshot.endpoints.iter().map(|e| e.failures).sum();
    console_log!("faulty mock: {failures} failed attempts were retried");
}

#[wasm_bindgen_test]
async fn browser_timers_time_out_a_slow_attempt() {
    let mock = MockTransport::new(Arc::new(BrowserClock));
    mock.get("/api/slow", |_| {
        MockReply::status(200).delay(Duration::from_millis(400))
    });
    let client = ApiClientBuilder::new("/api", Arc::new(mock), Arc::new(BrowserClock))
        .attempt_timeout(Duration::from_millis(40))
        .build();
    let request = Request::get("/slow").with_options(RequestOptions::new().retry(RetryMode::Off));
    let err = client.send(request).await.expect_err("times out");
    assert!(matches!(err, ApiError::Timeout { .. }), "{err:?}");
}

#[wasm_bindgen_test]
fn document_cookies_are_read() {
    let document: web_sys::HtmlDocument = web_sys::window()
        .and_then(|w| w.document())
        .expect("document")
        .unchecked_into();
    document
        .set_cookie("XSRF-TOKEN=browser-tok; path=/")
        .expect("cookie set");
    assert_eq!(
        DocumentCookies.cookie("XSRF-TOKEN").as_deref(),
        Some("browser-tok")
    );
}
