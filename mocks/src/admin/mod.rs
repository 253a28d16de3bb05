//! The admin listener: test and demo controls, bound to loopback and never proxied.
//!
//! - `POST /admin/tokens {sub, expiresIn?}` → `{accessToken, refreshToken, expiresIn, tokenType}`
//! - `GET /admin/faults`, `PUT /admin/faults` (a [`crate::faults::FaultProfile`] as JSON)
//! - `POST /admin/reset` → 204, all data back to the seed
//! - `GET /admin/realtime` → connected sockets and recent emits; `POST /admin/realtime/alert {level, message}`
//!   sends `alert:system` to every socket; `POST /admin/realtime/drop` disconnects them all
//! - `GET /admin/csp-reports` → `{received, reports: [{documentUrl, blockedUrl, directive, disposition, sample}]}`

mod csp_reports;
mod faults;
mod realtime;
mod reset;
mod tokens;

use axum::Router;
use axum::routing::{get, post};

use crate::AppState;

/// Routes of the admin listener.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin/tokens", post(tokens::mint))
        .route("/admin/faults", get(faults::show).put(faults::replace))
        .route("/admin/reset", post(reset::reset))
        .route("/admin/realtime", get(realtime::status))
        .route("/admin/realtime/alert", post(realtime::alert))
        .route("/admin/realtime/drop", post(realtime::drop_all))
        .route("/admin/csp-reports", get(csp_reports::list))
}
