//! ID-token verification in two phases: the signature through WebCrypto (`signature_check.rs`), then every claim
//! check of openidconnect (issuer, audience, azp, expiry, nonce) with a key that vouches for exactly that verified
//! signature, and `at_hash` against the access token it came with.

use std::str::FromStr;
use std::time::Duration;

use openidconnect::core::CoreIdToken;
use openidconnect::{
    AccessToken, AccessTokenHash, ClaimsVerificationError, IdTokenVerifier, JsonWebKeySet, Nonce,
};

use super::{
    AuthError, AuthUser, IdTokenRejection, JwsAlgorithm, Provider, ProviderKey, SignatureVerifier,
    check_signature,
};

/// Tolerance for a browser clock that runs behind the provider's, when checking `exp`.
pub const ID_TOKEN_CLOCK_LEEWAY: Duration = Duration::from_secs(60);

/// What an ID token is checked against besides the provider's keys.
#[derive(Debug, Clone, Copy)]
pub struct IdTokenContext<'a> {
    /// The access token of the same reply (its hash must match `at_hash` when the token has one).
    pub access_token: &'a str,
    /// The sign-in's nonce, or `None` for a token from a refresh (which carries none).
    pub nonce: Option<&'a Nonce>,
    /// Now, in ms since the epoch.
    pub now_ms: u64,
}

/// Verifies `id_token` (compact form) against `provider`'s keys in `context`; returns the user it names.
pub async fn verify_id_token(
    provider: &Provider,
    signatures: &dyn SignatureVerifier,
    id_token: &str,
    context: IdTokenContext<'_>,
) -> Result<AuthUser, AuthError> {
    let (key, alg) = check_signature(id_token, &provider.keys, &provider.signing_algs, signatures)
        .await
        .map_err(invalid)?;
    let parsed = CoreIdToken::from_str(id_token)
        .map_err(|_| invalid(IdTokenRejection::Other("it is malformed".into())))?;
    verify_claims(provider, &parsed, key, alg, context)
}

/// Phase 2: openidconnect's checks, with only the key that vouches for the verified signature.
fn verify_claims(
    provider: &Provider,
    id_token: &CoreIdToken,
    key: ProviderKey,
    alg: JwsAlgorithm,
    context: IdTokenContext<'_>,
) -> Result<AuthUser, AuthError> {
    let IdTokenContext {
        access_token,
        nonce,
        now_ms,
    } = context;
    let leeway_ms = u64::try_from(ID_TOKEN_CLOCK_LEEWAY.as_millis()).unwrap_or(0);
    let checked_at = i64::try_from(now_ms.saturating_sub(leeway_ms)).unwrap_or(i64::MAX);
    let checked_at = chrono::DateTime::from_timestamp_millis(checked_at).unwrap_or_default();
    let verifier = IdTokenVerifier::new_public_client(
        provider.client.client_id().clone(),
        provider.issuer.clone(),
        JsonWebKeySet::new(vec![key.clone()]),
    )
    .set_allowed_algs([alg.core()])
    .set_time_fn(move || checked_at);
    let claims = match nonce {
        Some(nonce) => id_token.claims(&verifier, nonce),
        None => id_token.claims(&verifier, |_: Option<&Nonce>| Ok(())),
    };
    let claims = claims.map_err(|e| invalid(rejection(e)))?;
    if let Some(expected) = claims.access_token_hash() {
        let actual =
            AccessTokenHash::from_token(&AccessToken::new(access_token.into()), &alg.core(), &key);
        if actual.ok().as_ref() != Some(expected) {
            return Err(invalid(IdTokenRejection::Other(
                "it does not belong to the access token it came with (at_hash)".into(),
            )));
        }
    }
    Ok(AuthUser::from_id_token(claims))
}

fn invalid(rejection: IdTokenRejection) -> AuthError {
    AuthError::InvalidIdToken(rejection)
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
