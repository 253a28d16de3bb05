//! Renewal at the provider's token endpoint (`grant_type=refresh_token`), for the memory, session and local modes.

use std::rc::Rc;

use futures::future::LocalBoxFuture;

use super::{
    AuthError, AuthHttp, Clock, IdTokenContext, ProviderCache, Refresher, Secret, TokenGrant,
    grant_from_response, no_token_endpoint, request_tokens, token_request_error,
};

/// Renews with the page-held refresh token; a rotated refresh token replaces the old one,
/// and a new ID token is verified before it is accepted (its user then replaces the session's).
pub struct OidcRefresher {
    provider: Rc<ProviderCache>,
    http: Rc<dyn AuthHttp>,
    clock: Rc<dyn Clock>,
    resource: Option<String>,
}

impl OidcRefresher {
    /// A refresher for the provider in `provider`.
    pub fn new(
        provider: Rc<ProviderCache>,
        http: Rc<dyn AuthHttp>,
        clock: Rc<dyn Clock>,
        resource: Option<String>,
    ) -> Self {
        Self {
            provider,
            http,
            clock,
            resource,
        }
    }
}

impl Refresher for OidcRefresher {
    fn can_refresh(&self, refresh_token: Option<&Secret>) -> bool {
        refresh_token.is_some()
    }

    fn refresh(
        &self,
        refresh_token: Option<Secret>,
    ) -> LocalBoxFuture<'static, Result<TokenGrant, AuthError>> {
        let parts = refresh_token.map(|refresh_token| RenewParts {
            provider: self.provider.clone(),
            http: self.http.clone(),
            clock: self.clock.clone(),
            resource: self.resource.clone(),
            refresh_token,
        });
        Box::pin(async move {
            // Without a refresh token there is nothing to renew, and no provider code to download.
            let parts = parts.ok_or(AuthError::NoRefreshToken)?;
            super::provider_calls::renew_at_provider(parts).await
        })
    }
}

/// What a renewal at the token endpoint needs.
pub struct RenewParts {
    provider: Rc<ProviderCache>,
    http: Rc<dyn AuthHttp>,
    clock: Rc<dyn Clock>,
    resource: Option<String>,
    refresh_token: Secret,
}

/// `grant_type=refresh_token` at the discovered token endpoint; a new ID token is verified before it is accepted.
pub(super) async fn renew(parts: RenewParts) -> Result<TokenGrant, AuthError> {
    let RenewParts {
        provider: cache,
        http,
        clock,
        resource,
        refresh_token,
    } = parts;
    let provider = cache.get().await?;
    let token_url = provider
        .token_endpoint
        .as_deref()
        .ok_or_else(no_token_endpoint)?;
    let client_id = provider.client.client_id().as_str();
    let mut params = vec![
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh_token.expose()),
        ("client_id", client_id),
    ];
    if let Some(resource) = &resource {
        params.push(("resource", resource));
    }
    let response = request_tokens(&*http, token_url, &params)
        .await
        .map_err(|e| token_request_error(e, AuthError::RefreshRejected))?;
    let mut grant = grant_from_response(&response);
    if let Some(id_token) = &grant.id_token {
        let context = IdTokenContext {
            access_token: grant.access_token.expose(),
            nonce: None,
            now_ms: clock.now_ms(),
        };
        let user = cache.verify_id_token(id_token.expose(), context).await?;
        grant.user = Some(user);
    }
    Ok(grant)
}
