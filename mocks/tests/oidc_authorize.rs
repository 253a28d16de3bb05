//! `/oidc/authorize`: request validation, the login form, consent denial, sessions and `prompt`.

mod oidc_support;

use axum::http::{StatusCode, header};
use oidc_support::{AuthParams, ISSUER, Idp, REDIRECT_URI};

#[tokio::test]
async fn unknown_clients_and_unregistered_redirects_get_a_page_never_a_redirect() {
    let idp = Idp::new();
    for (params, says) in [
        (
            AuthParams::spa().with("client_id", "evil-app"),
            "Unknown client",
        ),
        (AuthParams::spa().without("client_id"), "client_id"),
        (
            AuthParams::spa().with("redirect_uri", "https://evil.example/cb"),
            "not registered",
        ),
        (
            AuthParams::spa().with("redirect_uri", "http://127.0.0.1:8080/callback/"),
            "not registered",
        ),
        (
            AuthParams::spa().with("redirect_uri", "http://127.0.0.1:8080/callback?x=1"),
            "not registered",
        ),
        (AuthParams::spa().without("redirect_uri"), "redirect_uri"),
    ] {
        let page = idp.authorize(&params, None).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{params:?}");
        assert!(page.header("location").is_none());
        assert!(
            page.header("content-type")
                .unwrap()
                .starts_with("text/html")
        );
        assert!(page.text.contains(says), "{says}: {}", page.text);
    }
}

#[tokio::test]
async fn other_errors_redirect_with_the_state() {
    let idp = Idp::new();
    for (params, error, says) in [
        (
            AuthParams::spa().without("code_challenge"),
            "invalid_request",
            "PKCE",
        ),
        (
            AuthParams::spa().with("code_challenge_method", "plain"),
            "invalid_request",
            "S256",
        ),
        (
            AuthParams::spa().without("code_challenge_method"),
            "invalid_request",
            "plain is not accepted",
        ),
        (
            AuthParams::spa().with("code_challenge", "too-short"),
            "invalid_request",
            "43",
        ),
        (
            AuthParams::spa().with("response_type", "token"),
            "unsupported_response_type",
            "token",
        ),
        (
            AuthParams::spa().without("response_type"),
            "invalid_request",
            "response_type",
        ),
        (
            AuthParams::spa().with("scope", "profile"),
            "invalid_scope",
            "openid",
        ),
        (
            AuthParams::spa().with("scope", "openid admin"),
            "invalid_scope",
            "admin",
        ),
        (
            AuthParams::spa().with("prompt", "none login"),
            "invalid_request",
            "prompt",
        ),
        (
            AuthParams::spa().with("request", "eyJ.x.y"),
            "request_not_supported",
            "Request objects",
        ),
    ] {
        let page = idp.authorize(&params, None).await;
        let query = page.redirect_params(REDIRECT_URI);
        assert_eq!(query["error"], error, "{params:?}");
        assert!(query["error_description"].contains(says), "{query:?}");
        assert_eq!(query["state"], "st-1");
        assert_eq!(query["iss"], ISSUER);
        assert!(!query.contains_key("code"));
    }
}

#[tokio::test]
async fn repeated_parameters_are_refused() {
    let idp = Idp::new();
    let query = format!("{}&state=again", AuthParams::spa().query());
    let page = idp.get(&format!("/oidc/authorize?{query}"), None).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text.contains("state was sent more than once"));
}

#[tokio::test]
async fn without_a_session_the_login_form_is_shown() {
    let idp = Idp::new();
    let page = idp.authorize(&AuthParams::spa(), None).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.header("content-type")
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        page.header("content-security-policy")
            .unwrap()
            .contains("frame-ancestors 'none'")
    );
    assert_eq!(page.header("cache-control"), Some("no-store"));
    for piece in [
        r#"<html lang="en">"#,
        r#"<label for="username">"#,
        r#"autocomplete="current-password""#,
        r#"name="decision" value="deny""#,
        r#"<input type="hidden" name="nonce" value="n-1">"#,
        r#"<input type="hidden" name="state" value="st-1">"#,
        "alice",
    ] {
        assert!(page.text.contains(piece), "{piece}");
    }
}

