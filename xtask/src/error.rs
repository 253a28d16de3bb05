//! The one error type of xtask.

use std::io;
use std::process::ExitStatus;

use thiserror::Error;

/// Why an xtask command failed.
#[derive(Debug, Error)]
pub enum XtaskError {
    /// Bad command line.
    #[error("{0}")]
    Usage(String),
    /// A program could not be started (usually: not installed).
    #[error("could not start `{command}`: {source}")]
    Spawn { command: String, source: io::Error },
    /// A program ran and exited unsuccessfully.
    #[error("`{command}` failed ({status})")]
    Failed { command: String, status: ExitStatus },
    /// A file or pipe operation failed.
    #[error("{context}: {source}")]
    Io { context: String, source: io::Error },
    /// A tool is missing or has the wrong version after installing it.
    #[error("setup: {0}")]
    Setup(String),
    /// The mock bank did not start or did not answer as expected.
    #[error("mock bank: {0}")]
    MockBank(String),
    /// A long-running server stopped on its own.
    #[error("{name} exited unexpectedly ({status})")]
    ServiceExited { name: String, status: ExitStatus },
    /// The release bundle could not be assembled (the splitter's or wasm-bindgen's output changed shape).
    #[error("release bundle: {0}")]
    Bundle(String),
    /// The release bundle is larger than the budget.
    #[error("{actual} bytes brotli before the dashboard, over the budget of {budget} bytes")]
    OverBudget { actual: u64, budget: u64 },
    /// cargo's metadata or build messages were not what xtask expects.
    #[error("cargo: {0}")]
    Metadata(String),
    /// A benchmark could not run.
    #[error("bench: {0}")]
    Bench(String),
    /// One or more test stages failed (details printed in the summary).
    #[error("{failed} of {total} test stages failed")]
    TestStagesFailed { failed: usize, total: usize },
    /// The user pressed Ctrl-C.
    #[error("interrupted")]
    Interrupted,
}

impl XtaskError {
    /// Wraps an I/O error with what was being done.
    pub fn io(context: impl Into<String>) -> impl FnOnce(io::Error) -> XtaskError {
        let context = context.into();
        move |source| XtaskError::Io { context, source }
    }
}
