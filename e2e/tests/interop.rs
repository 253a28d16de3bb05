//! Interop (issue 5): the release build signs in, renews and signs out against a real, independent OpenID
//! provider — npm `oidc-provider` 8 on loopback (PKCE required, rotating refresh tokens, JWT access tokens for the
//! API audience) — and the mock bank accepts those access tokens, so the dashboard shows alice's real data.

use std::time::Duration;

use digibank_e2e::{Browser, HarnessError, ProviderPort, run_in_browser_with};

/// Lifetime of the provider's access tokens in the sign-in test (no renewal needed).
const LONG_TTL_SECS: u32 = 300;
/// Lifetime of the provider's access tokens in the renewal test.
const SHORT_TTL_SECS: u32 = 5;

#[tokio::test]
async fn sign_in_with_oidc_provider_shows_alices_accounts_and_sign_out_ends_the_session()
-> Result<(), HarnessError> {
    let port = ProviderPort::reserve()?;
    run_in_browser_with(
        "interop_sign_in_and_out",
        &port.app_options(),
        move |browser| async move {
            let _provider = port.start(browser.origin(), LONG_TTL_SECS).await?;
            sign_in_on_provider(&browser, "/", "alice").await?;
            expect_alices_checking_account(&browser).await?;
            browser
                .wait_for(".topbar-end button")
                .await?
                .click()
                .await?;
            browser
                .wait_for("button[name='logout'][value='yes']")
                .await?
                .click()
                .await?;
            browser.wait_for_h1("Sign in").await?;
            browser.open("/transfers/history").await?;
            browser.wait_for_h1("Sign in").await?;
            browser.wait_for_path("/login").await
        },
    )
    .await
}

#[tokio::test]
async fn five_second_tokens_from_oidc_provider_renew_with_rotation() -> Result<(), HarnessError> {
    let port = ProviderPort::reserve()?;
    run_in_browser_with(
        "interop_renewal",
        &port.app_options(),
        move |browser| async move {
            let mut provider = port.start(browser.origin(), SHORT_TTL_SECS).await?;
            sign_in_on_provider(&browser, "/", "alice").await?;
            // Each renewal spends the refresh token the previous one returned: rotation is on, so a reused
            // token would be refused and the second renewal would fail.
            provider
                .wait_for_renewals(2, Duration::from_secs(40))
                .await?;
            browser
                .run_script("window.dispatchEvent(new Event('online'));")
                .await?;
            browser
                .click_link("nav[aria-label='Main']", "History")
                .await?;
            browser.wait_for_path("/transfers/history").await?;
            browser
                .click_link("nav[aria-label='Main']", "Dashboard")
                .await?;
            browser.wait_for_path("/").await?;
            expect_alices_checking_account(&browser).await?;
            let errors = browser.texts(".banner.error").await?;
            if errors.is_empty() {
                Ok(())
            } else {
                Err(HarnessError::Assertion(format!(
                    "after renewals: {errors:?}"
                )))
            }
        },
    )
    .await
}

/// Opens `path` signed out, follows the guard to `/login`, signs in as `user` on oidc-provider's development
/// login form (any password), confirms its consent page, and waits until the app is back on `path`.
async fn sign_in_on_provider(
    browser: &Browser,
    path: &str,
    user: &str,
) -> Result<(), HarnessError> {
    browser.open(path).await?;
    browser.wait_for_h1("Sign in").await?;
    browser
        .wait_for("section.login button")
        .await?
        .click()
        .await?;
    browser
        .wait_for("input[name='login']")
        .await?
        .send_keys(user)
        .await?;
    browser
        .wait_for("input[name='password']")
        .await?
        .send_keys("any password")
        .await?;
    browser
        .wait_for("button[type='submit']")
        .await?
        .click()
        .await?;
    browser
        .wait_for("input[name='prompt'][value='consent']")
        .await?;
    browser
        .wait_for("button[type='submit']")
        .await?
        .click()
        .await?;
    browser.wait_for_path(path).await?;
    browser.wait_for(".user-name").await.map(|_| ())
}

/// The dashboard shows alice's checking account: the bank accepted the provider's JWT for `sub` alice.
async fn expect_alices_checking_account(browser: &Browser) -> Result<(), HarnessError> {
    browser.wait_for(".account-card[data-account-id]").await?;
    let cards = browser.texts(".account-card").await?.join("\n");
    if cards.contains("Checking Account") && cards.contains("$125,430.00") {
        Ok(())
    } else {
        Err(HarnessError::Assertion(format!("checking: {cards}")))
    }
}
