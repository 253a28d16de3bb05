//! PKCE (RFC 7636) with the S256 method only; `plain` is never offered.

use openidconnect::{PkceCodeChallenge, PkceCodeVerifier};

use super::{AuthError, Secret, random_token};

/// A PKCE code verifier; its S256 challenge goes into the authorization URL.
#[derive(Debug, Clone)]
pub struct Pkce {
    verifier: Secret,
}

impl Pkce {
    /// A fresh verifier from 256 random bits.
    pub fn generate() -> Result<Self, AuthError> {
        Ok(Self::from_verifier(Secret::new(random_token()?)))
    }

    /// A known verifier (one restored from the login transaction).
    pub fn from_verifier(verifier: Secret) -> Self {
        Self { verifier }
    }

    /// The verifier, kept in the login transaction until the code exchange.
    pub fn verifier(&self) -> &Secret {
        &self.verifier
    }

    /// `BASE64URL(SHA256(verifier))` with method S256.
    pub fn challenge(&self) -> PkceCodeChallenge {
        PkceCodeChallenge::from_code_verifier_sha256(&self.code_verifier())
    }

    /// The verifier in the form the code exchange sends.
    pub fn code_verifier(&self) -> PkceCodeVerifier {
        PkceCodeVerifier::new(self.verifier.expose().to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_rfc_7636_appendix_b() {
        let pkce = Pkce::from_verifier(Secret::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
        assert_eq!(
            pkce.challenge().as_str(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
        assert_eq!(pkce.challenge().method().as_str(), "S256");
    }

    #[test]
    fn generated_verifiers_are_valid_and_fresh() {
        let a = Pkce::generate().unwrap();
        let b = Pkce::generate().unwrap();
        // RFC 7636 §4.1: 43–128 characters of [A-Z a-z 0-9 - . _ ~].
        let verifier = a.verifier().expose();
        assert!((43..=128).contains(&verifier.len()));
        assert!(
            verifier
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || b"-._~".contains(&c))
        );
        assert_ne!(a.verifier(), b.verifier());
        assert_ne!(a.challenge().as_str(), b.challenge().as_str());
    }
}
