//! The websocket URL of the Socket.IO endpoint, built from the configuration's `realtimeUrl`.

use std::fmt;

/// Why `realtimeUrl` cannot be turned into a websocket URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SocketUrlError {
    /// Not an absolute http(s) or ws(s) URL.
    #[error("realtimeUrl {0:?} must be an absolute http(s) or ws(s) URL")]
    Scheme(String),
    /// Contains a fragment or whitespace.
    #[error("realtimeUrl {0:?} must not contain a '#' fragment or spaces")]
    Malformed(String),
}

/// `ws(s)://host/socket.io/?EIO=4&transport=websocket`: Engine.IO v4 over the websocket-only transport.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SocketUrl(String);

impl SocketUrl {
    /// Maps `http` → `ws` and `https` → `wss`, adds the default `/socket.io/` path when there is none,
    /// and appends the Engine.IO query.
    pub fn from_realtime_url(realtime_url: &str) -> Result<Self, SocketUrlError> {
        let url = realtime_url.trim();
        if url.contains('#') || url.chars().any(char::is_whitespace) {
            return Err(SocketUrlError::Malformed(url.to_owned()));
        }
        let (scheme, rest) =
            websocket_scheme(url).ok_or_else(|| SocketUrlError::Scheme(url.to_owned()))?;
        let (address, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (host, path) = address.split_once('/').unwrap_or((address, ""));
        if host.is_empty() {
            return Err(SocketUrlError::Scheme(url.to_owned()));
        }
        let path = if path.is_empty() { "socket.io/" } else { path };
        let extra = if query.is_empty() {
            String::new()
        } else {
            format!("&{query}")
        };
        Ok(SocketUrl(format!(
            "{scheme}://{host}/{path}?EIO=4&transport=websocket{extra}"
        )))
    }

    /// The URL text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The websocket scheme for an http(s)/ws(s) URL, and the part after `://`.
fn websocket_scheme(url: &str) -> Option<(&'static str, &str)> {
    let (scheme, rest) = url.split_once("://")?;
    match scheme.to_ascii_lowercase().as_str() {
        "http" | "ws" => Some(("ws", rest)),
        "https" | "wss" => Some(("wss", rest)),
        _ => None,
    }
}

impl fmt::Display for SocketUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> String {
        SocketUrl::from_realtime_url(text)
            .unwrap()
            .as_str()
            .to_owned()
    }

    #[test]
    fn http_becomes_ws_and_https_becomes_wss() {
        assert_eq!(
            url("http://127.0.0.1:8080/socket.io/"),
            "ws://127.0.0.1:8080/socket.io/?EIO=4&transport=websocket"
        );
        assert_eq!(
            url("https://rt.bank.example/socket.io/"),
            "wss://rt.bank.example/socket.io/?EIO=4&transport=websocket"
        );
        assert_eq!(
            url("WSS://rt.bank.example/rt/"),
            "wss://rt.bank.example/rt/?EIO=4&transport=websocket"
        );
    }

    #[test]
    fn a_bare_host_gets_the_default_socket_io_path() {
        assert_eq!(
            url("https://rt.bank.example"),
            "wss://rt.bank.example/socket.io/?EIO=4&transport=websocket"
        );
        assert_eq!(
            url("http://localhost:3000/"),
            "ws://localhost:3000/socket.io/?EIO=4&transport=websocket"
        );
    }

    #[test]
    fn an_existing_query_is_kept() {
        assert_eq!(
            url("https://h/socket.io/?tenant=a"),
            "wss://h/socket.io/?EIO=4&transport=websocket&tenant=a"
        );
    }

    #[test]
    fn unusable_urls_are_typed_errors() {
        assert!(matches!(
            SocketUrl::from_realtime_url("/socket.io/"),
            Err(SocketUrlError::Scheme(_))
        ));
        assert!(matches!(
            SocketUrl::from_realtime_url("ftp://h/"),
            Err(SocketUrlError::Scheme(_))
        ));
        assert!(matches!(
            SocketUrl::from_realtime_url("http:///x"),
            Err(SocketUrlError::Scheme(_))
        ));
        assert!(matches!(
            SocketUrl::from_realtime_url("http://h/#x"),
            Err(SocketUrlError::Malformed(_))
        ));
        assert!(matches!(
            SocketUrl::from_realtime_url("http://h /x"),
            Err(SocketUrlError::Malformed(_))
        ));
    }
}
