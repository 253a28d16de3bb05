//! JSON Web Keys (RFC 7517) for RSA signature keys, with the RFC 7638 thumbprint used as `kid`.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::traits::PublicKeyParts;
use rsa::{BigUint, RsaPublicKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::oidc::jws::RS256;

/// One public key of a JWK set; members other than these are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Jwk {
    /// Key type (`RSA` for the keys used here).
    pub kty: String,
    /// Intended use (`sig`).
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub key_use: Option<String>,
    /// Algorithm the key is meant for (`RS256`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// Key id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// RSA modulus, base64url.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// RSA public exponent, base64url.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
}

/// A JWK set document (`{"keys": [...]}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JwkSet {
    /// The keys.
    pub keys: Vec<Jwk>,
}

impl Jwk {
    /// The RS256 signature JWK of `key`, its `kid` being the RFC 7638 thumbprint.
    pub fn rs256(key: &RsaPublicKey) -> Jwk {
        let n = URL_SAFE_NO_PAD.encode(key.n().to_bytes_be());
        let e = URL_SAFE_NO_PAD.encode(key.e().to_bytes_be());
        let thumbprint_input = format!(r#"{{"e":"{e}","kty":"RSA","n":"{n}"}}"#);
        let kid = URL_SAFE_NO_PAD.encode(Sha256::digest(thumbprint_input.as_bytes()));
        Jwk {
            kty: "RSA".into(),
            key_use: Some("sig".into()),
            alg: Some(RS256.into()),
            kid: Some(kid),
            n: Some(n),
            e: Some(e),
        }
    }

    /// The RSA public key, if this JWK is an RSA key usable for RS256 signatures.
    pub fn rs256_public_key(&self) -> Option<RsaPublicKey> {
        let usable = self.kty == "RSA"
            && self.key_use.as_deref().is_none_or(|u| u == "sig")
            && self.alg.as_deref().is_none_or(|a| a == RS256);
        if !usable {
            return None;
        }
        let n = URL_SAFE_NO_PAD.decode(self.n.as_deref()?).ok()?;
        let e = URL_SAFE_NO_PAD.decode(self.e.as_deref()?).ok()?;
        RsaPublicKey::new(BigUint::from_bytes_be(&n), BigUint::from_bytes_be(&e)).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbprint_matches_rfc_7638_example() {
        // The example key of RFC 7638, section 3.1.
        let n = "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw";
        let e = "AQAB";
        let key = Jwk {
            kty: "RSA".into(),
            key_use: None,
            alg: None,
            kid: None,
            n: Some(n.into()),
            e: Some(e.into()),
        }
        .rs256_public_key()
        .unwrap();
        let jwk = Jwk::rs256(&key);
        assert_eq!(
            jwk.kid.as_deref(),
            Some("NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        );
        assert_eq!(jwk.n.as_deref(), Some(n));
        assert_eq!(jwk.rs256_public_key(), Some(key));
    }

    #[test]
    fn refuses_keys_for_other_uses_or_algorithms() {
        let ec = Jwk {
            kty: "EC".into(),
            key_use: None,
            alg: None,
            kid: None,
            n: None,
            e: None,
        };
        assert_eq!(ec.rs256_public_key(), None);
        let encryption = Jwk {
            kty: "RSA".into(),
            key_use: Some("enc".into()),
            alg: None,
            kid: None,
            n: Some("AQAB".into()),
            e: Some("AQAB".into()),
        };
        assert_eq!(encryption.rs256_public_key(), None);
    }
}
