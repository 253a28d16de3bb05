//! `--trust-issuer`: the bank API accepting RS256 JWT access tokens from an external issuer. A second
//! in-process server on 127.0.0.1:0 plays that issuer, with its own key set.

mod oidc_support;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::State;
use axum::http::StatusCode;
use axum::routing::get;
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use digibank_mock::Config;
use oidc_support::{Idp, config};
use rsa::RsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::rand_core::OsRng;
use rsa::signature::{SignatureEncoding, Signer};
use rsa::traits::PublicKeyParts;
use serde_json::{Value, json};
use sha2::Sha256;
use tokio::net::TcpListener;
use tokio::sync::oneshot;

/// Audience the external tokens are issued for.
const AUDIENCE: &str = "digibank-api";
/// 2026-11-24T09:00:00Z, the bank's clock at the start of each test.
const NOW: i64 = 1_795_510_800;

/// The external issuer: discovery and a JWK set that tests can change, counting JWK set fetches.
struct Issuer {
    url: String,
    jwks: Arc<Mutex<Value>>,
    jwks_fetches: Arc<AtomicUsize>,
    stop: Option<oneshot::Sender<()>>,
}

#[derive(Clone)]
struct Shared {
    url: String,
    jwks: Arc<Mutex<Value>>,
    jwks_fetches: Arc<AtomicUsize>,
}

impl Issuer {
    async fn start(jwks: Value) -> Issuer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let shared = Shared {
            url: url.clone(),
            jwks: Arc::new(Mutex::new(jwks)),
            jwks_fetches: Arc::default(),
        };
        let app = Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks_set))
            .with_state(shared.clone());
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async move {
                    let _ = stopped.await;
                })
                .await;
        });
        Issuer {
            url,
            jwks: shared.jwks,
            jwks_fetches: shared.jwks_fetches,
            stop: Some(stop),
        }
    }

    fn fetches(&self) -> usize {
        self.jwks_fetches.load(Ordering::SeqCst)
    }

    fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn discovery(State(shared): State<Shared>) -> Json<Value> {
    Json(json!({"issuer": shared.url, "jwks_uri": format!("{}/jwks", shared.url)}))
}

async fn jwks_set(State(shared): State<Shared>) -> Json<Value> {
    shared.jwks_fetches.fetch_add(1, Ordering::SeqCst);
    Json(shared.jwks.lock().unwrap().clone())
}

/// The external issuer's key, independent of the provider's code.
struct ExternalKey(RsaPrivateKey);

impl ExternalKey {
    /// One key for the whole test process (key generation is the slow part).
    fn shared() -> &'static ExternalKey {
        static KEY: OnceLock<ExternalKey> = OnceLock::new();
        KEY.get_or_init(|| ExternalKey(RsaPrivateKey::new(&mut OsRng, 2048).unwrap()))
    }

    fn jwks(&self, kid: &str) -> Value {
        let b64 = |n: &rsa::BigUint| URL_SAFE_NO_PAD.encode(n.to_bytes_be());
        json!({"keys": [
            {"kty": "EC", "crv": "P-256", "kid": "ec-1", "x": "AA", "y": "AA"},
            {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": b64(self.0.n()), "e": b64(self.0.e())}
        ]})
    }

    fn sign(&self, header: Value, claims: Value) -> String {
        let encode = |v: Value| URL_SAFE_NO_PAD.encode(v.to_string());
        let input = format!("{}.{}", encode(header), encode(claims));
        let signature = SigningKey::<Sha256>::new(self.0.clone()).sign(input.as_bytes());
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes()))
    }

    fn token(&self, kid: &str, claims: Value) -> String {
        self.sign(json!({"alg": "RS256", "typ": "at+jwt", "kid": kid}), claims)
    }
}

/// `token` with the claims of `other` but its own signature.
fn with_claims_of(token: &str, other: &str) -> String {
    let parts: Vec<&str> = token.split('.').collect();
    let other: Vec<&str> = other.split('.').collect();
    format!("{}.{}.{}", parts[0], other[1], parts[2])
}

fn claims(issuer: &str, sub: &str) -> Value {
    json!({"iss": issuer, "sub": sub, "aud": [AUDIENCE, "other"], "iat": NOW, "exp": NOW + 300, "scope": "api"})
}

