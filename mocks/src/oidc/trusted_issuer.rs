//! `--trust-issuer`: RS256 JWT access tokens from an external OpenID provider, checked against its JWK set,
//! issuer, audience and lifetime. Its `sub` must name a demo customer (alice or bob).

use serde::Deserialize;

use crate::ApiError;
use crate::bank::seed::is_demo_user;
use crate::clock::Millis;
use crate::oidc::id_token::audience_contains;
use crate::oidc::jwks_cache::{JwksCache, KeyLookupError};
use crate::oidc::jws::{JwsError, UnverifiedJws};

/// Clock difference tolerated on `exp` and `nbf`, in seconds.
pub const CLOCK_SKEW_SECS: i64 = 30;

/// Why an external token was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TrustError {
    /// Malformed, wrong algorithm or bad signature.
    #[error(transparent)]
    Token(#[from] JwsError),
    /// The signing key could not be found.
    #[error("The token could not be checked: {0}")]
    Keys(#[from] KeyLookupError),
    /// Claims are not a JSON object of the expected types.
    #[error("The token's claims are malformed")]
    MalformedClaims,
    /// A required claim is missing.
    #[error("The token has no {0} claim")]
    MissingClaim(&'static str),
    /// `iss` is not the trusted issuer.
    #[error("The token was issued by '{0}', which is not the trusted issuer")]
    WrongIssuer(String),
    /// `aud` does not name this API.
    #[error("The token is not meant for this API (audience '{0}' expected)")]
    WrongAudience(String),
    /// Past `exp`.
    #[error("The token has expired")]
    Expired,
    /// Before `nbf`.
    #[error("The token is not valid yet")]
    NotYetValid,
    /// A valid token for someone who is not a demo customer.
    #[error(
        "The external subject '{0}' is not a customer of this bank; sign in at the issuer as alice or bob"
    )]
    NotACustomer(String),
}

impl From<TrustError> for ApiError {
    fn from(error: TrustError) -> Self {
        match error {
            TrustError::NotACustomer(_) => ApiError::Forbidden(error.to_string()),
            _ => ApiError::Unauthorized(error.to_string()),
        }
    }
}

/// The claims of an access token that are checked.
#[derive(Debug, Deserialize)]
struct AccessClaims {
    iss: Option<String>,
    sub: Option<String>,
    aud: Option<serde_json::Value>,
    exp: Option<i64>,
    nbf: Option<i64>,
}

/// The external issuer and the audience its tokens must carry.
#[derive(Debug)]
pub struct TrustedIssuer {
    issuer: String,
    audience: String,
    keys: JwksCache,
}

impl TrustedIssuer {
    /// Trusts `issuer`'s tokens for `audience`.
    pub fn new(issuer: &str, audience: &str) -> Self {
        TrustedIssuer {
            issuer: issuer.trim_end_matches('/').to_owned(),
            audience: audience.to_owned(),
            keys: JwksCache::new(issuer),
        }
    }

    /// The customer a valid access token speaks for.
    pub async fn subject_of(&self, token: &str, now: Millis) -> Result<String, TrustError> {
        let jws = UnverifiedJws::parse(token)?;
        let key = self.keys.key_for(jws.kid(), now).await?;
        let claims: AccessClaims =
            serde_json::from_slice(jws.verify(&key)?).map_err(|_| TrustError::MalformedClaims)?;
        let sub = self.check(claims, now.div_euclid(1000))?;
        if is_demo_user(&sub) {
            Ok(sub)
        } else {
            Err(TrustError::NotACustomer(sub))
        }
    }

    /// Checks issuer, audience and lifetime; returns the subject.
    fn check(&self, claims: AccessClaims, now_secs: i64) -> Result<String, TrustError> {
        let iss = claims.iss.ok_or(TrustError::MissingClaim("iss"))?;
        if iss.trim_end_matches('/') != self.issuer {
            return Err(TrustError::WrongIssuer(iss));
        }
        let aud = claims.aud.ok_or(TrustError::MissingClaim("aud"))?;
        if !audience_contains(&aud, &self.audience) {
            return Err(TrustError::WrongAudience(self.audience.clone()));
        }
        let exp = claims.exp.ok_or(TrustError::MissingClaim("exp"))?;
        if now_secs >= exp + CLOCK_SKEW_SECS {
            return Err(TrustError::Expired);
        }
        if claims
            .nbf
            .is_some_and(|nbf| nbf > now_secs + CLOCK_SKEW_SECS)
        {
            return Err(TrustError::NotYetValid);
        }
        claims.sub.ok_or(TrustError::MissingClaim("sub"))
    }
}

/// True for a token shaped like a compact JWS (three dot-separated parts); opaque tokens have no dots.
pub fn looks_like_jwt(token: &str) -> bool {
    token.split('.').count() == 3
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(value: serde_json::Value) -> AccessClaims {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn checks_issuer_audience_and_lifetime_with_skew() {
        let trusted = TrustedIssuer::new("http://127.0.0.1:3000/", "digibank-api");
        let good = json!({"iss": "http://127.0.0.1:3000", "sub": "alice", "aud": ["x", "digibank-api"], "exp": 1000, "nbf": 900});
        assert_eq!(trusted.check(claims(good.clone()), 999), Ok("alice".into()));
        assert_eq!(
            trusted.check(claims(good.clone()), 1029),
            Ok("alice".into())
        );
        assert_eq!(
            trusted.check(claims(good.clone()), 1030),
            Err(TrustError::Expired)
        );
        assert_eq!(
            trusted.check(claims(good.clone()), 869),
            Err(TrustError::NotYetValid)
        );
        let mut other = good.clone();
        other["iss"] = json!("http://evil");
        assert!(matches!(
            trusted.check(claims(other), 950),
            Err(TrustError::WrongIssuer(_))
        ));
        let mut other = good.clone();
        other["aud"] = json!("digibank-spa");
        assert!(matches!(
            trusted.check(claims(other), 950),
            Err(TrustError::WrongAudience(_))
        ));
        let mut other = good;
        other.as_object_mut().unwrap().remove("exp");
        assert_eq!(
            trusted.check(claims(other), 950),
            Err(TrustError::MissingClaim("exp"))
        );
    }

    #[test]
    fn only_dotted_tokens_look_like_jwts() {
        assert!(looks_like_jwt("a.b.c"));
        assert!(!looks_like_jwt("at_0123"));
        assert!(!looks_like_jwt("a.b"));
    }
}
