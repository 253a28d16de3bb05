//! The mock bank's admin listener as the tests use it: fault profiles, tokens, reset (plain HTTP/1.1 on loopback).

use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::HarnessError;

/// A client for one mock bank's admin listener.
#[derive(Debug, Clone)]
pub struct Admin {
    /// `host:port` of the admin listener.
    authority: String,
}

impl Admin {
    /// An admin client for `url`, e.g. `http://127.0.0.1:43124`.
    pub fn new(url: &str) -> Admin {
        let authority = url.trim_start_matches("http://").trim_end_matches('/');
        Admin {
            authority: authority.to_string(),
        }
    }

    /// `PUT /admin/faults` with `profile`, e.g. `{"dropAfterCommitRate": 1.0}`.
    pub async fn set_faults(&self, profile: Value) -> Result<Value, HarnessError> {
        self.send("PUT", "/admin/faults", &profile).await
    }

    /// `POST /admin/tokens {sub}`: an access token for a demo user.
    pub async fn mint_token(&self, sub: &str) -> Result<String, HarnessError> {
        let body = self
            .send("POST", "/admin/tokens", &serde_json::json!({ "sub": sub }))
            .await?;
        body["accessToken"]
            .as_str()
            .map(str::to_string)
            .ok_or_else(|| HarnessError::Assertion(format!("no accessToken in {body}")))
    }

    /// Sends `body` as JSON and returns the JSON answer (`null` when empty); a non-2xx status is an error.
    pub async fn send(
        &self,
        method: &str,
        path: &str,
        body: &Value,
    ) -> Result<Value, HarnessError> {
        let (status, text) = self.exchange(method, path, &body.to_string()).await?;
        if !(200..300).contains(&status) {
            return Err(HarnessError::Assertion(format!(
                "admin {method} {path} answered {status}: {text}"
            )));
        }
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        serde_json::from_str(&text)
            .map_err(|e| HarnessError::Assertion(format!("admin {method} {path}: {e}: {text}")))
    }

    /// One request on a fresh connection (`Connection: close`): the status code and the body.
    async fn exchange(
        &self,
        method: &str,
        path: &str,
        body: &str,
    ) -> Result<(u16, String), HarnessError> {
        let io = |context: &str| {
            let context = format!("admin {method} {path}: {context}");
            move |source| HarnessError::Io { context, source }
        };
        let mut stream = TcpStream::connect(&self.authority)
            .await
            .map_err(io("connect"))?;
        let request = format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.authority,
            body.len()
        );
        stream
            .write_all(request.as_bytes())
            .await
            .map_err(io("write"))?;
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).await.map_err(io("read"))?;
        parse_response(&String::from_utf8_lossy(&raw))
    }
}

/// Status code and body of a `Connection: close` HTTP/1.1 response (chunked bodies are de-chunked).
fn parse_response(raw: &str) -> Result<(u16, String), HarnessError> {
    let bad = || HarnessError::Assertion(format!("admin: malformed response {raw:?}"));
    let (head, body) = raw.split_once("\r\n\r\n").ok_or_else(bad)?;
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(bad)?;
    let chunked = head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked");
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_string()
    };
    Ok((status, body))
}

/// The payload of a chunked body.
fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, tail)) = rest.split_once("\r\n") {
        let Ok(len) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if len == 0 || tail.len() < len {
            break;
        }
        out.push_str(&tail[..len]);
        rest = tail[len..].trim_start_matches("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_plain_and_chunked_bodies() {
        let plain = "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}";
        assert_eq!(parse_response(plain).unwrap(), (200, "{}".into()));
        let chunked = "HTTP/1.1 201 Created\r\ntransfer-encoding: chunked\r\n\r\n3\r\n{\"a\r\n4\r\n\":1}\r\n0\r\n\r\n";
        assert_eq!(parse_response(chunked).unwrap(), (201, "{\"a\":1}".into()));
    }

    #[tokio::test]
    async fn mints_tokens_and_sets_faults_on_a_real_mock() {
        use clap::Parser;
        let args = ["digibank-mock", "--port", "0", "--admin-port", "0"];
        let config = digibank_mock::Config::try_parse_from(args).unwrap();
        let server = digibank_mock::serve(config).await.unwrap();
        let admin = Admin::new(&server.admin_url());
        let token = admin.mint_token("alice").await.unwrap();
        let faults = admin
            .set_faults(serde_json::json!({ "error500Rate": 0.5 }))
            .await;
        let unknown = admin.mint_token("mallory").await;
        server.stop().await;
        assert!(!token.is_empty());
        assert_eq!(faults.unwrap()["error500Rate"], 0.5);
        assert!(unknown.is_err(), "an unknown user gets no token");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(parse_response("nonsense").is_err());
        assert!(parse_response("HTTP/1.1 abc\r\n\r\n").is_err());
    }
}
