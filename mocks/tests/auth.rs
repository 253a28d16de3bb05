//! Bearer authentication, token refresh (body and cookie mode), CSRF and CORS of the cookie endpoints.

mod common;

use axum::http::Method;
use common::{Harness, advance, get, post, request};
use digibank_mock::Config;
use serde_json::{Value, json};

fn mint(h: &Harness, sub: &str) -> digibank_mock::auth::IssuedTokens {
    h.state.tokens().issue(sub, h.state.clock().now(), None)
}

/// The value of cookie `name` among `Set-Cookie` headers.
fn cookie(set_cookies: &[String], name: &str) -> Option<String> {
    set_cookies.iter().find_map(|c| {
        c.strip_prefix(&format!("{name}="))
            .map(|rest| rest.split(';').next().unwrap_or("").to_owned())
    })
}

#[tokio::test]
async fn missing_and_invalid_tokens_are_401_with_a_challenge() {
    let h = Harness::new();
    let none = h.send(get("/api/accounts").empty()).await;
    none.assert_error(401);
    assert_eq!(
        none.header("www-authenticate"),
        Some(r#"Bearer realm="digibank""#)
    );
    let bad = h.get("/api/accounts", "at_forged").await;
    bad.assert_error(401);
    assert_eq!(
        bad.header("www-authenticate"),
        Some(r#"Bearer realm="digibank", error="invalid_token""#)
    );
    let basic = h
        .send(
            get("/api/accounts")
                .header("authorization", "Basic YWxpY2U6c2VjcmV0")
                .empty(),
        )
        .await;
    basic.assert_error(401);
}

#[tokio::test(start_paused = true)]
async fn access_tokens_expire_after_the_configured_ttl() {
    let h = Harness::with_config(Config {
        access_token_ttl: 5,
        ..common::config()
    });
    let tokens = mint(&h, "alice");
    assert_eq!(tokens.expires_in, 5);
    assert_eq!(
        h.get("/api/accounts", &tokens.access_token).await.status,
        200
    );
    advance(5000).await;
    let expired = h.get("/api/accounts", &tokens.access_token).await;
    expired.assert_error(401);
    assert_eq!(expired.body["error"], "The token has expired");
    assert!(
        expired
            .header("www-authenticate")
            .unwrap()
            .contains(r#"error="invalid_token""#)
    );
}

#[tokio::test]
async fn body_mode_refresh_rotates_and_reuse_revokes_the_family() {
    let h = Harness::new();
    let first = mint(&h, "alice");
    let rotated = h
        .post(
            "/api/auth/refresh",
            "",
            json!({"refreshToken": first.refresh_token}),
        )
        .await;
    assert_eq!(rotated.status, 200, "{:#}", rotated.body);
    assert_eq!(rotated.body["expiresIn"], 300);
    let (access, refresh) = (
        rotated.body["accessToken"].as_str().unwrap().to_owned(),
        rotated.body["refreshToken"].as_str().unwrap().to_owned(),
    );
    assert_ne!(refresh, first.refresh_token);
    assert_eq!(h.get("/api/accounts", &access).await.status, 200);

    let reused = h
        .post(
            "/api/auth/refresh",
            "",
            json!({"refreshToken": first.refresh_token}),
        )
        .await;
    reused.assert_error(401);
    assert!(
        reused.body["error"]
            .as_str()
            .unwrap()
            .contains("already used")
    );
    h.post("/api/auth/refresh", "", json!({"refreshToken": refresh}))
        .await
        .assert_error(401);
    h.get("/api/accounts", &access).await.assert_error(401);
    h.post(
        "/api/auth/refresh",
        "",
        json!({"refreshToken": "rt_unknown"}),
    )
    .await
    .assert_error(401);
    h.send(post("/api/auth/refresh").empty())
        .await
        .assert_error(401);
}

#[tokio::test]
async fn each_customer_sees_only_their_data() {
    let h = Harness::new();
    let (alice, bob) = (h.token("alice"), h.token("bob"));
    let transfer = h
        .transfer(&alice, "mine", common::transfer("1", "2", "1.00"))
        .await
        .body["id"]
        .as_str()
        .unwrap()
        .to_owned();
    h.get(&format!("/api/transfers/{transfer}/status"), &bob)
        .await
        .assert_error(404);
    h.get("/api/accounts/1", &bob).await.assert_error(404);
    h.get("/api/accounts/4", &alice).await.assert_error(404);
}

/// Cookie mode: start a session, then refresh and log out through the cookie with the CSRF header.
#[tokio::test]
async fn cookie_mode_refresh_needs_the_xsrf_header() {
    let h = Harness::new();
    let tokens = mint(&h, "alice");
    let session = h
        .post(
            "/api/auth/session",
            "",
            json!({"refreshToken": tokens.refresh_token}),
        )
        .await;
    assert_eq!(session.status, 200, "{:#}", session.body);
    assert_eq!(session.body["refreshToken"], Value::Null);
    let cookies = session.set_cookies();
    let refresh_cookie = cookies
        .iter()
        .find(|c| c.starts_with("digibank_rt="))
        .unwrap();
    assert!(
        refresh_cookie.contains("HttpOnly")
            && refresh_cookie.contains("SameSite=Strict")
            && refresh_cookie.contains("Path=/api/auth"),
        "{refresh_cookie}"
    );
    assert!(
        !refresh_cookie.contains("Secure"),
        "http public URL: no Secure flag"
    );
    let xsrf_cookie = cookies
        .iter()
        .find(|c| c.starts_with("XSRF-TOKEN="))
        .unwrap();
    assert!(!xsrf_cookie.contains("HttpOnly"), "the app must read it");
    let (rt, xsrf) = (
        cookie(&cookies, "digibank_rt").unwrap(),
        cookie(&cookies, "XSRF-TOKEN").unwrap(),
    );
    assert_ne!(rt, tokens.refresh_token, "the token script saw is spent");
    let jar = format!("digibank_rt={rt}; XSRF-TOKEN={xsrf}");

    let missing = h
        .send(post("/api/auth/refresh").header("cookie", &jar).empty())
        .await;
    missing.assert_error(403);
    let wrong = h
        .send(
            post("/api/auth/refresh")
                .header("cookie", &jar)
                .header("x-xsrf-token", "guess")
                .empty(),
        )
        .await;
    wrong.assert_error(403);

    let refreshed = h
        .send(
            post("/api/auth/refresh")
                .header("cookie", &jar)
                .header("x-xsrf-token", &xsrf)
                .empty(),
        )
        .await;
    assert_eq!(refreshed.status, 200, "{:#}", refreshed.body);
    assert_eq!(refreshed.body["refreshToken"], Value::Null);
    assert_eq!(
        h.get(
            "/api/accounts",
            refreshed.body["accessToken"].as_str().unwrap()
        )
        .await
        .status,
        200
    );
    let rotated = cookie(&refreshed.set_cookies(), "digibank_rt").unwrap();
    assert_ne!(rotated, rt);

    let replayed = h
        .send(
            post("/api/auth/refresh")
                .header("cookie", &jar)
                .header("x-xsrf-token", &xsrf)
                .empty(),
        )
        .await;
    replayed.assert_error(401);
    assert_eq!(
        cookie(&replayed.set_cookies(), "digibank_rt").as_deref(),
        Some(""),
        "a refused cookie is cleared"
    );

    let new_jar = format!("digibank_rt={rotated}; XSRF-TOKEN={xsrf}");
    h.send(
        post("/api/auth/refresh")
            .header("cookie", &new_jar)
            .header("x-xsrf-token", &xsrf)
            .empty(),
    )
    .await
    .assert_error(401);
}

#[tokio::test]
async fn body_authenticated_auth_calls_need_no_xsrf_even_with_a_stale_cookie() {
    let h = Harness::new();
    let stale = "digibank_rt=rt_stale";
    let session = h
        .send(
            post("/api/auth/session")
                .header("cookie", stale)
                .json(&json!({"refreshToken": mint(&h, "alice").refresh_token})),
        )
        .await;
    assert_eq!(session.status, 200, "{:#}", session.body);
    let refreshed = h
        .send(
            post("/api/auth/refresh")
                .header("cookie", stale)
                .json(&json!({"refreshToken": mint(&h, "bob").refresh_token})),
        )
        .await;
    assert_eq!(refreshed.status, 200, "{:#}", refreshed.body);
    let out = h
        .send(
            post("/api/auth/logout")
                .header("cookie", stale)
                .json(&json!({"refreshToken": "rt_whatever"})),
        )
        .await;
    assert_eq!(out.status, 204);
}

#[tokio::test]
async fn cookie_mode_logout_revokes_and_clears() {
    let h = Harness::new();
    let tokens = mint(&h, "bob");
    let session = h
        .post(
            "/api/auth/session",
            "",
            json!({"refreshToken": tokens.refresh_token}),
        )
        .await;
    let cookies = session.set_cookies();
    let (rt, xsrf) = (
        cookie(&cookies, "digibank_rt").unwrap(),
        cookie(&cookies, "XSRF-TOKEN").unwrap(),
    );
    let jar = format!("digibank_rt={rt}; XSRF-TOKEN={xsrf}");
    h.send(post("/api/auth/logout").header("cookie", &jar).empty())
        .await
        .assert_error(403);
    let out = h
        .send(
            post("/api/auth/logout")
                .header("cookie", &jar)
                .header("x-xsrf-token", &xsrf)
                .empty(),
        )
        .await;
    assert_eq!(out.status, 204);
    assert!(out.set_cookies().iter().all(|c| c.contains("Max-Age=0")));
    h.send(
        post("/api/auth/refresh")
            .header("cookie", &jar)
            .header("x-xsrf-token", &xsrf)
            .empty(),
    )
    .await
    .assert_error(401);
    h.get(
        "/api/accounts",
        session.body["accessToken"].as_str().unwrap(),
    )
    .await
    .assert_error(401);
}

#[tokio::test]
async fn cookies_are_secure_behind_an_https_public_url() {
    let h = Harness::with_config(Config {
        public_url: Some("https://bank.example".into()),
        ..common::config()
    });
    let session = h
        .post(
            "/api/auth/session",
            "",
            json!({"refreshToken": mint(&h, "alice").refresh_token}),
        )
        .await;
    assert!(
        session
            .set_cookies()
            .iter()
            .all(|c| c.ends_with("; Secure")),
        "{:?}",
        session.set_cookies()
    );
    let preflight = request(Method::OPTIONS, "/api/auth/refresh")
        .header("origin", "https://bank.example")
        .header("access-control-request-method", "POST")
        .empty();
    assert_eq!(
        h.send(preflight)
            .await
            .header("access-control-allow-origin"),
        Some("https://bank.example")
    );
}

#[tokio::test]
async fn cors_allows_any_origin_for_bearer_calls_but_only_trusted_ones_for_cookies() {
    let h = Harness::new();
    let preflight = |path: &str, origin: &str| {
        request(Method::OPTIONS, path)
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header(
                "access-control-request-headers",
                "authorization,content-type,idempotency-key,x-request-id,x-xsrf-token",
            )
            .empty()
    };
    let api = h
        .send(preflight("/api/transfers", "https://elsewhere.example"))
        .await;
    assert_eq!(api.status, 200);
    assert_eq!(
        api.header("access-control-allow-origin"),
        Some("https://elsewhere.example")
    );
    let allowed = api.header("access-control-allow-headers").unwrap();
    for name in [
        "authorization",
        "content-type",
        "idempotency-key",
        "x-request-id",
        "x-xsrf-token",
    ] {
        assert!(allowed.contains(name), "{allowed}");
    }
    let cookie_untrusted = h
        .send(preflight("/api/auth/refresh", "https://elsewhere.example"))
        .await;
    assert_eq!(cookie_untrusted.header("access-control-allow-origin"), None);
    let cookie_loopback = h
        .send(preflight("/api/auth/refresh", "http://127.0.0.1:8080"))
        .await;
    assert_eq!(
        cookie_loopback.header("access-control-allow-origin"),
        Some("http://127.0.0.1:8080")
    );
    assert_eq!(
        cookie_loopback.header("access-control-allow-credentials"),
        Some("true")
    );

    let actual = h
        .send(
            get("/api/accounts")
                .header("origin", "https://elsewhere.example")
                .bearer(&h.token("alice"))
                .empty(),
        )
        .await;
    assert_eq!(
        actual.header("access-control-expose-headers"),
        Some("retry-after,x-request-id")
    );
}
