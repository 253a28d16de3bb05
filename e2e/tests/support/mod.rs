//! Steps shared by the end-to-end tests.
// Every test file compiles this module and uses a part of it.
#![allow(dead_code)]

use digibank_e2e::{Browser, HarnessError};
use serde_json::Value;

/// Password of every demo user of the mock bank's OpenID provider.
pub const DEMO_PASSWORD: &str = "demo";

/// Opens `path` signed out, follows the guard to `/login`, signs in as `user` on the development provider's
/// form, and waits until the app is back on `path`.
pub async fn sign_in_at(browser: &Browser, path: &str, user: &str) -> Result<(), HarnessError> {
    browser.open(path).await?;
    browser.wait_for_h1("Sign in").await?;
    browser
        .wait_for("section.login button")
        .await?
        .click()
        .await?;
    browser.wait_for("#username").await?.send_keys(user).await?;
    browser
        .wait_for("#password")
        .await?
        .send_keys(DEMO_PASSWORD)
        .await?;
    browser
        .wait_for("button[value='allow']")
        .await?
        .click()
        .await?;
    browser.wait_for_path(path).await?;
    browser.wait_for(".user-name").await.map(|_| ())
}

/// Fails the test with `message` unless `condition` holds.
pub fn expect(condition: bool, message: impl Into<String>) -> Result<(), HarnessError> {
    if condition {
        Ok(())
    } else {
        Err(HarnessError::Assertion(message.into()))
    }
}

/// Selects `value` in the `<select id=id>` once that option exists, as the customer would (a change event).
pub async fn select(browser: &Browser, id: &str, value: &str) -> Result<(), HarnessError> {
    browser
        .wait_for(&format!("#{id} option[value='{value}']"))
        .await?;
    let script = format!(
        "const s = document.getElementById('{id}'); s.value = '{value}'; \
         s.dispatchEvent(new Event('change', {{ bubbles: true }}));"
    );
    browser.run_script(&script).await.map(|_| ())
}

/// Calls the bank's API from the page with an access token minted for alice: `{status, body}`.
pub async fn api(
    browser: &Browser,
    method: &str,
    path: &str,
    body: Value,
) -> Result<Value, HarnessError> {
    let token = browser.admin().mint_token("alice").await?;
    api_with_token(browser, &token, method, path, body).await
}

/// [`api`] with a given access token (a fresh idempotency key per call; `body` unused for `GET`).
pub async fn api_with_token(
    browser: &Browser,
    token: &str,
    method: &str,
    path: &str,
    body: Value,
) -> Result<Value, HarnessError> {
    let script = format!(
        "return fetch('/api{path}', {{ method: '{method}', headers: {{ \
           'Authorization': 'Bearer {token}', 'Content-Type': 'application/json', \
           'Idempotency-Key': crypto.randomUUID() }}, \
           body: {body} }}).then(async r => ({{ status: r.status, body: await r.json() }}));",
        body = if method == "GET" {
            "undefined".to_owned()
        } else {
            format!("JSON.stringify({body})")
        },
    );
    browser.run_script(&script).await
}

/// Moves `amount` (e.g. `"250.00"`) between two of alice's accounts through the API; returns the transfer's id.
pub async fn transfer_by_api(
    browser: &Browser,
    token: &str,
    from: &str,
    to: &str,
    amount: &str,
) -> Result<String, HarnessError> {
    let body = serde_json::json!({"fromAccountId": from, "toAccountId": to, "amount": amount, "currency": "USD"});
    let answer = api_with_token(browser, token, "POST", "/transfers", body).await?;
    expect(
        answer["status"] == 201,
        format!("POST /api/transfers answered {answer}"),
    )?;
    Ok(answer["body"]["id"].as_str().unwrap_or_default().to_owned())
}

/// A script that makes every page download whose URL contains `part` fail as if the network dropped for it, while
/// `window.__e2eBlocked` is true: from the start of every document (`Browser::before_every_document`) or on the
/// current page (`Browser::run_script`). [`UNBLOCK_DOWNLOADS`] lets them through again.
pub fn block_downloads_of(part: &str) -> String {
    format!(
        r#"window.__e2eBlocked = true;
const pageFetch = window.fetch;
window.fetch = (input, init) => window.__e2eBlocked
  && String(input instanceof Request ? input.url : input).includes({part:?})
  ? Promise.reject(new TypeError('Failed to fetch')) : pageFetch(input, init);"#
    )
}

/// Ends the blocking of [`block_downloads_of`] on the current page.
pub const UNBLOCK_DOWNLOADS: &str = "window.__e2eBlocked = false;";
