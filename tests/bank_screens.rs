#![cfg(target_arch = "wasm32")]
//! Browser tests of the bank hooks and the dashboard over the in-process mock transport (no server).

use std::sync::Arc;
use std::time::Duration;

use digibank::app::context::{AppServices, provide_app_services};
use digibank::app::hooks::{
    BALANCE_REFRESH, RenameAccount, STATUS_POLL, use_accounts, use_create_transfer,
    use_transfer_status, use_update_account,
};
use digibank::pages::{Dashboard, TransferHistory};
use digibank::services::http::{
    ApiClientBuilder, ApiError, BrowserClock, MockReply, MockTransport,
};
use digibank::services::query::{
    BrowserTime, ManualTime, QueryClient, Scheduler, provide_query_client,
};
use digibank_api_types::{Amount, Currency, TransferRequest};
use leptos::mount::mount_to;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const ACCOUNTS: &str = r#"{"items":[
 {"id":"chk","name":"Checking Account","type":"checking","maskedNumber":"••••4821","currency":"USD","balance":"125430.00","availableBalance":"125000.00","status":"open"},
 {"id":"sav","name":"Savings Account","type":"savings","maskedNumber":"••••9034","currency":"USD","balance":"45200.00","availableBalance":"45200.00","status":"open"}
],"page":1,"pageSize":100,"total":2}"#;

fn json(status: u16, body: &str) -> MockReply {
    MockReply::status(status)
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
}

/// Services over a fresh mock transport, and the transport to script.
fn services() -> (AppServices, MockTransport) {
    let clock = Arc::new(BrowserClock);
    let mock = MockTransport::new(clock.clone());
    let client = ApiClientBuilder::new("/api", Arc::new(mock.clone()), clock.clone()).build();
    (AppServices::new(client, clock), mock)
}

