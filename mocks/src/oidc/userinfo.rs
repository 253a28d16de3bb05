//! `GET|POST /oidc/userinfo`: the signed-in user's claims for a bearer access token (RFC 6750 errors).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::json;

use crate::AppState;
use crate::oidc::users::find_user;

/// The user's claims.
#[derive(Debug, Serialize)]
pub struct UserInfo {
    sub: String,
    name: String,
    email: String,
    email_verified: bool,
}

/// Answers the claims of the access token's user.
pub async fn userinfo(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = bearer_token(&headers) else {
        return unauthorized(None, "Send Authorization: Bearer <access token>");
    };
    let user = state
        .tokens()
        .authenticate(token, state.clock().now())
        .map_err(|e| e.to_string())
        .and_then(|sub| find_user(&sub).ok_or_else(|| format!("Unknown user '{sub}'")));
    match user {
        Ok(user) => Json(UserInfo {
            sub: user.sub.to_owned(),
            name: user.name.to_owned(),
            email: user.email.to_owned(),
            email_verified: true,
        })
        .into_response(),
        Err(message) => unauthorized(Some("invalid_token"), &message),
    }
}

/// The token of an `Authorization: Bearer …` header.
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// 401 with a `WWW-Authenticate: Bearer` challenge (with `error` when a token was sent).
fn unauthorized(error: Option<&str>, description: &str) -> Response {
    let challenge = match error {
        Some(code) => format!(r#"Bearer realm="digibank", error="{code}""#),
        None => r#"Bearer realm="digibank""#.to_owned(),
    };
    let body =
        json!({"error": error.unwrap_or("invalid_request"), "error_description": description});
    let mut response = (StatusCode::UNAUTHORIZED, Json(body)).into_response();
    if let Ok(value) = HeaderValue::from_str(&challenge) {
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, value);
    }
    response
}
