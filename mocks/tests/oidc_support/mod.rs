//! Test harness of the OpenID provider: a browser-like client (cookies by hand), the SPA's PKCE values,
//! and an independent check of ID tokens against the published JWK set.
#![allow(dead_code)]

use std::collections::HashMap;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use digibank_mock::{AppState, Clock, Config, app, dates};
use http_body_util::BodyExt;
use rsa::pkcs1v15::{Signature, VerifyingKey};
use rsa::signature::Verifier;
use rsa::{BigUint, RsaPublicKey};
use serde_json::Value;
use sha2::{Digest, Sha256};
use tower::ServiceExt;

/// Origin the SPA is served from.
pub const ORIGIN: &str = "http://127.0.0.1:8080";
/// The provider's issuer.
pub const ISSUER: &str = "http://127.0.0.1:8080/oidc";
/// The registered redirect URI.
pub const REDIRECT_URI: &str = "http://127.0.0.1:8080/callback";
/// The SPA's client id.
pub const CLIENT_ID: &str = "digibank-spa";
/// The scope the SPA asks for.
pub const SCOPE: &str = "openid profile email api offline_access";
/// RFC 7636's example verifier and its S256 challenge.
pub const VERIFIER: &str = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
/// S256 challenge of [`VERIFIER`].
pub const CHALLENGE: &str = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

/// A small configuration with `--public-url` set to [`ORIGIN`].
pub fn config() -> Config {
    Config {
        public_url: Some(ORIGIN.into()),
        transactions_per_account: 20,
        ..Config::default()
    }
}

/// The public router over a fresh state.
pub struct Idp {
    pub state: AppState,
    pub app: Router,
}

/// A response with its body as text.
#[derive(Debug)]
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Page {
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body as JSON (`Null` if it is not).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }

    /// The `Location` of a 303.
    pub fn location(&self) -> &str {
        assert_eq!(self.status, StatusCode::SEE_OTHER, "{}", self.text);
        self.header("location").unwrap()
    }

    /// The query parameters of the `Location`, which must start with `base`.
    pub fn redirect_params(&self, base: &str) -> HashMap<String, String> {
        let location = self.location();
        let query = location
            .strip_prefix(base)
            .and_then(|rest| rest.strip_prefix('?'))
            .unwrap_or_else(|| panic!("{location} does not go to {base}"));
        form_urlencoded::parse(query.as_bytes())
            .into_owned()
            .collect()
    }

    /// The value of a cookie this response sets (empty when it deletes it).
    pub fn set_cookie(&self, name: &str) -> Option<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix(&format!("{name}=")))
            .map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
    }
}

impl Idp {
    /// The provider with [`config`].
    pub fn new() -> Self {
        Idp::with_config(config())
    }

    /// The provider with a given configuration, on a clock starting 2026-11-24T09:00:00Z.
    pub fn with_config(config: Config) -> Self {
        let start = dates::parse_rfc3339("2026-11-24T09:00:00Z").unwrap();
        let state = AppState::with_clock(&config, Clock::starting_at(start));
        Idp {
            app: app(state.clone()),
            state,
        }
    }

    /// Sends a request.
    pub async fn send(&self, request: Request<Body>) -> Page {
        let response = self.app.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.unwrap().to_bytes();
        Page {
            status: parts.status,
            headers: parts.headers,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    /// `GET path`, with the provider session cookie when given.
    pub async fn get(&self, path: &str, session: Option<&str>) -> Page {
        let mut request = Request::builder().method(Method::GET).uri(path);
        if let Some(session) = session {
            request = request.header(header::COOKIE, format!("digibank_idp={session}"));
        }
        self.send(request.body(Body::empty()).unwrap()).await
    }

    /// `POST path` with a form body.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        self.send(form_request(path, fields)).await
    }

    /// `GET /oidc/authorize` with these parameters.
    pub async fn authorize(&self, params: &AuthParams, session: Option<&str>) -> Page {
        self.get(&format!("/oidc/authorize?{}", params.query()), session)
            .await
    }

    /// `POST /oidc/authorize`: the login form for `params` submitted with `extra` fields.
    pub async fn submit(&self, params: &AuthParams, extra: &[(&str, &str)]) -> Page {
        self.send(params.submission(extra)).await
    }

    /// Signs in through the form; returns the redirect's parameters and the session cookie.
    pub async fn sign_in(
        &self,
        params: &AuthParams,
        user: &str,
    ) -> (HashMap<String, String>, String) {
        let form = self.authorize(params, None).await;
        assert_eq!(form.status, StatusCode::OK, "{}", form.text);
        let extra = [
            ("username", user),
            ("password", "demo"),
            ("decision", "allow"),
        ];
        let done = self.submit(params, &extra).await;
        let session = done.set_cookie("digibank_idp").expect("session cookie");
        (done.redirect_params(REDIRECT_URI), session)
    }

    /// Signs in and returns an authorization code.
    pub async fn code(&self, params: &AuthParams, user: &str) -> String {
        self.sign_in(params, user).await.0["code"].clone()
    }

    /// `POST /oidc/token` exchanging `code` with `verifier`.
    pub async fn exchange(&self, code: &str, verifier: &str) -> Page {
        self.post_form(
            "/oidc/token",
            &[
                ("grant_type", "authorization_code"),
                ("code", code),
                ("redirect_uri", REDIRECT_URI),
                ("client_id", CLIENT_ID),
                ("code_verifier", verifier),
            ],
        )
        .await
    }

    /// `POST /oidc/token` with a refresh token.
    pub async fn refresh(&self, refresh_token: &str) -> Page {
        self.post_form(
            "/oidc/token",
            &[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
                ("client_id", CLIENT_ID),
            ],
        )
        .await
    }

    /// Full sign-in of `user` through the code flow: the token response.
    pub async fn tokens(&self, user: &str) -> Value {
        let code = self.code(&AuthParams::spa(), user).await;
        let reply = self.exchange(&code, VERIFIER).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text);
        reply.json()
    }

