//! Offline support through the service worker (docs/offline.md), against the release bundle: going offline
//! means stopping the mock bank and later serving again on the same port with the same sessions.
//! Most tests keep tokens in sessionStorage (`tokenStorage: "session"`) so an offline reload stays signed in;
//! in the default memory mode a reload needs the provider, so an offline reload ends signed out on the sign-in
//! page (the worker answers the unreachable provider with `temporarily_unavailable`) and shows no cached data.

mod support;

use std::time::Duration;

use digibank_e2e::{AppOptions, Browser, HarnessError, ServerSwitch, run_in_browser_with_switch};
use serde_json::{Value, json};
use support::{expect, sign_in_at};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// The offline banner (contract with src/app/offline/offline_banner.rs).
const BANNER: &str = ".offline-banner";

fn session_storage() -> AppOptions {
    AppOptions {
        token_storage: Some("session".into()),
        ..AppOptions::default()
    }
}

#[tokio::test]
async fn offline_pages_keep_their_data_reload_shows_the_shell_and_logout_purges()
-> Result<(), HarnessError> {
    run_in_browser_with_switch(
        "offline_pages_keep_their_data",
        &session_storage(),
        |browser, server| async move {
            sign_in_at(&browser, "/", "alice").await?;
            wait_until_controlled(&browser).await?;
            browser.wait_for(".account-card").await?;
            wait_for_cached_accounts(&browser).await?;

            server.go_offline().await?;
            browser.open("/").await?;
            browser.wait_for_h1("Your accounts").await?;
            browser
                .wait_for_text(".account-name", "Checking Account")
                .await?;
            let notice = browser
                .wait_for_text_containing(BANNER, "data from")
                .await?;
            expect(
                has_data_from_time(&notice),
                format!("the banner says when the data is from: {notice:?}"),
            )?;

            server.go_online().await?;
            rename_account(&browser, &server, "1", "Holiday fund").await?;
            // "Try again", unless the app already saw the bank back (a realtime resync refetches by itself).
            browser
                .run_script(&format!(
                    "document.querySelector('{BANNER} button')?.click();"
                ))
                .await?;
            browser
                .wait_for_text_containing(".account-name", "Holiday fund")
                .await?;
            wait_for_no(&browser, BANNER).await?;

            browser.click(".topbar-end button").await?;
            browser.wait_for_h1("Sign in").await?;
            let stored = cached_api_responses(&browser).await?;
            expect(
                stored["names"].as_array().is_some_and(|names| {
                    names
                        .iter()
                        .all(|n| !n.as_str().unwrap_or("").starts_with("digibank-api-"))
                }) && stored["entries"].as_array().is_some_and(Vec::is_empty),
                format!("after logout Cache Storage holds no API responses: {stored}"),
            )
        },
    )
    .await
}

/// Resolves with the number of service-worker registrations once the browser was idle twice (the app registers
/// its worker in an idle callback, at most 3 s late).
const REGISTRATIONS_WHEN_IDLE: &str = r#"
const done = arguments[arguments.length - 1];
const idle = () => new Promise(resolve => requestIdleCallback(resolve, { timeout: 3000 }));
idle().then(idle).then(() => navigator.serviceWorker.getRegistrations()).then(r => done(r.length));"#;

#[tokio::test]
async fn offline_the_worker_is_registered_only_once_signed_in() -> Result<(), HarnessError> {
    run_in_browser_with_switch(
        "offline_the_worker_is_registered_only_once_signed_in",
        &AppOptions::default(),
        |browser, _server| async move {
            browser.open("/").await?;
            browser.wait_for_h1("Sign in").await?;
            let before = browser.run_async_script(REGISTRATIONS_WHEN_IDLE).await?;
            expect(
                before == json!(0),
                format!("a signed-out page registered {before} service workers (its precache competes with signing in)"),
            )?;
            sign_in_at(&browser, "/", "alice").await?;
            wait_until_controlled(&browser).await
        },
    )
    .await
}

