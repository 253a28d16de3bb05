//! `digibank-mock`: runs the mock bank until Ctrl-C.

use clap::Parser;
use digibank_mock::{Config, serve};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let config = Config::parse();
    let server = serve(config).await?;
    // One parseable line on stdout (logs go to stderr): tools that start the mock on port 0 read the ports from it.
    println!(
        "digibank-mock listening on {} admin {}",
        server.url(),
        server.admin_url()
    );
    tokio::signal::ctrl_c().await?;
    server.stop().await;
    Ok(())
}
