#![cfg(target_arch = "wasm32")]
//! ID-token verification in the browser: signatures checked by WebCrypto (`WebCryptoVerifier`), then
//! openidconnect's claim checks. Keys and tokens are made here with WebCrypto (RS256 and ES256), and the provider's
//! discovery document and JWKS are served by an in-test `AuthHttp`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use digibank::config::TokenStorageMode;
use digibank::services::auth::{
    AuthConfig, AuthError, AuthHttp, DEFAULT_CLOCK_SKEW, DEFAULT_SCOPES, HttpFuture, HttpRequest,
    IdTokenContext, IdTokenRejection, ProviderCache, WebCryptoVerifier,
};
use js_sys::{Array, Object, Reflect};
use openidconnect::Nonce;
use openidconnect::http::Response;
use serde_json::{Value, json};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{CryptoKey, SubtleCrypto};

wasm_bindgen_test_configure!(run_in_browser);

const ISSUER: &str = "https://id.test/oidc";
const CLIENT_ID: &str = "digibank-spa";
const NONCE: &str = "nonce-of-this-sign-in";

fn subtle() -> SubtleCrypto {
    web_sys::window().unwrap().crypto().unwrap().subtle()
}

fn object(members: &[(&str, JsValue)]) -> Object {
    let object = Object::new();
    for (name, value) in members {
        Reflect::set(&object, &(*name).into(), value).unwrap();
    }
    object
}

/// A WebCrypto signing key and its public JWK.
struct TestKey {
    private: CryptoKey,
    public_jwk: Value,
    params: Object,
}

impl TestKey {
    async fn rsa() -> Self {
        let params = object(&[
            ("name", "RSASSA-PKCS1-v1_5".into()),
            ("modulusLength", 2048.into()),
            (
                "publicExponent",
                js_sys::Uint8Array::from(&[1u8, 0, 1][..]).into(),
            ),
            ("hash", "SHA-256".into()),
        ]);
        Self::generate(params, object(&[("name", "RSASSA-PKCS1-v1_5".into())])).await
    }

    async fn p256() -> Self {
        let params = object(&[("name", "ECDSA".into()), ("namedCurve", "P-256".into())]);
        Self::generate(
            params,
            object(&[("name", "ECDSA".into()), ("hash", "SHA-256".into())]),
        )
        .await
    }

    async fn generate(generate: Object, sign: Object) -> Self {
        let usages = Array::of2(&"sign".into(), &"verify".into());
        let pair = subtle()
            .generate_key_with_object(&generate, true, &usages)
            .unwrap();
        let pair = JsFuture::from(pair).await.unwrap();
        let private: CryptoKey = Reflect::get(&pair, &"privateKey".into())
            .unwrap()
            .unchecked_into();
        let public: CryptoKey = Reflect::get(&pair, &"publicKey".into())
            .unwrap()
            .unchecked_into();
        let jwk = JsFuture::from(subtle().export_key("jwk", &public).unwrap())
            .await
            .unwrap();
        let jwk = js_sys::JSON::stringify(&jwk).unwrap().as_string().unwrap();
        Self {
            private,
            public_jwk: serde_json::from_str(&jwk).unwrap(),
            params: sign,
        }
    }

    /// The JWKS entry: the public members with `kid` (and `alg`, `use` as providers publish them).
    fn published(&self, kid: &str, alg: &str) -> Value {
        let mut jwk = self.public_jwk.clone();
        for member in ["key_ops", "ext"] {
            jwk.as_object_mut().unwrap().remove(member);
        }
        jwk["kid"] = json!(kid);
        jwk["alg"] = json!(alg);
        jwk["use"] = json!("sig");
        jwk
    }

    async fn sign(&self, header: &Value, claims: &Value) -> String {
        let input = signing_input(header, claims);
        let signed = subtle()
            .sign_with_object_and_u8_array(&self.params, &self.private, input.as_bytes())
            .unwrap();
        let signature = js_sys::Uint8Array::new(&JsFuture::from(signed).await.unwrap()).to_vec();
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }
}

fn signing_input(header: &Value, claims: &Value) -> String {
    format!(
        "{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string())
    )
}