fn container() -> web_sys::HtmlElement {
    let element = document()
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

/// Waits on real browser timers (bounded to about two seconds) until `done` holds.
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        BrowserTime.sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

fn text(element: &web_sys::HtmlElement) -> String {
    element.text_content().unwrap_or_default()
}

fn mount_dashboard(services: AppServices) -> (web_sys::HtmlElement, impl Drop) {
    mount_dashboard_with(services, QueryClient::<ApiError>::browser())
}

fn mount_dashboard_with(
    services: AppServices,
    queries: QueryClient<ApiError>,
) -> (web_sys::HtmlElement, impl Drop) {
    let element = container();
    let mounted = mount_to(element.clone(), move || {
        provide_app_services(services.clone());
        provide_query_client(queries.clone());
        view! { <leptos_router::components::Router><Dashboard /></leptos_router::components::Router> }
    });
    (element, mounted)
}

#[wasm_bindgen_test]
async fn dashboard_shows_every_balance_and_totals_from_one_request() {
    let (services, mock) = services();
    mock.get("/api/accounts", |_| json(200, ACCOUNTS));
    let (element, _mounted) = mount_dashboard(services);
    until("accounts", || text(&element).contains("Checking Account")).await;
    let shown = text(&element);
    assert!(shown.contains("$125,430.00"), "{shown}");
    assert!(shown.contains("$45,200.00"), "{shown}");
    assert!(shown.contains("Available $125,000.00"), "{shown}");
    assert!(shown.contains("Total USD$170,630.00"), "{shown}");
    assert_eq!(mock.calls().len(), 1, "a cold dashboard costs one request");
}

#[wasm_bindgen_test]
async fn dashboard_refreshes_every_balance_every_30_seconds() {
    let (services, mock) = services();
    let later = ACCOUNTS.replace("\"balance\":\"125430.00\"", "\"balance\":\"125180.00\"");
    mock.get("/api/accounts", move |_| json(200, &later));
    mock.get("/api/accounts", |_| json(200, ACCOUNTS)).once();
    let time = ManualTime::new();
    let (element, _mounted) = mount_dashboard_with(services, QueryClient::new(time.clone()));
    until("first balances", || {
        time.run();
        text(&element).contains("$125,430.00")
    })
    .await;
    time.advance(BALANCE_REFRESH - Duration::from_secs(1));
    assert_eq!(mock.calls().len(), 1, "no refetch before 30 s");
    time.advance(Duration::from_secs(1));
    until("refreshed balance", || {
        time.run();
        text(&element).contains("$125,180.00")
    })
    .await;
    assert_eq!(mock.calls().len(), 2, "one refetch at 30 s");
}

#[wasm_bindgen_test]
async fn dashboard_error_offers_a_retry_that_recovers() {
    let (services, mock) = services();
    mock.get("/api/accounts", |_| json(200, ACCOUNTS));
    mock.get("/api/accounts", |_| json(403, r#"{"error":"Not yours"}"#))
        .once();
    let (element, _mounted) = mount_dashboard(services);
    until("error panel", || {
        text(&element).contains("We could not load your accounts")
    })
    .await;
    let retry = element
        .query_selector(".banner button")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    retry.click();
    until("accounts after retry", || {
        text(&element).contains("Savings Account")
    })
    .await;
    assert_eq!(mock.calls().len(), 2);
}

#[wasm_bindgen_test]
async fn a_refused_rename_is_rolled_back_and_reported() {
    let (services, mock) = services();
    mock.get("/api/accounts", |_| json(200, ACCOUNTS));
    mock.put("/api/accounts/chk", |_| {
        json(400, r#"{"error":"Invalid name","errors":[{"field":"name","code":"invalid_characters","message":"Use letters, digits and spaces"}]}"#)
            .delay(Duration::from_millis(100))
    });
    let notifications = services.notifications.clone();
    let element = container();
    let _mounted = mount_to(element.clone(), move || {
        provide_app_services(services.clone());
        provide_query_client(QueryClient::<ApiError>::browser());
        let accounts = use_accounts();
        let rename = use_update_account();
        let names = move || {
            accounts.data.get().map(|list| {
                list.iter()
                    .map(|a| a.name.clone())
                    .collect::<Vec<_>>()
                    .join(",")
            })
        };
        let go = move |_| {
            rename.mutate.run(RenameAccount {
                account_id: "chk".into(),
                name: "Bills <script>".into(),
            })
        };
        view! { <p>{names}</p><button on:click=go>"rename"</button> }
    });
    until("accounts", || text(&element).contains("Checking Account")).await;
    element
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    until("optimistic name", || {
        text(&element).contains("Bills <script>")
    })
    .await;
    until("rollback", || {
        text(&element).contains("Checking Account,Savings Account")
    })
    .await;
    let toasts: Vec<String> = notifications
        .snapshot()
        .into_iter()
        .map(|n| n.message)
        .collect();
    assert!(
        toasts
            .iter()
            .any(|m| m.contains("Use letters, digits and spaces")),
        "{toasts:?}"
    );
}

const STATUS: &str =
    r#"{"transferId":"t-1","status":"STATUS","updatedAt":"2026-11-24T10:00:00Z","reason":null}"#;

#[wasm_bindgen_test]
async fn transfer_status_polls_until_it_is_terminal() {
    let (services, mock) = services();
    mock.get("/api/transfers/t-1/status", |_| {
        json(200, &STATUS.replace("STATUS", "completed"))
    });
    mock.get("/api/transfers/t-1/status", |_| {
        json(200, &STATUS.replace("STATUS", "pending"))
    })
    .once();
    mock.get("/api/transfers/t-1/status", |_| {
        json(200, &STATUS.replace("STATUS", "pending"))
    })
    .once();
    let element = container();
    let _mounted = mount_to(element.clone(), move || {
        provide_app_services(services.clone());
        provide_query_client(QueryClient::<ApiError>::browser());
        let status = use_transfer_status(Signal::derive(|| "t-1".to_string()));
        move || {
            status
                .data
                .get()
                .map(|s| s.status.as_str())
                .unwrap_or("loading")
        }
    });
    for _ in 0..400 {
        if text(&element) == "completed" {
            break;
        }
        BrowserTime.sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(text(&element), "completed");
    let polls = mock.calls().len();
    assert_eq!(polls, 3, "pending, pending, completed");
    BrowserTime.sleep(STATUS_POLL * 2).await;
    assert_eq!(
        mock.calls().len(),
        polls,
        "no polling after a terminal status"
    );
}

#[wasm_bindgen_test]
async fn a_double_submitted_transfer_carries_one_idempotency_key() {
    let (services, mock) = services();
    let transfer = r#"{"id":"t-9","fromAccountId":"chk","toAccountId":"sav","amount":"10.00","fee":"0.00","currency":"USD","description":"","status":"pending","createdAt":"2026-11-24T10:00:00Z","updatedAt":"2026-11-24T10:00:00Z","executeAt":null,"recurrence":null,"reason":null}"#;
    mock.post("/api/transfers", move |_| {
        json(201, transfer).delay(Duration::from_millis(50))
    });
    let element = container();
    let submit = std::rc::Rc::new(std::cell::RefCell::new(None));
    let slot = submit.clone();
    let _mounted = mount_to(element.clone(), move || {
        provide_app_services(services.clone());
        provide_query_client(QueryClient::<ApiError>::browser());
        let create = use_create_transfer();
        *slot.borrow_mut() = Some(create.mutation.mutate);
        move || create.mutation.data.get().map(|t| t.id).unwrap_or_default()
    });
    let request = TransferRequest {
        from_account_id: "chk".into(),
        to_account_id: "sav".into(),
        amount: Amount::parse("10.00").unwrap(),
        currency: Currency::USD,
        description: String::new(),
    };
    let mutate = submit.borrow().clone().expect("mounted");
    mutate.run(request.clone());
    mutate.run(request);
    until("transfer", || text(&element) == "t-9").await;
    let keys: Vec<Option<String>> = mock
        .calls()
        .iter()
        .map(|c| c.request.headers.get("idempotency-key").map(str::to_owned))
        .collect();
    assert!(
        !keys.is_empty() && keys.iter().all(|k| k.is_some() && *k == keys[0]),
        "{keys:?}"
    );
}

fn history(status: &str) -> String {
    let transfer = r#"{"id":"t-7","fromAccountId":"chk","toAccountId":"sav","amount":"25.00","fee":"0.00","currency":"USD","description":"Rent share","status":"STATUS","createdAt":"2026-11-20T10:00:00Z","updatedAt":"2026-11-20T10:00:00Z","executeAt":"2026-12-01T09:00:00Z","recurrence":null,"reason":null}"#;
    format!(
        r#"{{"items":[{}],"page":1,"pageSize":20,"total":1}}"#,
        transfer.replace("STATUS", status)
    )
}

#[wasm_bindgen_test]
async fn history_lists_transfers_and_filters_by_status() {
    let (services, mock) = services();
    mock.get("/api/transfers/history", |_| {
        let page: serde_json::Value = serde_json::from_str(&history("cancelled")).unwrap();
        json(200, &page["items"][0].to_string())
    });
    mock.get("/api/transfers/history", |_| {
        json(200, &history("scheduled"))
    })
    .once();
    mock.get("/api/transfers/history", |_| {
        json(200, &history("scheduled"))
    })
    .once();
    mock.post("/api/transfers/t-7/cancel", |_| {
        let page: serde_json::Value = serde_json::from_str(&history("cancelled")).unwrap();
        json(200, &page["items"][0].to_string())
    });
    mock.get("/api/accounts", |_| {
        json(200, r#"{"items":[],"page":1,"pageSize":100,"total":0}"#)
    });
    let element = container();
    let _mounted = mount_to(element.clone(), move || {
        provide_app_services(services.clone());
        provide_query_client(QueryClient::<ApiError>::browser());
        view! { <leptos_router::components::Router><TransferHistory /></leptos_router::components::Router> }
    });
    until("history", || text(&element).contains("Rent share")).await;
    assert!(text(&element).contains("-$25.00"), "{}", text(&element));
    let select = element
        .query_selector("#status-filter")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlSelectElement>();
    select.set_value("scheduled");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    until("filtered fetch", || {
        mock.calls()
            .iter()
            .any(|c| c.request.query.get("status") == Some("scheduled"))
    })
    .await;
    until("cancel offered", || {
        element
            .query_selector("tr button.danger")
            .unwrap()
            .is_some()
    })
    .await;
    let click = |css: &str| {
        element
            .query_selector(css)
            .unwrap()
            .unwrap()
            .unchecked_into::<web_sys::HtmlElement>()
            .click()
    };
    click("tr button.danger");
    until("the dialog", || {
        element
            .query_selector("[role=dialog] textarea")
            .unwrap()
            .is_some()
    })
    .await;
    let dialog = element.query_selector("[role=dialog]").unwrap().unwrap();
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let reason = element
        .query_selector("[role=dialog] textarea")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlTextAreaElement>();
    reason.set_value("Paid in cash");
    reason
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    click("[role=dialog] .button.danger");
    until("cancel sent and dialog closed", || {
        element.query_selector("[role=dialog]").unwrap().is_none()
    })
    .await;
    let cancel = mock
        .calls()
        .into_iter()
        .find(|c| c.request.path.ends_with("/cancel"))
        .expect("a cancel request");
    assert_eq!(
        cancel.request.body_json::<serde_json::Value>().unwrap()["reason"],
        "Paid in cash"
    );
}
