//! ID-token verification: signature against the provider's JWKS, issuer, audience, expiry and nonce.

use std::time::Duration;

use openidconnect::core::CoreIdToken;
use openidconnect::{ClaimsVerificationError, Nonce};

use super::{AuthError, AuthUser, IdTokenRejection, Provider};

/// Tolerance for a browser clock that runs behind the provider's, when checking `exp`.
pub const ID_TOKEN_CLOCK_LEEWAY: Duration = Duration::from_secs(60);

/// Verifies `id_token` at `now_ms`; `nonce` is the sign-in's nonce, or `None` for a token from a refresh
/// (which carries none). Returns the user it names.
pub fn verify_id_token(
    provider: &Provider,
    id_token: &CoreIdToken,
    nonce: Option<&Nonce>,
    now_ms: u64,
) -> Result<AuthUser, AuthError> {
    let leeway_ms = u64::try_from(ID_TOKEN_CLOCK_LEEWAY.as_millis()).unwrap_or(0);
    let checked_at = i64::try_from(now_ms.saturating_sub(leeway_ms)).unwrap_or(i64::MAX);
    let checked_at = chrono::DateTime::from_timestamp_millis(checked_at).unwrap_or_default();
    let verifier = provider
        .client
        .id_token_verifier()
        .set_time_fn(move || checked_at);
    let claims = match nonce {
        Some(nonce) => id_token.claims(&verifier, nonce),
        None => id_token.claims(&verifier, |_: Option<&Nonce>| Ok(())),
    };
    claims
        .map(AuthUser::from_id_token)
        .map_err(|e| AuthError::InvalidIdToken(rejection(e)))
}

/// Which check failed.
fn rejection(error: ClaimsVerificationError) -> IdTokenRejection {
    match error {
        ClaimsVerificationError::SignatureVerification(_) => IdTokenRejection::Signature,
        ClaimsVerificationError::InvalidIssuer(_) => IdTokenRejection::Issuer,
        ClaimsVerificationError::InvalidAudience(_) => IdTokenRejection::Audience,
        ClaimsVerificationError::Expired(_) => IdTokenRejection::Expired,
        ClaimsVerificationError::InvalidNonce(_) => IdTokenRejection::Nonce,
        other => IdTokenRejection::Other(other.to_string()),
    }
}
