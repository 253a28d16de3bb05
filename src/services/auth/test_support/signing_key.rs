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
    let header = serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": KEY_ID});
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
