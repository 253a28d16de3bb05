#![cfg(target_arch = "wasm32")]
//! Browser tests of the thin shells: fetch transport, Web Locks, BroadcastChannel, the CSRF cookie and
//! the cookie-mode request that carries it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use digibank::services::auth::{
    AuthHttp, CookieRefresher, CrossTabLock, FetchHttp, HttpFuture, HttpRequest, LogoutBroadcast,
    LogoutChannel, Refresher, WebLocks, WithCredentials,
};
use digibank::services::http::interceptors::{CSRF_COOKIE, CSRF_HEADER};
use digibank::services::http::{CookieReader, DocumentCookies};
use futures::channel::oneshot;
use futures::future::{Either, select};
use openidconnect::http::{Method, Request, Response};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Resolves after `ms` on the browser's event loop.
async fn sleep(ms: u32) {
    let (done, wait) = oneshot::channel::<()>();
    let timeout = gloo_timers::callback::Timeout::new(ms, move || {
        let _ = done.send(());
    });
    let _ = wait.await;
    drop(timeout);
}

#[wasm_bindgen_test]
async fn fetch_transport_returns_status_and_body_without_headers() {
    // The test runner's own page, served by its local HTTP server.
    let page = web_sys::window().unwrap().location().href().unwrap();
    let request = Request::builder()
        .method(Method::GET)
        .uri(page)
        .body(Vec::new())
        .unwrap();
    let response = FetchHttp.send(request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert!(String::from_utf8_lossy(response.body()).contains("<html"));
    // Nothing in the auth layer reads reply headers, so they are not copied (src/services/auth/oidc_http.rs).
    assert!(response.headers().is_empty());
}

#[wasm_bindgen_test]
async fn fetch_transport_reports_network_failures_as_errors() {
    let request = Request::builder()
        .method(Method::GET)
        .uri("http://127.0.0.1:9/unreachable")
        .body(Vec::new())
        .unwrap();
    assert!(FetchHttp.send(request).await.is_err());
}

#[wasm_bindgen_test]
async fn web_locks_let_one_holder_at_a_time() {
    let locks = WebLocks::available().expect("Chromium on a loopback origin has Web Locks");
    let first = locks.acquire().await;
    let mut second = locks.acquire();
    match select(second.as_mut(), Box::pin(sleep(100))).await {
        Either::Left(_) => panic!("the lock was granted twice"),
        Either::Right(_) => {}
    }
    drop(first);
    match select(second, Box::pin(sleep(2_000))).await {
        Either::Left(_) => {}
        Either::Right(_) => panic!("the lock was not released"),
    }
}

#[wasm_bindgen_test]
async fn a_logout_announcement_reaches_other_channels_but_not_the_sender() {
    let this_tab = LogoutChannel::open().unwrap();
    let other_tab = LogoutChannel::open().unwrap();
    let heard_here = Rc::new(Cell::new(0));
    let heard = heard_here.clone();
    this_tab.listen(move || heard.set(heard.get() + 1));
    let (told, wait) = oneshot::channel::<()>();
    let told = RefCell::new(Some(told));
    other_tab.listen(move || {
        if let Some(told) = told.borrow_mut().take() {
            let _ = told.send(());
        }
    });
    this_tab.announce();
    match select(wait, Box::pin(sleep(2_000))).await {
        Either::Left(_) => {}
        Either::Right(_) => panic!("the other tab was not told"),
    }
    sleep(50).await;
    assert_eq!(
        heard_here.get(),
        0,
        "a tab does not hear its own announcement"
    );
}

/// Records requests and answers the cookie refresh endpoint.
#[derive(Default)]
struct Recorder(RefCell<Vec<HttpRequest>>);

impl AuthHttp for Recorder {
    fn send(&self, request: HttpRequest) -> HttpFuture<'_> {
        self.0.borrow_mut().push(request);
        let body = br#"{"accessToken":"access-cookie","expiresIn":300}"#.to_vec();
        Box::pin(async move { Ok(Response::builder().status(200).body(body).unwrap()) })
    }
}

#[wasm_bindgen_test]
async fn cookie_mode_sends_the_csrf_header_from_the_cookie() {
    let document = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .dyn_into::<web_sys::HtmlDocument>()
        .unwrap();
    document
        .set_cookie("XSRF-TOKEN=csrf-from-cookie; path=/")
        .unwrap();
    assert_eq!(
        DocumentCookies.cookie(CSRF_COOKIE).as_deref(),
        Some("csrf-from-cookie")
    );

    let recorder = Rc::new(Recorder::default());
    let refresher = CookieRefresher::new(
        "https://bank.invalid/api",
        recorder.clone(),
        Arc::new(DocumentCookies),
    );
    let grant = refresher.refresh(None).await.unwrap();
    assert_eq!(grant.access_token.expose(), "access-cookie");
    let sent = recorder.0.borrow();
    assert_eq!(sent[0].uri(), "https://bank.invalid/api/auth/refresh");
    assert_eq!(sent[0].headers()[CSRF_HEADER], "csrf-from-cookie");
    assert!(sent[0].extensions().get::<WithCredentials>().is_some());
    document
        .set_cookie("XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/")
        .unwrap();
}
