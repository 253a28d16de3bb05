//! Sign-in through the mock bank's development OpenID provider, in the release build: the guard keeps the
//! way back, the dashboard shows real data, a tampered `state` is refused, and sign-out closes every page.

mod support;

use digibank_e2e::{HarnessError, run_in_browser};
use support::{expect, sign_in_at};

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
