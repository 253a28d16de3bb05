//! `LogSink`: where the client writes its warnings (failed calls); the console in the browser.

/// Receives log lines. Lines never contain tokens or bodies.
pub trait LogSink: Send + Sync {
    /// Writes a warning line.
    fn warn(&self, line: &str);
}

/// The browser console (`console.warn`), or standard error natively.
#[derive(Debug, Clone, Copy, Default)]
pub struct ConsoleLog;

impl LogSink for ConsoleLog {
    fn warn(&self, line: &str) {
        #[cfg(target_arch = "wasm32")]
        web_sys::console::warn_1(&line.into());
        #[cfg(not(target_arch = "wasm32"))]
        eprintln!("{line}");
    }
}
