//! How a session is renewed: the provider's token endpoint, or the backend's cookie endpoint.

use futures::future::LocalBoxFuture;

use super::{AuthError, Secret, TokenGrant};

/// Exchanges the session's refresh credential for fresh tokens.
pub trait Refresher {
    /// True when a session holding `refresh_token` can be renewed this way.
    fn can_refresh(&self, refresh_token: Option<&Secret>) -> bool;
    /// Renews; `refresh_token` is `None` when the credential is an HttpOnly cookie.
    fn refresh(
        &self,
        refresh_token: Option<Secret>,
    ) -> LocalBoxFuture<'static, Result<TokenGrant, AuthError>>;
}
