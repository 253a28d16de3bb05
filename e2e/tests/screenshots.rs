//! Screenshots of every screen at desktop and 375 px mobile width, saved into docs/screenshots/ for the README.

#[allow(dead_code)] // shared steps; this file needs only `sign_in_at`
mod support;

use digibank_e2e::{Browser, DESKTOP, HarnessError, MOBILE, Viewport, run_in_browser};
use support::sign_in_at;

/// The signed-in screens: file name and path.
const SCREENS: [(&str, &str); 5] = [
    ("dashboard", "/"),
    ("account-detail", "/accounts/1"),
    ("new-transfer", "/transfers/new"),
    ("transfer-history", "/transfers/history"),
    ("monitoring", "/monitoring"),
];

#[tokio::test]
async fn screenshots_of_every_screen_at_desktop_and_mobile_width() -> Result<(), HarnessError> {
    run_in_browser("screenshots", |browser| async move {
        for viewport in [DESKTOP, MOBILE] {
            browser.set_viewport(viewport).await?;
            browser.open("/login").await?;
            browser.wait_for_h1("Sign in").await?;
            browser.save_screenshot("login", viewport).await?;
        }
        sign_in_at(&browser, "/", "alice").await?;
        let status_path = format!("/transfers/{}", make_transfer(&browser).await?);
        for viewport in [DESKTOP, MOBILE] {
            browser.set_viewport(viewport).await?;
            for (name, path) in SCREENS {
                capture(&browser, name, path, viewport).await?;
            }
            capture(&browser, "transfer-status", &status_path, viewport).await?;
        }
        Ok(())
    })
    .await
}

/// Makes a 250.00 transfer from alice's checking to her savings through the API (so the history and status
/// screens have something to show) and returns its id.
async fn make_transfer(browser: &Browser) -> Result<String, HarnessError> {
    let token = browser.admin().mint_token("alice").await?;
    let script = format!(
        "return fetch('/api/transfers', {{ method: 'POST', headers: {{ 'Authorization': 'Bearer {token}', \
           'Content-Type': 'application/json', 'Idempotency-Key': 'screenshots-1' }}, \
           body: JSON.stringify({{ fromAccountId: '1', toAccountId: '2', amount: '250.00', currency: 'USD', \
           description: 'Rainy day fund' }}) }}).then(r => r.json());"
    );
    let created = browser.run_script(&script).await?;
    created["id"]
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| HarnessError::Assertion(format!("transfer not created: {created}")))
}

/// Opens `path` inside the app, waits until it has loaded and saves the screenshot.
async fn capture(
    browser: &Browser,
    name: &str,
    path: &str,
    viewport: Viewport,
) -> Result<(), HarnessError> {
    browser.navigate(path).await?;
    browser.wait_for_single_h1().await?;
    browser.wait_until_loaded().await?;
    browser
        .run_script("window.scrollTo(0, 0); return null;")
        .await?;
    browser.save_screenshot(name, viewport).await
}
