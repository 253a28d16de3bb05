//! Test harness: the public and admin routers over one state, driven with `tower::ServiceExt::oneshot`.
#![allow(dead_code)]

use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use digibank_mock::{AppState, Clock, Config, admin_app, app, dates};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

/// 2026-11-24T09:00:00Z, a Tuesday: every test starts here.
pub fn start() -> i64 {
    dates::parse_rfc3339("2026-11-24T09:00:00Z").unwrap()
}

/// A small, fast configuration: 400 transactions per account, the default settle delay.
pub fn config() -> Config {
    Config {
        transactions_per_account: 400,
        ..Config::default()
    }
}

/// Both routers over one state on a clock that starts at [`start`].
pub struct Harness {
    pub state: AppState,
    pub app: Router,
    pub admin: Router,
}

/// A response with its body decoded as JSON (`Value::Null` when empty or not JSON).
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Reply {
    /// A header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Every `Set-Cookie` value.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .map(str::to_owned)
            .collect()
    }

    /// Asserts the error body: the guide's shape, RFC 9457 members and the request id.
    pub fn assert_error(&self, status: u16) -> &Self {
        assert_eq!(self.status.as_u16(), status, "{:#}", self.body);
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json")
        );
        let body = &self.body;
        assert!(body["error"].is_string(), "{body:#}");
        assert!(body["errors"].is_array(), "{body:#}");
        assert!(
            body["type"].as_str().unwrap().starts_with("https://"),
            "{body:#}"
        );
        assert!(body["title"].is_string(), "{body:#}");
        assert_eq!(body["status"], status, "{body:#}");
        assert_eq!(body["detail"], body["error"], "{body:#}");
        assert_eq!(
            body["requestId"].as_str(),
            self.header("x-request-id"),
            "{body:#}"
        );
        self
    }

    /// The `code` of the first field error.
    pub fn first_code(&self) -> &str {
        self.body["errors"][0]["code"].as_str().unwrap_or("")
    }
}

impl Harness {
    /// Default test configuration.
    pub fn new() -> Self {
        Harness::with_config(config())
    }

    /// A given configuration.
    pub fn with_config(config: Config) -> Self {
        let state = AppState::with_clock(&config, Clock::starting_at(start()));
        Harness {
            app: app(state.clone()),
            admin: admin_app(state.clone()),
            state,
        }
    }

    /// An access token for a demo user.
    pub fn token(&self, sub: &str) -> String {
        self.state
            .tokens()
            .issue(sub, self.state.clock().now(), None)
            .access_token
    }

    /// Sends a request to the public router.
    pub async fn send(&self, request: Request<Body>) -> Reply {
        reply(self.app.clone().oneshot(request).await.unwrap()).await
    }

    /// Sends a request to the admin router.
    pub async fn send_admin(&self, request: Request<Body>) -> Reply {
        reply(self.admin.clone().oneshot(request).await.unwrap()).await
    }

    /// `GET path` with a bearer token.
    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(get(path).bearer(token).empty()).await
    }

    /// `POST path` with a bearer token and a JSON body.
    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        self.send(post(path).bearer(token).json(&body)).await
    }

    /// `POST /api/transfers` with a key.
    pub async fn transfer(&self, token: &str, key: &str, body: Value) -> Reply {
        self.send(
            post("/api/transfers")
                .bearer(token)
                .header("idempotency-key", key)
                .json(&body),
        )
        .await
    }

    /// `POST /admin/...` with a JSON body.
    pub async fn admin_post(&self, path: &str, body: Value) -> Reply {
        self.send_admin(post(path).json(&body)).await
    }

    /// `PUT /admin/faults`.
    pub async fn set_faults(&self, profile: Value) -> Reply {
        self.send_admin(put("/admin/faults").json(&profile)).await
    }

    /// An account of `token`'s user, from the API.
    pub async fn account(&self, token: &str, id: &str) -> Value {
        let reply = self.get(&format!("/api/accounts/{id}"), token).await;
        assert_eq!(reply.status, StatusCode::OK, "{:#}", reply.body);
        reply.body
    }
}

/// Decodes a response.
pub async fn reply(response: axum::response::Response) -> Reply {
    let (parts, body) = response.into_parts();
    let bytes = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// A request builder with test conveniences.
pub struct Builder(axum::http::request::Builder);

/// `GET path`.
pub fn get(path: &str) -> Builder {
    Builder(Request::builder().method(Method::GET).uri(path))
}

/// `POST path`.
pub fn post(path: &str) -> Builder {
    Builder(Request::builder().method(Method::POST).uri(path))
}

/// `PUT path`.
pub fn put(path: &str) -> Builder {
    Builder(Request::builder().method(Method::PUT).uri(path))
}

/// Any method.
pub fn request(method: Method, path: &str) -> Builder {
    Builder(Request::builder().method(method).uri(path))
}

impl Builder {
    /// Adds a header.
    pub fn header(self, name: &str, value: &str) -> Self {
        Builder(self.0.header(name, value))
    }

    /// Adds `Authorization: Bearer token`.
    pub fn bearer(self, token: &str) -> Self {
        self.header("authorization", &format!("Bearer {token}"))
    }

    /// No body.
    pub fn empty(self) -> Request<Body> {
        self.0.body(Body::empty()).unwrap()
    }

    /// A JSON body.
    pub fn json(self, body: &Value) -> Request<Body> {
        self.raw_json(body.to_string())
    }

    /// A raw body labelled JSON.
    pub fn raw_json(self, body: impl Into<String>) -> Request<Body> {
        self.0
            .header("content-type", "application/json")
            .body(Body::from(body.into()))
            .unwrap()
    }
}

/// A transfer body.
pub fn transfer(from: &str, to: &str, amount: &str) -> Value {
    json!({"fromAccountId": from, "toAccountId": to, "amount": amount, "currency": "USD", "description": ""})
}

/// Lets paused time pass (settlement is lazy, so the next request sees its effect).
pub async fn advance(ms: u64) {
    tokio::time::advance(Duration::from_millis(ms)).await;
}

/// Sends raw HTTP/1.1 text to `addr` and reads until the server closes (at most 5 s).
/// Returns what arrived and whether the connection ended in an error (reset) rather than a clean close.
pub async fn raw_http(addr: std::net::SocketAddr, text: String) -> (Vec<u8>, bool) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(text.as_bytes()).await.unwrap();
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let read_all = async {
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) => return false,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
                Err(_) => return true,
            }
        }
    };
    let reset = tokio::time::timeout(Duration::from_secs(5), read_all)
        .await
        .expect("server closed the connection in time");
    (received, reset)
}

/// A raw HTTP/1.1 POST with a JSON body.
pub fn raw_post(path: &str, headers: &[(&str, &str)], body: &Value) -> String {
    let body = body.to_string();
    let extra: String = headers
        .iter()
        .map(|(k, v)| format!("{k}: {v}\r\n"))
        .collect();
    format!(
        "POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
        body.len()
    )
}
