//! The application: start-up, router, providers and glue.

pub mod auth_context;
mod boot;
pub mod context;
mod crash_screen;
pub mod debouncer;
pub mod eager;
pub mod hooks;
mod layout;
pub mod lazy_screen;
pub mod live_cache;
pub mod live_events;
pub mod live_updates;
pub mod offline;
mod root;
mod routes;

pub use crash_screen::{install_panic_hook, show_crash_screen};
pub use layout::Layout;
pub use root::App;
pub use routes::AppRoutes;

/// Installs the panic hook and mounts the app on the page body.
pub fn start() {
    install_panic_hook();
    leptos::mount::mount_to_body(App);
}
