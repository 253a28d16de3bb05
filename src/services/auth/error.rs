//! The auth layer's errors: typed, user-readable, and never carrying a token.

/// Which ID-token check failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdTokenRejection {
    /// The signature does not verify against the provider's JWKS.
    Signature,
    /// `iss` is not the configured provider.
    Issuer,
    /// `aud` does not name this app (or names untrusted extra audiences).
    Audience,
    /// `exp` has passed.
    Expired,
    /// `nonce` is not the one this sign-in sent.
    Nonce,
    /// Signed with an algorithm this client refuses (`none`, HMAC) or the provider does not advertise.
    Algorithm(String),
    /// Signed with a key the provider does not publish (its `kid` is unknown even after reloading the keys).
    UnknownKey,
    /// Malformed or otherwise unacceptable.
    Other(String),
}

impl std::fmt::Display for IdTokenRejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Signature => f.write_str("its signature is invalid"),
            Self::Issuer => f.write_str("it was issued by a different provider"),
            Self::Audience => f.write_str("it was issued for a different app"),
            Self::Expired => f.write_str("it has expired"),
            Self::Nonce => f.write_str("it does not belong to this sign-in (nonce mismatch)"),
            Self::Algorithm(alg) => {
                write!(f, "it is signed with an algorithm this app refuses ({alg})")
            }
            Self::UnknownKey => {
                f.write_str("it is signed with a key the provider does not publish")
            }
            Self::Other(reason) => write!(f, "{reason}"),
        }
    }
}

/// Everything that can go wrong while signing in, renewing or signing out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthError {
    /// The auth settings are unusable (bad authority or redirect URL).
    #[error("The sign-in settings are invalid: {0}")]
    Config(String),
    /// The identity provider or the auth endpoint could not be reached.
    #[error(
        "The sign-in service could not be reached. Please check your connection and try again."
    )]
    ProviderUnreachable(String),
    /// The provider's discovery document or keys are unusable.
    #[error("The sign-in service is misconfigured: {0}")]
    Discovery(String),
    /// A callback arrived but this tab has no sign-in in progress (expired, used, or never started here).
    #[error("This sign-in link has expired or was already used. Please sign in again.")]
    NoLoginInProgress,
    /// The callback's `state` does not match the sign-in this tab started (possible forgery).
    #[error(
        "The sign-in response did not match the request (state mismatch) and was refused. Please sign in again."
    )]
    StateMismatch,
    /// The user declined consent at the provider.
    #[error("Sign-in was cancelled: access was denied.")]
    AccessDenied,
    /// A silent (`prompt=none`) sign-in found no session at the provider.
    #[error("Please sign in.")]
    LoginRequired,
    /// The provider answered the authorization request with another error.
    #[error("The sign-in service refused the request ({code}).")]
    ProviderError {
        /// The OAuth error code, e.g. `server_error`.
        code: String,
    },
    /// The callback URL carries neither a code nor an error.
    #[error("The sign-in response is incomplete (no authorization code).")]
    MissingCode,
    /// The token endpoint refused the code exchange.
    #[error("Sign-in could not be completed ({0}). Please sign in again.")]
    TokenExchange(String),
    /// The token reply carried no ID token.
    #[error("Sign-in could not be completed: the provider sent no ID token.")]
    MissingIdToken,
    /// The ID token failed verification.
    #[error("Sign-in was refused because the identity token is not valid: {0}.")]
    InvalidIdToken(IdTokenRejection),
    /// There is no session to act on.
    #[error("You are not signed in.")]
    NotSignedIn,
    /// The session cannot be renewed (no refresh token).
    #[error("Your session cannot be renewed. Please sign in again.")]
    NoRefreshToken,
    /// The provider refused to renew the session (expired or revoked refresh token).
    #[error("Your session has ended. Please sign in again.")]
    RefreshRejected(String),
    /// Browser storage failed (quota, disabled storage).
    #[error("Your session could not be saved in this browser: {0}")]
    Storage(String),
}

impl AuthError {
    /// True when retrying later may succeed (network trouble), false when the session is over.
    pub fn is_transient(&self) -> bool {
        matches!(self, Self::ProviderUnreachable(_))
    }
}
