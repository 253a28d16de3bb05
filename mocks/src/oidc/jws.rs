//! Compact JWS with RS256 (RSASSA-PKCS1-v1_5 over SHA-256): signing JWTs and checking their signature.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::RsaPublicKey;
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::signature::{SignatureEncoding, Signer, Verifier};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

/// The only signature algorithm signed and accepted.
pub const RS256: &str = "RS256";

/// Why a JWS was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwsError {
    /// Not three base64url parts with a JSON header.
    #[error("The token is not a well-formed JWT")]
    Malformed,
    /// `alg` is not RS256 (`none` and HMAC included).
    #[error("The token is signed with {0}; only RS256 is accepted")]
    UnsupportedAlgorithm(String),
    /// The header lists critical extensions this code does not understand.
    #[error("The token uses critical header extensions that are not supported")]
    CriticalHeader,
    /// The signature does not match the key.
    #[error("The token's signature is not valid")]
    BadSignature,
}

/// The protected header of a JWS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JwsHeader {
    /// Signature algorithm.
    pub alg: String,
    /// Media type of the token (`JWT`, `at+jwt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub typ: Option<String>,
    /// Id of the signing key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kid: Option<String>,
    /// Critical extensions (any makes the token unacceptable here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crit: Option<serde_json::Value>,
}

/// Signs `claims` as a compact JWT with `key`, naming `kid` in the header.
pub fn sign(key: &SigningKey<Sha256>, kid: &str, claims: &impl Serialize) -> String {
    let header = JwsHeader {
        alg: RS256.into(),
        typ: Some("JWT".into()),
        kid: Some(kid.into()),
        crit: None,
    };
    let input = format!("{}.{}", encode_json(&header), encode_json(claims));
    let signature = key.sign(input.as_bytes()).to_bytes();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

fn encode_json(value: &impl Serialize) -> String {
    // Serialising plain structs and JSON values cannot fail.
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).unwrap_or_default())
}

/// A parsed JWS whose signature has not been checked yet.
#[derive(Debug, Clone)]
pub struct UnverifiedJws<'a> {
    header: JwsHeader,
    signing_input: &'a str,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

impl<'a> UnverifiedJws<'a> {
    /// Splits and decodes a compact JWS, refusing every algorithm but RS256.
    pub fn parse(token: &'a str) -> Result<Self, JwsError> {
        let mut parts = token.split('.');
        let (Some(header), Some(payload), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(JwsError::Malformed);
        };
        let decode = |part: &str| {
            URL_SAFE_NO_PAD
                .decode(part)
                .map_err(|_| JwsError::Malformed)
        };
        let header: JwsHeader =
            serde_json::from_slice(&decode(header)?).map_err(|_| JwsError::Malformed)?;
        if header.alg != RS256 {
            return Err(JwsError::UnsupportedAlgorithm(header.alg));
        }
        if header.crit.is_some() {
            return Err(JwsError::CriticalHeader);
        }
        Ok(UnverifiedJws {
            header,
            signing_input: &token[..token.rfind('.').unwrap_or(0)],
            payload: decode(payload)?,
            signature: decode(signature)?,
        })
    }

    /// The key id named in the header.
    pub fn kid(&self) -> Option<&str> {
        self.header.kid.as_deref()
    }

    /// The payload, if the signature verifies with `key`.
    pub fn verify(&self, key: &RsaPublicKey) -> Result<&[u8], JwsError> {
        let signature =
            Signature::try_from(self.signature.as_slice()).map_err(|_| JwsError::BadSignature)?;
        VerifyingKey::<Sha256>::new(key.clone())
            .verify(self.signing_input.as_bytes(), &signature)
            .map_err(|_| JwsError::BadSignature)?;
        Ok(&self.payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(text: &str) -> String {
        URL_SAFE_NO_PAD.encode(text)
    }

    #[test]
    fn refuses_other_algorithms_and_shapes() {
        let none = format!("{}.{}.", b64(r#"{"alg":"none"}"#), b64("{}"));
        assert_eq!(
            UnverifiedJws::parse(&none).unwrap_err(),
            JwsError::UnsupportedAlgorithm("none".into())
        );
        let hmac = format!("{}.{}.AA", b64(r#"{"alg":"HS256"}"#), b64("{}"));
        assert!(matches!(
            UnverifiedJws::parse(&hmac),
            Err(JwsError::UnsupportedAlgorithm(_))
        ));
        let crit = format!(
            "{}.{}.AA",
            b64(r#"{"alg":"RS256","crit":["x"]}"#),
            b64("{}")
        );
        assert_eq!(
            UnverifiedJws::parse(&crit).unwrap_err(),
            JwsError::CriticalHeader
        );
        for bad in ["", "a.b", "a.b.c.d", "at_123", "!!.!!.!!"] {
            assert_eq!(
                UnverifiedJws::parse(bad).unwrap_err(),
                JwsError::Malformed,
                "{bad}"
            );
        }
    }
}
