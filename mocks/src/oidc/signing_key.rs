//! The provider's RSA signing key: 2048 bits, generated once per process, published as a JWK set.

use std::sync::OnceLock;

use rsa::pkcs1v15;
use rsa::rand_core::OsRng;
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde::Serialize;
use sha2::Sha256;

use crate::oidc::jwk::{Jwk, JwkSet};
use crate::oidc::jws::{self, JwsError, UnverifiedJws};

/// Size of generated keys, in bits.
const KEY_BITS: usize = 2048;

/// The key could not be generated (the OS random generator failed).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("The signing key could not be generated: {0}")]
pub struct KeyError(String);

/// An RS256 key pair and its public JWK.
pub struct SigningKey {
    signer: pkcs1v15::SigningKey<Sha256>,
    public: RsaPublicKey,
    jwk: Jwk,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid())
            .finish_non_exhaustive()
    }
}

impl SigningKey {
    /// A fresh key pair (hundreds of milliseconds; use [`SigningKey::process_key`] for the provider's).
    pub fn generate() -> Result<SigningKey, KeyError> {
        let private =
            RsaPrivateKey::new(&mut OsRng, KEY_BITS).map_err(|e| KeyError(e.to_string()))?;
        let public = private.to_public_key();
        Ok(SigningKey {
            jwk: Jwk::rs256(&public),
            signer: pkcs1v15::SigningKey::new(private),
            public,
        })
    }

    /// The provider's key, generated on first use and kept for the life of the process.
    pub fn process_key() -> Result<&'static SigningKey, KeyError> {
        static KEY: OnceLock<Result<SigningKey, KeyError>> = OnceLock::new();
        KEY.get_or_init(SigningKey::generate)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// Key id (the JWK thumbprint).
    pub fn kid(&self) -> &str {
        self.jwk.kid.as_deref().unwrap_or_default()
    }

    /// The public key as a JWK set with one key.
    pub fn jwks(&self) -> JwkSet {
        JwkSet {
            keys: vec![self.jwk.clone()],
        }
    }

    /// Signs `claims` as an RS256 JWT naming this key.
    pub fn sign_jwt(&self, claims: &impl Serialize) -> String {
        jws::sign(&self.signer, self.kid(), claims)
    }

    /// The payload of a JWT signed by this key (claims are not checked).
    pub fn verify_jwt(&self, token: &str) -> Result<Vec<u8>, JwsError> {
        let jws = UnverifiedJws::parse(token)?;
        jws.verify(&self.public).map(<[u8]>::to_vec)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn signs_jwts_that_verify_only_unaltered() {
        let key = SigningKey::process_key().unwrap();
        let token = key.sign_jwt(&json!({"sub": "alice"}));
        assert_eq!(key.verify_jwt(&token).unwrap(), br#"{"sub":"alice"}"#);
        let (head, _) = token.rsplit_once('.').unwrap();
        let forged = format!("{head}.{}", "A".repeat(342));
        assert_eq!(key.verify_jwt(&forged), Err(JwsError::BadSignature));
        let jwk = &key.jwks().keys[0];
        assert_eq!(jwk.rs256_public_key().as_ref(), Some(&key.public));
    }
}
