//! The app shell in the release build: it loads, the main navigation moves between routes without reloading the
//! page, and an unknown path renders the 404 page.

mod support;

use digibank_e2e::{Browser, HarnessError, run_in_browser};
use support::{expect, sign_in_at};

/// The main navigation (contract with the shell: `<nav aria-label="Main">`).
const MAIN_NAV: &str = "nav[aria-label='Main']";

#[tokio::test]
async fn shell_loads_navigates_and_shows_not_found() -> Result<(), HarnessError> {
    run_in_browser(
        "shell_loads_navigates_and_shows_not_found",
        |browser| async move {
            sign_in_at(&browser, "/", "alice").await?;
            browser.wait_for(MAIN_NAV).await?;
            browser.wait_for_single_h1().await?;
            mark_page(&browser).await?;
            for (link, path) in [
                ("New transfer", "/transfers/new"),
                ("History", "/transfers/history"),
                ("Monitoring", "/monitoring"),
                ("Dashboard", "/"),
            ] {
                browser.click_link(MAIN_NAV, link).await?;
                browser.wait_for_path(path).await?;
                let heading = browser.wait_for_single_h1().await?;
                expect(
                    heading != "Page not found",
                    format!("the {link} link led to the 404 page"),
                )?;
            }
            expect(
                page_is_marked(&browser).await?,
                "a nav link reloaded the page instead of routing in the app",
            )?;
            browser.open("/no/such/page").await?;
            browser.wait_for("#app").await?;
            browser.wait_for_h1("Page not found").await
        },
    )
    .await
}

/// Leaves a mark on `window`; it survives client-side navigation but not a page load.
async fn mark_page(browser: &Browser) -> Result<(), HarnessError> {
    browser
        .run_script("window.__e2eMark = true;")
        .await
        .map(|_| ())
}

async fn page_is_marked(browser: &Browser) -> Result<bool, HarnessError> {
    Ok(browser
        .run_script("return window.__e2eMark === true;")
        .await?
        == serde_json::Value::Bool(true))
}
