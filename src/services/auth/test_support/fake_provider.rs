//! An in-process OpenID provider (discovery, JWKS, token, userinfo, revocation) plus the backend's cookie
//! endpoints, served through [`AuthHttp`] so the whole sign-in flow runs natively. It checks what a real
//! provider checks (PKCE S256, redirect URI, one-time codes, refresh-token rotation) and can issue flawed
//! ID tokens on request.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use openidconnect::http::{Response, StatusCode, header};
use openidconnect::url::{Url, form_urlencoded};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::FakeTime;
use super::signing_key::{jwks_json, sign_jwt, sign_jwt_naming};
use crate::services::auth::{
    AuthHttp, Clock, HttpError, HttpFuture, HttpRequest, HttpResponse, WithCredentials,
};

/// The app's origin.
pub const ORIGIN: &str = "https://app.test";
/// The provider's issuer.
pub const ISSUER: &str = "https://id.test/oidc";
/// The registered client.
pub const CLIENT_ID: &str = "digibank-spa";

/// A defect to put into the next ID tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdTokenFlaw {
    /// `iss` of another provider.
    WrongIssuer,
    /// `aud` of another app.
    WrongAudience,
    /// `exp` an hour ago.
    Expired,
    /// A `nonce` this sign-in did not send.
    WrongNonce,
    /// A signature that does not verify.
    BadSignature,
    /// A `kid` the JWKS does not list (a key the provider no longer, or never, published).
    UnknownKey,
    /// An `at_hash` of another access token.
    WrongAccessTokenHash,
}

/// One request the fake received.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Full URL.
    pub url: String,
    /// Header lines `name: value`.
    pub headers: Vec<String>,
    /// Body as text.
    pub body: String,
    /// Sent with cookies (`WithCredentials`).
    pub with_credentials: bool,
}

struct PendingCode {
    challenge: String,
    nonce: String,
    redirect_uri: String,
}

/// The fake provider; clones share state.
#[derive(Clone)]
pub struct FakeProvider {
    state: Rc<State>,
}

struct State {
    clock: FakeTime,
    codes: RefCell<HashMap<String, PendingCode>>,
    codes_issued: Cell<u32>,
    refresh_tokens: RefCell<HashMap<String, bool>>,
    counter: Cell<u32>,
    flaw: Cell<Option<IdTokenFlaw>>,
    revoked: RefCell<Vec<String>>,
    cookie: RefCell<Option<String>>,
    offline: Cell<bool>,
    requests: RefCell<Vec<Recorded>>,
}

/// Lifetime of issued access tokens.
const ACCESS_LIFETIME_SECS: u64 = 300;

/// The CSRF cookie value the fake backend expects.
const CSRF: &str = "csrf-token-1";

impl FakeProvider {
    /// A provider on `clock` issuing 300 s access tokens.
    pub fn new(clock: FakeTime) -> Self {
        let state = State {
            clock,
            codes: RefCell::default(),
            codes_issued: Cell::new(0),
            refresh_tokens: RefCell::default(),
            counter: Cell::new(0),
            flaw: Cell::new(None),
            revoked: RefCell::default(),
            cookie: RefCell::default(),
            offline: Cell::new(false),
            requests: RefCell::default(),
        };
        Self {
            state: Rc::new(state),
        }
    }

    /// Puts `flaw` into every ID token from now on.
    pub fn set_flaw(&self, flaw: Option<IdTokenFlaw>) {
        self.state.flaw.set(flaw);
    }

    /// While offline every request fails as a network error.
    pub fn set_offline(&self, offline: bool) {
        self.state.offline.set(offline);
    }