    /// `GET path` on the bank API with a bearer token: the status.
    pub async fn api_status(&self, path: &str, token: &str) -> StatusCode {
        let request = Request::builder()
            .uri(path)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap();
        self.send(request).await.status
    }

    /// The claims of an ID token, after checking its signature against `/oidc/jwks` independently.
    pub async fn verified_claims(&self, id_token: &str) -> Value {
        let jwks = self.get("/oidc/jwks", None).await.json();
        let (input, signature) = id_token.rsplit_once('.').unwrap();
        let (header, payload) = input.split_once('.').unwrap();
        let header: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).unwrap()).unwrap();
        assert_eq!(header["alg"], "RS256");
        let jwk = jwks["keys"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kid"] == header["kid"])
            .expect("the ID token names a published key");
        let number = |name: &str| {
            BigUint::from_bytes_be(&URL_SAFE_NO_PAD.decode(jwk[name].as_str().unwrap()).unwrap())
        };
        let key = RsaPublicKey::new(number("n"), number("e")).unwrap();
        let signature =
            Signature::try_from(URL_SAFE_NO_PAD.decode(signature).unwrap().as_slice()).unwrap();
        VerifyingKey::<Sha256>::new(key)
            .verify(input.as_bytes(), &signature)
            .expect("the ID token's signature verifies");
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
    }
}

/// A form POST.
pub fn form_request(path: &str, fields: &[(&str, &str)]) -> Request<Body> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish();
    Request::builder()
        .method(Method::POST)
        .uri(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .unwrap()
}

/// Parameters of an authorization request, starting from what the SPA sends.
#[derive(Debug, Clone)]
pub struct AuthParams(Vec<(&'static str, String)>);

impl AuthParams {
    /// The SPA's request: code, PKCE S256, state `st-1`, nonce `n-1`.
    pub fn spa() -> Self {
        AuthParams(vec![
            ("response_type", "code".into()),
            ("client_id", CLIENT_ID.into()),
            ("redirect_uri", REDIRECT_URI.into()),
            ("scope", SCOPE.into()),
            ("state", "st-1".into()),
            ("nonce", "n-1".into()),
            ("code_challenge", CHALLENGE.into()),
            ("code_challenge_method", "S256".into()),
        ])
    }

    /// With `name` set to `value`.
    pub fn with(mut self, name: &'static str, value: &str) -> Self {
        self.0.retain(|(n, _)| *n != name);
        self.0.push((name, value.into()));
        self
    }

    /// Without `name`.
    pub fn without(mut self, name: &str) -> Self {
        self.0.retain(|(n, _)| *n != name);
        self
    }

    /// The pairs.
    pub fn pairs(&self) -> Vec<(&str, &str)> {
        self.0.iter().map(|(n, v)| (*n, v.as_str())).collect()
    }

    /// The login form's POST: these parameters plus `extra` fields.
    pub fn submission(&self, extra: &[(&str, &str)]) -> Request<Body> {
        let mut fields = self.pairs();
        fields.extend_from_slice(extra);
        form_request("/oidc/authorize", &fields)
    }

    /// As a query string.
    pub fn query(&self) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.pairs())
            .finish()
    }
}

/// base64url(SHA-256(verifier)), computed independently of the provider.
pub fn challenge_of(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}
