//! The transfer screens in the release build against the mock bank: a transfer between own accounts moves
//! both balances, the server's refusal lands next to the amount, a double click and a dropped connection each
//! still make exactly one transfer, and scheduled and pending transfers can be cancelled.

mod support;

use digibank_e2e::{AppOptions, Browser, HarnessError, run_in_browser, run_in_browser_with};
use serde_json::{Value, json};
use support::{api, expect, select, sign_in_at};

/// Fills the new-transfer form between own accounts and presses Continue.
async fn fill_and_continue(
    browser: &Browser,
    from: &str,
    to: &str,
    amount: &str,
) -> Result<(), HarnessError> {
    browser.wait_for_h1("New transfer").await?;
    select(browser, "transfer-from", from).await?;
    select(browser, "transfer-to", to).await?;
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
    Ok(())
}

/// Waits for the confirmation step and clicks Confirm once.
async fn confirm(browser: &Browser) -> Result<(), HarnessError> {
    browser.wait_for(".review h2").await?;
    browser
        .wait_for("button.confirm-transfer")
        .await?
        .click()
        .await?;
    Ok(())
}

/// Waits for the status page and returns the transfer's id (from its path `/transfers/{id}`).
async fn status_page_id(browser: &Browser) -> Result<String, HarnessError> {
    browser.wait_for(".transfer-card[data-transfer-id]").await?;
    let path = browser.run_script("return location.pathname;").await?;
    let id = path
        .as_str()
        .and_then(|p| p.strip_prefix("/transfers/"))
        .unwrap_or_default()
        .to_owned();
    expect(id.starts_with("tr_"), format!("status page path: {path}"))?;
    Ok(id)
}

/// How many transfers alice has, from the API.
async fn transfer_count(browser: &Browser) -> Result<u64, HarnessError> {
    let answer = api(
        browser,
        "GET",
        "/transfers/history?pageSize=100",
        Value::Null,
    )
    .await?;
    answer["body"]["total"]
        .as_u64()
        .ok_or_else(|| HarnessError::Assertion(format!("history answer: {answer}")))
}

/// The monitoring page's row for `POST /transfers` (endpoint, calls, failures, p50, p95), the app's own count.
async fn post_transfer_row(browser: &Browser) -> Result<Value, HarnessError> {
    browser
        .click_link("nav[aria-label='Main']", "Monitoring")
        .await?;
    browser.wait_for_h1("Monitoring").await?;
    browser.wait_for(".monitoring tbody tr").await?;
    let row = browser
        .run_script(
            "const rows = Array.from(document.querySelectorAll('.monitoring tbody tr')) \
               .map(r => Array.from(r.cells).map(c => c.innerText.trim())); \
             return rows.find(r => r[0] === 'POST /transfers') || null;",
        )
        .await?;
    expect(
        !row.is_null(),
        "a POST /transfers row on the monitoring page",
    )?;
    Ok(row)
}

#[tokio::test]
async fn transfer_between_own_accounts_completes_and_moves_both_balances()
-> Result<(), HarnessError> {
    run_in_browser("transfer_completes", |browser| async move {
        sign_in_at(&browser, "/transfers/new", "alice").await?;
        fill_and_continue(&browser, "1", "2", "250.00").await?;
        browser.wait_for_text(".review dd", "$250.00").await?;
        confirm(&browser).await?;
        status_page_id(&browser).await?;
        browser
            .wait_for_text(".transfer-card .badge", "Completed")
            .await?;
        browser
            .click_link("nav[aria-label='Main']", "Dashboard")
            .await?;
        browser.wait_for_h1("Your accounts").await?;
        browser
            .wait_for_text(".account-card[data-account-id='1'] .balance", "$125,180.00")
            .await?;
        browser
            .wait_for_text(".account-card[data-account-id='2'] .balance", "$45,450.00")
            .await
    })
    .await
}

