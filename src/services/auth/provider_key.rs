//! The provider's public signing keys as openidconnect sees them: a key type of our own whose signature check
//! only accepts a signature WebCrypto has already verified, so no RSA or elliptic-curve code is in the wasm.

use openidconnect::core::{CoreJsonWebKeyType, CoreJsonWebKeyUse, CoreJwsSigningAlgorithm};
use openidconnect::{JsonWebKey, JsonWebKeyAlgorithm, JsonWebKeyId, SignatureVerificationError};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256, Sha384, Sha512};

use super::JwsAlgorithm;

/// One key of the provider's JWKS (public parameters only).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(from = "JwkFields", into = "JwkFields")]
pub struct ProviderKey {
    fields: JwkFields,
    alg: KeyAlgorithm,
    verified: Option<VerifiedSignature>,
}

/// The JWK members we read and hand to `SubtleCrypto.importKey`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JwkFields {
    /// `kty`: `RSA` or `EC` for the keys we can use.
    pub kty: CoreJsonWebKeyType,
    /// `use`: must allow signatures when present.
    #[serde(rename = "use", default, skip_serializing_if = "Option::is_none")]
    pub use_: Option<CoreJsonWebKeyUse>,
    /// `kid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<JsonWebKeyId>,
    /// `alg`, when the key is bound to one algorithm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alg: Option<String>,
    /// RSA modulus (base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub n: Option<String>,
    /// RSA public exponent (base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub e: Option<String>,
    /// EC curve name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crv: Option<String>,
    /// EC x coordinate (base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub x: Option<String>,
    /// EC y coordinate (base64url).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<String>,
}

/// What a key's `alg` member allows.
#[derive(Debug, Clone)]
enum KeyAlgorithm {
    Unspecified,
    Signing(CoreJwsSigningAlgorithm),
    Unsupported,
}

/// A signature WebCrypto verified: exactly this algorithm, signing input and signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedSignature {
    /// The algorithm it was verified with.
    pub alg: JwsAlgorithm,
    /// `base64url(header) "." base64url(payload)`.
    pub signing_input: Vec<u8>,
    /// The decoded signature.
    pub signature: Vec<u8>,
}

impl From<JwkFields> for ProviderKey {
    fn from(fields: JwkFields) -> Self {
        let alg = match fields.alg.as_deref() {
            None => KeyAlgorithm::Unspecified,
            Some(name) => JwsAlgorithm::from_name(name).map_or(KeyAlgorithm::Unsupported, |alg| {
                KeyAlgorithm::Signing(alg.core())
            }),
        };
        Self {
            fields,
            alg,
            verified: None,
        }
    }
}

impl From<ProviderKey> for JwkFields {
    fn from(key: ProviderKey) -> Self {
        key.fields
    }
}

impl ProviderKey {
    /// The JWK members (for `importKey`).
    pub fn fields(&self) -> &JwkFields {
        &self.fields
    }

    /// True when this key may verify `alg` signatures: right type (and curve), signing use, matching `alg`.
    pub fn suits(&self, alg: JwsAlgorithm) -> bool {
        let use_ok = self
            .fields
            .use_
            .as_ref()
            .is_none_or(|use_| *use_ == CoreJsonWebKeyUse::Signature);
        let alg_ok = match &self.alg {
            KeyAlgorithm::Unspecified => true,
            KeyAlgorithm::Signing(bound) => *bound == alg.core(),
            KeyAlgorithm::Unsupported => false,
        };
        let curve_ok = alg
            .web_crypto()
            .curve
            .is_none_or(|curve| self.fields.crv.as_deref() == Some(curve));
        use_ok && alg_ok && curve_ok && self.fields.kty == alg.key_type()
    }

    /// This key, vouching for `signature` only (openidconnect's claim checks run with it).
    pub fn vouching_for(&self, signature: VerifiedSignature) -> Self {
        Self {
            verified: Some(signature),
            ..self.clone()
        }
    }
}

impl JsonWebKey for ProviderKey {
    type KeyUse = CoreJsonWebKeyUse;
    type SigningAlgorithm = CoreJwsSigningAlgorithm;

    fn key_id(&self) -> Option<&JsonWebKeyId> {
        self.fields.kid.as_ref()
    }

    fn key_type(&self) -> &CoreJsonWebKeyType {
        &self.fields.kty
    }

    fn key_use(&self) -> Option<&CoreJsonWebKeyUse> {
        self.fields.use_.as_ref()
    }

    fn signing_alg(&self) -> JsonWebKeyAlgorithm<&CoreJwsSigningAlgorithm> {
        match &self.alg {
            KeyAlgorithm::Unspecified => JsonWebKeyAlgorithm::Unspecified,
            KeyAlgorithm::Signing(alg) => JsonWebKeyAlgorithm::Algorithm(alg),
            KeyAlgorithm::Unsupported => JsonWebKeyAlgorithm::Unsupported,
        }
    }

