//! Steps shared by the end-to-end tests.

use digibank_e2e::{Browser, HarnessError};

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