/// The server-only rule used: the daily limit of 150,000.00. 100,000 + 45,000 were sent through the API
/// first, so 10,000 more is within the form's own rules (≤ 100,000, ≤ available) but over the day's limit.
#[tokio::test]
async fn transfer_over_the_daily_limit_shows_the_servers_error_next_to_the_amount()
-> Result<(), HarnessError> {
    run_in_browser("transfer_daily_limit", |browser| async move {
        sign_in_at(&browser, "/transfers/new", "alice").await?;
        for (from, to, amount) in [("1", "2", "100000.00"), ("2", "1", "45000.00")] {
            let body = json!({"fromAccountId": from, "toAccountId": to, "amount": amount,
                "currency": "USD", "description": "set-up"});
            let answer = api(&browser, "POST", "/transfers", body).await?;
            expect(
                answer["status"] == 201,
                format!("set-up transfer: {answer}"),
            )?;
        }
        fill_and_continue(&browser, "1", "2", "10000.00").await?;
        browser
            .wait_for_text(
                "#transfer-amount-error",
                "This would exceed your daily limit of 150000.00",
            )
            .await?;
        let wiring = browser
            .run_script(
                "const i = document.getElementById('transfer-amount'); \
                 return [i.getAttribute('aria-invalid'), i.getAttribute('aria-describedby'), \
                         document.querySelectorAll('.review').length];",
            )
            .await?;
        expect(
            wiring == json!(["true", "transfer-amount-hint transfer-amount-error", 0]),
            format!("amount input wiring / still on the form: {wiring}"),
        )
    })
    .await
}

#[tokio::test]
async fn transfer_confirmed_with_a_double_click_is_sent_once() -> Result<(), HarnessError> {
    run_in_browser("transfer_double_click", |browser| async move {
        sign_in_at(&browser, "/transfers/new", "alice").await?;
        let before = transfer_count(&browser).await?;
        fill_and_continue(&browser, "1", "2", "75.00").await?;
        browser.wait_for("button.confirm-transfer").await?;
        browser
            .run_script("const b = document.querySelector('button.confirm-transfer'); b.click(); b.click();")
            .await?;
        status_page_id(&browser).await?;
        let after = transfer_count(&browser).await?;
        expect(after == before + 1, format!("transfers before {before}, after {after}"))?;
        let row = post_transfer_row(&browser).await?;
        expect(
            row[1] == "1",
            format!("one POST /transfers sent by the app: {row}"),
        )
    })
    .await
}

/// Confirms a 300.00 transfer with `faults` on and checks it happened once and completed; returns the
/// monitoring page's `POST /transfers` row (the attempts the app itself made).
async fn transfer_under_faults(browser: &Browser, faults: Value) -> Result<Value, HarnessError> {
    sign_in_at(browser, "/transfers/new", "alice").await?;
    let before = transfer_count(browser).await?;
    fill_and_continue(browser, "1", "2", "300.00").await?;
    browser.wait_for(".review h2").await?;
    browser.admin().set_faults(faults).await?;
    confirm(browser).await?;
    let id = status_page_id(browser).await?;
    browser
        .wait_for_text(".transfer-card .badge", "Completed")
        .await?;
    browser.admin().set_faults(json!({})).await?;
    let after = transfer_count(browser).await?;
    expect(
        after == before + 1,
        format!("transfers before {before}, after {after} ({id})"),
    )?;
    post_transfer_row(browser).await
}

/// The brief's profile: every fresh commit under /api/transfers loses its connection before any reply (a
/// replayed answer is not dropped). Chromium may resend such a request itself on a reused connection, so
/// whichever layer retries, the key makes it one transfer.
#[tokio::test]
async fn transfer_whose_connection_drops_after_commit_happens_once() -> Result<(), HarnessError> {
    run_in_browser("transfer_drop_after_commit", |browser| async move {
        let faults = json!({"dropAfterCommitRate": 1.0, "pathPrefix": "/api/transfers"});
        let row = transfer_under_faults(&browser, faults).await?;
        eprintln!("POST /transfers seen by the app [endpoint, calls, failures, p50, p95]: {row}");
        Ok(())
    })
    .await
}

/// The drop after the response has begun, which the browser cannot resend: the app's fetch fails, its
/// HTTP retry sends the same Idempotency-Key again and gets the stored 201.
#[tokio::test]
async fn transfer_whose_response_breaks_off_is_retried_by_the_app_once() -> Result<(), HarnessError>
{
    run_in_browser("transfer_drop_after_headers", |browser| async move {
        let faults = json!({"dropAfterCommitRate": 1.0, "dropAfterHeaders": true,
            "pathPrefix": "/api/transfers"});
        let row = transfer_under_faults(&browser, faults).await?;
        expect(
            row[1] == "2" && row[2] == "1",
            format!("one failed attempt, one retry: {row}"),
        )
    })
    .await
}

