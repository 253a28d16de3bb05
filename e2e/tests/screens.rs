//! The bank's screens in the release build against the mock bank.

mod support;

use digibank_e2e::{HarnessError, run_in_browser};
use support::{expect, sign_in_at};

#[tokio::test]
async fn the_monitoring_page_lists_the_calls_just_made() -> Result<(), HarnessError> {
    run_in_browser("monitoring_lists_calls", |browser| async move {
        sign_in_at(&browser, "/", "alice").await?;
        browser.wait_for(".account-card[data-account-id]").await?;
        browser
            .click_link("nav[aria-label='Main']", "Monitoring")
            .await?;
        browser.wait_for_h1("Monitoring").await?;
        browser.wait_for(".monitoring td code").await?;
        let endpoints = browser
            .texts(".monitoring tbody td:first-child")
            .await?
            .join("\n");
        expect(
            endpoints.contains("GET /accounts"),
            format!("endpoints: {endpoints}"),
        )?;
        let cache = browser.texts(".monitoring td code").await?.join("\n");
        expect(cache.contains("accounts"), format!("cache keys: {cache}"))
    })
    .await
}

#[tokio::test]
async fn a_cold_dashboard_after_sign_in_makes_one_api_request() -> Result<(), HarnessError> {
    run_in_browser("cold_dashboard_requests", |browser| async move {
        sign_in_at(&browser, "/", "alice").await?;
        browser.wait_for(".account-card[data-account-id]").await?;
        browser.wait_until_loaded().await?;
        let requests = browser.api_requests().await?;
        let paths: Vec<&str> = requests
            .iter()
            .map(|r| r.split('?').next().unwrap_or(r))
            .collect();
        expect(
            paths == ["/api/accounts"],
            format!("API requests of a cold dashboard: {requests:?}"),
        )
    })
    .await
}
