//! The mock bank: a careful stand-in for digibank's back end, served by axum on loopback.
//!
//! `app(state)` builds the public router (API under `/api`, static files with `--static`);
//! `admin_app(state)` the admin router (never proxied to browsers); [`serve`] binds both.
//! The development OpenID provider lives under `/oidc` (see [`oidc`]).
//! The realtime socket (Socket.IO at `/socket.io/`) is [`realtime`]; it forwards the ledger's events
//! ([`AppState::subscribe`]).

// Cents are written as `dollars_cents` (125_430_00), a grouping clippy does not know.
#![allow(clippy::inconsistent_digit_grouping)]

pub mod admin;
pub mod api;
pub mod auth;
pub mod bank;
pub mod clock;
mod config;
pub mod dates;
mod error;
pub mod faults;
pub mod http;
pub mod idempotency;
pub mod oidc;
mod prng;
pub mod realtime;
pub mod reports;
mod server;
mod state;

pub use bank::LedgerEvent;
pub use clock::Clock;
pub use config::{Config, FaultFlags};
pub use error::ApiError;
pub use server::{BODY_LIMIT, RunningServer, admin_app, app, serve, serve_with_state};
pub use state::AppState;