    /// The user signs in and consents: returns the callback URL the browser would be sent to.
    pub fn approve(&self, authorize_url: &str) -> String {
        let params = query(authorize_url);
        assert_eq!(params["response_type"], "code");
        assert_eq!(params["client_id"], CLIENT_ID);
        assert_eq!(
            params["code_challenge_method"], "S256",
            "only S256 PKCE is acceptable"
        );
        assert!(params["scope"].split(' ').any(|s| s == "openid"));
        self.state
            .codes_issued
            .set(self.state.codes_issued.get() + 1);
        let code = format!("code-{}", self.state.codes_issued.get());
        let pending = PendingCode {
            challenge: params["code_challenge"].clone(),
            nonce: params["nonce"].clone(),
            redirect_uri: params["redirect_uri"].clone(),
        };
        self.state.codes.borrow_mut().insert(code.clone(), pending);
        format!(
            "{}?code={code}&state={}&iss={}",
            params["redirect_uri"],
            params["state"],
            enc(ISSUER)
        )
    }

    /// The provider refuses with `error` (e.g. `access_denied`, `login_required`).
    pub fn refuse(&self, authorize_url: &str, error: &str) -> String {
        let params = query(authorize_url);
        format!(
            "{}?error={error}&state={}",
            params["redirect_uri"], params["state"]
        )
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.state.requests.borrow().clone()
    }

    /// Refresh tokens revoked so far (RFC 7009 or cookie sign-out).
    pub fn revoked(&self) -> Vec<String> {
        self.state.revoked.borrow().clone()
    }

    /// The refresh token in the browser's HttpOnly cookie, if any.
    pub fn cookie(&self) -> Option<String> {
        self.state.cookie.borrow().clone()
    }

    /// The readable CSRF cookie's value.
    pub fn csrf_token(&self) -> String {
        CSRF.to_owned()
    }

    fn next(&self) -> u32 {
        let n = self.state.counter.get() + 1;
        self.state.counter.set(n);
        n
    }

    fn handle(&self, request: &HttpRequest) -> HttpResponse {
        let url = Url::parse(&request.uri().to_string()).expect("absolute URL");
        let body = String::from_utf8_lossy(request.body()).into_owned();
        match (request.method().as_str(), url.path()) {
            ("GET", "/oidc/.well-known/openid-configuration") => reply(200, discovery()),
            ("GET", "/oidc/jwks") => reply(200, serde_json::from_str(&jwks_json()).expect("JWKS")),
            ("POST", "/oidc/token") => self.token(&form(&body)),
            ("POST", "/oidc/revoke") => self.revoke(&form(&body)),
            ("GET", "/oidc/userinfo") => self.userinfo(request),
            ("POST", "/api/auth/session") => self.start_cookie_session(request, &body),
            ("POST", "/api/auth/refresh") => self.cookie_refresh(request, &body),
            ("POST", "/api/auth/logout") => self.cookie_logout(request),
            _ => reply(404, json!({"error": "not_found"})),
        }
    }

    fn token(&self, params: &HashMap<String, String>) -> HttpResponse {
        if params.get("client_id").map(String::as_str) != Some(CLIENT_ID) {
            return oauth_error("invalid_client");
        }
        match params.get("grant_type").map(String::as_str) {
            Some("authorization_code") => self.code_grant(params),
            Some("refresh_token") => match self.rotate(&params["refresh_token"]) {
                Some(()) => reply(200, self.tokens(None)),
                None => oauth_error("invalid_grant"),
            },
            _ => oauth_error("unsupported_grant_type"),
        }
    }

