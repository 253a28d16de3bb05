//! `cookie` mode's backend endpoints (`POST /api/auth/session`, `/api/auth/refresh`, `/api/auth/logout`), sent
//! with credentials and the CSRF header; the refresh token lives only in the backend's HttpOnly cookie.

use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use digibank_api_types::{RefreshRequest, RefreshResponse};
use futures::future::LocalBoxFuture;
use openidconnect::http::{HeaderName, Method, Request, header};

use crate::services::http::CookieReader;
use crate::services::http::interceptors::{CSRF_COOKIE, CSRF_HEADER};

use super::{
    AuthError, AuthHttp, HttpError, HttpResponse, Refresher, Secret, TokenGrant, WithCredentials,
};

/// Talks to the backend's cookie-session endpoints.
#[derive(Clone)]
pub struct CookieRefresher {
    http: Rc<dyn AuthHttp>,
    session_url: String,
    refresh_url: String,
    logout_url: String,
    cookies: Arc<dyn CookieReader>,
}

impl CookieRefresher {
    /// Endpoints under `api_base_url` (`https://bank/api` → `https://bank/api/auth/refresh`); `cookies` reads
    /// the `XSRF-TOKEN` cookie for the CSRF header.
    pub fn new(api_base_url: &str, http: Rc<dyn AuthHttp>, cookies: Arc<dyn CookieReader>) -> Self {
        let base = api_base_url.trim_end_matches('/');
        Self {
            http,
            session_url: format!("{base}/auth/session"),
            refresh_url: format!("{base}/auth/refresh"),
            logout_url: format!("{base}/auth/logout"),
            cookies,
        }
    }

    /// Gives the refresh token from the code exchange to the backend (`POST /auth/session`), which rotates it
    /// into its HttpOnly cookie; the page keeps only the new access token (and the ID token it already has).
    pub async fn hand_off(&self, grant: TokenGrant) -> Result<TokenGrant, AuthError> {
        let refresh_token = grant.refresh_token.ok_or(AuthError::NoRefreshToken)?;
        let body = RefreshRequest {
            refresh_token: Some(refresh_token.expose().to_owned()),
        };
        let json = serde_json::to_string(&body).map_err(|e| AuthError::Storage(e.to_string()))?;
        let renewed = self.call(&self.session_url, &json).await?;
        Ok(TokenGrant {
            id_token: grant.id_token,
            user: grant.user,
            ..renewed
        })
    }

    /// Asks the backend to revoke the cookie's refresh token and expire the cookie.
    pub async fn end_session(&self) -> Result<(), AuthError> {
        let response = self
            .http
            .send(self.post(&self.logout_url, "{}")?)
            .await
            .map_err(unreachable)?;
        match response.status().as_u16() {
            200..=299 => Ok(()),
            status => Err(AuthError::RefreshRejected(format!(
                "sign-out answered {status}"
            ))),
        }
    }

    /// Renews through the cookie (`POST /auth/refresh` without a body token).
    async fn refresh_by_cookie(&self) -> Result<TokenGrant, AuthError> {
        self.call(&self.refresh_url, "{}").await
    }

    async fn call(&self, url: &str, json: &str) -> Result<TokenGrant, AuthError> {
        let response = self
            .http
            .send(self.post(url, json)?)
            .await
            .map_err(unreachable)?;
        grant_from_reply(&response)
    }

    fn post(&self, url: &str, json: &str) -> Result<Request<Vec<u8>>, AuthError> {
        let mut builder = Request::builder()
            .method(Method::POST)
            .uri(url)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT, "application/json")
            .extension(WithCredentials);
        if let Some(token) = self.cookies.cookie(CSRF_COOKIE) {
            // A static name: a `&str` would be parsed by `HeaderName::from_bytes`, 17 KB of code (docs/size.md).
            builder = builder.header(HeaderName::from_static(CSRF_HEADER), token);
        }
        builder
            .body(json.as_bytes().to_vec())
            .map_err(|e| AuthError::Config(format!("API base URL: {e}")))
    }
}

impl Refresher for CookieRefresher {
    fn can_refresh(&self, _refresh_token: Option<&Secret>) -> bool {
        true
    }

    fn refresh(
        &self,
        _refresh_token: Option<Secret>,
    ) -> LocalBoxFuture<'static, Result<TokenGrant, AuthError>> {
        let this = self.clone();
        Box::pin(async move { this.refresh_by_cookie().await })
    }
}

/// The access token from the backend's reply; a refresh token in the body is ignored (the cookie holds it).
fn grant_from_reply(response: &HttpResponse) -> Result<TokenGrant, AuthError> {
    match response.status().as_u16() {
        200..=299 => {
            let reply: RefreshResponse = serde_json::from_slice(response.body())
                .map_err(|_| AuthError::RefreshRejected("unreadable refresh reply".into()))?;
            Ok(TokenGrant {
                access_token: Secret::new(reply.access_token),
                refresh_token: None,
                id_token: None,
                expires_in: Some(Duration::from_secs(reply.expires_in)),
                user: None,
            })
        }
        status @ 500..=599 => Err(AuthError::ProviderUnreachable(format!(
            "refresh answered {status}"
        ))),
        status => Err(AuthError::RefreshRejected(format!(
            "refresh answered {status}"
        ))),
    }
}

fn unreachable(error: HttpError) -> AuthError {
    AuthError::ProviderUnreachable(error.0)
}
