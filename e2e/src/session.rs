//! One end-to-end test from start to finish: servers up, browser open, body run, artifacts on failure, all down.

use std::panic::resume_unwind;
use std::time::Duration;

use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;

use crate::chromedriver::ChromeDriver;
use crate::{AppOptions, AppServer, Browser, HarnessError, capabilities, failure_artifacts};

/// How long one test body may run.
const TEST_TIMEOUT: Duration = Duration::from_secs(120);

/// Starts the app server, chromedriver and a fresh headless Chromium, runs `test`, saves a screenshot to
/// `e2e/artifacts/<name>.png` if it fails, panics or times out, then stops everything (and re-raises a panic).
pub async fn run_in_browser<F, Fut>(name: &str, test: F) -> Result<(), HarnessError>
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = Result<(), HarnessError>> + Send + 'static,
{
    run_in_browser_with(name, &AppOptions::default(), test).await
}

/// [`run_in_browser`] with the bank and the app set up by `options`.
pub async fn run_in_browser_with<F, Fut>(
    name: &str,
    options: &AppOptions,
    test: F,
) -> Result<(), HarnessError>
where
    F: FnOnce(Browser) -> Fut,
    Fut: Future<Output = Result<(), HarnessError>> + Send + 'static,
{
    let app = AppServer::start_with(options).await?;
    let driver = ChromeDriver::start().await?;
    let profile = tempfile::tempdir().map_err(|source| HarnessError::Io {
        context: "browser profile".into(),
        source,
    })?;
    let client = match open_browser(&driver, profile.path()).await {
        Ok(client) => client,
        Err(error) => {
            driver.stop().await;
            app.stop().await;
            return Err(error);
        }
    };
    let mut body = tokio::spawn(test(Browser::new(
        client.clone(),
        app.url(),
        &app.admin_url(),
    )));
    let outcome = match tokio::time::timeout(TEST_TIMEOUT, &mut body).await {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(join_error)) => Err(join_error),
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
    app.stop().await;
    match outcome {
        Ok(result) => result,
        Err(join_error) if join_error.is_panic() => resume_unwind(join_error.into_panic()),
        Err(join_error) => Err(HarnessError::Assertion(format!(
            "test `{name}` was cancelled: {join_error}"
        ))),
    }
}

/// A WebDriver session with headless Chromium, over plain HTTP to the local chromedriver.
pub(crate) async fn open_browser(
    driver: &ChromeDriver,
    profile: &std::path::Path,
) -> Result<Client, HarnessError> {
    let mut builder = ClientBuilder::new(HttpConnector::new());
    builder.capabilities(capabilities::chromium(profile));
    Ok(builder.connect(&driver.url()).await?)
}

/// Like [`run_in_browser_with`], with two independent browsers (own profiles, own sessions) on the same app
/// server, e.g. the same customer signed in twice. On failure both leave artifacts (`<name>-a`, `<name>-b`).
pub async fn run_in_two_browsers<F, Fut>(
    name: &str,
    options: &AppOptions,
    test: F,
) -> Result<(), HarnessError>
where
    F: FnOnce(Browser, Browser) -> Fut,
    Fut: Future<Output = Result<(), HarnessError>> + Send + 'static,
{
    let app = AppServer::start_with(options).await?;
    let driver = ChromeDriver::start().await?;
    let profiles = (tempfile::tempdir(), tempfile::tempdir());
    let (Ok(profile_a), Ok(profile_b)) = profiles else {
        driver.stop().await;
        app.stop().await;
        return Err(HarnessError::Assertion(
            "cannot create two browser profiles".into(),
        ));
    };
    let clients = match open_browser(&driver, profile_a.path()).await {
        Ok(a) => match open_browser(&driver, profile_b.path()).await {
            Ok(b) => Ok((a, b)),
            Err(error) => {
                let _ = a.close().await;
                Err(error)
            }
        },
        Err(error) => Err(error),
    };
    let (a, b) = match clients {
        Ok(clients) => clients,
        Err(error) => {
            driver.stop().await;
            app.stop().await;
            return Err(error);
        }
    };
    let admin_url = app.admin_url();
    let mut body = tokio::spawn(test(
        Browser::new(a.clone(), app.url(), &admin_url),
        Browser::new(b.clone(), app.url(), &admin_url),
    ));
    let outcome = match tokio::time::timeout(TEST_TIMEOUT, &mut body).await {
        Ok(Ok(result)) => Ok(result),
        Ok(Err(join_error)) => Err(join_error),
        Err(_) => {
            body.abort();
            Ok(Err(HarnessError::Timeout {
                what: format!("test `{name}` to finish"),
                waited: TEST_TIMEOUT,
            }))
        }
    };
    if !matches!(outcome, Ok(Ok(()))) {
        failure_artifacts::save(&a, &format!("{name}-a")).await;
        failure_artifacts::save(&b, &format!("{name}-b")).await;
    }
    let _ = a.close().await;
    let _ = b.close().await;
    driver.stop().await;
    app.stop().await;
    match outcome {
        Ok(result) => result,
        Err(join_error) if join_error.is_panic() => resume_unwind(join_error.into_panic()),
        Err(join_error) => Err(HarnessError::Assertion(format!(
            "test `{name}` was cancelled: {join_error}"
        ))),
    }
}
