//! Requests to the provider's token, revocation and userinfo endpoints, built and decoded by us (form bodies,
//! `serde_json` into openidconnect's types) instead of openidconnect's request builders, which parse through
//! `serde_path_to_error`. Never cached; replies are reduced to typed errors without echoing their bodies.

use openidconnect::StandardErrorResponse;
use openidconnect::core::{CoreErrorResponseType, CoreTokenResponse};
use openidconnect::http::{Method, Request, header};
use openidconnect::url::form_urlencoded;

use super::{AuthHttp, HttpError, HttpResponse, UserInfo};

/// Why a token request failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenRequestError {
    /// The provider answered with an OAuth error (its `error` code, e.g. `invalid_grant`).
    Refused(String),
    /// The request could not be sent or its reply not read.
    Unreachable(String),
    /// The reply is not a token response nor an OAuth error.
    Unreadable,
}

/// `POST` `params` (form-encoded) to the token endpoint and decode the tokens.
pub async fn request_tokens(
    http: &dyn AuthHttp,
    token_url: &str,
    params: &[(&str, &str)],
) -> Result<CoreTokenResponse, TokenRequestError> {
    let response = post_form(http, token_url, params)
        .await
        .map_err(|e| TokenRequestError::Unreachable(e.0))?;
    if response.status().is_success() {
        return serde_json::from_slice(response.body()).map_err(|_| TokenRequestError::Unreadable);
    }
    let refusal: StandardErrorResponse<CoreErrorResponseType> =
        serde_json::from_slice(response.body()).map_err(|_| TokenRequestError::Unreadable)?;
    Err(TokenRequestError::Refused(
        refusal.error().as_ref().to_owned(),
    ))
}

/// Revokes `token` (RFC 7009, `token_type_hint=refresh_token`); true when the provider accepted.
pub async fn revoke_refresh_token(
    http: &dyn AuthHttp,
    revocation_url: &str,
    client_id: &str,
    token: &str,
) -> bool {
    let params = [
        ("token", token),
        ("token_type_hint", "refresh_token"),
        ("client_id", client_id),
    ];
    post_form(http, revocation_url, &params)
        .await
        .is_ok_and(|reply| reply.status().is_success())
}

/// The userinfo claims for `access_token` (JSON replies only; a signed userinfo JWT is not accepted).
pub async fn request_user_info(
    http: &dyn AuthHttp,
    userinfo_url: &str,
    access_token: &str,
) -> Option<UserInfo> {
    let request = Request::builder()
        .method(Method::GET)
        .uri(userinfo_url)
        .header(header::ACCEPT, "application/json")
        .header(header::AUTHORIZATION, format!("Bearer {access_token}"))
        .body(Vec::new())
        .ok()?;
    let reply = http.send(request).await.ok()?;
    if !reply.status().is_success() {
        return None;
    }
    serde_json::from_slice(reply.body()).ok()
}

async fn post_form(
    http: &dyn AuthHttp,
    url: &str,
    params: &[(&str, &str)],
) -> Result<HttpResponse, HttpError> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params)
        .finish();
    let request = Request::builder()
        .method(Method::POST)
        .uri(url)
        .header(header::ACCEPT, "application/json")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(body.into_bytes())
        .map_err(|_| HttpError(format!("invalid endpoint URL {url}")))?;
    http.send(request).await
}
