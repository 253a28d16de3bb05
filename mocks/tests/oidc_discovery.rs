//! Discovery and JWKS of the development OpenID provider.

mod oidc_support;

use axum::http::StatusCode;
use digibank_mock::Config;
use oidc_support::{ISSUER, Idp, config};
use serde_json::json;

#[tokio::test]
async fn discovery_is_json_with_absolute_endpoints_under_the_issuer() {
    let idp = Idp::new();
    let reply = idp
        .get("/oidc/.well-known/openid-configuration", None)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(
        reply.header("cache-control"),
        Some("public, max-age=3600"),
        "browsers keep it, so a reload or the sign-in callback needs no new request"
    );
    let doc = reply.json();
    assert_eq!(doc["issuer"], ISSUER);
    for (field, path) in [
        ("authorization_endpoint", "authorize"),
        ("token_endpoint", "token"),
        ("userinfo_endpoint", "userinfo"),
        ("jwks_uri", "jwks"),
        ("revocation_endpoint", "revoke"),
        ("end_session_endpoint", "end_session"),
    ] {
        assert_eq!(doc[field], format!("{ISSUER}/{path}"), "{field}");
    }
    assert_eq!(doc["code_challenge_methods_supported"], json!(["S256"]));
    assert_eq!(doc["response_types_supported"], json!(["code"]));
    assert_eq!(
        doc["grant_types_supported"],
        json!(["authorization_code", "refresh_token"])
    );
    assert_eq!(
        doc["id_token_signing_alg_values_supported"],
        json!(["RS256"])
    );
    assert_eq!(
        doc["token_endpoint_auth_methods_supported"],
        json!(["none"])
    );
    let scopes = doc["scopes_supported"].as_array().unwrap();
    for scope in ["openid", "profile", "email", "offline_access", "api"] {
        assert!(scopes.contains(&json!(scope)), "{scope}");
    }
    assert_eq!(doc["request_uri_parameter_supported"], false);
}

#[tokio::test]
async fn issuer_follows_the_public_url_and_scripts_may_read_it_cross_origin() {
    let idp = Idp::with_config(Config {
        public_url: Some("https://bank.example:8443/app".into()),
        ..config()
    });
    let request = axum::http::Request::builder()
        .uri("/oidc/.well-known/openid-configuration")
        .header("origin", "http://localhost:3000")
        .body(axum::body::Body::empty())
        .unwrap();
    let reply = idp.send(request).await;
    assert_eq!(reply.json()["issuer"], "https://bank.example:8443/oidc");
    assert_eq!(reply.header("access-control-allow-origin"), Some("*"));
}

#[tokio::test]
async fn jwks_publishes_one_rs256_signature_key() {
    let idp = Idp::new();
    let reply = idp.get("/oidc/jwks", None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    assert_eq!(reply.header("cache-control"), Some("public, max-age=300"));
    let keys = reply.json()["keys"].as_array().unwrap().clone();
    assert_eq!(keys.len(), 1);
    let key = &keys[0];
    assert_eq!(
        (
            key["kty"].as_str(),
            key["alg"].as_str(),
            key["use"].as_str()
        ),
        (Some("RSA"), Some("RS256"), Some("sig"))
    );
    assert_eq!(key["e"], "AQAB");
    assert_eq!(key["n"].as_str().unwrap().len(), 342, "2048-bit modulus");
    assert!(key["kid"].as_str().is_some_and(|k| !k.is_empty()));
    assert!(key.get("d").is_none(), "no private parts");
}

#[tokio::test]
async fn serve_derives_the_issuer_from_the_listener_and_refuses_https_issuers() {
    let quick = || Config {
        transactions_per_account: 20,
        ..Config::default()
    };
    let server = digibank_mock::serve(quick()).await.unwrap();
    let issuer = server.state().oidc().issuer().url().to_owned();
    assert_eq!(issuer, format!("{}/oidc", server.url()));
    server.stop().await;
    let mut https = quick();
    https.oidc.trust_issuer = Some("https://idp.example".into());
    https.oidc.trust_audience = Some("api".into());
    let error = digibank_mock::serve(https).await.err().unwrap();
    assert!(error.to_string().contains("no TLS client"), "{error}");
}

#[test]
fn flags_parse_with_their_pairs() {
    use clap::Parser;
    let config = Config::try_parse_from([
        "digibank-mock",
        "--redirect-uri",
        "http://127.0.0.1:1/a",
        "--redirect-uri",
        "http://127.0.0.1:2/b",
        "--trust-issuer",
        "http://127.0.0.1:3000",
        "--trust-audience",
        "digibank-api",
        "--access-token-ttl",
        "5",
    ])
    .unwrap();
    assert_eq!(config.oidc.redirect_uris.len(), 2);
    assert_eq!(config.access_token_ttl, 5);
    let lonely =
        Config::try_parse_from(["digibank-mock", "--trust-issuer", "http://127.0.0.1:3000"]);
    assert!(lonely.unwrap_err().to_string().contains("--trust-audience"));
}
