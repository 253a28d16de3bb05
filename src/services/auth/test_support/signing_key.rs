//! One RSA key per test process, and RS256 JWT signing with it.

use std::sync::OnceLock;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rsa::traits::PublicKeyParts;
use rsa::{Pkcs1v15Sign, RsaPrivateKey};
use sha2::{Digest, Sha256};

/// The `kid` of the test key.
pub const KEY_ID: &str = "test-key-1";

fn key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| {
        RsaPrivateKey::new(&mut rand::rngs::OsRng, 2048).expect("RSA key generation")
    })
}

/// The public key as a JWKS document.
pub fn jwks_json() -> String {
    let public = key().to_public_key();
    serde_json::json!({"keys": [{
        "kty": "RSA", "use": "sig", "alg": "RS256", "kid": KEY_ID,
        "n": URL_SAFE_NO_PAD.encode(public.n().to_bytes_be()),
        "e": URL_SAFE_NO_PAD.encode(public.e().to_bytes_be()),
    }]})
    .to_string()
}

/// `claims` as a compact RS256 JWT signed with the test key.
pub fn sign_jwt(claims: &serde_json::Value) -> String {
    sign_jwt_naming(claims, KEY_ID)
}

/// Like [`sign_jwt`], with `kid` in the header (a key the JWKS may not list).
pub fn sign_jwt_naming(claims: &serde_json::Value, kid: &str) -> String {
    let header = serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": kid});
    let signing_input = format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    );
    let digest = Sha256::digest(signing_input.as_bytes());
    let signature = key()
        .sign(Pkcs1v15Sign::new::<Sha256>(), &digest)
        .expect("RS256 signing");
    format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature))
}

/// RS256 verification with the `rsa` crate: the native stand-in for WebCrypto in the flow tests.
pub struct RsaVerifier;

impl crate::services::auth::SignatureVerifier for RsaVerifier {
    fn verify<'a>(
        &'a self,
        alg: crate::services::auth::JwsAlgorithm,
        key: &'a crate::services::auth::JwkFields,
        signing_input: &'a [u8],
        signature: &'a [u8],
    ) -> futures::future::LocalBoxFuture<'a, Result<bool, String>> {
        Box::pin(async move {
            if alg != crate::services::auth::JwsAlgorithm::Rs256 {
                return Err(format!(
                    "{alg:?} is not supported by the native test verifier"
                ));
            }
            let decode = |part: &Option<String>| {
                let part = part.as_deref().ok_or("missing RSA parameter")?;
                URL_SAFE_NO_PAD.decode(part).map_err(|_| "bad base64")
            };
            let n = rsa::BigUint::from_bytes_be(&decode(&key.n)?);
            let e = rsa::BigUint::from_bytes_be(&decode(&key.e)?);
            let public = rsa::RsaPublicKey::new(n, e).map_err(|e| e.to_string())?;
            let digest = Sha256::digest(signing_input);
            Ok(public
                .verify(Pkcs1v15Sign::new::<Sha256>(), &digest, signature)
                .is_ok())
        })
    }
}
