//! The bank API under `/api`, one module per resource; `/api/openapi.json` is generated from the handlers.

mod accounts;
mod auth;
mod health;
mod idempotency_key;
mod openapi;
mod transactions;
mod transfers;

use axum::routing::get;
use axum::{Extension, Router};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::AppState;

/// Routes of `/api` with their OpenAPI description.
fn documented() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::base())
        .routes(routes!(health::health))
        .routes(routes!(accounts::list_accounts))
        .routes(routes!(accounts::get_account, accounts::rename_account))
        .routes(routes!(accounts::get_balance))
        .routes(routes!(accounts::close_account))
        .routes(routes!(transactions::list_transactions))
        .routes(routes!(transfers::validate_transfer))
        .routes(routes!(transfers::create_transfer))
        .routes(routes!(transfers::schedule_transfer))
        .routes(routes!(transfers::transfer_status))
        .routes(routes!(transfers::transfer_history))
        .routes(routes!(transfers::cancel_transfer))
        .routes(routes!(auth::refresh))
        .routes(routes!(auth::start_cookie_session))
        .routes(routes!(auth::logout))
}

/// Routes of `/api` (nested by the server), including `GET /openapi.json` and the undocumented test-only
/// redirect under `/health/redirect`.
pub fn router() -> Router<AppState> {
    let (router, document) = documented().split_for_parts();
    router
        .merge(openapi::route(document))
        .route("/health/redirect", get(health::redirect))
        .route(
            "/health/redirect/landing",
            get(health::landing).layer(Extension(health::Landings::default())),
        )
}
