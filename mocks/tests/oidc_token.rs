//! `/oidc/token`: the code flow with PKCE, ID tokens, refresh rotation and reuse detection, and the
//! bank API accepting the issued access tokens.

mod oidc_support;

use std::time::Duration;

use axum::http::StatusCode;
use digibank_mock::Config;
use oidc_support::{
    AuthParams, CLIENT_ID, ISSUER, Idp, Page, REDIRECT_URI, VERIFIER, challenge_of, config,
};

fn assert_oauth_error(reply: &Page, error: &str) {
    assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{}", reply.text);
    assert_eq!(reply.header("content-type"), Some("application/json"));
    let body = reply.json();
    assert_eq!(body["error"], error, "{body}");
    assert!(
        body["error_description"]
            .as_str()
            .is_some_and(|d| !d.is_empty())
    );
}

#[tokio::test]
async fn code_flow_with_pkce_issues_tokens_the_bank_api_accepts() {
    let idp = Idp::new();
    let code = idp.code(&AuthParams::spa(), "alice").await;
    let reply = idp.exchange(&code, VERIFIER).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    assert_eq!(reply.header("pragma"), Some("no-cache"));
    let tokens = reply.json();
    assert_eq!(tokens["token_type"], "Bearer");
    assert_eq!(tokens["expires_in"], 300);
    assert_eq!(tokens["scope"], "openid profile email api offline_access");
    assert!(tokens["refresh_token"].is_string());
    let access = tokens["access_token"].as_str().unwrap();
    assert_eq!(
        idp.api_status("/api/accounts", access).await,
        StatusCode::OK
    );

    let claims = idp
        .verified_claims(tokens["id_token"].as_str().unwrap())
        .await;
    assert_eq!(claims["iss"], ISSUER);
    assert_eq!(claims["sub"], "alice");
    assert_eq!(claims["aud"], CLIENT_ID);
    assert_eq!(claims["nonce"], "n-1");
    assert_eq!(claims["name"], "Alice Martin");
    assert_eq!(claims["email"], "alice@digibank.example");
    assert_eq!(claims["email_verified"], true);
    let iat = claims["iat"].as_i64().unwrap();
    assert_eq!(iat, 1_795_510_800, "2026-11-24T09:00:00Z");
    assert_eq!(claims["exp"].as_i64().unwrap() - iat, 600);
    assert_eq!(claims["auth_time"].as_i64(), Some(iat));
    assert!(
        claims["sid"]
            .as_str()
            .is_some_and(|s| s.starts_with("sid_"))
    );
    assert_eq!(claims["at_hash"].as_str().unwrap().len(), 22);
}

#[tokio::test]
async fn without_offline_access_there_is_no_refresh_token() {
    let idp = Idp::new();
    let params = AuthParams::spa().with("scope", "openid api");
    let code = idp.code(&params, "bob").await;
    let tokens = idp.exchange(&code, VERIFIER).await.json();
    assert_eq!(tokens["scope"], "openid api");
    assert!(tokens.get("refresh_token").is_none(), "{tokens}");
    assert!(tokens["id_token"].is_string());
}

#[tokio::test]
async fn a_wrong_or_missing_verifier_is_refused() {
    let idp = Idp::new();
    let code = idp.code(&AuthParams::spa(), "alice").await;
    let wrong = "x".repeat(43);
    assert_ne!(challenge_of(&wrong), oidc_support::CHALLENGE);
    assert_oauth_error(&idp.exchange(&code, &wrong).await, "invalid_grant");
    // The code was spent by the failed attempt: the right verifier no longer helps.
    assert_oauth_error(&idp.exchange(&code, VERIFIER).await, "invalid_grant");
    let code = idp.code(&AuthParams::spa(), "alice").await;
    let missing = idp
        .post_form(
            "/oidc/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", REDIRECT_URI),
                ("client_id", CLIENT_ID),
            ],
        )
        .await;
    assert_oauth_error(&missing, "invalid_request");
}

