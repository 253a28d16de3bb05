//! The application: start-up, router, providers and glue.

/// Mounts the app.
pub fn start() {}
