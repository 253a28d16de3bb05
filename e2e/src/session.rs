//! One end-to-end test from start to finish: servers up, browsers open, body run, artifacts on failure, all down.

use std::panic::resume_unwind;
use std::time::Duration;

use digibank_mock::AppState;
use fantoccini::{Client, ClientBuilder};
use hyper_util::client::legacy::connect::HttpConnector;
use tempfile::TempDir;

use crate::chromedriver::ChromeDriver;
use crate::csp_reports::CspReportWatch;
use crate::{
    AppOptions, AppServer, Browser, HarnessError, ServerSwitch, capabilities, failure_artifacts,
};

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
    run_session(name, app, |[browser]| test(browser)).await
}

/// Like [`run_in_browser_with`], with two independent browsers (own profiles, own sessions) on the same app
/// server, e.g. the same customer signed in twice. On failure both leave artifacts (`<name>-1`, `<name>-2`).
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
    run_session(name, app, |[a, b]| test(a, b)).await
}

/// Like [`run_in_browser_with`], but the test body also gets the [`ServerSwitch`] to take the bank offline
/// and back.
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
    let switch = server.clone();
    run_session(name, server, |[browser]| test(browser, switch)).await
}

/// A server a session runs against and stops at its end.
pub(crate) trait SessionServer {
    /// The origin of app and API.
    fn url(&self) -> String;
    /// The admin listener's URL.
    fn admin_url(&self) -> String;
    /// The bank's state (its reports, for the harness).
    fn app_state(&self) -> impl Future<Output = AppState> + Send;
    /// Stops every listener.
    fn shut_down(self) -> impl Future<Output = ()> + Send;
}

impl SessionServer for AppServer {
    fn url(&self) -> String {
        AppServer::url(self)
    }
    fn admin_url(&self) -> String {
        AppServer::admin_url(self)
    }
    async fn app_state(&self) -> AppState {
        AppServer::app_state(self).clone()
    }
    async fn shut_down(self) {
        self.stop().await;
    }
}

impl SessionServer for ServerSwitch {
    fn url(&self) -> String {
        ServerSwitch::url(self)
    }
    fn admin_url(&self) -> String {
        ServerSwitch::admin_url(self)
    }
    async fn app_state(&self) -> AppState {
        ServerSwitch::app_state(self).await
    }
    async fn shut_down(self) {
        self.stop().await;
    }
}

/// The common run: chromedriver and `N` browsers (own profiles) on `server`, `test` given their [`Browser`]s
/// under [`TEST_TIMEOUT`], a failure if a policy violation was reported that the test did not take, artifacts
/// of every browser on failure, then everything stopped (a panic re-raised).
async fn run_session<S, const N: usize, F, Fut>(
    name: &str,
    server: S,
    test: F,
) -> Result<(), HarnessError>
where
    S: SessionServer,
    F: FnOnce([Browser; N]) -> Fut,
    Fut: Future<Output = Result<(), HarnessError>> + Send + 'static,
{
    let driver = match ChromeDriver::start().await {
        Ok(driver) => driver,
        Err(error) => {
            server.shut_down().await;
            return Err(error);
        }
    };
    let (clients, _profiles) = match open_browsers::<N>(&driver).await {
        Ok(opened) => opened,
        Err(error) => {
            driver.stop().await;
            server.shut_down().await;
            return Err(error);
        }
    };
    let (url, admin_url) = (server.url(), server.admin_url());
    let reports = CspReportWatch::new(server.app_state().await);
    let browsers = clients
        .clone()
        .map(|client| Browser::new(client, url.clone(), &admin_url, reports.clone()));
    let mut outcome = run_body(name, test(browsers)).await;
    if matches!(outcome, Ok(Ok(()))) {
        outcome = Ok(reports.check_none_left().await);
    }
    if !matches!(outcome, Ok(Ok(()))) {
        for (i, client) in clients.iter().enumerate() {
            let label = if N == 1 {
                name.to_owned()
            } else {
                format!("{name}-{}", i + 1)
            };
            failure_artifacts::save(client, &label).await;
        }
    }
    for client in clients {
        let _ = client.close().await;
    }
    driver.stop().await;
    server.shut_down().await;
    match outcome {
        Ok(result) => result,
        Err(join_error) if join_error.is_panic() => resume_unwind(join_error.into_panic()),
        Err(join_error) => Err(HarnessError::Assertion(format!(
            "test `{name}` was cancelled: {join_error}"
        ))),
    }
}

/// Runs the test body as its own task, at most [`TEST_TIMEOUT`].
async fn run_body<Fut>(
    name: &str,
    body: Fut,
) -> Result<Result<(), HarnessError>, tokio::task::JoinError>
where
    Fut: Future<Output = Result<(), HarnessError>> + Send + 'static,
{
    let mut task = tokio::spawn(body);
    match tokio::time::timeout(TEST_TIMEOUT, &mut task).await {
        Ok(joined) => joined,
        Err(_) => {
            task.abort();
            Ok(Err(HarnessError::Timeout {
                what: format!("test `{name}` to finish"),
                waited: TEST_TIMEOUT,
            }))
        }
    }
}

/// `N` browser sessions, each with its own fresh profile folder (kept alive by the returned folders); the
/// sessions opened before a failure are closed again.
async fn open_browsers<const N: usize>(
    driver: &ChromeDriver,
) -> Result<([Client; N], Vec<TempDir>), HarnessError> {
    let mut clients = Vec::with_capacity(N);
    let mut profiles = Vec::with_capacity(N);
    for _ in 0..N {
        let opened = match tempfile::tempdir() {
            Ok(profile) => open_browser(driver, profile.path())
                .await
                .map(|client| (client, profile)),
            Err(source) => Err(HarnessError::Io {
                context: "browser profile".into(),
                source,
            }),
        };
        match opened {
            Ok((client, profile)) => {
                clients.push(client);
                profiles.push(profile);
            }
            Err(error) => {
                for client in clients {
                    let _ = client.close().await;
                }
                return Err(error);
            }
        }
    }
    let clients = <[Client; N]>::try_from(clients)
        .map_err(|_| HarnessError::Assertion(format!("expected {N} browser sessions")))?;
    Ok((clients, profiles))
}

/// A WebDriver session with headless Chromium, over plain HTTP to the local chromedriver.
async fn open_browser(
    driver: &ChromeDriver,
    profile: &std::path::Path,
) -> Result<Client, HarnessError> {
    let mut builder = ClientBuilder::new(HttpConnector::new());
    builder.capabilities(capabilities::chromium(profile));
    Ok(builder.connect(&driver.url()).await?)
}
