//! The mock bank, in-process on a free port, serving the release bundle too: app and API on one origin.

use std::path::PathBuf;

use digibank_mock::{Config, RunningServer, serve};

use crate::HarnessError;

/// Where `cargo xtask test` says the release bundle is.
const DIST_ENV: &str = "DIGIBANK_DIST";

/// A running mock bank with the app.
pub struct AppServer {
    server: RunningServer,
}

impl AppServer {
    /// Starts the mock bank with `--static <dist>` on 127.0.0.1, port 0.
    pub async fn start() -> Result<AppServer, HarnessError> {
        let dist = release_bundle()?;
        let config = Config {
            static_dir: Some(dist),
            ..Config::default()
        };
        let server = serve(config).await.map_err(HarnessError::Server)?;
        Ok(AppServer { server })
    }

    /// The origin of app and API, e.g. `http://127.0.0.1:43123`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The admin listener's URL (test controls; never for the browser).
    pub fn admin_url(&self) -> String {
        self.server.admin_url()
    }

    /// Stops both listeners.
    pub async fn stop(self) {
        self.server.stop().await;
    }
}

/// `$DIGIBANK_DIST`, else the workspace's `dist/`; it must hold an index.html.
fn release_bundle() -> Result<PathBuf, HarnessError> {
    let default = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../dist"));
    let dist = std::env::var_os(DIST_ENV)
        .map(PathBuf::from)
        .unwrap_or(default);
    if dist.join("index.html").is_file() {
        Ok(dist)
    } else {
        Err(HarnessError::MissingBundle(dist))
    }
}
