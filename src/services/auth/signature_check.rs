//! Phase 1 of ID-token verification, asynchronous and ours: accept only an algorithm the provider advertises
//! and this client supports, pick the one key the token names, and have the platform (WebCrypto in the browser)
//! verify the signature. Phase 2 (`id_token.rs`) runs openidconnect's claim checks with that verified signature.

use futures::future::LocalBoxFuture;
use openidconnect::core::CoreJwsSigningAlgorithm;

use super::{
    CompactJws, IdTokenRejection, JwkFields, JwsAlgorithm, ProviderKey, VerifiedSignature,
};

/// Verifies one signature with one public key (`SubtleCrypto.verify` in the browser).
pub trait SignatureVerifier {
    /// True when `signature` over `signing_input` verifies with `key` under `alg`; `Err` (a sentence for the
    /// customer) when the check cannot be made: the key is unusable, or the page has no WebCrypto.
    fn verify<'a>(
        &'a self,
        alg: JwsAlgorithm,
        key: &'a JwkFields,
        signing_input: &'a [u8],
        signature: &'a [u8],
    ) -> LocalBoxFuture<'a, Result<bool, String>>;
}

/// The key that signed `token`, vouching for exactly that signature, and the algorithm used.
pub async fn check_signature(
    token: &str,
    keys: &[ProviderKey],
    advertised: &[CoreJwsSigningAlgorithm],
    verifier: &dyn SignatureVerifier,
) -> Result<(ProviderKey, JwsAlgorithm), IdTokenRejection> {
    let jws = CompactJws::parse(token)?;
    let alg = JwsAlgorithm::from_name(&jws.alg)
        .filter(|alg| advertised.contains(&alg.core()))
        .ok_or_else(|| IdTokenRejection::Algorithm(jws.alg.clone()))?;
    let key = signing_key(keys, jws.kid.as_deref(), alg)?;
    match verifier
        .verify(alg, key.fields(), &jws.signing_input, &jws.signature)
        .await
    {
        Ok(true) => {}
        Ok(false) => return Err(IdTokenRejection::Signature),
        Err(reason) => return Err(IdTokenRejection::Other(reason)),
    }
    let verified = VerifiedSignature {
        alg,
        signing_input: jws.signing_input,
        signature: jws.signature,
    };
    Ok((key.vouching_for(verified), alg))
}

