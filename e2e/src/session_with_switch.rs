//! [`run_in_browser_with_switch`]: like [`crate::run_in_browser_with`], but the test body also gets the
//! [`ServerSwitch`] to take the bank offline and back.

use std::panic::resume_unwind;
use std::time::Duration;

use crate::chromedriver::ChromeDriver;
use crate::session::open_browser;
use crate::{AppOptions, Browser, HarnessError, ServerSwitch, failure_artifacts};

/// How long one test body may run.
const TEST_TIMEOUT: Duration = Duration::from_secs(120);

/// Starts a switchable app server, chromedriver and a fresh headless Chromium (own profile), runs `test`,
/// saves artifacts on failure and stops everything (re-raising a panic).
pub async fn run_in_browser_with_switch<F, Fut>(
    name: &str,
    options: &AppOptions,
    test: F,
) -> Result<(), HarnessError>
where
    F: FnOnce(Browser, ServerSwitch) -> Fut,
    Fut: Future<Output = Result<(), HarnessError>> + Send + 'static,
{
    let server = ServerSwitch::start_with(options).await?;
    let driver = ChromeDriver::start().await?;
    let profile = tempfile::tempdir().map_err(|source| HarnessError::Io {
        context: "browser profile".into(),
        source,
    })?;
    let client = match open_browser(&driver, profile.path()).await {
        Ok(client) => client,
        Err(error) => {
            driver.stop().await;
            server.stop().await;
            return Err(error);
        }
    };
    let browser = Browser::new(client.clone(), server.url(), &server.admin_url());
    let mut body = tokio::spawn(test(browser, server.clone()));
    let outcome = match tokio::time::timeout(TEST_TIMEOUT, &mut body).await {
        Ok(joined) => joined,
        Err(_) => {
            body.abort();
            Ok(Err(HarnessError::Timeout {
                what: format!("test `{name}` to finish"),
                waited: TEST_TIMEOUT,
            }))
        }
    };
    if !matches!(outcome, Ok(Ok(()))) {
        failure_artifacts::save(&client, name).await;
    }
    let _ = client.close().await;
    driver.stop().await;
    server.stop().await;
    match outcome {
        Ok(result) => result,
        Err(join_error) if join_error.is_panic() => resume_unwind(join_error.into_panic()),
        Err(join_error) => Err(HarnessError::Assertion(format!(
            "test `{name}` was cancelled: {join_error}"
        ))),
    }
}
