//! Sign-in through the mock bank's development OpenID provider, in the release build: the guard keeps the
//! way back, the dashboard shows real data, a tampered `state` is refused, and sign-out closes every page.

mod support;

use digibank_e2e::{AppOptions, HarnessError, run_in_browser, run_in_browser_with};
use support::{UNBLOCK_DOWNLOADS, block_downloads_of, expect, sign_in_at};

#[tokio::test]
async fn sign_in_lands_on_the_saved_route_and_shows_alices_accounts() -> Result<(), HarnessError> {
    run_in_browser("sign_in_lands_on_the_saved_route", |browser| async move {
        sign_in_at(&browser, "/transfers/history", "alice").await?;
        browser
            .click_link("nav[aria-label='Main']", "Dashboard")
            .await?;
        browser.wait_for_path("/").await?;
        browser.wait_for(".account-card[data-account-id]").await?;
        let cards = browser.texts(".account-card").await?.join("\n");
        expect(
            cards.contains("Checking Account") && cards.contains("$125,430.00"),
            format!("checking: {cards}"),
        )?;
        expect(
            cards.contains("Savings Account") && cards.contains("$45,200.00"),
            format!("savings: {cards}"),
        )
    })
    .await
}

#[tokio::test]
async fn a_tampered_state_is_refused_with_a_clear_message() -> Result<(), HarnessError> {
    run_in_browser("a_tampered_state_is_refused", |browser| async move {
        browser.open("/login").await?;
        browser.wait_for_h1("Sign in").await?;
        browser.open("/callback?code=stolen&state=tampered").await?;
        browser.wait_for_h1("Sign-in failed").await?;
        let message = browser.texts("[role='alert']").await?.join(" ");
        expect(
            message.to_lowercase().contains("sign-in"),
            format!("message: {message}"),
        )?;
        expect(
            !browser
                .run_script("return location.search;")
                .await?
                .to_string()
                .contains("stolen"),
            "the code left the address bar",
        )
    })
    .await
}

#[tokio::test]
async fn after_sign_out_protected_routes_send_you_to_sign_in() -> Result<(), HarnessError> {
    run_in_browser("after_sign_out_protected_routes", |browser| async move {
        sign_in_at(&browser, "/", "bob").await?;
        browser.wait_for(".topbar-end button").await?.click().await?;
        browser.wait_for_h1("Sign in").await?;
        browser.open("/monitoring").await?;
        browser.wait_for_h1("Sign in").await?;
        // The signed-out page may start a new one-time login transaction; no token or user data may remain.
        let stored = browser
            .run_script("return JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)]);")
            .await?
            .to_string();
        let leaked = ["access", "refresh", "id_token", "tokens", "alice", "bob"].iter().any(|w| stored.contains(w));
        expect(!leaked, format!("web storage after sign-out: {stored}"))
    })
    .await
}

/// Options: access tokens that live `ttl` seconds, tokens kept per `storage`.
fn bank(ttl: Option<&str>, storage: Option<&str>) -> AppOptions {
    AppOptions {
        mock_args: ttl
            .map(|ttl| vec!["--access-token-ttl".to_owned(), ttl.to_owned()])
            .unwrap_or_default(),
        token_storage: storage.map(str::to_owned),
        ..AppOptions::default()
    }
}

#[tokio::test]
async fn five_second_tokens_renew_without_interruption() -> Result<(), HarnessError> {
    run_in_browser_with(
        "five_second_tokens_renew",
        &bank(Some("5"), None),
        |browser| async move {
            sign_in_at(&browser, "/", "alice").await?;
            // Four access-token lifetimes of use. Each round the dashboard refetches (the browser's `online` event
            // makes the query cache refetch), so every round calls the API with whatever token is current by then.
            for round in 0..4 {
                tokio::time::sleep(std::time::Duration::from_secs(5)).await;
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
                tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                let heading = browser.wait_for_single_h1().await?;
                expect(
                    heading == "Your accounts",
                    format!("round {round}: the page became {heading:?}"),
                )?;
                let errors = browser.texts(".banner.error").await?;
                expect(errors.is_empty(), format!("round {round}: {errors:?}"))?;
                browser.wait_for(".user-name").await?;
                browser.wait_for(".account-card[data-account-id]").await?;
            }
            Ok(())
        },
    )
    .await
}

#[tokio::test]
async fn a_reload_stays_signed_in_in_memory_mode() -> Result<(), HarnessError> {
    reload_stays_signed_in("reload_memory_mode", None).await
}

#[tokio::test]
async fn a_reload_stays_signed_in_in_cookie_mode() -> Result<(), HarnessError> {
    reload_stays_signed_in("reload_cookie_mode", Some("cookie")).await
}

async fn reload_stays_signed_in(name: &str, storage: Option<&str>) -> Result<(), HarnessError> {
    run_in_browser_with(name, &bank(None, storage), |browser| async move {
        sign_in_at(&browser, "/transfers/history", "alice").await?;
        browser.open("/transfers/history").await?;
        browser.wait_for_path("/transfers/history").await?;
        browser.wait_for(".user-name").await?;
        browser
            .click_link("nav[aria-label='Main']", "Dashboard")
            .await?;
        browser
            .wait_for(".account-card[data-account-id]")
            .await
            .map(|_| ())
    })
    .await
}

/// The chunk holding the sign-in provider code (docs/code-splitting.md).
const PROVIDER_CHUNK: &str = "split_sign_in_provider";

/// What the sign-in page says when the provider (or its code) cannot be reached (AuthError::ProviderUnreachable).
const PROVIDER_UNREACHABLE: &str =
    "The sign-in service could not be reached. Please check your connection and try again.";

#[tokio::test]
async fn sign_in_code_that_cannot_be_downloaded_is_a_network_error_and_a_retry_works()
-> Result<(), HarnessError> {
    run_in_browser(
        "sign_in_code_that_cannot_be_downloaded",
        |browser| async move {
            browser
                .before_every_document(&block_downloads_of(PROVIDER_CHUNK))
                .await?;
            browser.open("/").await?;
            browser.wait_for_h1("Sign in").await?;
            browser.click("section.login button").await?;
            browser
                .wait_for_text("section.login .banner.error", PROVIDER_UNREACHABLE)
                .await?;
            browser.run_script(UNBLOCK_DOWNLOADS).await?;
            browser
                .click("section.login button:not([disabled])")
                .await?;
            browser.wait_for("#username").await.map(|_| ())
        },
    )
    .await
}
