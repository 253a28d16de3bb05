//! The account detail screen in the release build against the mock bank: header and balances, paging,
//! debounced search (one request per typed word), filters kept in the URL, rename (kept, and rolled back when
//! the bank fails), closing refused while money is left, and closing an emptied account.

mod support;

use std::time::{Duration, Instant};

use digibank_e2e::{Browser, HarnessError, run_in_browser};
use serde_json::{Value, json};
use support::{api_with_token, expect, sign_in_at, transfer_by_api};

/// Longest a page condition is polled for.
const WAIT: Duration = Duration::from_secs(15);
/// Rows of the transactions table.
const ROWS: &str = ".transactions-table tbody tr[data-transaction-id]";

#[tokio::test]
async fn accounts_header_shows_name_number_and_balances() -> Result<(), HarnessError> {
    run_in_browser("accounts_header", |browser| async move {
        sign_in_at(&browser, "/", "alice").await?;
        browser
            .click_link(".account-list", "Checking Account")
            .await?;
        browser.wait_for_path("/accounts/1").await?;
        browser.wait_for_h1("Checking Account").await?;
        browser
            .wait_for_text_containing(".balance-amount", "$125,430.00")
            .await?;
        let summary = browser.texts(".account-summary").await?.join(" ");
        expect(
            summary.contains("Checking")
                && summary.contains("4821")
                && summary.contains("Available"),
            format!("summary: {summary}"),
        )?;
        let focused = browser
            .run_script("return document.activeElement.tagName;")
            .await?;
        expect(
            focused == json!("H1"),
            format!("focus after navigation: {focused}"),
        )?;
        // Bob's account, asked for by alice: a clear message and a way back, no retry loop.
        browser.open("/accounts/4").await?;
        browser.wait_for_h1("Account not found").await?;
        browser
            .wait_for_text_containing("[role='alert']", "could not find this account")
            .await?;
        browser
            .wait_for(".banner.error a[href='/']")
            .await
            .map(|_| ())
    })
    .await
}

#[tokio::test]
async fn accounts_transactions_page_forward_and_back_newest_first() -> Result<(), HarnessError> {
    run_in_browser("accounts_paging", |browser| async move {
        sign_in_at(&browser, "/accounts/1", "alice").await?;
        browser.wait_for(ROWS).await?;
        let first = row_ids(&browser).await?;
        let times = booking_times(&browser).await?;
        let mut sorted = times.clone();
        sorted.sort_by(|a, b| b.cmp(a));
        expect(times == sorted, format!("newest first: {times:?}"))?;
        click_button(&browser, "nav.pager", "Next").await?;
        let before = first.clone();
        wait_until(&browser, "page 2 in the URL and new rows", move |b| {
            let before = before.clone();
            async move {
                let search = location_search(&b).await?;
                let ids = row_ids(&b).await?;
                Ok(search.contains("page=2") && !ids.is_empty() && ids != before)
            }
        })
        .await?;
        let position = browser.texts(".pager-position").await?.join("");
        expect(
            position.starts_with("Page 2 of "),
            format!("pager: {position}"),
        )?;
        let second = row_ids(&browser).await?;
        expect(
            second.iter().all(|id| !first.contains(id)),
            "page 2 repeats rows of page 1",
        )?;
        click_button(&browser, "nav.pager", "Previous").await?;
        let again = first.clone();
        wait_until(&browser, "page 1 again", move |b| {
            let again = again.clone();
            async move { Ok(row_ids(&b).await? == again) }
        })
        .await
    })
    .await
}

#[tokio::test]
async fn accounts_search_typed_quickly_sends_one_request() -> Result<(), HarnessError> {
    run_in_browser("accounts_search_one_request", |browser| async move {
        sign_in_at(&browser, "/accounts/1", "alice").await?;
        browser.wait_for(ROWS).await?;
        browser
            .wait_for("#tx-search")
            .await?
            .send_keys("coffee")
            .await?;
        wait_until(&browser, "coffee results", |b| async move {
            let rows = b.texts(ROWS).await?;
            let search = location_search(&b).await?;
            let all_coffee =
                !rows.is_empty() && rows.iter().all(|r| r.to_lowercase().contains("coffee"));
            Ok(search.contains("q=coffee") && all_coffee)
        })
        .await?;
        let searches = transaction_requests_with_search(&browser).await?;
        expect(
            searches.len() == 1 && searches[0].contains("q=coffee"),
            format!("requests carrying a search term: {searches:?}"),
        )
    })
    .await
}