#[tokio::test]
async fn the_form_escapes_what_it_carries() {
    let idp = Idp::new();
    let params = AuthParams::spa().with("state", r#""><script>alert(1)</script>"#);
    let page = idp.authorize(&params, None).await;
    assert!(!page.text.contains("<script>"));
    assert!(page.text.contains("&quot;&gt;&lt;script&gt;"));
}

#[tokio::test]
async fn signing_in_sets_an_http_only_lax_cookie_and_returns_code_and_state() {
    let idp = Idp::new();
    let extra = [
        ("username", "alice"),
        ("password", "demo"),
        ("decision", "allow"),
    ];
    let done = idp.submit(&AuthParams::spa(), &extra).await;
    let query = done.redirect_params(REDIRECT_URI);
    assert!(query["code"].len() > 40);
    assert_eq!(
        (query["state"].as_str(), query["iss"].as_str()),
        ("st-1", ISSUER)
    );
    let cookie = done.header("set-cookie").unwrap();
    assert!(cookie.starts_with("digibank_idp="));
    assert!(
        cookie.contains("Path=/oidc")
            && cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
    );
    assert!(!cookie.contains("Secure"), "http public URL");
}

#[tokio::test]
async fn a_wrong_password_shows_the_form_again_with_a_message() {
    let idp = Idp::new();
    let extra = [
        ("username", "bob"),
        ("password", "hunter2"),
        ("decision", "allow"),
    ];
    let page = idp.submit(&AuthParams::spa(), &extra).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.text.contains(r#"role="alert""#));
    assert!(page.text.contains("Wrong user name or password"));
    assert!(page.text.contains(r#"value="bob""#), "user name kept");
    assert!(page.set_cookie("digibank_idp").is_none());
}

#[tokio::test]
async fn deny_redirects_access_denied() {
    let idp = Idp::new();
    let query = idp
        .submit(&AuthParams::spa(), &[("decision", "deny")])
        .await
        .redirect_params(REDIRECT_URI);
    assert_eq!(query["error"], "access_denied");
    assert_eq!(query["state"], "st-1");
}

#[tokio::test]
async fn a_form_posted_from_another_origin_is_refused() {
    let idp = Idp::new();
    let mut request = AuthParams::spa().submission(&[("username", "alice"), ("password", "demo")]);
    request
        .headers_mut()
        .insert(header::ORIGIN, "https://evil.example".parse().unwrap());
    let page = idp.send(request).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(page.text.contains("https://evil.example"));
}

#[tokio::test]
async fn with_a_session_the_code_comes_at_once_and_prompt_login_asks_again() {
    let idp = Idp::new();
    let (_, session) = idp.sign_in(&AuthParams::spa(), "alice").await;
    let again = AuthParams::spa().with("state", "st-2");
    let query = idp
        .authorize(&again, Some(&session))
        .await
        .redirect_params(REDIRECT_URI);
    assert!(query.contains_key("code"));
    assert_eq!(query["state"], "st-2");
    let forced = idp
        .authorize(&again.with("prompt", "login"), Some(&session))
        .await;
    assert_eq!(forced.status, StatusCode::OK);
    assert!(forced.text.contains("<form"));
}

#[tokio::test]
async fn prompt_none_answers_without_interaction() {
    let idp = Idp::new();
    let silent = AuthParams::spa().with("prompt", "none");
    let query = idp
        .authorize(&silent, None)
        .await
        .redirect_params(REDIRECT_URI);
    assert_eq!(query["error"], "login_required");
    assert_eq!(query["state"], "st-1");
    let query = idp
        .authorize(&silent, Some("idp_unknown"))
        .await
        .redirect_params(REDIRECT_URI);
    assert_eq!(query["error"], "login_required", "unknown session");
    let (_, session) = idp.sign_in(&AuthParams::spa(), "bob").await;
    let query = idp
        .authorize(&silent, Some(&session))
        .await
        .redirect_params(REDIRECT_URI);
    assert!(query.contains_key("code"), "{query:?}");
}

#[tokio::test]
async fn extra_redirect_uris_come_from_flags() {
    let mut config = oidc_support::config();
    config.oidc.redirect_uris = vec!["http://127.0.0.1:9999/cb".into()];
    let idp = Idp::with_config(config);
    let params = AuthParams::spa().with("redirect_uri", "http://127.0.0.1:9999/cb");
    let page = idp.authorize(&params, None).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.text);
}