    fn code_grant(&self, params: &HashMap<String, String>) -> HttpResponse {
        let Some(pending) = self.state.codes.borrow_mut().remove(&params["code"]) else {
            return oauth_error("invalid_grant");
        };
        let verifier = params.get("code_verifier").cloned().unwrap_or_default();
        let challenge = URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()));
        if challenge != pending.challenge
            || params.get("redirect_uri") != Some(&pending.redirect_uri)
        {
            return oauth_error("invalid_grant");
        }
        reply(200, self.tokens(Some(&pending.nonce)))
    }

    /// Spends an active refresh token; reuse of a spent one revokes every token (family revocation).
    fn rotate(&self, token: &str) -> Option<()> {
        let mut tokens = self.state.refresh_tokens.borrow_mut();
        match tokens.get(token) {
            Some(true) => {
                tokens.insert(token.to_owned(), false);
                Some(())
            }
            Some(false) => {
                tokens.values_mut().for_each(|active| *active = false);
                None
            }
            None => None,
        }
    }

    fn tokens(&self, nonce: Option<&str>) -> Value {
        let n = self.next();
        let refresh = format!("refresh-{n}");
        self.state
            .refresh_tokens
            .borrow_mut()
            .insert(refresh.clone(), true);
        let access = format!("access-{n}");
        json!({
            "id_token": self.id_token(nonce, &access),
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": ACCESS_LIFETIME_SECS,
            "refresh_token": refresh,
        })
    }

    fn id_token(&self, nonce: Option<&str>, access_token: &str) -> String {
        let now = self.state.clock.now_ms() / 1000;
        let mut claims = json!({
            "iss": ISSUER, "sub": "alice", "aud": CLIENT_ID, "exp": now + 600, "iat": now,
            "name": "Alice Example", "email": "alice@example.test", "at_hash": at_hash(access_token),
        });
        if let Some(nonce) = nonce {
            claims["nonce"] = json!(nonce);
        }
        match self.state.flaw.get() {
            Some(IdTokenFlaw::WrongIssuer) => claims["iss"] = json!("https://evil.test/oidc"),
            Some(IdTokenFlaw::WrongAudience) => claims["aud"] = json!("some-other-app"),
            Some(IdTokenFlaw::Expired) => {
                claims["exp"] = json!(now - 3600);
                claims["iat"] = json!(now - 7200);
            }
            Some(IdTokenFlaw::WrongNonce) => {
                claims["nonce"] = json!("a-nonce-from-another-sign-in")
            }
            Some(IdTokenFlaw::BadSignature) => return corrupt_signature(&sign_jwt(&claims)),
            Some(IdTokenFlaw::UnknownKey) => return sign_jwt_naming(&claims, "retired-key"),
            Some(IdTokenFlaw::WrongAccessTokenHash) => {
                claims["at_hash"] = json!(at_hash("another"))
            }
            None => {}
        }
        sign_jwt(&claims)
    }

    fn revoke(&self, params: &HashMap<String, String>) -> HttpResponse {
        let token = params.get("token").cloned().unwrap_or_default();
        if let Some(active) = self.state.refresh_tokens.borrow_mut().get_mut(&token) {
            *active = false;
        }
        self.state.revoked.borrow_mut().push(token);
        reply(200, json!({}))
    }

    fn userinfo(&self, request: &HttpRequest) -> HttpResponse {
        let bearer = request
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        if !bearer.starts_with("Bearer access-") {
            return reply(401, json!({"error": "invalid_token"}));
        }
        reply(
            200,
            json!({"sub": "alice", "name": "Alice Example", "email": "alice@example.test"}),
        )
    }

    /// `POST /api/auth/session {refreshToken}`: the token is spent and its successor goes into the cookie.
    fn start_cookie_session(&self, request: &HttpRequest, body: &str) -> HttpResponse {
        match body_token(body) {
            Some(token) => self.renew_into_cookie(request, &token),
            None => reply(400, json!({"error": "refreshToken is required"})),
        }
    }

    /// `POST /api/auth/refresh`: a body token renews in body mode; otherwise the cookie, with the CSRF header.
    fn cookie_refresh(&self, request: &HttpRequest, body: &str) -> HttpResponse {
        if let Some(token) = body_token(body) {
            return match self.rotate(&token) {
                Some(()) => {
                    let tokens = self.tokens(None);
                    let reply_body = json!({"accessToken": tokens["access_token"], "refreshToken": tokens["refresh_token"], "expiresIn": tokens["expires_in"]});
                    reply(200, reply_body)
                }
                None => reply(401, json!({"error": "session ended"})),
            };
        }
        if !csrf_ok(request) {
            return reply(403, json!({"error": "CSRF token missing or wrong"}));
        }
        match self.cookie() {
            Some(token) => self.renew_into_cookie(request, &token),
            None => reply(401, json!({"error": "no session"})),
        }
    }

    fn renew_into_cookie(&self, request: &HttpRequest, token: &str) -> HttpResponse {
        if request.extensions().get::<WithCredentials>().is_none() {
            return reply(400, json!({"error": "cookies required"}));
        }
        if self.rotate(token).is_none() {
            return reply(401, json!({"error": "session ended"}));
        }
        let tokens = self.tokens(None);
        *self.state.cookie.borrow_mut() = tokens["refresh_token"].as_str().map(str::to_owned);
        reply(
            200,
            json!({"accessToken": tokens["access_token"], "expiresIn": tokens["expires_in"]}),
        )
    }

    fn cookie_logout(&self, request: &HttpRequest) -> HttpResponse {
        if request.extensions().get::<WithCredentials>().is_none() || !csrf_ok(request) {
            return reply(403, json!({"error": "CSRF token missing or wrong"}));
        }
        if let Some(token) = self.state.cookie.borrow_mut().take() {
            self.rotate(&token);
            self.state.revoked.borrow_mut().push(token);
        }
        reply(204, json!({}))
    }
}