#[tokio::test]
async fn accounts_filters_in_the_url_survive_a_reload() -> Result<(), HarnessError> {
    run_in_browser("accounts_filters_reload", |browser| async move {
        sign_in_at(&browser, "/accounts/1", "alice").await?;
        browser.wait_for(ROWS).await?;
        browser
            .wait_for("#tx-type")
            .await?
            .select_by_value("deposit")
            .await?;
        wait_until(&browser, "deposits only", |b| async move {
            Ok(location_search(&b).await?.contains("type=deposit")
                && only_kind(&b, "deposit").await?)
        })
        .await?;
        click_button(&browser, "nav.pager", "Next").await?;
        wait_until(&browser, "page 2 of deposits", |b| async move {
            Ok(location_search(&b).await?.contains("page=2"))
        })
        .await?;
        let search = location_search(&browser).await?;
        browser.open(&format!("/accounts/1{search}")).await?;
        browser.wait_for_h1("Checking Account").await?;
        browser.wait_for(ROWS).await?;
        wait_until(&browser, "the filters restored", |b| async move {
            let kind = b
                .run_script("return document.getElementById('tx-type').value;")
                .await?;
            let position = b.texts(".pager-position").await?.join("");
            Ok(kind == json!("deposit")
                && position.starts_with("Page 2 of ")
                && only_kind(&b, "deposit").await?)
        })
        .await?;
        // A shared link with nonsense in it: the valid filter applies, the rest is ignored.
        browser
            .open("/accounts/1?type=card&from=2026-02-30&page=abc")
            .await?;
        browser.wait_for(ROWS).await?;
        wait_until(&browser, "card rows on page 1", |b| async move {
            let position = b.texts(".pager-position").await?.join("");
            Ok(position.starts_with("Page 1 of ") && only_kind(&b, "card").await?)
        })
        .await?;
        let errors = browser.texts(".banner.error").await?;
        expect(errors.is_empty(), format!("errors: {errors:?}"))
    })
    .await
}

#[tokio::test]
async fn accounts_rename_shows_at_once_and_is_kept_after_a_reload() -> Result<(), HarnessError> {
    run_in_browser("accounts_rename", |browser| async move {
        sign_in_at(&browser, "/accounts/1", "alice").await?;
        browser.wait_for_h1("Checking Account").await?;
        click_button(&browser, ".account-actions", "Rename").await?;
        let input = browser.wait_for("#account-name").await?;
        input.clear().await?;
        input.send_keys("Bills <2026>").await?;
        browser
            .wait_for_text_containing("#account-name-error", "may not contain '<'")
            .await?;
        input.clear().await?;
        input.send_keys("Bills & Rent").await?;
        click_button(&browser, ".rename-form", "Save name").await?;
        browser.wait_for_h1("Bills & Rent").await?;
        browser.open("/accounts/1").await?;
        browser.wait_for_h1("Bills & Rent").await
    })
    .await
}

#[tokio::test]
async fn accounts_rename_failed_at_the_bank_rolls_back() -> Result<(), HarnessError> {
    run_in_browser("accounts_rename_rollback", |browser| async move {
        sign_in_at(&browser, "/accounts/1", "alice").await?;
        browser.wait_for_h1("Checking Account").await?;
        click_button(&browser, ".account-actions", "Rename").await?;
        let input = browser.wait_for("#account-name").await?;
        input.clear().await?;
        input.send_keys("Holiday Fund").await?;
        browser
            .admin()
            .set_faults(json!({ "error500Rate": 1.0, "pathPrefix": "/api/accounts" }))
            .await?;
        click_button(&browser, ".rename-form", "Save name").await?;
        let error = browser.wait_for_text_containing("#account-name-error", "").await?;
        browser.admin().set_faults(json!({})).await?;
        browser.wait_for_h1("Checking Account").await?;
        let state = browser
            .run_script(
                "const i = document.getElementById('account-name'); \
                 return [i.value, i.getAttribute('aria-invalid'), i.getAttribute('aria-describedby')];",
            )
            .await?;
        expect(
            state[0] == json!("Holiday Fund")
                && state[1] == json!("true")
                && state[2].as_str().is_some_and(|d| d.contains("account-name-error")),
            format!("input after the refusal: {state}; error: {error}"),
        )
    })
    .await
}

#[tokio::test]
async fn accounts_close_is_refused_while_money_is_left() -> Result<(), HarnessError> {
    run_in_browser("accounts_close_refused", |browser| async move {
        sign_in_at(&browser, "/accounts/1", "alice").await?;
        browser.wait_for_h1("Checking Account").await?;
        click_button(&browser, ".account-actions", "Close account").await?;
        browser
            .wait_for("[role='dialog'][aria-modal='true']")
            .await?;
        wait_until(&browser, "focus on the reason field", |b| async move {
            Ok(b.run_script("return document.activeElement.tagName;")
                .await?
                == json!("TEXTAREA"))
        })
        .await?;
        browser
            .wait_for("[role='dialog'] textarea")
            .await?
            .send_keys("Moving banks")
            .await?;
        click_button(&browser, "[role='dialog']", "Close account").await?;
        let message = browser
            .wait_for_text_containing("[role='dialog'] [role='alert']", "balance")
            .await?;
        expect(
            message.contains("125430.00") || message.contains("125,430.00"),
            format!("refusal: {message}"),
        )?;
        browser.wait_for_path("/accounts/1").await?;
        let summary = browser.texts(".account-summary").await?.join(" ");
        expect(
            !summary.contains("Closed"),
            format!("still open: {summary}"),
        )
    })
    .await
}

