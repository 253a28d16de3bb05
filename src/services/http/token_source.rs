//! `TokenSource`: where the bearer and 401 interceptors get and renew the access token (issue 5 implements it).

use async_trait::async_trait;

/// Why a token refresh failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RefreshError {
    /// The identity provider refused (refresh token expired, revoked or reused): the session is over.
    #[error("the session can no longer be renewed")]
    Rejected,
    /// The identity provider could not be reached or answered nonsense.
    #[error("the token could not be refreshed: {0}")]
    Unavailable(String),
}

/// The current access token and a way to renew it.
#[async_trait(?Send)]
pub trait TokenSource: Send + Sync {
    /// The access token to send now, if signed in.
    async fn access_token(&self) -> Option<String>;
    /// Obtains a new access token. The 401 interceptor calls this once for all concurrent callers.
    async fn refresh(&self) -> Result<(), RefreshError>;
}

/// Raised once per failed renewal: the session is over (the app signs out and sends the user to log in).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionExpired {
    /// Why the renewal failed.
    pub reason: RefreshError,
}