#[tokio::test]
async fn a_reused_code_is_refused_and_revokes_what_it_bought() {
    let idp = Idp::new();
    let code = idp.code(&AuthParams::spa(), "alice").await;
    let tokens = idp.exchange(&code, VERIFIER).await.json();
    let access = tokens["access_token"].as_str().unwrap();
    let reuse = idp.exchange(&code, VERIFIER).await;
    assert_oauth_error(&reuse, "invalid_grant");
    assert!(
        reuse.json()["error_description"]
            .as_str()
            .unwrap()
            .contains("already used")
    );
    assert_eq!(
        idp.api_status("/api/accounts", access).await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn the_redirect_uri_and_client_must_match() {
    let mut config = config();
    config.oidc.redirect_uris = vec!["http://127.0.0.1:9999/cb".into()];
    let idp = Idp::with_config(config);
    let code = idp.code(&AuthParams::spa(), "alice").await;
    let other_uri = idp
        .post_form(
            "/oidc/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", &code),
                ("redirect_uri", "http://127.0.0.1:9999/cb"),
                ("client_id", CLIENT_ID),
                ("code_verifier", VERIFIER),
            ],
        )
        .await;
    assert_oauth_error(&other_uri, "invalid_grant");
    let unknown_client = idp
        .post_form(
            "/oidc/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", "c"),
                ("client_id", "evil"),
            ],
        )
        .await;
    assert_oauth_error(&unknown_client, "invalid_client");
}

#[tokio::test(start_paused = true)]
async fn codes_expire_after_a_minute() {
    let idp = Idp::new();
    let code = idp.code(&AuthParams::spa(), "alice").await;
    tokio::time::advance(Duration::from_secs(61)).await;
    let reply = idp.exchange(&code, VERIFIER).await;
    assert_oauth_error(&reply, "invalid_grant");
    assert!(
        reply.json()["error_description"]
            .as_str()
            .unwrap()
            .contains("expired")
    );
}

#[tokio::test]
async fn malformed_token_requests_get_rfc_6749_errors() {
    let idp = Idp::new();
    let grant = idp
        .post_form(
            "/oidc/token",
            &[("grant_type", "password"), ("client_id", CLIENT_ID)],
        )
        .await;
    assert_oauth_error(&grant, "unsupported_grant_type");
    let no_grant = idp
        .post_form("/oidc/token", &[("client_id", CLIENT_ID)])
        .await;
    assert_oauth_error(&no_grant, "invalid_request");
    let json = idp
        .send(
            axum::http::Request::post("/oidc/token")
                .header("content-type", "application/json")
                .body(axum::body::Body::from(r#"{"grant_type":"refresh_token"}"#))
                .unwrap(),
        )
        .await;
    assert_oauth_error(&json, "invalid_request");
    let repeated = idp
        .post_form(
            "/oidc/token",
            &[
                ("client_id", CLIENT_ID),
                ("grant_type", "refresh_token"),
                ("grant_type", "x"),
            ],
        )
        .await;
    assert_oauth_error(&repeated, "invalid_request");
}

#[tokio::test]
async fn refresh_rotates_and_a_fresh_id_token_has_no_nonce() {
    let idp = Idp::new();
    let first = idp.tokens("bob").await;
    let first_claims = idp
        .verified_claims(first["id_token"].as_str().unwrap())
        .await;
    let reply = idp.refresh(first["refresh_token"].as_str().unwrap()).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
    let second = reply.json();
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_ne!(second["access_token"], first["access_token"]);
    let claims = idp
        .verified_claims(second["id_token"].as_str().unwrap())
        .await;
    assert_eq!(claims["sub"], "bob");
    assert!(claims.get("nonce").is_none(), "{claims}");
    assert_eq!(claims["sid"], first_claims["sid"]);
    assert_eq!(claims["auth_time"], first_claims["auth_time"]);
    let access = second["access_token"].as_str().unwrap();
    assert_eq!(
        idp.api_status("/api/accounts", access).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_reused_refresh_token_revokes_the_whole_family() {
    let idp = Idp::new();
    let first = idp.tokens("alice").await;
    let old_refresh = first["refresh_token"].as_str().unwrap();
    let second = idp.refresh(old_refresh).await.json();
    let reuse = idp.refresh(old_refresh).await;
    assert_oauth_error(&reuse, "invalid_grant");
    assert!(
        reuse.json()["error_description"]
            .as_str()
            .unwrap()
            .contains("already used")
    );
    let access = second["access_token"].as_str().unwrap();
    assert_eq!(
        idp.api_status("/api/accounts", access).await,
        StatusCode::UNAUTHORIZED
    );
    assert_oauth_error(
        &idp.refresh(second["refresh_token"].as_str().unwrap()).await,
        "invalid_grant",
    );
}

#[tokio::test]
async fn a_refresh_may_narrow_the_scope_but_not_widen_it() {
    let idp = Idp::new();
    let tokens = idp.tokens("alice").await;
    let narrowed = idp
        .post_form(
            "/oidc/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", tokens["refresh_token"].as_str().unwrap()),
                ("client_id", CLIENT_ID),
                ("scope", "openid api"),
            ],
        )
        .await;
    assert_eq!(narrowed.json()["scope"], "openid api", "{}", narrowed.text);
    let code = idp
        .code(
            &AuthParams::spa().with("scope", "openid offline_access"),
            "bob",
        )
        .await;
    let small = idp.exchange(&code, VERIFIER).await.json();
    let widened = idp
        .post_form(
            "/oidc/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", small["refresh_token"].as_str().unwrap()),
                ("client_id", CLIENT_ID),
                ("scope", "openid api"),
            ],
        )
        .await;
    assert_oauth_error(&widened, "invalid_scope");
}