impl AuthHttp for FakeProvider {
    fn send(&self, request: HttpRequest) -> HttpFuture<'_> {
        self.state.requests.borrow_mut().push(Recorded {
            url: request.uri().to_string(),
            headers: request
                .headers()
                .iter()
                .map(|(k, v)| format!("{k}: {}", v.to_str().unwrap_or("?")))
                .collect(),
            body: String::from_utf8_lossy(request.body()).into_owned(),
            with_credentials: request.extensions().get::<WithCredentials>().is_some(),
        });
        let reply = if self.state.offline.get() {
            Err(HttpError("offline".into()))
        } else {
            Ok(self.handle(&request))
        };
        Box::pin(async move { reply })
    }
}

fn discovery() -> Value {
    json!({
        "issuer": ISSUER,
        "authorization_endpoint": format!("{ISSUER}/authorize"),
        "token_endpoint": format!("{ISSUER}/token"),
        "userinfo_endpoint": format!("{ISSUER}/userinfo"),
        "jwks_uri": format!("{ISSUER}/jwks"),
        "revocation_endpoint": format!("{ISSUER}/revoke"),
        "end_session_endpoint": format!("{ISSUER}/end_session"),
        "response_types_supported": ["code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "code_challenge_methods_supported": ["S256"],
        "grant_types_supported": ["authorization_code", "refresh_token"],
    })
}

fn body_token(body: &str) -> Option<String> {
    let body: Value = serde_json::from_str(body).unwrap_or_default();
    body["refreshToken"].as_str().map(str::to_owned)
}

fn csrf_ok(request: &HttpRequest) -> bool {
    request
        .headers()
        .get("x-xsrf-token")
        .and_then(|v| v.to_str().ok())
        == Some(CSRF)
}

fn corrupt_signature(jwt: &str) -> String {
    let (signed, signature) = jwt.rsplit_once('.').expect("compact JWT");
    let mut signature: Vec<char> = signature.chars().collect();
    signature[10] = if signature[10] == 'A' { 'B' } else { 'A' };
    format!("{signed}.{}", signature.into_iter().collect::<String>())
}

fn reply(status: u16, body: Value) -> HttpResponse {
    Response::builder()
        .status(StatusCode::from_u16(status).expect("status"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(body.to_string().into_bytes())
        .expect("response")
}

fn oauth_error(code: &str) -> HttpResponse {
    reply(400, json!({"error": code}))
}

fn form(body: &str) -> HashMap<String, String> {
    form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect()
}

/// The query parameters of `url`.
pub fn query(url: &str) -> HashMap<String, String> {
    Url::parse(url)
        .expect("URL")
        .query_pairs()
        .into_owned()
        .collect()
}

fn enc(value: &str) -> String {
    form_urlencoded::byte_serialize(value.as_bytes()).collect()
}

/// OpenID Connect Core §3.1.3.6: base64url of the left half of SHA-256 of the access token.
fn at_hash(access_token: &str) -> String {
    URL_SAFE_NO_PAD.encode(&Sha256::digest(access_token.as_bytes())[..16])
}
