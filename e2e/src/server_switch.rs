//! A mock bank (with the app) that a test can take offline and bring back on the same port with the same
//! data and sessions: the outage a service worker must survive. Network emulation in DevTools does not
//! reliably reach service workers, so going offline here means really stopping the server.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use digibank_mock::{AppState, Config, RunningServer, serve, serve_with_state};
use tokio::sync::Mutex;

use crate::app_server::mock_config;
use crate::{AppOptions, HarnessError};

/// How long a stopped listener may take to refuse connections.
const CLOSE_WAIT: Duration = Duration::from_secs(5);

/// The switchable server of one test; cheap to clone (all clones switch the same server).
#[derive(Clone)]
pub struct ServerSwitch {
    inner: Arc<Mutex<Switchable>>,
    url: String,
    admin_url: String,
}

struct Switchable {
    running: Option<RunningServer>,
    config: Config,
    state: AppState,
    addr: SocketAddr,
    _bundle_copy: Option<tempfile::TempDir>,
}

impl ServerSwitch {
    /// Starts the mock bank with the app as [`crate::AppServer::start_with`] does.
    pub async fn start_with(options: &AppOptions) -> Result<ServerSwitch, HarnessError> {
        let (mut config, copy) = mock_config(options)?;
        let running = serve(config.clone()).await.map_err(HarnessError::Server)?;
        // Later restarts use the ports and the public URL (the OpenID issuer) of this first start.
        config.port = running.addr.port();
        config.admin_port = running.admin_addr.port();
        config.public_url = Some(running.url());
        let (url, admin_url, addr) = (running.url(), running.admin_url(), running.addr);
        let state = running.state().clone();
        Ok(ServerSwitch {
            inner: Arc::new(Mutex::new(Switchable {
                running: Some(running),
                config,
                state,
                addr,
                _bundle_copy: copy,
            })),
            url,
            admin_url,
        })
    }

    /// The origin of app and API.
    pub fn url(&self) -> String {
        self.url.clone()
    }

    /// The bank's state, which outlives every restart (data, tokens, policy reports).
    pub async fn app_state(&self) -> AppState {
        self.inner.lock().await.state.clone()
    }

    /// The admin listener's URL.
    pub fn admin_url(&self) -> String {
        self.admin_url.clone()
    }

    /// Stops both listeners and waits until the public port really refuses connections.
    pub async fn go_offline(&self) -> Result<(), HarnessError> {
        let mut inner = self.inner.lock().await;
        if let Some(running) = inner.running.take() {
            running.stop().await;
        }
        let deadline = tokio::time::Instant::now() + CLOSE_WAIT;
        while tokio::net::TcpStream::connect(inner.addr).await.is_ok() {
            if tokio::time::Instant::now() > deadline {
                return Err(HarnessError::Timeout {
                    what: format!("{} to refuse connections", inner.addr),
                    waited: CLOSE_WAIT,
                });
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }

    /// Serves again on the same ports, with the same data, sessions and faults.
    pub async fn go_online(&self) -> Result<(), HarnessError> {
        let mut inner = self.inner.lock().await;
        if inner.running.is_none() {
            let running = serve_with_state(inner.config.clone(), inner.state.clone())
                .await
                .map_err(HarnessError::Server)?;
            inner.running = Some(running);
        }
        Ok(())
    }

    /// Stops the server for good.
    pub async fn stop(&self) {
        if let Some(running) = self.inner.lock().await.running.take() {
            running.stop().await;
        }
    }
}
