//! Debian's chromedriver on a free loopback port, for one test.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::{Duration, Instant};

use tokio::net::TcpStream;
use tokio::process::{Child, Command};

use crate::HarnessError;
use crate::free_port::free_port;

/// How long chromedriver may take to listen.
const START_TIMEOUT: Duration = Duration::from_secs(20);
/// How often the port is tried while waiting.
const POLL: Duration = Duration::from_millis(50);

/// A running chromedriver; killed when dropped.
pub struct ChromeDriver {
    child: Child,
    port: u16,
}

impl ChromeDriver {
    /// Starts chromedriver and waits until it accepts connections.
    pub async fn start() -> Result<ChromeDriver, HarnessError> {
        let port = free_port()?;
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .arg("--allowed-ips=127.0.0.1")
            .stdout(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                HarnessError::Driver(format!("cannot start chromedriver (is it installed?): {e}"))
            })?;
        let mut driver = ChromeDriver { child, port };
        driver.wait_until_listening().await?;
        Ok(driver)
    }

    /// The WebDriver endpoint.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Kills chromedriver and waits for it.
    pub async fn stop(mut self) {
        let _ = self.child.kill().await;
    }

    async fn wait_until_listening(&mut self) -> Result<(), HarnessError> {
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, self.port));
        let deadline = Instant::now() + START_TIMEOUT;
        while TcpStream::connect(address).await.is_err() {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(HarnessError::Driver(format!("exited at start ({status})")));
            }
            if Instant::now() > deadline {
                return Err(HarnessError::Timeout {
                    what: format!("chromedriver on {address}"),
                    waited: START_TIMEOUT,
                });
            }
            tokio::time::sleep(POLL).await;
        }
        Ok(())
    }
}
