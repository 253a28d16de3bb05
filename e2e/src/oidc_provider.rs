//! A real, independent OpenID provider for interop tests: npm `oidc-provider` (e2e/interop/provider.mjs) run by
//! node on a free loopback port, with the mock bank told to trust its JWT access tokens.
//!
//! The order matters: the port is reserved first (the mock must know the issuer when it starts), the mock and the
//! app start next, and the provider starts last, because its registered redirect URIs need the app's origin.

use std::process::Stdio;
use std::time::Duration;

use serde_json::Value;
use tokio::io::{AsyncBufReadExt, BufReader, Lines};
use tokio::process::{Child, ChildStdout, Command};

use crate::free_port::free_port;
use crate::{AppOptions, HarnessError};

/// The provider script, next to this crate's sources.
const SCRIPT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/interop/provider.mjs");
/// The RFC 8707 resource indicator of the bank API (oidc-provider wants an absolute URI).
pub const API_RESOURCE: &str = "urn:digibank:api";
/// The `aud` of the provider's access tokens, which the mock bank is told to require.
pub const API_AUDIENCE: &str = "digibank-api";
/// How long node may take to print its ready line.
const START_TIMEOUT: Duration = Duration::from_secs(30);
/// The line the script prints once it listens, followed by the issuer URL.
const READY_PREFIX: &str = "oidc-provider listening on ";
/// The line the script prints for each successful refresh-token grant.
const RENEWAL_LINE: &str = "grant refresh_token";

/// A loopback port set aside for the provider, before anything else starts.
#[derive(Debug, Clone, Copy)]
pub struct ProviderPort(u16);

impl ProviderPort {
    /// Picks a free port (it stays free in practice for the few seconds until node binds it).
    pub fn reserve() -> Result<ProviderPort, HarnessError> {
        free_port().map(ProviderPort)
    }

    /// The issuer URL the provider will have, e.g. `http://127.0.0.1:41234`.
    pub fn issuer(&self) -> String {
        format!("http://127.0.0.1:{}", self.0)
    }

    /// Bank and app set up for this provider: the mock trusts its tokens for [`API_AUDIENCE`], and config.json
    /// points the app at it with [`API_RESOURCE`].
    pub fn app_options(&self) -> AppOptions {
        let mut options = AppOptions {
            mock_args: vec![
                "--trust-issuer".into(),
                self.issuer(),
                "--trust-audience".into(),
                API_AUDIENCE.into(),
            ],
            ..AppOptions::default()
        };
        options
            .config
            .insert("oidcAuthority".into(), Value::String(self.issuer()));
        options
            .config
            .insert("apiResource".into(), Value::String(API_RESOURCE.into()));
        options
    }

    /// Starts the provider for the app at `app_origin`, its access tokens living `access_token_ttl_secs`.
    pub async fn start(
        self,
        app_origin: &str,
        access_token_ttl_secs: u32,
    ) -> Result<OidcProvider, HarnessError> {
        let mut child = Command::new("node")
            .arg(SCRIPT)
            .args(["--port", &self.0.to_string(), "--app-origin", app_origin])
            .args(["--resource", API_RESOURCE, "--audience", API_AUDIENCE])
            .args(["--access-token-ttl", &access_token_ttl_secs.to_string()])
            .stdout(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| {
                HarnessError::Provider(format!("cannot start node (is it installed?): {e}"))
            })?;
        let stdout = child
            .stdout
            .take()
            .ok_or_else(|| HarnessError::Provider("no stdout".into()))?;
        let mut lines = BufReader::new(stdout).lines();
        match tokio::time::timeout(START_TIMEOUT, ready_issuer(&mut lines)).await {
            Ok(Ok(issuer)) if issuer == self.issuer() => Ok(OidcProvider {
                _child: child,
                stdout: lines,
            }),
            Ok(Ok(issuer)) => Err(HarnessError::Provider(format!(
                "listening on {issuer}, expected {}",
                self.issuer()
            ))),
            Ok(Err(error)) => Err(error),
            Err(_) => Err(HarnessError::Timeout {
                what: format!("oidc-provider on {}", self.issuer()),
                waited: START_TIMEOUT,
            }),
        }
    }
}

/// A running oidc-provider; killed when dropped.
pub struct OidcProvider {
    _child: Child,
    stdout: Lines<BufReader<ChildStdout>>,
}

impl OidcProvider {
    /// Waits (at most `within`) until the provider has granted `count` more refresh-token requests, i.e. the app
    /// renewed that often, each time with the rotated refresh token of the previous renewal.
    pub async fn wait_for_renewals(
        &mut self,
        count: usize,
        within: Duration,
    ) -> Result<(), HarnessError> {
        let renewals = async {
            let mut seen = 0;
            while seen < count {
                match self.stdout.next_line().await {
                    Ok(Some(line)) if line == RENEWAL_LINE => seen += 1,
                    Ok(Some(_)) => {}
                    Ok(None) => return Err(HarnessError::Provider("exited".into())),
                    Err(source) => {
                        return Err(HarnessError::Io {
                            context: "reading oidc-provider's output".into(),
                            source,
                        });
                    }
                }
            }
            Ok(())
        };
        tokio::time::timeout(within, renewals)
            .await
            .unwrap_or_else(|_| {
                Err(HarnessError::Timeout {
                    what: format!("{count} refresh-token grants at oidc-provider"),
                    waited: within,
                })
            })
    }
}

/// Reads the script's output until its ready line and returns the issuer it names.
async fn ready_issuer(lines: &mut Lines<BufReader<ChildStdout>>) -> Result<String, HarnessError> {
    let io = |source| HarnessError::Io {
        context: "reading oidc-provider's output".into(),
        source,
    };
    while let Some(line) = lines.next_line().await.map_err(io)? {
        if let Some(issuer) = line.strip_prefix(READY_PREFIX) {
            return Ok(issuer.trim().to_owned());
        }
    }
    Err(HarnessError::Provider(
        "exited before listening (see its stderr above; is node_modules/oidc-provider installed?)"
            .into(),
    ))
}
