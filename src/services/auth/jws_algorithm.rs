//! The JWS signature algorithms this public client accepts for ID tokens, and how WebCrypto names them.
//! `none`, the HMAC family (a public client has no secret) and EdDSA are never accepted.

use openidconnect::core::{CoreJsonWebKeyType, CoreJwsSigningAlgorithm};

/// An accepted ID-token signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwsAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (the OpenID default).
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256.
    Ps256,
    /// RSASSA-PSS with SHA-384.
    Ps384,
    /// RSASSA-PSS with SHA-512.
    Ps512,
    /// ECDSA on P-256 with SHA-256.
    Es256,
    /// ECDSA on P-384 with SHA-384.
    Es384,
}

/// The WebCrypto parameters of one algorithm (`importKey` and `verify`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebCryptoParams {
    /// `name`: `RSASSA-PKCS1-v1_5`, `RSA-PSS` or `ECDSA`.
    pub name: &'static str,
    /// `hash`: `SHA-256`, `SHA-384` or `SHA-512`.
    pub hash: &'static str,
    /// `namedCurve` for ECDSA keys.
    pub curve: Option<&'static str>,
    /// `saltLength` for RSA-PSS (the hash length, as RFC 7518 requires).
    pub salt_length: Option<u32>,
}

impl JwsAlgorithm {
    /// The algorithm named by a JOSE `alg` value, if accepted (`none`, `HS256`, `EdDSA`… are not).
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "RS256" => Self::Rs256,
            "RS384" => Self::Rs384,
            "RS512" => Self::Rs512,
            "PS256" => Self::Ps256,
            "PS384" => Self::Ps384,
            "PS512" => Self::Ps512,
            "ES256" => Self::Es256,
            "ES384" => Self::Es384,
            _ => return None,
        })
    }

    /// The algorithm as openidconnect names it.
    pub fn core(self) -> CoreJwsSigningAlgorithm {
        match self {
            Self::Rs256 => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            Self::Rs384 => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
            Self::Rs512 => CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
            Self::Ps256 => CoreJwsSigningAlgorithm::RsaSsaPssSha256,
            Self::Ps384 => CoreJwsSigningAlgorithm::RsaSsaPssSha384,
            Self::Ps512 => CoreJwsSigningAlgorithm::RsaSsaPssSha512,
            Self::Es256 => CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            Self::Es384 => CoreJwsSigningAlgorithm::EcdsaP384Sha384,
        }
    }

    /// The accepted algorithm openidconnect's `alg` stands for, if any.
    pub fn from_core(alg: &CoreJwsSigningAlgorithm) -> Option<Self> {
        ALL.into_iter().find(|known| known.core() == *alg)
    }

    /// The key type the algorithm needs.
    pub fn key_type(self) -> CoreJsonWebKeyType {
        match self {
            Self::Es256 | Self::Es384 => CoreJsonWebKeyType::EllipticCurve,
            _ => CoreJsonWebKeyType::RSA,
        }
    }

    /// How to ask WebCrypto for this algorithm.
    pub fn web_crypto(self) -> WebCryptoParams {
        let (name, hash, curve) = match self {
            Self::Rs256 => ("RSASSA-PKCS1-v1_5", "SHA-256", None),
            Self::Rs384 => ("RSASSA-PKCS1-v1_5", "SHA-384", None),
            Self::Rs512 => ("RSASSA-PKCS1-v1_5", "SHA-512", None),
            Self::Ps256 => ("RSA-PSS", "SHA-256", None),
            Self::Ps384 => ("RSA-PSS", "SHA-384", None),
            Self::Ps512 => ("RSA-PSS", "SHA-512", None),
            Self::Es256 => ("ECDSA", "SHA-256", Some("P-256")),
            Self::Es384 => ("ECDSA", "SHA-384", Some("P-384")),
        };
        let salt_length = (name == "RSA-PSS").then_some(match hash {
            "SHA-256" => 32,
            "SHA-384" => 48,
            _ => 64,
        });
        WebCryptoParams {
            name,
            hash,
            curve,
            salt_length,
        }
    }
}

/// Every accepted algorithm.
pub const ALL: [JwsAlgorithm; 8] = [
    JwsAlgorithm::Rs256,
    JwsAlgorithm::Rs384,
    JwsAlgorithm::Rs512,
    JwsAlgorithm::Ps256,
    JwsAlgorithm::Ps384,
    JwsAlgorithm::Ps512,
    JwsAlgorithm::Es256,
    JwsAlgorithm::Es384,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn none_hmac_and_unknown_algorithms_are_never_accepted() {
        for refused in [
            "none", "None", "HS256", "HS384", "HS512", "EdDSA", "ES512", "rs256", "",
        ] {
            assert_eq!(JwsAlgorithm::from_name(refused), None, "{refused}");
        }
        assert_eq!(
            JwsAlgorithm::from_core(&CoreJwsSigningAlgorithm::HmacSha256),
            None
        );
        assert_eq!(
            JwsAlgorithm::from_core(&CoreJwsSigningAlgorithm::None),
            None
        );
    }

    #[test]
    fn names_round_trip_through_openidconnect() {
        for alg in ALL {
            let name = serde_json::to_value(alg.core()).unwrap();
            assert_eq!(JwsAlgorithm::from_name(name.as_str().unwrap()), Some(alg));
            assert_eq!(JwsAlgorithm::from_core(&alg.core()), Some(alg));
        }
    }

    #[test]
    fn web_crypto_parameters_follow_rfc_7518() {
        let es256 = JwsAlgorithm::Es256.web_crypto();
        assert_eq!(
            (es256.name, es256.hash, es256.curve),
            ("ECDSA", "SHA-256", Some("P-256"))
        );
        assert_eq!(JwsAlgorithm::Ps384.web_crypto().salt_length, Some(48));
        assert_eq!(JwsAlgorithm::Rs256.web_crypto().salt_length, None);
        assert_eq!(
            JwsAlgorithm::Es384.key_type(),
            CoreJsonWebKeyType::EllipticCurve
        );
        assert_eq!(JwsAlgorithm::Ps512.key_type(), CoreJsonWebKeyType::RSA);
    }
}