#[tokio::test]
async fn transfer_scheduled_for_later_can_be_cancelled_from_the_history() -> Result<(), HarnessError>
{
    run_in_browser("transfer_schedule_cancel", |browser| async move {
        sign_in_at(&browser, "/transfers/new", "alice").await?;
        browser.wait_for("#transfer-date").await?;
        browser
            .run_script(
                "const d = document.getElementById('transfer-date'); \
                 d.value = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10); \
                 d.dispatchEvent(new Event('input', { bubbles: true })); \
                 d.dispatchEvent(new Event('change', { bubbles: true }));",
            )
            .await?;
        fill_and_continue(&browser, "2", "1", "120.00").await?;
        browser.wait_for_text(".review dt", "Runs on").await?;
        confirm(&browser).await?;
        let id = status_page_id(&browser).await?;
        browser
            .wait_for_text(".transfer-card .badge", "Scheduled")
            .await?;
        browser
            .click_link("nav[aria-label='Main']", "History")
            .await?;
        browser.wait_for_h1("Transfer history").await?;
        let row = format!("tr[data-transfer-id='{id}']");
        browser
            .wait_for(&format!("{row} button.danger"))
            .await?
            .click()
            .await?;
        let dialog = browser
            .run_script(
                "const d = document.querySelector('[role=dialog]'); \
                 return [d.getAttribute('aria-modal'), \
                         document.getElementById(d.getAttribute('aria-labelledby')).innerText, \
                         d.contains(document.activeElement)];",
            )
            .await?;
        expect(
            dialog == json!(["true", "Cancel this transfer?", true]),
            format!("dialog: {dialog}"),
        )?;
        browser
            .wait_for(".confirm-dialog textarea")
            .await?
            .send_keys("Paid in cash instead")
            .await?;
        browser
            .wait_for(".confirm-dialog .button.danger")
            .await?
            .click()
            .await?;
        browser
            .wait_for_text(&format!("{row} .badge"), "Cancelled")
            .await?;
        let left = browser.texts(".confirm-dialog").await?;
        expect(left.is_empty(), format!("dialog closed: {left:?}"))
    })
    .await
}

#[tokio::test]
async fn transfer_pending_can_be_cancelled_from_its_status_page() -> Result<(), HarnessError> {
    let slow_settlement = AppOptions {
        mock_args: vec!["--settle-delay-ms".into(), "120000".into()],
        ..AppOptions::default()
    };
    run_in_browser_with("transfer_pending_cancel", &slow_settlement, |browser| async move {
        sign_in_at(&browser, "/transfers/new", "alice").await?;
        fill_and_continue(&browser, "1", "2", "40.00").await?;
        confirm(&browser).await?;
        status_page_id(&browser).await?;
        browser.wait_for_text(".transfer-card .badge", "Pending").await?;
        browser
            .wait_for(".transfer-card button.danger")
            .await?
            .click()
            .await?;
        browser.wait_for(".confirm-dialog textarea").await?;
        browser
            .run_script(
                "document.activeElement.dispatchEvent(new KeyboardEvent('keydown', \
                 { key: 'Escape', bubbles: true }));",
            )
            .await?;
        browser.wait_for_text(".transfer-card button.danger", "Cancel transfer").await?;
        let focus = browser
            .run_script("return document.querySelectorAll('.confirm-dialog').length + ':' + document.activeElement.innerText;")
            .await?;
        expect(focus == "0:Cancel transfer", format!("Escape closes, focus back on the opener: {focus}"))?;
        browser.wait_for(".transfer-card button.danger").await?.click().await?;
        browser.wait_for(".confirm-dialog .button.danger").await?.click().await?;
        browser.wait_for_text(".confirm-dialog .field-error", "Please give a reason.").await?;
        browser
            .wait_for(".confirm-dialog textarea")
            .await?
            .send_keys("Wrong amount")
            .await?;
        browser.wait_for(".confirm-dialog .button.danger").await?.click().await?;
        browser.wait_for_text(".transfer-card .badge", "Cancelled").await?;
        browser.wait_for_text(".transfer-reason", "Wrong amount").await
    })
    .await
}
