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
    let status = response.status().as_u16();
    if status == 200 {
        return serde_json::from_slice(response.body()).map_err(|_| TokenRequestError::Unreadable);
    }
    if status >= 500 || status == 429 {
        return Err(TokenRequestError::Unreachable(format!(
            "the token endpoint answered {status}"
        )));
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
        .is_ok_and(|reply| reply.status().as_u16() == 200)
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

#[cfg(test)]
mod tests {
    use futures::executor::block_on;
    use openidconnect::http::Response;

    use super::*;
    use crate::services::auth::{AuthError, HttpFuture, HttpRequest, token_request_error};

    /// Answers every request with one status and body.
    struct Answer(u16, &'static str);

    impl AuthHttp for Answer {
        fn send(&self, _request: HttpRequest) -> HttpFuture<'_> {
            let reply = Response::builder()
                .status(self.0)
                .body(self.1.as_bytes().to_vec())
                .unwrap();
            Box::pin(async move { Ok(reply) })
        }
    }

    fn exchange(status: u16, body: &'static str) -> Result<CoreTokenResponse, TokenRequestError> {
        block_on(request_tokens(
            &Answer(status, body),
            "https://id.test/token",
            &[],
        ))
    }

    #[test]
    fn the_providers_own_trouble_is_transient_and_a_refusal_keeps_only_its_code() {
        for (status, body) in [
            (503, "<html>down</html>"),
            (429, ""),
            (500, r#"{"error":"x"}"#),
        ] {
            let error = token_request_error(
                exchange(status, body).unwrap_err(),
                AuthError::RefreshRejected,
            );
            assert!(error.is_transient(), "{status}: {error:?}");
        }
        let outage = exchange(400, r#"{"error":"temporarily_unavailable"}"#).unwrap_err();
        assert!(token_request_error(outage, AuthError::RefreshRejected).is_transient());
        let refused = exchange(
            400,
            r#"{"error":"invalid_grant","error_description":"secret detail"}"#,
        );
        assert_eq!(
            refused.unwrap_err(),
            TokenRequestError::Refused("invalid_grant".into())
        );
        assert_eq!(
            exchange(200, "not json").unwrap_err(),
            TokenRequestError::Unreadable
        );
        assert_eq!(
            exchange(400, "not json").unwrap_err(),
            TokenRequestError::Unreadable
        );
        let tokens = exchange(
            200,
            r#"{"access_token":"a","token_type":"bearer","expires_in":60}"#,
        );
        assert!(tokens.is_ok(), "{tokens:?}");
    }
}