/// HMAC-SHA-256 over the signing input with `secret` (the "public key as HMAC secret" forgery).
async fn hs256(header: &Value, claims: &Value, secret: &[u8]) -> String {
    let input = signing_input(header, claims);
    let hmac = object(&[("name", "HMAC".into()), ("hash", "SHA-256".into())]);
    let jwk = object(&[
        ("kty", "oct".into()),
        ("k", URL_SAFE_NO_PAD.encode(secret).into()),
    ]);
    let usages = Array::of1(&"sign".into());
    let key = subtle()
        .import_key_with_object("jwk", &jwk, &hmac, false, &usages)
        .unwrap();
    let key: CryptoKey = JsFuture::from(key).await.unwrap().unchecked_into();
    let mac = subtle()
        .sign_with_object_and_u8_array(&hmac, &key, input.as_bytes())
        .unwrap();
    let mac = js_sys::Uint8Array::new(&JsFuture::from(mac).await.unwrap()).to_vec();
    format!("{input}.{}", URL_SAFE_NO_PAD.encode(mac))
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

fn claims() -> Value {
    let now = now_ms() / 1000;
    json!({
        "iss": ISSUER, "aud": CLIENT_ID, "sub": "alice", "name": "Alice Example",
        "iat": now, "exp": now + 300, "nonce": NONCE,
    })
}

fn header(alg: &str, kid: &str) -> Value {
    json!({"alg": alg, "typ": "JWT", "kid": kid})
}

/// The provider's discovery document and JWKS, counting JWKS fetches.
struct Documents {
    jwks: Value,
    jwks_fetches: Cell<u32>,
}

impl AuthHttp for Documents {
    fn send(&self, request: HttpRequest) -> HttpFuture<'_> {
        let url = request.uri().to_string();
        let body = if url.ends_with("/.well-known/openid-configuration") {
            json!({
                "issuer": ISSUER,
                "authorization_endpoint": format!("{ISSUER}/authorize"),
                "token_endpoint": format!("{ISSUER}/token"),
                "jwks_uri": format!("{ISSUER}/jwks"),
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256", "ES256"],
            })
        } else {
            self.jwks_fetches.set(self.jwks_fetches.get() + 1);
            self.jwks.clone()
        };
        let reply = Response::builder()
            .status(200)
            .header("content-type", "application/json")
            .body(body.to_string().into_bytes())
            .unwrap();
        Box::pin(async move { Ok(reply) })
    }
}

/// The provider publishing `keys`, and its document server (to count fetches).
fn provider(keys: Vec<Value>) -> (ProviderCache, Rc<Documents>) {
    let documents = Rc::new(Documents {
        jwks: json!({ "keys": keys }),
        jwks_fetches: Cell::new(0),
    });
    let config = AuthConfig {
        authority: ISSUER.into(),
        client_id: CLIENT_ID.into(),
        redirect_uri: "https://app.test/callback".into(),
        post_logout_redirect_uri: "https://app.test/".into(),
        scopes: DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect(),
        resource: None,
        storage: TokenStorageMode::Memory,
        api_base_url: "https://app.test/api".into(),
        clock_skew: DEFAULT_CLOCK_SKEW,
    };
    let cache = ProviderCache::new(&config, documents.clone(), Rc::new(WebCryptoVerifier));
    (cache, documents)
}

async fn verify(cache: &ProviderCache, token: &str) -> Result<String, AuthError> {
    let nonce = Nonce::new(NONCE.into());
    let context = IdTokenContext {
        access_token: "access-token-of-this-reply",
        nonce: Some(&nonce),
        now_ms: now_ms(),
    };
    cache
        .verify_id_token(token, context)
        .await
        .map(|user| user.sub)
}

fn rejected(rejection: IdTokenRejection) -> Result<String, AuthError> {
    Err(AuthError::InvalidIdToken(rejection))
}

/// The keys every test publishes: one RSA and one P-256 key.
struct Published {
    rsa: TestKey,
    ec: TestKey,
}

thread_local! {
    static KEYS: RefCell<Option<Rc<Published>>> = const { RefCell::new(None) };
}

async fn published() -> Rc<Published> {
    if let Some(keys) = KEYS.with(|k| k.borrow().clone()) {
        return keys;
    }
    let keys = Rc::new(Published {
        rsa: TestKey::rsa().await,
        ec: TestKey::p256().await,
    });
    KEYS.with(|k| *k.borrow_mut() = Some(keys.clone()));
    keys
}

async fn standard_provider() -> (ProviderCache, Rc<Documents>, Rc<Published>) {
    let keys = published().await;
    let (cache, documents) = provider(vec![
        keys.rsa.published("rsa-1", "RS256"),
        keys.ec.published("ec-1", "ES256"),
    ]);
    (cache, documents, keys)
}

