//! The app shell in the release build: it loads, the main navigation moves between routes without reloading the
//! page, an unknown path renders the 404 page, a screen whose code cannot be downloaded says so and recovers, and
//! a returning customer's dashboard request leaves before the shell renders.

mod support;

use digibank_e2e::{AppOptions, Browser, HarnessError, run_in_browser, run_in_browser_with};
use support::{UNBLOCK_DOWNLOADS, block_downloads_of, expect, sign_in_at};

/// The main navigation (contract with the shell: `<nav aria-label="Main">`).
const MAIN_NAV: &str = "nav[aria-label='Main']";

#[tokio::test]
async fn shell_loads_navigates_and_shows_not_found() -> Result<(), HarnessError> {
    run_in_browser(
        "shell_loads_navigates_and_shows_not_found",
        |browser| async move {
            sign_in_at(&browser, "/", "alice").await?;
            browser.wait_for(MAIN_NAV).await?;
            browser.wait_for_single_h1().await?;
            mark_page(&browser).await?;
            for (link, path) in [
                ("New transfer", "/transfers/new"),
                ("History", "/transfers/history"),
                ("Monitoring", "/monitoring"),
                ("Dashboard", "/"),
            ] {
                browser.click_link(MAIN_NAV, link).await?;
                browser.wait_for_path(path).await?;
                let heading = browser.wait_for_single_h1().await?;
                expect(
                    heading != "Page not found",
                    format!("the {link} link led to the 404 page"),
                )?;
            }
            expect(
                page_is_marked(&browser).await?,
                "a nav link reloaded the page instead of routing in the app",
            )?;
            browser.open("/no/such/page").await?;
            browser.wait_for("#app").await?;
            browser.wait_for_h1("Page not found").await
        },
    )
    .await
}

/// Leaves a mark on `window`; it survives client-side navigation but not a page load.
async fn mark_page(browser: &Browser) -> Result<(), HarnessError> {
    browser
        .run_script("window.__e2eMark = true;")
        .await
        .map(|_| ())
}

async fn page_is_marked(browser: &Browser) -> Result<bool, HarnessError> {
    Ok(browser
        .run_script("return window.__e2eMark === true;")
        .await?
        == serde_json::Value::Bool(true))
}

/// The headers a browser sees for each kind of file, read from same-origin `fetch` responses.
const SERVED_HEADERS: &str = r#"
const wasm = document.querySelector('link[rel=preload][href$=".wasm"]').getAttribute('href');
const css = document.querySelector('link[rel=stylesheet]').getAttribute('href');
const icon = document.querySelector('link[rel=icon]').getAttribute('href');
const out = {};
for (const [name, path] of [['wasm', wasm], ['css', css], ['icon', icon], ['index', '/'], ['route', '/callback'],
    ['config', '/config.json'], ['sw', '/sw.js'], ['favicon.ico', '/favicon.ico']]) {
  const r = await fetch(path, { cache: 'no-store' });
  out[name] = [r.status, r.headers.get('content-encoding'), r.headers.get('cache-control'),
    (r.headers.get('vary') || '').includes('accept-encoding') ? 'varies' : 'no vary'].join(' | ');
}
return JSON.stringify(out);"#;

