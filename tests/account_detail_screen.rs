#![cfg(target_arch = "wasm32")]
//! Browser test of the account detail screen over the in-process mock transport: what the end-to-end tests
//! cannot provoke, because the screen checks names exactly as the mock bank does — a bank that refuses a name
//! the client accepted, with its reason on the `name` field.

use std::sync::Arc;
use std::time::Duration;

use digibank::app::context::{AppServices, provide_app_services};
use digibank::pages::AccountDetail;
use digibank::services::http::{
    ApiClientBuilder, ApiError, BrowserClock, MockReply, MockTransport,
};
use digibank::services::query::{BrowserTime, QueryClient, Scheduler, provide_query_client};
use leptos::mount::mount_to;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ACCOUNTS: &str = r#"{"items":[
 {"id":"chk","name":"Checking Account","type":"checking","maskedNumber":"••••4821","currency":"USD","balance":"125430.00","availableBalance":"125000.00","status":"open"}
],"page":1,"pageSize":100,"total":1}"#;
const BALANCE: &str = r#"{"accountId":"chk","balance":"125430.00","availableBalance":"125000.00","currency":"USD","asOf":"2026-11-24T10:00:00Z"}"#;
const TRANSACTIONS: &str = r#"{"items":[
 {"id":"tx-1","accountId":"chk","bookedAt":"2026-11-20T14:03:00Z","description":"Coffee","counterparty":"Blue Bottle Coffee","amount":"-4.50","currency":"USD","type":"card","balanceAfter":"125430.00"}
],"page":1,"pageSize":20,"total":1}"#;
const NAME_TAKEN: &str = r#"{"error":"Invalid name","errors":[{"field":"name","code":"taken","message":"Another of your accounts is already called Household"}]}"#;

fn json(status: u16, body: &str) -> MockReply {
    MockReply::status(status)
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
}

/// Waits on real browser timers (bounded to about three seconds) until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..300 {
        if done() {
            return;
        }
        BrowserTime.sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

fn find(root: &web_sys::HtmlElement, css: &str) -> Option<web_sys::HtmlElement> {
    root.query_selector(css)
        .ok()
        .flatten()
        .map(JsCast::unchecked_into)
}

fn heading(root: &web_sys::HtmlElement) -> String {
    find(root, "h1").map(|h| h.inner_text()).unwrap_or_default()
}

#[wasm_bindgen_test]
async fn a_name_the_bank_refuses_rolls_back_with_its_reason_next_to_the_input() {
    let clock = Arc::new(BrowserClock);
    let mock = MockTransport::new(clock.clone());
    mock.get("/api/accounts", |_| json(200, ACCOUNTS));
    mock.get("/api/accounts/chk/balance", |_| json(200, BALANCE));
    mock.get("/api/accounts/chk/transactions", |_| {
        json(200, TRANSACTIONS)
    });
    mock.put("/api/accounts/chk", |_| {
        json(400, NAME_TAKEN).delay(Duration::from_millis(150))
    });
    let client = ApiClientBuilder::new("/api", Arc::new(mock.clone()), clock.clone()).build();
    let services = AppServices::new(client, clock);
    let history = web_sys::window().unwrap().history().unwrap();
    history
        .push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("/accounts/chk"))
        .unwrap();
    let root = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&root).unwrap();
    let _mounted = mount_to(root.clone(), move || {
        provide_app_services(services.clone());
        provide_query_client(QueryClient::<ApiError>::browser());
        view! {
            <Router>
                <Routes fallback=|| "no route">
                    <Route path=path!("/accounts/:id") view=AccountDetail />
                </Routes>
            </Router>
        }
    });

    until("the account", || {
        heading(&root) == "Checking Account" && root.inner_text().contains("Blue Bottle Coffee")
    })
    .await;
    find(&root, ".account-actions > button")
        .expect("the rename button")
        .click();
    until("the name input", || find(&root, "#account-name").is_some()).await;
    let input = find(&root, "#account-name")
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    input.set_value("Household");
    input
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    find(&root, ".rename-form button[type=submit]")
        .expect("the save button")
        .click();
    until("the new name at once", || heading(&root) == "Household").await;
    until("the old name back with the bank's reason", || {
        heading(&root) == "Checking Account"
            && find(&root, "#account-name-error")
                .is_some_and(|e| e.inner_text().contains("already called Household"))
    })
    .await;

    let input = find(&root, "#account-name")
        .unwrap()
        .unchecked_into::<web_sys::HtmlInputElement>();
    assert_eq!(
        input.value(),
        "Household",
        "what the customer typed stays to be corrected"
    );
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described_by = input.get_attribute("aria-describedby").unwrap_or_default();
    assert!(
        described_by.split(' ').any(|id| id == "account-name-error"),
        "{described_by}"
    );
    history.back().unwrap();
}
