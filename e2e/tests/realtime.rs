//! Live updates end to end: the release app and the mock bank's socket in headless Chromium.
//! The two-browser test makes its transfer through the new-transfer form; the others send transfers over HTTP
//! from the page with a token minted for alice (quicker, and possible while the socket is down).

mod support;

use digibank_e2e::{AppOptions, Browser, HarnessError, run_in_browser_with, run_in_two_browsers};
use serde_json::{Value, json};
use support::{UNBLOCK_DOWNLOADS, block_downloads_of, expect, select, sign_in_at, transfer_by_api};

/// Alice's checking account card on the dashboard.
const CHECKING: &str = "li.account-card[data-account-id='1']";

/// Records, in the page, every change of the checking card's text with its time (epoch ms, sub-ms precision).
const WATCH_CHECKING: &str = r#"
    const text = () => { const c = document.querySelector("li.account-card[data-account-id='1']"); return c ? c.textContent : null; };
    let last = text();
    window.__live = { baseline: performance.now(), changes: [] };
    new MutationObserver(() => {
        const t = text();
        if (t !== null && t !== last) {
            last = t;
            window.__live.changes.push({ text: t, perf: performance.now(), epoch: performance.timeOrigin + performance.now() });
        }
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    return true;
"#;

/// Signs alice in at the dashboard and waits until its socket is connected.
async fn dashboard_live(browser: &Browser) -> Result<(), HarnessError> {
    sign_in_at(browser, "/", "alice").await?;
    browser.wait_for(CHECKING).await?;
    browser.wait_until_loaded().await?;
    browser.wait_for(".live-status.connected").await.map(|_| ())
}

/// Waits until the bank has `count` subscribed sockets (so no event can slip past a subscription).
async fn wait_for_subscribed(browser: &Browser, count: u64) -> Result<(), HarnessError> {
    for _ in 0..300 {
        let status = browser
            .admin()
            .send("GET", "/admin/realtime", &Value::Null)
            .await?;
        if status["subscribedSockets"].as_u64() == Some(count) {
            return Ok(());
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    Err(HarnessError::Assertion(format!(
        "{count} subscribed sockets never showed"
    )))
}

/// Moves `amount` from alice's checking to her savings through the API with a freshly minted token.
async fn transfer_from(browser: &Browser, amount: &str) -> Result<(), HarnessError> {
    let token = browser.admin().mint_token("alice").await?;
    transfer_by_api(browser, &token, "1", "2", amount)
        .await
        .map(|_| ())
}

/// Makes a transfer of `amount` from checking to savings through the new-transfer form, up to its status page.
async fn transfer_in_form(browser: &Browser, amount: &str) -> Result<(), HarnessError> {
    browser.navigate("/transfers/new").await?;
    browser.wait_for_h1("New transfer").await?;
    select(browser, "transfer-from", "1").await?;
    select(browser, "transfer-to", "2").await?;
    browser
        .wait_for("#transfer-amount")
        .await?
        .send_keys(amount)
        .await?;
    browser
        .wait_for(".transfer-form button[type='submit']")
        .await?
        .click()
        .await?;
    browser
        .wait_for("button.confirm-transfer")
        .await?
        .click()
        .await?;
    browser
        .wait_for(".transfer-card[data-transfer-id]")
        .await
        .map(|_| ())
}

/// Start times (page clock, ms) of the `/api/accounts…` requests (list, account, balance) since `after`.
async fn account_requests_since(browser: &Browser, after: f64) -> Result<Vec<f64>, HarnessError> {
    let script = format!(
        "return performance.getEntriesByType('resource')\
         .filter(e => {{ const p = new URL(e.name).pathname; return p.startsWith('/api/accounts') && !p.includes('/transactions'); }})\
         .map(e => e.startTime).filter(t => t > {after});"
    );
    let value = browser.run_script(&script).await?;
    Ok(value
        .as_array()
        .map(|times| times.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default())
}

#[tokio::test]
async fn realtime_a_transfer_in_one_browser_updates_the_other_without_a_request()
-> Result<(), HarnessError> {
    run_in_two_browsers("realtime_two_browsers", &AppOptions::default(), |a, b| async move {
        dashboard_live(&a).await?;
        dashboard_live(&b).await?;
        wait_for_subscribed(&b, 2).await?;
        b.run_script(WATCH_CHECKING).await?;
        let baseline = b.run_script("return window.__live.baseline;").await?.as_f64().unwrap_or(0.0);

        transfer_in_form(&a, "100.00").await?;
        b.wait_until(
            "the hold to show in the other browser",
            "return document.querySelector(\"li.account-card[data-account-id='1']\").textContent.includes('Available $125,330.00');",
        )
        .await?;
        b.wait_until(
            "the settled balance to show in the other browser",
            "return /^\\s*\\$125,330\\.00/.test(document.querySelector(\"li.account-card[data-account-id='1'] .balance\").textContent) \
             && document.querySelector(\"li.account-card[data-account-id='2']\").textContent.includes('$45,300.00');",
        )
        .await?;
        let changes = b.run_script("return window.__live.changes.map(c => c.perf);").await?;
        let last_change = changes
            .as_array()
            .and_then(|c| c.last())
            .and_then(Value::as_f64)
            .unwrap_or(f64::MAX);
        let requests = account_requests_since(&b, baseline).await?;
        let before_update: Vec<f64> = requests.iter().copied().filter(|t| *t < last_change).collect();
        expect(
            before_update.is_empty(),
            format!("the other browser fetched accounts/balances before its dashboard changed: {requests:?} (changes {changes})"),
        )?;
        let toasts = b.texts(".toasts .toast p").await?.join("\n");
        expect(toasts.contains("New transaction:"), format!("toasts: {toasts}"))
    })
    .await
}

#[tokio::test]
async fn realtime_dropped_sockets_reconnect_and_resync() -> Result<(), HarnessError> {
    // Nothing settles during the test: the hold made while the socket was down can only arrive by the resync.
    let options = AppOptions {
        mock_args: vec!["--settle-delay-ms".into(), "600000".into()],
        ..AppOptions::default()
    };
    run_in_browser_with("realtime_drop_resync", &options, |browser| async move {
        dashboard_live(&browser).await?;
        wait_for_subscribed(&browser, 1).await?;
        let token = browser.admin().mint_token("alice").await?;
        let dropped = browser.admin().send("POST", "/admin/realtime/drop", &json!({})).await?;
        expect(dropped == json!({"sockets": 1}), format!("drop answered {dropped}"))?;
        transfer_by_api(&browser, &token, "1", "2", "250.00").await?;
        let status = browser.admin().send("GET", "/admin/realtime", &Value::Null).await?;
        expect(
            status["connectedSockets"] == 0,
            format!("the transfer was made while no socket was connected: {status}"),
        )?;
        browser.wait_for(".live-status.reconnecting").await?;
        browser.wait_for(".live-status.connected").await?;
        browser
            .wait_until(
                "the hold made while disconnected to show",
                "return document.querySelector(\"li.account-card[data-account-id='1']\").textContent.includes('Available $125,180.00');",
            )
            .await
    })
    .await
}

#[tokio::test]
async fn realtime_an_admin_alert_shows_a_dismissible_banner() -> Result<(), HarnessError> {
    run_in_browser_with(
        "realtime_alert_banner",
        &AppOptions::default(),
        |browser| async move {
            dashboard_live(&browser).await?;
            let label = browser
                .texts(".live-status .visually-hidden")
                .await?
                .join("");
            expect(
                label == "Live updates: connected",
                format!("status label: {label}"),
            )?;
            let sent = browser
                .admin()
                .send(
                    "POST",
                    "/admin/realtime/alert",
                    &json!({"level": "critical", "message": "Card payments are delayed"}),
                )
                .await?;
            expect(
                sent == json!({"sockets": 1}),
                format!("alert answered {sent}"),
            )?;
            browser
                .wait_for(".system-alert.critical[role='alert']")
                .await?;
            let text = browser.texts(".system-alert p").await?.join("\n");
            expect(
                text == "Card payments are delayed",
                format!("banner: {text}"),
            )?;
            browser
                .admin()
                .send(
                    "POST",
                    "/admin/realtime/alert",
                    &json!({"level": "info", "message": "New feature"}),
                )
                .await?;
            browser
                .wait_for(".system-alert.info[role='status']")
                .await?;
            browser
                .wait_for(".system-alert.critical button[aria-label='Dismiss alert']")
                .await?
                .click()
                .await?;
            browser
                .wait_until(
                    "the critical banner to go",
                    "return document.querySelectorAll('.system-alert.critical').length === 0;",
                )
                .await?;
            expect(
                browser.texts(".system-alert p").await? == ["New feature"],
                "the info banner stays",
            )
        },
    )
    .await
}

/// Not a timed assertion: measures server emit → DOM change for 20 holds and prints median and p95
/// (docs/realtime.md). Transfers never settle here, so each one produces exactly one `balance:update`.
#[tokio::test]
async fn realtime_measure_emit_to_dom_latency() -> Result<(), HarnessError> {
    const SAMPLES: usize = 20;
    let options = AppOptions {
        mock_args: vec!["--settle-delay-ms".into(), "600000".into()],
        ..AppOptions::default()
    };
    run_in_browser_with("realtime_measure", &options, |browser| async move {
        dashboard_live(&browser).await?;
        wait_for_subscribed(&browser, 1).await?;
        browser.run_script(WATCH_CHECKING).await?;
        for n in 1..=SAMPLES {
            transfer_from(&browser, "1.00").await?;
            browser
                .wait_until(
                    "the hold to show",
                    &format!("return window.__live.changes.length >= {n};"),
                )
                .await?;
        }
        let changes = browser.run_script("return window.__live.changes.map(c => c.epoch);").await?;
        let status = browser.admin().send("GET", "/admin/realtime", &Value::Null).await?;
        let emitted: Vec<f64> = status["recentEmits"]
            .as_array()
            .map(|e| e.iter().filter_map(|r| r["emittedAt"].as_f64()).collect())
            .unwrap_or_default();
        let shown: Vec<f64> = changes
            .as_array()
            .map(|c| c.iter().filter_map(Value::as_f64).collect())
            .unwrap_or_default();
        expect(
            emitted.len() == SAMPLES && shown.len() == SAMPLES,
            format!("{} emits and {} DOM changes for {SAMPLES} transfers", emitted.len(), shown.len()),
        )?;
        let mut latencies: Vec<f64> = shown.iter().zip(&emitted).map(|(dom, emit)| dom - emit).collect();
        latencies.sort_by(f64::total_cmp);
        let median = (latencies[SAMPLES / 2 - 1] + latencies[SAMPLES / 2]) / 2.0;
        let p95 = latencies[(SAMPLES * 95).div_ceil(100) - 1];
        println!(
            "realtime emit → DOM over {SAMPLES} samples: median {median:.1} ms, p95 {p95:.1} ms, min {:.1} ms, max {:.1} ms; all: {latencies:.1?}",
            latencies[0],
            latencies[SAMPLES - 1]
        );
        Ok(())
    })
    .await
}

#[tokio::test]
async fn live_updates_whose_code_cannot_be_downloaded_show_offline_and_connect_on_the_retry()
-> Result<(), HarnessError> {
    run_in_browser_with(
        "realtime_chunk_retry",
        &AppOptions::default(),
        |browser| async move {
            browser
                .before_every_document(&block_downloads_of("split_realtime"))
                .await?;
            sign_in_at(&browser, "/", "alice").await?;
            browser.wait_for(CHECKING).await?;
            browser.wait_for(".live-status.offline").await?;
            browser.run_script(UNBLOCK_DOWNLOADS).await?;
            // The download is tried again 30 s after it failed (CHUNK_RETRY in src/app/live_updates.rs); one wait
            // of the harness lasts 15 s.
            let mut waited = browser.wait_for(".live-status.connected").await;
            for _ in 0..2 {
                if waited.is_ok() {
                    break;
                }
                waited = browser.wait_for(".live-status.connected").await;
            }
            waited.map(|_| ())
        },
    )
    .await
}