#[tokio::test]
async fn the_bundle_is_served_compressed_with_cache_headers_and_config_preloaded()
-> Result<(), HarnessError> {
    run_in_browser(
        "the_bundle_is_served_compressed_with_cache_headers_and_config_preloaded",
        |browser| async move {
            browser.open("/").await?;
            browser.wait_for_single_h1().await?;
            let entries = browser
                .run_script(
                    "return JSON.stringify(performance.getEntriesByType('resource')\
                     .filter((e) => new URL(e.name).pathname === '/config.json').map((e) => e.initiatorType));",
                )
                .await?;
            expect(
                entries == serde_json::Value::String(r#"["link"]"#.into()),
                format!("config.json should be fetched once, by the preload link, and reused by the app: {entries}"),
            )?;
            let script = format!("return (async () => {{ {SERVED_HEADERS} }})();");
            let headers = browser.run_script(&script).await?;
            let headers: serde_json::Value =
                serde_json::from_str(headers.as_str().unwrap_or("{}")).unwrap_or_default();
            let immutable = "200 | br | public, max-age=31536000, immutable | varies";
            let revalidated = "200 | br | no-cache | varies";
            for (name, expected) in [
                ("wasm", immutable),
                ("css", immutable),
                ("icon", immutable),
                ("index", revalidated),
                ("route", revalidated),
                ("config", revalidated),
                ("sw", revalidated),
            ] {
                expect(
                    headers[name] == expected,
                    format!("{name}: expected `{expected}`, got {}", headers[name]),
                )?;
            }
            let favicon = headers["favicon.ico"].as_str().unwrap_or_default().to_owned();
            expect(favicon.starts_with("404 "), format!("/favicon.ico: {favicon}"))
        },
    )
    .await
}

/// What every wasm file's URL contains: blocking it makes every screen's code fail to download.
const WASM: &str = ".wasm";

/// The app's message for a screen whose code could not be downloaded (src/app/lazy_screen.rs).
const SCREEN_LOAD_MESSAGE: &str = "This screen could not be loaded. Check your connection and try again; \
    if digibank was just updated, reload it.";

#[tokio::test]
async fn a_screen_whose_code_cannot_be_downloaded_says_so_and_recovers_on_try_again()
-> Result<(), HarnessError> {
    run_in_browser(
        "a_screen_whose_code_cannot_be_downloaded",
        |browser| async move {
            sign_in_at(&browser, "/", "alice").await?;
            browser.wait_for(".account-card[data-account-id]").await?;
            mark_page(&browser).await?;
            browser.run_script(&block_downloads_of(WASM)).await?;
            browser.click_link(MAIN_NAV, "History").await?;
            browser.wait_for_path("/transfers/history").await?;
            browser
                .wait_for_text(
                    ".screen-load-failed[role=alert] p:first-child",
                    SCREEN_LOAD_MESSAGE,
                )
                .await?;
            let buttons = browser.texts(".screen-load-failed button").await?;
            expect(
                buttons == ["Try again", "Reload digibank"],
                format!("buttons of the failure message: {buttons:?}"),
            )?;
            browser.run_script(UNBLOCK_DOWNLOADS).await?;
            browser
                .wait_for(".screen-load-failed button.primary")
                .await?
                .click()
                .await?;
            browser.wait_for_h1("Transfer history").await?;
            expect(
                page_is_marked(&browser).await?,
                "recovering reloaded the page instead of fetching the screen again",
            )
        },
    )
    .await
}

/// Runs before the app: the browser then has no service worker (as in Firefox's private windows), so nothing
/// precaches the build.
const NO_SERVICE_WORKER: &str = "delete Navigator.prototype.serviceWorker;";

/// True once the page has downloaded the code of the four screens the dashboard links to.
const SCREENS_PREFETCHED: &str = r#"
const names = performance.getEntriesByType('resource').map(e => e.name);
return ['account_detail', 'new_transfer', 'transfer_history', 'transfer_status']
  .every(screen => names.some(name => name.includes(`split_${screen}_chunk`)));"#;

#[tokio::test]
async fn without_a_service_worker_the_screens_are_prefetched_when_idle() -> Result<(), HarnessError>
{
    run_in_browser(
        "without_a_service_worker_the_screens_are_prefetched",
        |browser| async move {
            browser.before_every_document(NO_SERVICE_WORKER).await?;
            sign_in_at(&browser, "/", "alice").await?;
            browser.wait_for(".account-card[data-account-id]").await?;
            expect(
                browser
                    .run_script("return 'serviceWorker' in navigator;")
                    .await?
                    == serde_json::Value::Bool(false),
                "the page still has a service worker container",
            )?;
            browser
                .wait_until(
                    "the four screens' code to be prefetched",
                    SCREENS_PREFETCHED,
                )
                .await?;
            // The network is gone for wasm now; the prefetched screen still opens.
            browser.run_script(&block_downloads_of(WASM)).await?;
            browser.click_link(MAIN_NAV, "New transfer").await?;
            browser.wait_for_h1("New transfer").await?;
            browser.run_script(UNBLOCK_DOWNLOADS).await.map(|_| ())
        },
    )
    .await
}

/// Records each dashboard request (`/api/accounts?…`) of the page: whether the shell's header was already on
/// the page when it was sent, and whether every earlier one had finished.
const RECORD_ACCOUNTS_REQUESTS: &str = r#"
window.__accountsRequests = [];
const pageFetch = window.fetch;
window.fetch = function (input, init) {
  const url = String(input instanceof Request ? input.url : input);
  if (!url.includes('/api/accounts?')) return pageFetch.call(this, input, init);
  const record = {
    shellShown: document.querySelector('header.topbar') !== null,
    earlierDone: window.__accountsRequests.every(r => r.done),
    done: false,
  };
  window.__accountsRequests.push(record);
  const reply = pageFetch.call(this, input, init);
  reply.then(() => { record.done = true; }, () => { record.done = true; });
  return reply;
};"#;

#[tokio::test]
async fn a_returning_customers_dashboard_request_leaves_before_the_shell_renders_and_once()
-> Result<(), HarnessError> {
    let session = AppOptions {
        token_storage: Some("session".into()),
        ..AppOptions::default()
    };
    run_in_browser_with(
        "dashboard_request_before_the_shell",
        &session,
        |browser| async move {
            browser.before_every_document(RECORD_ACCOUNTS_REQUESTS).await?;
            sign_in_at(&browser, "/", "alice").await?;
            browser.wait_for(".account-card[data-account-id]").await?;
            // A returning customer: a new document, the tokens still in sessionStorage.
            browser.open("/").await?;
            browser.wait_for(".account-card[data-account-id]").await?;
            let requests = browser
                .run_script("return window.__accountsRequests;")
                .await?;
            let first_before_shell = requests[0]["shellShown"] == serde_json::Value::Bool(false);
            let never_twice_at_once = requests.as_array().is_some_and(|all| {
                all.iter()
                    .all(|r| r["earlierDone"] == serde_json::Value::Bool(true))
            });
            expect(
                first_before_shell && never_twice_at_once,
                format!(
                    "the dashboard's request leaves before the header renders, and the dashboard joins it \
                     instead of sending a second one: {requests}"
                ),
            )
        },
    )
    .await
}
