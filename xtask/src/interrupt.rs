//! Ctrl-C (and SIGTERM/SIGHUP) handling: a flag the long-running commands poll, so they can stop their servers.

use std::sync::atomic::{AtomicBool, Ordering};

static REQUESTED: AtomicBool = AtomicBool::new(false);

/// Installs the handler; children in xtask's own process group still receive Ctrl-C from the terminal.
pub fn install() {
    if let Err(error) = ctrlc::set_handler(|| REQUESTED.store(true, Ordering::SeqCst)) {
        eprintln!(
            "xtask: warning: no Ctrl-C handler ({error}); servers may outlive an interrupted run"
        );
    }
}

/// Whether the user asked to stop.
pub fn requested() -> bool {
    REQUESTED.load(Ordering::SeqCst)
}
