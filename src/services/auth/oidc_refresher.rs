//! Renewal at the provider's token endpoint (`grant_type=refresh_token`), for the memory, session and local modes.

use std::rc::Rc;

use futures::future::LocalBoxFuture;
use openidconnect::RefreshToken;

use super::{
    AuthError, AuthHttp, Clock, OidcHttp, ProviderCache, Refresher, Secret, TokenGrant,
    grant_from_response, token_request_error,
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
        let (provider, http, clock, resource) = (
            self.provider.clone(),
            self.http.clone(),
            self.clock.clone(),
            self.resource.clone(),
        );
        Box::pin(async move {
            let refresh_token = RefreshToken::new(
                refresh_token
                    .ok_or(AuthError::NoRefreshToken)?
                    .expose()
                    .to_owned(),
            );
            let cache = provider;
            let provider = cache.get().await?;
            let mut request = provider
                .client
                .exchange_refresh_token(&refresh_token)
                .map_err(|_| AuthError::Discovery("the provider has no token endpoint".into()))?;
            if let Some(resource) = &resource {
                request = request.add_extra_param("resource", resource.clone());
            }
            let response = request
                .request_async(&OidcHttp(http))
                .await
                .map_err(|e| token_request_error(e, AuthError::RefreshRejected))?;
            let mut grant = grant_from_response(&response);
            if let Some(id_token) = &grant.id_token {
                let user = cache
                    .verify_id_token(id_token.expose(), None, clock.now_ms())
                    .await?;
                grant.user = Some(user);
            }
            Ok(grant)
        })
    }
}
