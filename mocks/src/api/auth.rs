//! `/api/auth/*`: the guide's token refresh, and cookie sessions (refresh token in an HttpOnly cookie).
//!
//! - Body mode: `POST /auth/refresh {refreshToken}` → `{accessToken, refreshToken, expiresIn}`.
//! - Cookie mode: `POST /auth/session {refreshToken}` moves the session into the cookie (the token is
//!   rotated, so the one script saw is spent); then `POST /auth/refresh` with no body token uses the cookie
//!   and answers `{accessToken, expiresIn}`. Cookie requests need `X-XSRF-TOKEN` (see [`crate::auth::check_xsrf`]).
//! - `POST /auth/logout` revokes the session (body token or cookie) and clears the cookies.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use digibank_api_types::{ErrorBody, RefreshRequest, RefreshResponse};

use crate::auth::cookies::{self, REFRESH_COOKIE, XSRF_COOKIE};
use crate::auth::{IssuedTokens, TokenError, check_xsrf, random_token};
use crate::http::json::decode;
use crate::{ApiError, AppState};

/// Rotates a refresh token (from the body, or in cookie mode from the cookie) and issues a new access token.
#[utoipa::path(post, path = "/auth/refresh", tag = "auth", request_body(content = RefreshRequest, description = "Omit the body (or refreshToken) in cookie mode"),
    responses(
        (status = 200, description = "New tokens; in cookie mode refreshToken is absent and Set-Cookie rotates the cookie", body = RefreshResponse),
        (status = 401, description = "Unknown, expired, revoked or reused refresh token", body = ErrorBody),
        (status = 403, description = "Cookie mode without a matching X-XSRF-TOKEN", body = ErrorBody)))]
pub async fn refresh(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let now = state.clock().now();
    if let Some(token) = body_token(&body)? {
        let issued = state.tokens().refresh(&token, now).map_err(refused)?;
        return Ok(Json(RefreshResponse {
            access_token: issued.access_token,
            refresh_token: Some(issued.refresh_token),
            expires_in: issued.expires_in,
        })
        .into_response());
    }
    let token = cookies::read(&headers, REFRESH_COOKIE).ok_or_else(|| {
        ApiError::Unauthenticated(
            "No refresh token: send {\"refreshToken\": …} or the session cookie".into(),
        )
    })?;
    check_xsrf(&headers)?;
    match state.tokens().refresh(&token, now) {
        Ok(issued) => {
            let xsrf = cookies::read(&headers, XSRF_COOKIE).unwrap_or_else(|| random_token("x"));
            Ok(cookie_session(&state, issued, &xsrf))
        }
        Err(error) => Ok(cleared(&state, refused(error).into_response())),
    }
}

/// Starts cookie mode: the refresh token moves into an HttpOnly cookie and `XSRF-TOKEN` is set.
#[utoipa::path(post, path = "/auth/session", tag = "auth", request_body = RefreshRequest,
    responses(
        (status = 200, description = "Access token; Set-Cookie carries the rotated refresh token and XSRF-TOKEN", body = RefreshResponse),
        (status = 400, body = ErrorBody), (status = 401, body = ErrorBody)))]
pub async fn start_cookie_session(
    State(state): State<AppState>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let token = body_token(&body)?.ok_or_else(|| {
        ApiError::field(
            "refreshToken",
            "required",
            "refreshToken is required to start a cookie session",
        )
    })?;
    let issued = state
        .tokens()
        .refresh(&token, state.clock().now())
        .map_err(refused)?;
    Ok(cookie_session(&state, issued, &random_token("x")))
}

/// Ends the session of a refresh token (body or cookie) and clears the cookies; always 204.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", request_body(content = RefreshRequest, description = "Omit in cookie mode"),
    responses((status = 204, description = "Signed out"), (status = 403, description = "Cookie mode without a matching X-XSRF-TOKEN", body = ErrorBody)))]
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Response, ApiError> {
    let token = match body_token(&body)? {
        Some(token) => Some(token),
        None => cookies::read(&headers, REFRESH_COOKIE)
            .map(|token| check_xsrf(&headers).map(|()| token))
            .transpose()?,
    };
    if let Some(token) = token {
        state.tokens().revoke(&token);
    }
    Ok(cleared(&state, StatusCode::NO_CONTENT.into_response()))
}

/// The refresh token of an optional JSON body.
fn body_token(body: &Bytes) -> Result<Option<String>, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(None);
    }
    let request: RefreshRequest = decode(body)?;
    Ok(request.refresh_token.filter(|t| !t.is_empty()))
}

fn refused(error: TokenError) -> ApiError {
    ApiError::Unauthorized(error.to_string())
}

/// The cookie-mode reply: access token in the body, refresh token and CSRF token in cookies.
fn cookie_session(state: &AppState, issued: IssuedTokens, xsrf: &str) -> Response {
    let secure = state.secure_cookies();
    let mut response = Json(RefreshResponse {
        access_token: issued.access_token,
        refresh_token: None,
        expires_in: issued.expires_in,
    })
    .into_response();
    let headers = response.headers_mut();
    headers.append(
        header::SET_COOKIE,
        cookies::set_refresh(&issued.refresh_token, secure),
    );
    headers.append(header::SET_COOKIE, cookies::set_xsrf(xsrf, secure));
    response
}

/// `response` with both cookies deleted.
fn cleared(state: &AppState, mut response: Response) -> Response {
    for cookie in cookies::clear_all(state.secure_cookies()) {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    response
}