#[tokio::test]
async fn provider_refresh_tokens_also_rotate_through_the_api() {
    let idp = Idp::new();
    let tokens = idp.tokens("alice").await;
    let request = axum::http::Request::post("/api/auth/refresh")
        .header("content-type", "application/json")
        .body(axum::body::Body::from(format!(
            r#"{{"refreshToken":"{}"}}"#,
            tokens["refresh_token"].as_str().unwrap()
        )))
        .unwrap();
    let rotated = idp.send(request).await.json();
    let next = rotated["refreshToken"]
        .as_str()
        .expect("rotated by /api/auth/refresh");
    let reply = idp.refresh(next).await;
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "the provider still knows the family: {}",
        reply.text
    );
}

#[tokio::test(start_paused = true)]
async fn a_five_second_access_token_expires_and_refresh_renews_it() {
    let idp = Idp::with_config(Config {
        access_token_ttl: 5,
        ..config()
    });
    let tokens = idp.tokens("alice").await;
    assert_eq!(tokens["expires_in"], 5);
    let access = tokens["access_token"].as_str().unwrap();
    tokio::time::advance(Duration::from_millis(4_900)).await;
    assert_eq!(
        idp.api_status("/api/accounts", access).await,
        StatusCode::OK
    );
    tokio::time::advance(Duration::from_millis(100)).await;
    assert_eq!(
        idp.api_status("/api/accounts", access).await,
        StatusCode::UNAUTHORIZED
    );
    let renewed = idp
        .refresh(tokens["refresh_token"].as_str().unwrap())
        .await
        .json();
    assert_eq!(renewed["expires_in"], 5);
    let access = renewed["access_token"].as_str().unwrap();
    assert_eq!(
        idp.api_status("/api/accounts", access).await,
        StatusCode::OK
    );
}

#[tokio::test]
async fn refresh_tokens_not_issued_by_the_provider_are_refused() {
    let idp = Idp::new();
    let minted = idp
        .state
        .tokens()
        .issue("alice", idp.state.clock().now(), None);
    let reply = idp.refresh(&minted.refresh_token).await;
    assert_oauth_error(&reply, "invalid_grant");
    // Refused before rotation: the minted token still works where it belongs.
    assert!(
        idp.state
            .tokens()
            .refresh(&minted.refresh_token, idp.state.clock().now())
            .is_ok()
    );
}