fn bank_trusting(issuer: &str) -> Idp {
    Idp::with_config(Config {
        oidc: digibank_mock::oidc::OidcFlags {
            trust_issuer: Some(issuer.to_owned()),
            trust_audience: Some(AUDIENCE.into()),
            ..Default::default()
        },
        ..config()
    })
}

async fn api(bank: &Idp, token: &str) -> (StatusCode, Value) {
    let request = axum::http::Request::get("/api/accounts")
        .header("authorization", format!("Bearer {token}"))
        .body(axum::body::Body::empty())
        .unwrap();
    let reply = bank.send(request).await;
    (reply.status, reply.json())
}

#[tokio::test]
async fn external_jwts_are_checked_against_the_issuer_keys_and_claims() {
    let key = ExternalKey::shared();
    let issuer = Issuer::start(key.jwks("k1")).await;
    let bank = bank_trusting(&issuer.url);

    let good = key.token("k1", claims(&issuer.url, "alice"));
    let (status, body) = api(&bank, &good).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(
        body["items"].as_array().is_some_and(|a| !a.is_empty()),
        "{body}"
    );

    let stranger = key.token("k1", claims(&issuer.url, "mallory"));
    let (status, body) = api(&bank, &stranger).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("'mallory' is not a customer"),
        "{body}"
    );

    let mut wrong_audience = claims(&issuer.url, "alice");
    wrong_audience["aud"] = json!("digibank-spa");
    let mut wrong_issuer = claims(&issuer.url, "alice");
    wrong_issuer["iss"] = json!("http://127.0.0.1:1");
    let mut expired = claims(&issuer.url, "alice");
    expired["exp"] = json!(NOW - 31);
    let mut not_yet = claims(&issuer.url, "alice");
    not_yet["nbf"] = json!(NOW + 31);
    for (what, token) in [
        ("audience", key.token("k1", wrong_audience)),
        ("issued by", key.token("k1", wrong_issuer)),
        ("expired", key.token("k1", expired)),
        ("not valid yet", key.token("k1", not_yet)),
        (
            "only RS256",
            key.sign(
                json!({"alg": "none", "kid": "k1"}),
                claims(&issuer.url, "alice"),
            ),
        ),
        ("signature", with_claims_of(&good, &stranger)),
    ] {
        let (status, body) = api(&bank, &token).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{what}: {body}");
        assert!(
            body["error"].as_str().unwrap().contains(what),
            "{what}: {body}"
        );
    }
    let mut skewed = claims(&issuer.url, "bob");
    skewed["exp"] = json!(NOW - 29);
    assert_eq!(
        api(&bank, &key.token("k1", skewed)).await.0,
        StatusCode::OK,
        "30 s skew"
    );
    assert_eq!(issuer.fetches(), 1, "the key set is cached");

    let own = bank
        .state
        .tokens()
        .issue("bob", bank.state.clock().now(), None);
    assert_eq!(
        api(&bank, &own.access_token).await.0,
        StatusCode::OK,
        "opaque tokens still work"
    );
    issuer.stop();
}

#[tokio::test]
async fn an_unknown_kid_refetches_the_key_set_once_per_cooldown() {
    let key = ExternalKey::shared();
    let issuer = Issuer::start(key.jwks("k1")).await;
    let bank = bank_trusting(&issuer.url);
    assert_eq!(
        api(&bank, &key.token("k1", claims(&issuer.url, "alice")))
            .await
            .0,
        StatusCode::OK
    );

    *issuer.jwks.lock().unwrap() = key.jwks("k2");
    let rotated = key.token("k2", claims(&issuer.url, "alice"));
    assert_eq!(
        api(&bank, &rotated).await.0,
        StatusCode::OK,
        "rotation picked up"
    );
    assert_eq!(issuer.fetches(), 2);

    let (status, body) = api(&bank, &key.token("k3", claims(&issuer.url, "alice"))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("no key with id 'k3'"),
        "{body}"
    );
    assert_eq!(issuer.fetches(), 2, "no second refetch within the cooldown");
    issuer.stop();
}

#[tokio::test]
async fn an_unreachable_issuer_is_a_clear_401() {
    let closed = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let bank = bank_trusting(&url);
    let token = format!(
        "{}.{}.AAAA",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"RS256","kid":"k1"}"#),
        URL_SAFE_NO_PAD.encode("{}")
    );
    let (status, body) = api(&bank, &token).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        body["error"]
            .as_str()
            .unwrap()
            .contains("could not be fetched"),
        "{body}"
    );
}