#[tokio::test]
async fn offline_a_500_is_never_served_from_the_cache() -> Result<(), HarnessError> {
    run_in_browser_with_switch(
        "offline_a_500_is_never_served",
        &session_storage(),
        |browser, server| async move {
            browser
                .admin()
                .set_faults(json!({ "error500Rate": 1.0, "pathPrefix": "/api/accounts" }))
                .await?;
            sign_in_at(&browser, "/", "alice").await?;
            wait_until_controlled(&browser).await?;
            browser.open("/").await?;
            browser.wait_for(".banner.error").await?;
            server.go_offline().await?;
            browser.open("/").await?;
            let banner = browser.wait_for_text_containing(BANNER, "offline").await?;
            expect(
                !banner.contains("data from"),
                format!("no cached data is claimed: {banner:?}"),
            )?;
            expect(
                browser.texts(".account-name").await?.is_empty(),
                "no accounts are shown",
            )?;
            let stored = cached_api_responses(&browser).await?;
            expect(
                stored["entries"].as_array().is_some_and(|entries| {
                    entries.iter().all(|e| {
                        e["status"] == 200
                            && !e["url"].as_str().unwrap_or("").contains("/api/accounts")
                    })
                }),
                format!("no error response is stored: {stored}"),
            )
        },
    )
    .await
}

#[tokio::test]
async fn offline_reload_in_memory_mode_shows_the_sign_in_page_not_an_error_page()
-> Result<(), HarnessError> {
    run_in_browser_with_switch(
        "offline_reload_in_memory_mode",
        &AppOptions::default(),
        |browser, server| async move {
            sign_in_at(&browser, "/", "alice").await?;
            wait_until_controlled(&browser).await?;
            browser.wait_for(".user-name").await?;
            wait_for_cached_discovery(&browser).await?;

            server.go_offline().await?;
            browser.open("/").await?;
            browser.wait_for_h1("Sign in").await?;
            browser.wait_for("#app section.login").await?;
            let href = page_url(&browser).await?;
            expect(
                href.starts_with(&format!("{}/login", browser.origin())),
                format!("the app's sign-in page, not the browser's error page: {href}"),
            )?;
            browser
                .wait_for_text_containing(".login-offline", "cannot be reached")
                .await?;
            browser.wait_for_text_containing(BANNER, "offline").await?;
            expect(
                browser.texts(".user-name").await?.is_empty(),
                "nobody is signed in",
            )?;
            stays_on_this_page(&browser).await?;

            server.go_online().await?;
            browser
                .wait_for("section.login button")
                .await?
                .click()
                .await?;
            browser.wait_for_path("/").await?;
            browser.wait_for(".user-name").await?;
            browser.wait_for(".account-card").await.map(|_| ())
        },
    )
    .await
}

/// The address of the document shown (`chrome-error://…` on the browser's error page).
async fn page_url(browser: &Browser) -> Result<String, HarnessError> {
    let href = browser.run_script("return location.href;").await?;
    Ok(href.as_str().unwrap_or_default().to_owned())
}

/// Fails if the page reloads or leaves within the next second (no reload loop).
async fn stays_on_this_page(browser: &Browser) -> Result<(), HarnessError> {
    browser
        .run_script("window.__digibankStayed = location.href; return null;")
        .await?;
    for _ in 0..20 {
        tokio::time::sleep(Duration::from_millis(50)).await;
        let stayed = browser
            .run_script("return window.__digibankStayed === location.href;")
            .await?;
        expect(
            stayed == Value::Bool(true),
            "the sign-in page reloaded or left",
        )?;
    }
    Ok(())
}

