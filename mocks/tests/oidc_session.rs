//! `/oidc/userinfo`, `/oidc/revoke` and `/oidc/end_session`.

mod oidc_support;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use digibank_mock::oidc::SigningKey;
use oidc_support::{AuthParams, CLIENT_ID, ISSUER, Idp, ORIGIN, REDIRECT_URI};
use serde_json::json;

fn userinfo_request(method: &str, token: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri("/oidc/userinfo")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap()
}

#[tokio::test]
async fn userinfo_answers_the_token_owner_by_get_and_post() {
    let idp = Idp::new();
    let tokens = idp.tokens("bob").await;
    let access = tokens["access_token"].as_str().unwrap();
    for method in ["GET", "POST"] {
        let reply = idp.send(userinfo_request(method, access)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        assert_eq!(
            reply.json(),
            json!({"sub": "bob", "name": "Bob Nguyen", "email": "bob@digibank.example", "email_verified": true})
        );
    }
}

#[tokio::test]
async fn userinfo_without_or_with_a_bad_token_is_401_with_a_challenge() {
    let idp = Idp::new();
    let anonymous = idp.get("/oidc/userinfo", None).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert_eq!(
        anonymous.header("www-authenticate"),
        Some(r#"Bearer realm="digibank""#)
    );
    let bad = idp.send(userinfo_request("GET", "at_forged")).await;
    assert_eq!(bad.status, StatusCode::UNAUTHORIZED);
    assert!(
        bad.header("www-authenticate")
            .unwrap()
            .contains(r#"error="invalid_token""#)
    );
    assert_eq!(bad.json()["error"], "invalid_token");
}

#[tokio::test]
async fn revoking_a_refresh_token_ends_the_session_and_is_always_200() {
    let idp = Idp::new();
    let tokens = idp.tokens("alice").await;
    let refresh = tokens["refresh_token"].as_str().unwrap();
    let access = tokens["access_token"].as_str().unwrap();
    let reply = idp
        .post_form(
            "/oidc/revoke",
            &[
                ("token", refresh),
                ("token_type_hint", "refresh_token"),
                ("client_id", CLIENT_ID),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        idp.api_status("/api/accounts", access).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(idp.refresh(refresh).await.json()["error"], "invalid_grant");
    for token in [refresh, "rt_never_issued"] {
        let again = idp
            .post_form(
                "/oidc/revoke",
                &[("token", token), ("client_id", CLIENT_ID)],
            )
            .await;
        assert_eq!(again.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn revoking_an_access_token_ends_its_session_too() {
    let idp = Idp::new();
    let tokens = idp.tokens("alice").await;
    let access = tokens["access_token"].as_str().unwrap();
    let reply = idp
        .post_form(
            "/oidc/revoke",
            &[
                ("token", access),
                ("token_type_hint", "access_token"),
                ("client_id", CLIENT_ID),
            ],
        )
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(
        idp.api_status("/api/accounts", access).await,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn revoke_needs_the_client_and_a_token() {
    let idp = Idp::new();
    let no_client = idp.post_form("/oidc/revoke", &[("token", "x")]).await;
    assert_eq!(no_client.status, StatusCode::BAD_REQUEST);
    assert_eq!(no_client.json()["error"], "invalid_client");
    let no_token = idp
        .post_form("/oidc/revoke", &[("client_id", CLIENT_ID)])
        .await;
    assert_eq!(no_token.json()["error"], "invalid_request");
}

#[tokio::test]
async fn end_session_returns_to_a_registered_uri_with_state_and_clears_the_session() {
    let idp = Idp::new();
    let (query, session) = idp.sign_in(&AuthParams::spa(), "alice").await;
    let tokens = idp
        .exchange(&query["code"], oidc_support::VERIFIER)
        .await
        .json();
    let hint = tokens["id_token"].as_str().unwrap();
    let logout = format!(
        "/oidc/end_session?id_token_hint={hint}&post_logout_redirect_uri={ORIGIN}/&state=bye"
    );
    let reply = idp.get(&logout, Some(&session)).await;
    assert_eq!(reply.location(), format!("{ORIGIN}/?state=bye"));
    assert_eq!(reply.set_cookie("digibank_idp").as_deref(), Some(""));
    let silent = AuthParams::spa().with("prompt", "none");
    let after = idp.authorize(&silent, Some(&session)).await;
    assert_eq!(
        after.redirect_params(REDIRECT_URI)["error"],
        "login_required"
    );
}

#[tokio::test]
async fn end_session_revokes_the_tokens_of_every_tab_of_the_session_and_no_others() {
    let idp = Idp::new();
    let (first, session) = idp.sign_in(&AuthParams::spa(), "alice").await;
    // A second tab in memory mode signs in silently on the same provider session: its own token family.
    let silent = AuthParams::spa().with("prompt", "none");
    let second = idp.authorize(&silent, Some(&session)).await;
    let second = second.redirect_params(REDIRECT_URI);
    let mut refresh_tokens = Vec::new();
    for query in [&first, &second] {
        let tokens = idp
            .exchange(&query["code"], oidc_support::VERIFIER)
            .await
            .json();
        refresh_tokens.push(tokens["refresh_token"].as_str().unwrap().to_owned());
    }
    assert_ne!(refresh_tokens[0], refresh_tokens[1]);
    let bob = idp.tokens("bob").await;
    let bob_refresh = bob["refresh_token"].as_str().unwrap();

    let logout = format!("/oidc/end_session?client_id={CLIENT_ID}");
    assert_eq!(
        idp.get(&logout, Some(&session)).await.status,
        StatusCode::OK
    );
    for token in &refresh_tokens {
        assert_eq!(
            idp.refresh(token).await.json()["error"],
            "invalid_grant",
            "{token}"
        );
    }
    assert_eq!(
        idp.refresh(bob_refresh).await.status,
        StatusCode::OK,
        "another session stays"
    );
}

/// The `Set-Cookie` of the provider's session after alice signs in on `idp`.
async fn session_set_cookie(idp: &Idp) -> String {
    let form = idp.authorize(&AuthParams::spa(), None).await;
    assert_eq!(form.status, StatusCode::OK);
    let extra = [
        ("username", "alice"),
        ("password", "demo"),
        ("decision", "allow"),
    ];
    let done = idp.submit(&AuthParams::spa(), &extra).await;
    done.headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("digibank_idp="))
        .unwrap_or_default()
        .to_owned()
}

#[tokio::test]
async fn the_provider_session_cookie_ends_with_the_browser_unless_remembered() {
    let browser_session = session_set_cookie(&Idp::new()).await;
    assert!(
        browser_session.starts_with("digibank_idp=") && !browser_session.contains("Max-Age"),
        "{browser_session}"
    );
    let mut config = oidc_support::config();
    config.oidc.idp_session_max_age = Some(7 * 86_400);
    let remembered = session_set_cookie(&Idp::with_config(config)).await;
    assert!(remembered.contains("; Max-Age=604800;"), "{remembered}");
}

#[tokio::test]
async fn end_session_never_redirects_to_an_unregistered_uri() {
    let idp = Idp::new();
    let tokens = idp.tokens("alice").await;
    let hint = tokens["id_token"].as_str().unwrap();
    let evil = format!(
        "/oidc/end_session?id_token_hint={hint}&post_logout_redirect_uri=https://evil.example/"
    );
    let reply = idp.get(&evil, None).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.header("location").is_none());
    assert!(reply.text.contains("You are signed out"));
    assert!(reply.text.contains("not registered"));
    let anonymous = format!("/oidc/end_session?post_logout_redirect_uri={ORIGIN}/");
    let reply = idp.get(&anonymous, None).await;
    assert!(
        reply.header("location").is_none(),
        "no hint, no client_id: no redirect"
    );
    let by_client =
        format!("/oidc/end_session?client_id={CLIENT_ID}&post_logout_redirect_uri={ORIGIN}/");
    assert_eq!(
        idp.get(&by_client, None).await.location(),
        format!("{ORIGIN}/")
    );
    let plain = idp.get("/oidc/end_session", None).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.text.contains("You are signed out"));
}

#[tokio::test]
async fn end_session_checks_the_hint_signature_but_not_its_expiry() {
    let idp = Idp::new();
    let claims = json!({"iss": ISSUER, "aud": CLIENT_ID, "sub": "alice", "exp": 1});
    let expired = SigningKey::process_key().unwrap().sign_jwt(&claims);
    // Same signature over other claims (one RSA key per test process keeps the suite fast).
    let mut parts: Vec<&str> = expired.split('.').collect();
    let tampered = URL_SAFE_NO_PAD
        .encode(json!({"iss": ISSUER, "aud": CLIENT_ID, "sub": "bob", "exp": 1}).to_string());
    parts[1] = &tampered;
    let forged = parts.join(".");
    let reply = idp
        .get(
            &format!("/oidc/end_session?id_token_hint={forged}&post_logout_redirect_uri={ORIGIN}/"),
            None,
        )
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(reply.text.contains("signature"));
    let reply = idp
        .get(
            &format!(
                "/oidc/end_session?id_token_hint={expired}&post_logout_redirect_uri={ORIGIN}/"
            ),
            None,
        )
        .await;
    assert_eq!(reply.location(), format!("{ORIGIN}/"));
}
