//! Screenshots of every screen at desktop and 375 px mobile width, saved into docs/screenshots/ for the README.

mod support;

use digibank_e2e::{Browser, DESKTOP, HarnessError, MOBILE, Viewport, run_in_browser};
use support::{sign_in_at, transfer_by_api};

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
        let token = browser.admin().mint_token("alice").await?;
        let id = transfer_by_api(&browser, &token, "1", "2", "250.00").await?;
        let status_path = format!("/transfers/{id}");
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