/// Waits until the worker has stored the provider's discovery document (it teaches the authorize endpoint).
async fn wait_for_cached_discovery(browser: &Browser) -> Result<(), HarnessError> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        caches.open('digibank-sw-meta')
          .then((cache) => cache.keys())
          .then((keys) => done(keys.some((r) => r.url.endsWith('/.well-known/openid-configuration'))))
          .catch(() => done(false));
    "#;
    for _ in 0..100 {
        if browser.run_async_script(script).await? == Value::Bool(true) {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Err(HarnessError::Assertion(
        "the discovery document was never cached".into(),
    ))
}

/// Waits until a service worker controls the page (the first visit installs it; a reload is then controlled).
async fn wait_until_controlled(browser: &Browser) -> Result<(), HarnessError> {
    let controlled = "return navigator.serviceWorker.controller !== null;";
    for _ in 0..2 {
        for _ in 0..100 {
            if browser.run_script(controlled).await? == Value::Bool(true) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        browser.open("/").await?;
        browser.wait_for("#app").await?;
    }
    Err(HarnessError::Assertion(
        "no service worker controls the page".into(),
    ))
}

/// Reloads until the worker has stored the account list for the signed-in user.
async fn wait_for_cached_accounts(browser: &Browser) -> Result<(), HarnessError> {
    for _ in 0..3 {
        for _ in 0..30 {
            let stored = cached_api_responses(browser).await?;
            let has_accounts = stored["entries"].as_array().is_some_and(|entries| {
                entries
                    .iter()
                    .any(|e| e["url"].as_str().unwrap_or("").contains("/api/accounts"))
            });
            if has_accounts {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        browser.open("/").await?;
        browser.wait_for(".account-card").await?;
    }
    Err(HarnessError::Assertion(
        "the account list was never cached".into(),
    ))
}

/// Every cache name and every stored response under `/api/` (URL and status), read in the page.
async fn cached_api_responses(browser: &Browser) -> Result<Value, HarnessError> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        (async () => {
          const names = await caches.keys();
          const entries = [];
          for (const name of names) {
            const cache = await caches.open(name);
            for (const request of await cache.keys()) {
              if (new URL(request.url).pathname.startsWith('/api/')) {
                const response = await cache.match(request);
                entries.push({ cache: name, url: request.url, status: response.status });
              }
            }
          }
          done({ names, entries });
        })().catch((error) => done({ error: String(error) }));
    "#;
    let value = browser.run_async_script(script).await?;
    if value.get("error").is_some() {
        return Err(HarnessError::Assertion(format!(
            "reading Cache Storage: {value}"
        )));
    }
    Ok(value)
}

/// Waits until nothing matches `css`.
async fn wait_for_no(browser: &Browser, css: &str) -> Result<(), HarnessError> {
    for _ in 0..300 {
        if browser.texts(css).await?.is_empty() {
            return Ok(());
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Err(HarnessError::Assertion(format!(
        "`{css}` is still shown: {:?}",
        browser.texts(css).await?
    )))
}

/// True when `text` has "offline — data from HH:MM".
fn has_data_from_time(text: &str) -> bool {
    text.split("offline — data from ")
        .nth(1)
        .is_some_and(|rest| {
            let b = rest.as_bytes();
            b.len() >= 5
                && b[0].is_ascii_digit()
                && b[1].is_ascii_digit()
                && b[2] == b':'
                && b[3].is_ascii_digit()
                && b[4].is_ascii_digit()
        })
}

/// Renames account `id` for alice straight at the bank (not through the browser, so the worker's copy stays).
async fn rename_account(
    browser: &Browser,
    server: &ServerSwitch,
    id: &str,
    name: &str,
) -> Result<(), HarnessError> {
    let token = browser.admin().mint_token("alice").await?;
    let authority = server.url().trim_start_matches("http://").to_owned();
    let body = json!({ "name": name }).to_string();
    let request = format!(
        "PUT /api/accounts/{id} HTTP/1.1\r\nHost: {authority}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let io = |source| HarnessError::Io {
        context: "rename account".into(),
        source,
    };
    let mut stream = tokio::net::TcpStream::connect(&authority)
        .await
        .map_err(io)?;
    stream.write_all(request.as_bytes()).await.map_err(io)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).await.map_err(io)?;
    let answer = String::from_utf8_lossy(&raw);
    expect(
        answer.starts_with("HTTP/1.1 200"),
        format!("rename answered {answer}"),
    )
}
