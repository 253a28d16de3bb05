//! Errors of the harness and of the tests written with it.

use std::path::PathBuf;
use std::time::Duration;

use thiserror::Error;

/// Why an end-to-end test could not run or failed.
#[derive(Debug, Error)]
pub enum HarnessError {
    /// The release bundle is not where the harness looks for it.
    #[error(
        "no release build at {0} (run `trunk build --release`, or `cargo xtask test` which does it)"
    )]
    MissingBundle(PathBuf),
    /// The mock bank did not start.
    #[error("mock bank: {0}")]
    Server(std::io::Error),
    /// The external OpenID provider (node + oidc-provider) did not start.
    #[error("oidc-provider: {0}")]
    Provider(String),
    /// chromedriver did not start or did not listen in time.
    #[error("chromedriver: {0}")]
    Driver(String),
    /// The WebDriver session could not be opened.
    #[error("opening the browser: {0}")]
    Session(#[from] fantoccini::error::NewSessionError),
    /// A WebDriver command failed.
    #[error("browser command: {0}")]
    Command(#[from] fantoccini::error::CmdError),
    /// A file operation failed.
    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
    /// Something the test waited for did not happen in time.
    #[error("timed out after {waited:?} waiting for {what}")]
    Timeout { what: String, waited: Duration },
    /// The page is not what the test expects.
    #[error("{0}")]
    Assertion(String),
}
