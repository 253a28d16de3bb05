//! Command-line flags of the mock bank.

use std::path::PathBuf;

use clap::Parser;

/// digibank mock bank: API, development OpenID provider and realtime socket on loopback.
#[derive(Debug, Clone, Parser)]
#[command(name = "digibank-mock", version)]
pub struct Config {
    /// Port of the public listener on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 8081, env = "DIGIBANK_MOCK_PORT")]
    pub port: u16,
    /// Port of the admin listener on 127.0.0.1 (0 picks a free one); never proxied to browsers.
    #[arg(long, default_value_t = 8082, env = "DIGIBANK_MOCK_ADMIN_PORT")]
    pub admin_port: u16,
    /// Origin browsers see (e.g. the trunk proxy's http://127.0.0.1:8080); defaults to this listener's own origin.
    #[arg(long)]
    pub public_url: Option<String>,
    /// Serve a built SPA (trunk's dist/) from this folder, with index.html for unknown paths.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Self {
        Config { port: 0, admin_port: 0, public_url: None, static_dir: None }
    }
}