/// The one key for `alg` with this `kid` (or the only suitable key when the token names none).
fn signing_key<'k>(
    keys: &'k [ProviderKey],
    kid: Option<&str>,
    alg: JwsAlgorithm,
) -> Result<&'k ProviderKey, IdTokenRejection> {
    let mut candidates = keys.iter().filter(|key| {
        key.suits(alg)
            && kid.is_none_or(|kid| key.fields().kid.as_deref().map(|k| k.as_str()) == Some(kid))
    });
    match (candidates.next(), candidates.next()) {
        (Some(key), None) => Ok(key),
        (None, _) => Err(IdTokenRejection::UnknownKey),
        (Some(_), Some(_)) => Err(IdTokenRejection::Other(
            "it does not say which of the provider's keys signed it".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use base64::Engine;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;

    use super::*;

    /// Accepts exactly one signature, cannot check [`UNUSABLE`], and records what it was asked.
    const UNUSABLE: &[u8] = b"unusable";

    struct Scripted {
        valid: Vec<u8>,
        asked: RefCell<Vec<(JwsAlgorithm, Option<String>)>>,
    }

    impl SignatureVerifier for Scripted {
        fn verify<'a>(
            &'a self,
            alg: JwsAlgorithm,
            key: &'a JwkFields,
            _signing_input: &'a [u8],
            signature: &'a [u8],
        ) -> LocalBoxFuture<'a, Result<bool, String>> {
            let kid = key.kid.as_ref().map(|kid| kid.to_string());
            self.asked.borrow_mut().push((alg, kid));
            Box::pin(async move {
                if signature == UNUSABLE {
                    return Err("the provider's signing key could not be used".into());
                }
                Ok(signature == self.valid)
            })
        }
    }

    fn scripted() -> Scripted {
        Scripted {
            valid: b"good".to_vec(),
            asked: RefCell::default(),
        }
    }

    fn token(header: &str, signature: &[u8]) -> String {
        format!(
            "{}.{}.{}",
            URL_SAFE_NO_PAD.encode(header),
            URL_SAFE_NO_PAD.encode("{}"),
            URL_SAFE_NO_PAD.encode(signature)
        )
    }

    fn keys() -> Vec<ProviderKey> {
        serde_json::from_value(serde_json::json!([
            {"kty": "RSA", "kid": "rsa-1", "use": "sig", "n": "AQAB", "e": "AQAB"},
            {"kty": "RSA", "kid": "rsa-2", "n": "AQAB", "e": "AQAB"},
            {"kty": "EC", "kid": "ec-1", "crv": "P-256", "x": "AA", "y": "AA"},
        ]))
        .unwrap()
    }

    const ADVERTISED: [CoreJwsSigningAlgorithm; 2] = [
        CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
        CoreJwsSigningAlgorithm::EcdsaP256Sha256,
    ];

    fn check(
        token: &str,
        verifier: &Scripted,
    ) -> Result<(ProviderKey, JwsAlgorithm), IdTokenRejection> {
        futures::executor::block_on(check_signature(token, &keys(), &ADVERTISED, verifier))
    }

    #[test]
    fn the_key_named_by_kid_verifies_and_then_vouches_for_that_signature_only() {
        let verifier = scripted();
        let (key, alg) = check(
            &token(r#"{"alg":"ES256","kid":"ec-1"}"#, b"good"),
            &verifier,
        )
        .unwrap();
        assert_eq!(alg, JwsAlgorithm::Es256);
        assert_eq!(
            *verifier.asked.borrow(),
            [(JwsAlgorithm::Es256, Some("ec-1".to_string()))]
        );
        use openidconnect::JsonWebKey;
        let signing_input = token(r#"{"alg":"ES256","kid":"ec-1"}"#, b"good");
        let signing_input = signing_input.rsplit_once('.').unwrap().0.as_bytes();
        assert!(
            key.verify_signature(&alg.core(), signing_input, b"good")
                .is_ok()
        );
        assert!(
            key.verify_signature(&alg.core(), signing_input, b"forged")
                .is_err()
        );
    }

    #[test]
    fn none_hmac_and_unadvertised_algorithms_never_reach_the_verifier() {
        let verifier = scripted();
        for alg in ["none", "HS256", "RS384", "EdDSA"] {
            let header = format!(r#"{{"alg":"{alg}","kid":"rsa-1"}}"#);
            assert_eq!(
                check(&token(&header, b"good"), &verifier).unwrap_err(),
                IdTokenRejection::Algorithm(alg.into())
            );
        }
        assert!(verifier.asked.borrow().is_empty());
    }

    #[test]
    fn unknown_ambiguous_and_mismatched_keys_are_refused() {
        let verifier = scripted();
        let unknown = token(r#"{"alg":"RS256","kid":"rotated"}"#, b"good");
        assert_eq!(
            check(&unknown, &verifier).unwrap_err(),
            IdTokenRejection::UnknownKey
        );
        let wrong_type = token(r#"{"alg":"ES256","kid":"rsa-1"}"#, b"good");
        assert_eq!(
            check(&wrong_type, &verifier).unwrap_err(),
            IdTokenRejection::UnknownKey
        );
        let no_kid = token(r#"{"alg":"RS256"}"#, b"good");
        assert!(matches!(
            check(&no_kid, &verifier),
            Err(IdTokenRejection::Other(_))
        ));
        let no_kid_one_ec_key = token(r#"{"alg":"ES256"}"#, b"good");
        assert!(check(&no_kid_one_ec_key, &verifier).is_ok());
    }

    #[test]
    fn a_signature_that_does_not_verify_is_a_signature_rejection() {
        let verifier = scripted();
        let forged = token(r#"{"alg":"RS256","kid":"rsa-2"}"#, b"forged");
        assert_eq!(
            check(&forged, &verifier).unwrap_err(),
            IdTokenRejection::Signature
        );
        let unusable = token(r#"{"alg":"RS256","kid":"rsa-2"}"#, UNUSABLE);
        assert_eq!(
            check(&unusable, &verifier).unwrap_err(),
            IdTokenRejection::Other("the provider's signing key could not be used".into()),
            "a check that could not be made is said as such, not as a bad signature"
        );
    }
}
