//! Browser shell: [`SignatureVerifier`] over WebCrypto (`crypto.subtle.importKey("jwk", …)` + `verify`), so the
//! wasm carries no RSA or elliptic-curve code.

use futures::future::LocalBoxFuture;
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{CryptoKey, SubtleCrypto};

use super::{JwkFields, JwsAlgorithm, SignatureVerifier};

/// Verifies signatures with the page's `crypto.subtle`.
#[derive(Debug, Clone, Copy, Default)]
pub struct WebCryptoVerifier;

impl SignatureVerifier for WebCryptoVerifier {
    fn verify<'a>(
        &'a self,
        alg: JwsAlgorithm,
        key: &'a JwkFields,
        signing_input: &'a [u8],
        signature: &'a [u8],
    ) -> LocalBoxFuture<'a, Result<bool, String>> {
        Box::pin(async move {
            let subtle = subtle().map_err(|_| {
                "this page cannot check signatures (WebCrypto needs https or localhost)".to_string()
            })?;
            verify(&subtle, alg, key, signing_input, signature)
                .await
                .map_err(|_| "the provider's signing key could not be used".to_string())
        })
    }
}

async fn verify(
    subtle: &SubtleCrypto,
    alg: JwsAlgorithm,
    key: &JwkFields,
    signing_input: &[u8],
    signature: &[u8],
) -> Result<bool, JsValue> {
    let params = alg.web_crypto();
    let import = object(&[("name", params.name.into()), ("hash", params.hash.into())])?;
    if let Some(curve) = params.curve {
        Reflect::set(&import, &"namedCurve".into(), &curve.into())?;
    }
    let usages = Array::of1(&"verify".into());
    let imported = subtle.import_key_with_object("jwk", &jwk(key)?, &import, false, &usages)?;
    let public_key: CryptoKey = JsFuture::from(imported).await?.dyn_into()?;
    let check = object(&[("name", params.name.into()), ("hash", params.hash.into())])?;
    if let Some(salt_length) = params.salt_length {
        Reflect::set(&check, &"saltLength".into(), &salt_length.into())?;
    }
    let verified = subtle.verify_with_object_and_u8_array_and_u8_array(
        &check,
        &public_key,
        signature,
        signing_input,
    )?;
    Ok(JsFuture::from(verified).await?.as_bool() == Some(true))
}

/// The public members only (`kty` with `n`/`e` or `crv`/`x`/`y`): `alg`, `use` and `kid` were checked by us.
fn jwk(key: &JwkFields) -> Result<Object, JsValue> {
    let kty = serde_json::to_value(&key.kty).map_err(|_| JsValue::NULL)?;
    let jwk = object(&[("kty", kty.as_str().unwrap_or_default().into())])?;
    for (name, value) in [
        ("n", &key.n),
        ("e", &key.e),
        ("crv", &key.crv),
        ("x", &key.x),
        ("y", &key.y),
    ] {
        if let Some(value) = value {
            Reflect::set(&jwk, &name.into(), &value.into())?;
        }
    }
    Ok(jwk)
}

fn object(members: &[(&str, JsValue)]) -> Result<Object, JsValue> {
    let object = Object::new();
    for (name, value) in members {
        Reflect::set(&object, &(*name).into(), value)?;
    }
    Ok(object)
}

fn subtle() -> Result<SubtleCrypto, JsValue> {
    let window = web_sys::window().ok_or(JsValue::NULL)?;
    Ok(window.crypto()?.subtle())
}