#[tokio::test]
async fn accounts_close_with_a_zero_balance_returns_to_the_dashboard() -> Result<(), HarnessError> {
    run_in_browser("accounts_close_done", |browser| async move {
        sign_in_at(&browser, "/accounts/2", "alice").await?;
        browser.wait_for_h1("Savings Account").await?;
        let token = browser.admin().mint_token("alice").await?;
        empty_savings_into_checking(&browser, &token).await?;
        browser.open("/accounts/2").await?;
        browser
            .wait_for_text_containing(".balance-amount", "$0.00")
            .await?;
        click_button(&browser, ".account-actions", "Close account").await?;
        browser
            .wait_for("[role='dialog'] textarea")
            .await?
            .send_keys("Consolidating my savings")
            .await?;
        click_button(&browser, "[role='dialog']", "Close account").await?;
        browser.wait_for_path("/").await?;
        browser.wait_for_h1("Your accounts").await?;
        browser
            .wait_for_text_containing(".toast", "“Savings Account” is closed.")
            .await?;
        browser
            .wait_for_text_containing(".account-card[data-account-id='2']", "Closed")
            .await
            .map(|_| ())
    })
    .await
}

/// Moves Savings' whole balance (45,200.00) to Checking through the API with `token`, and waits until it settled.
async fn empty_savings_into_checking(browser: &Browser, token: &str) -> Result<(), HarnessError> {
    transfer_by_api(browser, token, "2", "1", "45200.00").await?;
    let token = token.to_owned();
    wait_until(browser, "the transfer to settle", move |b| {
        let token = token.clone();
        async move {
            let answer =
                api_with_token(&b, &token, "GET", "/accounts/2/balance", Value::Null).await?;
            Ok(answer["body"]["balance"] == "0.00")
        }
    })
    .await
}

/// Polls `condition` until it holds, for at most [`WAIT`].
async fn wait_until<F, Fut>(browser: &Browser, what: &str, condition: F) -> Result<(), HarnessError>
where
    F: Fn(Browser) -> Fut,
    Fut: Future<Output = Result<bool, HarnessError>>,
{
    let deadline = Instant::now() + WAIT;
    while !condition(browser.clone()).await? {
        if Instant::now() > deadline {
            return Err(HarnessError::Timeout {
                what: what.to_owned(),
                waited: WAIT,
            });
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Ok(())
}

/// Clicks the enabled button inside `scope_css` whose text is exactly `text`, once there is one.
async fn click_button(browser: &Browser, scope_css: &str, text: &str) -> Result<(), HarnessError> {
    let script = format!(
        "const b = Array.from(document.querySelectorAll({scope} + ' button')) \
           .find(b => b.innerText.trim() === {text} && !b.disabled); \
         if (b) {{ b.click(); return true; }} return false;",
        scope = json!(scope_css),
        text = json!(text),
    );
    wait_until(
        browser,
        &format!("a button {text:?} in `{scope_css}`"),
        move |b| {
            let script = script.clone();
            async move { Ok(b.run_script(&script).await? == json!(true)) }
        },
    )
    .await
}

/// `location.search` of the page.
async fn location_search(browser: &Browser) -> Result<String, HarnessError> {
    let value = browser.run_script("return location.search;").await?;
    Ok(value.as_str().unwrap_or_default().to_owned())
}

/// The ids of the rows shown.
async fn row_ids(browser: &Browser) -> Result<Vec<String>, HarnessError> {
    strings(browser, "return Array.from(document.querySelectorAll('.transactions-table tbody tr')).map(r => r.dataset.transactionId);").await
}

/// The booking times of the rows shown, as the bank sent them.
async fn booking_times(browser: &Browser) -> Result<Vec<String>, HarnessError> {
    strings(browser, "return Array.from(document.querySelectorAll('.transactions-table tbody time')).map(t => t.getAttribute('datetime'));").await
}

/// True when rows are shown and every one is of `kind`.
async fn only_kind(browser: &Browser, kind: &str) -> Result<bool, HarnessError> {
    let kinds = strings(browser, "return Array.from(document.querySelectorAll('.transactions-table tbody tr td:nth-child(3)')).map(c => c.innerText.trim());").await?;
    Ok(!kinds.is_empty() && kinds.iter().all(|k| k == kind))
}

/// The transaction requests the page made whose query carried a search term (resource timing entries).
async fn transaction_requests_with_search(browser: &Browser) -> Result<Vec<String>, HarnessError> {
    strings(
        browser,
        "return performance.getEntriesByType('resource').map(e => e.name) \
           .filter(n => n.includes('/transactions?') && /[?&]q=/.test(n));",
    )
    .await
}

/// The strings a script returns as an array.
async fn strings(browser: &Browser, script: &str) -> Result<Vec<String>, HarnessError> {
    let value = browser.run_script(script).await?;
    Ok(value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default())
}
