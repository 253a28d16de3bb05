//! `GET /api/openapi.json`: the OpenAPI 3.1 document generated from the handlers and wire types.

use axum::Router;
use axum::body::Bytes;
use axum::http::header;
use axum::routing::get;
use utoipa::openapi::OpenApi as Document;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "digibank API", description = "The mock bank's API: accounts, transactions, transfers and token refresh. Amounts are exact decimal strings."),
    servers((url = "/api", description = "This server")),
    modifiers(&BearerScheme),
    tags(
        (name = "accounts", description = "Accounts, balances and transactions"),
        (name = "transfers", description = "Transfers: validate, create (idempotent), schedule, status, history, cancel"),
        (name = "auth", description = "Token refresh and cookie sessions"),
        (name = "health", description = "Liveness")
    )
)]
struct ApiDoc;

/// Adds the bearer security scheme.
struct BearerScheme;

impl Modify for BearerScheme {
    fn modify(&self, openapi: &mut Document) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let scheme = HttpBuilder::new()
            .scheme(HttpAuthScheme::Bearer)
            .description(Some(
                "Access token from the identity provider (or the admin listener in development)",
            ))
            .build();
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The document's fixed part, before the routes add their paths.
pub fn base() -> Document {
    ApiDoc::openapi()
}

/// `GET /openapi.json` serving `document` (serialised once).
pub fn route(document: Document) -> Router<AppState> {
    let body = Bytes::from(serde_json::to_vec(&document).unwrap_or_default());
    Router::new().route(
        "/openapi.json",
        get(move || async move { ([(header::CONTENT_TYPE, "application/json")], body) }),
    )
}
