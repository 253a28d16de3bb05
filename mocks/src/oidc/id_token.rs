//! ID tokens: the claims of a signed-in user for the client, and checking an `id_token_hint`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::clock::Millis;
use crate::oidc::grants::TokenGrant;
use crate::oidc::signing_key::SigningKey;
use crate::oidc::users::find_user;

/// Lifetime of an ID token, in seconds.
pub const ID_TOKEN_TTL_SECS: i64 = 600;

/// The claims of an ID token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdTokenClaims {
    /// Issuer.
    pub iss: String,
    /// Subject.
    pub sub: String,
    /// Audience: the client id.
    pub aud: String,
    /// Expiry, seconds since the epoch.
    pub exp: i64,
    /// Issue time, seconds since the epoch.
    pub iat: i64,
    /// When the user typed their password.
    pub auth_time: i64,
    /// The authorization request's nonce (absent after a refresh).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nonce: Option<String>,
    /// Provider session id.
    pub sid: String,
    /// Half of the access token's SHA-256, base64url (OpenID Core §3.1.3.6).
    pub at_hash: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the email address is verified (demo addresses are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verified: Option<bool>,
}

impl IdTokenClaims {
    /// The claims for `grant`, issued now alongside `access_token`.
    pub fn new(
        issuer: &str,
        grant: &TokenGrant,
        nonce: Option<&str>,
        access_token: &str,
        now: Millis,
    ) -> Self {
        let iat = now.div_euclid(1000);
        let user = find_user(&grant.session.sub);
        IdTokenClaims {
            iss: issuer.to_owned(),
            sub: grant.session.sub.clone(),
            aud: grant.client_id.clone(),
            exp: iat + ID_TOKEN_TTL_SECS,
            iat,
            auth_time: grant.session.auth_time,
            nonce: nonce.map(str::to_owned),
            sid: grant.session.sid.clone(),
            at_hash: at_hash(access_token),
            name: user.map(|u| u.name.to_owned()),
            email: user.map(|u| u.email.to_owned()),
            email_verified: user.map(|_| true),
        }
    }
}

/// `at_hash` of an access token: base64url of the left half of its SHA-256.
pub fn at_hash(access_token: &str) -> String {
    let digest = Sha256::digest(access_token.as_bytes());
    URL_SAFE_NO_PAD.encode(&digest[..16])
}

/// The claims of an `id_token_hint` needed at logout.
#[derive(Debug, Clone, Deserialize)]
pub struct HintClaims {
    /// Issuer.
    pub iss: String,
    /// Audience (string or array).
    pub aud: serde_json::Value,
}

/// Checks an `id_token_hint`: signed by `key` and issued by `issuer` to `client_id`; expiry does not matter.
pub fn check_hint(
    key: &SigningKey,
    hint: &str,
    issuer: &str,
    client_id: &str,
) -> Result<(), String> {
    let refused = |why: &str| format!("The id_token_hint is not usable: {why}.");
    let payload = key.verify_jwt(hint).map_err(|e| refused(&e.to_string()))?;
    let claims: HintClaims =
        serde_json::from_slice(&payload).map_err(|_| refused("its claims are malformed"))?;
    if claims.iss != issuer {
        return Err(refused("it was issued by another provider"));
    }
    if !audience_contains(&claims.aud, client_id) {
        return Err(refused("it was issued to another client"));
    }
    Ok(())
}

/// True when `aud` (a string or an array of strings) names `audience`.
pub fn audience_contains(aud: &serde_json::Value, audience: &str) -> bool {
    match aud {
        serde_json::Value::String(one) => one == audience,
        serde_json::Value::Array(many) => many.iter().any(|a| a.as_str() == Some(audience)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn at_hash_is_half_the_digest() {
        assert_eq!(at_hash("at_x").len(), 22);
    }

    #[test]
    fn audience_may_be_a_string_or_an_array() {
        assert!(audience_contains(&json!("api"), "api"));
        assert!(audience_contains(&json!(["x", "api"]), "api"));
        assert!(!audience_contains(&json!(["x"]), "api"));
        assert!(!audience_contains(&json!(1), "api"));
    }

    #[test]
    fn hints_must_come_from_this_issuer_for_this_client() {
        let key = SigningKey::process_key().unwrap();
        let hint = key.sign_jwt(&json!({"iss": "http://i/oidc", "aud": "digibank-spa", "exp": 0}));
        assert_eq!(
            check_hint(key, &hint, "http://i/oidc", "digibank-spa"),
            Ok(())
        );
        assert!(check_hint(key, &hint, "http://other/oidc", "digibank-spa").is_err());
        assert!(check_hint(key, &hint, "http://i/oidc", "other").is_err());
        assert!(check_hint(key, "a.b.c", "http://i/oidc", "digibank-spa").is_err());
    }
}
