//! The mock bank, in-process on a free port, serving the release bundle too: app and API on one origin.

use std::path::{Path, PathBuf};

use clap::Parser;
use digibank_mock::{AppState, Config, RunningServer, serve};

use crate::HarnessError;

/// Where `cargo xtask test` says the release bundle is.
const DIST_ENV: &str = "DIGIBANK_DIST";

/// How a test wants the bank and the app set up.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// Extra mock-bank flags, e.g. `["--access-token-ttl", "5"]`.
    pub mock_args: Vec<String>,
    /// The app's `tokenStorage` mode in config.json (default: as built, `memory`).
    pub token_storage: Option<String>,
    /// Further config.json keys to set, e.g. `oidcAuthority` (applied after `token_storage`).
    pub config: serde_json::Map<String, serde_json::Value>,
}

impl AppOptions {
    /// The config.json keys that differ from the built bundle's.
    pub(crate) fn config_overrides(&self) -> serde_json::Map<String, serde_json::Value> {
        let mut overrides = serde_json::Map::new();
        if let Some(mode) = &self.token_storage {
            overrides.insert("tokenStorage".into(), mode.clone().into());
        }
        overrides.extend(self.config.clone());
        overrides
    }
}

/// A running mock bank with the app.
pub struct AppServer {
    server: RunningServer,
    _bundle_copy: Option<tempfile::TempDir>,
}

impl AppServer {
    /// Starts the mock bank with `--static <dist>` on 127.0.0.1, port 0.
    pub async fn start() -> Result<AppServer, HarnessError> {
        AppServer::start_with(&AppOptions::default()).await
    }

    /// Starts the mock bank with `options`: extra flags, and a copy of the bundle whose config.json differs.
    pub async fn start_with(options: &AppOptions) -> Result<AppServer, HarnessError> {
        let (config, copy) = mock_config(options)?;
        let server = serve(config).await.map_err(HarnessError::Server)?;
        Ok(AppServer {
            server,
            _bundle_copy: copy,
        })
    }

    /// The origin of app and API, e.g. `http://127.0.0.1:43123`.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The admin listener's URL (test controls; never for the browser).
    pub fn admin_url(&self) -> String {
        self.server.admin_url()
    }

    /// The bank's state (data, tokens, policy reports).
    pub fn app_state(&self) -> &AppState {
        self.server.state()
    }

    /// Stops both listeners.
    pub async fn stop(self) {
        self.server.stop().await;
    }
}

/// The mock bank's configuration for `options`: its flags on free loopback ports, serving the release bundle
/// (or a copy of it with `options`' config.json, kept alive by the returned folder).
pub(crate) fn mock_config(
    options: &AppOptions,
) -> Result<(Config, Option<tempfile::TempDir>), HarnessError> {
    let dist = release_bundle()?;
    let overrides = options.config_overrides();
    let copy = if overrides.is_empty() {
        None
    } else {
        Some(bundle_with_config(&dist, overrides)?)
    };
    let mut args: Vec<String> = ["digibank-mock", "--port", "0", "--admin-port", "0"]
        .map(String::from)
        .to_vec();
    args.extend(options.mock_args.iter().cloned());
    let mut config = Config::try_parse_from(args)
        .map_err(|e| HarnessError::Assertion(format!("mock flags: {e}")))?;
    config.static_dir = Some(copy.as_ref().map_or(dist, |dir| dir.path().to_path_buf()));
    Ok((config, copy))
}

/// `$DIGIBANK_DIST`, else the workspace's `dist/`; it must hold an index.html.
pub(crate) fn release_bundle() -> Result<PathBuf, HarnessError> {
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

/// A temporary copy of `dist` whose config.json has the keys of `overrides` set (and no stale `.br`/`.gz` of it).
pub(crate) fn bundle_with_config(
    dist: &Path,
    overrides: serde_json::Map<String, serde_json::Value>,
) -> Result<tempfile::TempDir, HarnessError> {
    let io = |context: &str| {
        let context = context.to_owned();
        move |source| HarnessError::Io { context, source }
    };
    let copy = tempfile::tempdir().map_err(io("bundle copy"))?;
    for entry in std::fs::read_dir(dist).map_err(io("read dist"))? {
        let entry = entry.map_err(io("read dist"))?;
        if entry.file_type().map_err(io("read dist"))?.is_file() {
            std::fs::copy(entry.path(), copy.path().join(entry.file_name()))
                .map_err(io("copy dist"))?;
        }
    }
    let config_path = copy.path().join("config.json");
    let text = std::fs::read_to_string(&config_path).map_err(io("read config.json"))?;
    let mut config: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&text)
        .map_err(|e| HarnessError::Assertion(format!("config.json: {e}")))?;
    config.extend(overrides);
    let text = serde_json::Value::Object(config).to_string();
    std::fs::write(&config_path, text).map_err(io("write config.json"))?;
    // The release build's precompressed copies hold the old text and would be served instead (docs/deploy.md).
    for variant in ["config.json.br", "config.json.gz"] {
        match std::fs::remove_file(copy.path().join(variant)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(io("remove config.json variant")(e));
            }
            _ => {}
        }
    }
    Ok(copy)
}
