//! End-to-end harness: the release SPA and the mock bank on one origin (in-process, free port), headless Chromium
//! driven through Debian's chromedriver, a screenshot in `e2e/artifacts/` when a test fails.
//!
//! A test is one call to [`run_in_browser`], which starts everything, runs the test body with a [`Browser`] and
//! stops everything again.

mod admin;
mod app_server;
mod browser;
mod capabilities;
mod chromedriver;
mod csp_reports;
mod devtools;
mod error;
mod failure_artifacts;
mod free_port;
mod oidc_provider;
mod page_state;
mod screenshots;
mod server_switch;
mod session;

pub use admin::Admin;
pub use app_server::{AppOptions, AppServer};
pub use browser::Browser;
pub use error::HarnessError;
pub use oidc_provider::{API_AUDIENCE, API_RESOURCE, OidcProvider, ProviderPort};
pub use screenshots::{DESKTOP, MOBILE, Viewport, screenshot_dir};
pub use server_switch::ServerSwitch;
pub use session::{
    run_in_browser, run_in_browser_with, run_in_browser_with_switch, run_in_two_browsers,
};
