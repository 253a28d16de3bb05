//! The mock bank: a careful stand-in for digibank's back end, served by axum on loopback.
//!
//! `app(state)` builds the public router (API under `/api`, static files with `--static`);
//! `admin_app(state)` the admin router (never proxied to browsers); [`serve`] binds both.

pub mod admin;
pub mod api;
mod config;
mod server;
mod state;

pub use config::Config;
pub use server::{RunningServer, app, admin_app, serve};
pub use state::AppState;
