//! Fault profiles: latency, 500/503/429 answers, connections dropped after a commit, slow bodies.
//! They apply to `/api` only (never to the admin listener or static files) and each one is logged with
//! the request id.

mod inject;
mod profile;
mod response;
mod state;

pub use inject::inject_faults;
pub use profile::{FaultProfile, FaultProfileError, RetryAfterFormat};
pub use state::FaultState;

/// Response extension: this request committed money (the target of "drop after commit").
#[derive(Debug, Clone, Copy)]
pub struct Committed;