    /// Never used: a public client accepts no shared-secret signatures.
    fn new_symmetric(_key: Vec<u8>) -> Self {
        Self::from(JwkFields {
            kty: CoreJsonWebKeyType::Symmetric,
            use_: None,
            kid: None,
            alg: None,
            n: None,
            e: None,
            crv: None,
            x: None,
            y: None,
        })
    }

    /// Succeeds only for the exact algorithm, signing input and signature WebCrypto verified.
    fn verify_signature(
        &self,
        signature_alg: &CoreJwsSigningAlgorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureVerificationError> {
        match &self.verified {
            Some(verified)
                if verified.alg.core() == *signature_alg
                    && verified.signing_input == message
                    && verified.signature == signature =>
            {
                Ok(())
            }
            _ => Err(SignatureVerificationError::CryptoError(
                "the signature was not verified".into(),
            )),
        }
    }

    /// SHA-2 of `bytes` for `at_hash`/`c_hash`, by the algorithm's hash size.
    fn hash_bytes(&self, bytes: &[u8], alg: &CoreJwsSigningAlgorithm) -> Result<Vec<u8>, String> {
        let accepted = JwsAlgorithm::from_core(alg).filter(|alg| alg.key_type() == self.fields.kty);
        let accepted = accepted.ok_or_else(|| "unsupported algorithm".to_string())?;
        Ok(match accepted.web_crypto().hash {
            "SHA-256" => Sha256::digest(bytes).to_vec(),
            "SHA-384" => Sha384::digest(bytes).to_vec(),
            _ => Sha512::digest(bytes).to_vec(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(json: serde_json::Value) -> ProviderKey {
        serde_json::from_value(json).unwrap()
    }

    fn verified() -> VerifiedSignature {
        VerifiedSignature {
            alg: JwsAlgorithm::Rs256,
            signing_input: b"h.p".to_vec(),
            signature: vec![1, 2, 3],
        }
    }

    #[test]
    fn a_key_suits_only_algorithms_of_its_type_curve_use_and_alg() {
        let rsa = key(serde_json::json!({"kty": "RSA", "kid": "r", "n": "AQAB", "e": "AQAB"}));
        assert!(rsa.suits(JwsAlgorithm::Rs256) && rsa.suits(JwsAlgorithm::Ps512));
        assert!(!rsa.suits(JwsAlgorithm::Es256));
        let bound = key(serde_json::json!({"kty": "RSA", "alg": "RS256", "use": "sig"}));
        assert!(bound.suits(JwsAlgorithm::Rs256) && !bound.suits(JwsAlgorithm::Rs384));
        let encryption = key(serde_json::json!({"kty": "RSA", "use": "enc"}));
        assert!(!encryption.suits(JwsAlgorithm::Rs256));
        let p256 = key(serde_json::json!({"kty": "EC", "crv": "P-256", "x": "AA", "y": "AA"}));
        assert!(p256.suits(JwsAlgorithm::Es256) && !p256.suits(JwsAlgorithm::Es384));
        let hmac_bound = key(serde_json::json!({"kty": "RSA", "alg": "HS256"}));
        assert!(!hmac_bound.suits(JwsAlgorithm::Rs256));
    }

    #[test]
    fn the_signature_check_accepts_only_what_was_verified() {
        let plain = key(serde_json::json!({"kty": "RSA", "n": "AQAB", "e": "AQAB"}));
        let rs256 = CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256;
        assert!(
            plain.verify_signature(&rs256, b"h.p", &[1, 2, 3]).is_err(),
            "nothing verified"
        );
        let vouching = plain.vouching_for(verified());
        assert!(
            vouching
                .verify_signature(&rs256, b"h.p", &[1, 2, 3])
                .is_ok()
        );
        assert!(
            vouching
                .verify_signature(&rs256, b"h.q", &[1, 2, 3])
                .is_err()
        );
        assert!(vouching.verify_signature(&rs256, b"h.p", &[1, 2]).is_err());
        let rs384 = CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384;
        assert!(
            vouching
                .verify_signature(&rs384, b"h.p", &[1, 2, 3])
                .is_err()
        );
    }

    #[test]
    fn keys_round_trip_without_the_verification() {
        let json =
            serde_json::json!({"kty": "EC", "kid": "k", "crv": "P-256", "x": "AA", "y": "BB"});
        let round_trip = serde_json::to_value(key(json.clone()).vouching_for(verified())).unwrap();
        assert_eq!(round_trip, json);
    }

    #[test]
    fn hashes_follow_the_algorithm() {
        let rsa = key(serde_json::json!({"kty": "RSA"}));
        let hash = rsa
            .hash_bytes(b"x", &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384)
            .unwrap();
        assert_eq!(hash.len(), 48);
        assert!(
            rsa.hash_bytes(b"x", &CoreJwsSigningAlgorithm::HmacSha256)
                .is_err()
        );
        assert!(
            rsa.hash_bytes(b"x", &CoreJwsSigningAlgorithm::EcdsaP256Sha256)
                .is_err()
        );
    }
}