#[wasm_bindgen_test]
async fn valid_rs256_and_es256_tokens_are_accepted() {
    let (cache, _, keys) = standard_provider().await;
    let rs256 = keys.rsa.sign(&header("RS256", "rsa-1"), &claims()).await;
    assert_eq!(verify(&cache, &rs256).await, Ok("alice".into()));
    let es256 = keys.ec.sign(&header("ES256", "ec-1"), &claims()).await;
    assert_eq!(verify(&cache, &es256).await, Ok("alice".into()));
}

#[wasm_bindgen_test]
async fn a_token_signed_by_another_key_with_the_same_kid_is_refused() {
    let (cache, _, _) = standard_provider().await;
    let impostor = TestKey::rsa().await;
    let forged = impostor.sign(&header("RS256", "rsa-1"), &claims()).await;
    assert_eq!(
        verify(&cache, &forged).await,
        rejected(IdTokenRejection::Signature)
    );
}

#[wasm_bindgen_test]
async fn alg_none_is_refused() {
    let (cache, _, _) = standard_provider().await;
    let unsigned = format!("{}.", signing_input(&header("none", "rsa-1"), &claims()));
    assert_eq!(
        verify(&cache, &unsigned).await,
        rejected(IdTokenRejection::Algorithm("none".into()))
    );
}

#[wasm_bindgen_test]
async fn hs256_signed_with_the_public_key_as_secret_is_refused() {
    let (cache, _, keys) = standard_provider().await;
    let public_key = keys.rsa.published("rsa-1", "RS256").to_string();
    let forged = hs256(&header("HS256", "rsa-1"), &claims(), public_key.as_bytes()).await;
    assert_eq!(
        verify(&cache, &forged).await,
        rejected(IdTokenRejection::Algorithm("HS256".into()))
    );
}

#[wasm_bindgen_test]
async fn an_unknown_kid_reloads_the_keys_once_and_is_refused() {
    let (cache, documents, keys) = standard_provider().await;
    let token = keys
        .rsa
        .sign(&header("RS256", "rotated-away"), &claims())
        .await;
    assert_eq!(
        verify(&cache, &token).await,
        rejected(IdTokenRejection::UnknownKey)
    );
    assert_eq!(
        documents.jwks_fetches.get(),
        2,
        "discovery's key set, then one reload"
    );
}

#[wasm_bindgen_test]
async fn a_truncated_signature_is_refused() {
    let (cache, _, keys) = standard_provider().await;
    for token in [
        keys.rsa.sign(&header("RS256", "rsa-1"), &claims()).await,
        keys.ec.sign(&header("ES256", "ec-1"), &claims()).await,
    ] {
        let truncated = &token[..token.len() - 8];
        assert_eq!(
            verify(&cache, truncated).await,
            rejected(IdTokenRejection::Signature)
        );
        let no_signature = &token[..=token.rfind('.').unwrap()];
        assert_eq!(
            verify(&cache, no_signature).await,
            rejected(IdTokenRejection::Signature)
        );
    }
}

#[wasm_bindgen_test]
async fn a_key_of_the_wrong_type_or_an_unadvertised_algorithm_is_refused() {
    let (cache, _, keys) = standard_provider().await;
    let rs_with_ec_key = keys.ec.sign(&header("RS256", "ec-1"), &claims()).await;
    assert_eq!(
        verify(&cache, &rs_with_ec_key).await,
        rejected(IdTokenRejection::UnknownKey)
    );
    let ps256 = keys.rsa.sign(&header("PS256", "rsa-1"), &claims()).await;
    assert_eq!(
        verify(&cache, &ps256).await,
        rejected(IdTokenRejection::Algorithm("PS256".into()))
    );
}

#[wasm_bindgen_test]
async fn claim_checks_still_run_after_a_good_signature() {
    let (cache, _, keys) = standard_provider().await;
    let mut expired = claims();
    expired["exp"] = json!(now_ms() / 1000 - 3600);
    let mut other_app = claims();
    other_app["aud"] = json!("some-other-app");
    let mut other_issuer = claims();
    other_issuer["iss"] = json!("https://evil.test/oidc");
    let mut other_nonce = claims();
    other_nonce["nonce"] = json!("someone-elses-nonce");
    for (claims, rejection) in [
        (expired, IdTokenRejection::Expired),
        (other_app, IdTokenRejection::Audience),
        (other_issuer, IdTokenRejection::Issuer),
        (other_nonce, IdTokenRejection::Nonce),
    ] {
        let token = keys.ec.sign(&header("ES256", "ec-1"), &claims).await;
        assert_eq!(verify(&cache, &token).await, rejected(rejection));
    }
}
