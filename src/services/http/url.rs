//! Joining the base URL with a request path, and telling origins apart.

use super::query::Query;

/// `base` + `path` + `?query`. A `path` that names its own host (`http://…`, `https://…`, or protocol-relative
/// `//…`) is used as is, never put under the base: [`same_origin`] then decides whether it may be sent.
pub fn join_url(base: &str, path: &str, query: &Query) -> String {
    let mut url = if is_absolute(path) || path.starts_with("//") {
        path.to_owned()
    } else {
        format!(
            "{}/{}",
            base.trim_end_matches('/'),
            path.trim_start_matches('/')
        )
    };
    if !query.is_empty() {
        url.push(if url.contains('?') { '&' } else { '?' });
        url.push_str(&query.encode());
    }
    url
}

/// `scheme://host[:port]` of an absolute URL, or `""` for a relative one (the page's own origin).
pub fn origin_of(url: &str) -> &str {
    let Some(scheme_end) = url.find("://").filter(|_| is_absolute(url)) else {
        return "";
    };
    let rest = &url[scheme_end + 3..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    &url[..scheme_end + 3 + host_end]
}

/// True when `url` goes to the origin of `base`: the one rule for where credentials may be sent.
///
/// Scheme and host compare case-insensitively, and a default port (`http` 80, `https` 443) equals no port.
/// A relative `base` (`/api`, the default) means the page's own origin, which cannot be known here: then only
/// a relative `url` matches and every absolute or protocol-relative one is refused, even one naming the page's
/// own host. Userinfo (`https://api.example@evil.example/`), backslashes, control characters and schemes other
/// than http(s) never match: whatever a browser makes of them, they are not provably the API's origin.
pub fn same_origin(url: &str, base: &str) -> bool {
    match (target(url), target(base)) {
        (Target::Page, Target::Page) => true,
        (Target::Site(a), Target::Site(b)) => a == b,
        _ => false,
    }
}

/// Where a URL is sent.
enum Target<'a> {
    /// A relative reference: the page's own origin.
    Page,
    /// The origin of an `http(s)://` URL.
    Site(Origin<'a>),
    /// Anything else (protocol-relative, another scheme, odd characters): never the API's origin.
    Unknown,
}

/// Scheme, host and effective port of an `http(s)://` URL.
struct Origin<'a> {
    https: bool,
    host: &'a str,
    port: u16,
}

impl PartialEq for Origin<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.https == other.https
            && self.port == other.port
            && self.host.eq_ignore_ascii_case(other.host)
    }
}

/// Classifies `url` the way a browser resolves it against a page: leading spaces, tabs and newlines are
/// dropped and `\` counts as `/` there, so a URL with any of them is `Unknown` rather than guessed at.
fn target(url: &str) -> Target<'_> {
    if url.starts_with(' ') || url.bytes().any(|b| b < b' ' || b == 0x7f || b == b'\\') {
        return Target::Unknown;
    }
    if url.starts_with("//") {
        return Target::Unknown;
    }
    let Some((scheme, rest)) = url.split_once(':').filter(|(s, _)| is_scheme(s)) else {
        return Target::Page;
    };
    let https = scheme.eq_ignore_ascii_case("https");
    let Some(rest) = rest
        .strip_prefix("//")
        .filter(|_| https || scheme.eq_ignore_ascii_case("http"))
    else {
        return Target::Unknown;
    };
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    origin(https, authority).map_or(Target::Unknown, Target::Site)
}

/// `host[:port]` without userinfo; `None` for userinfo, an empty host or a port that is not a number.
fn origin(https: bool, authority: &str) -> Option<Origin<'_>> {
    let default = if https { 443 } else { 80 };
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !authority.ends_with(']') => (host, port),
        _ => (authority, ""),
    };
    if host.is_empty() || authority.contains('@') || !port.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let port = if port.is_empty() {
        default
    } else {
        port.parse().ok()?
    };
    Some(Origin { https, host, port })
}

/// True for a URL scheme: a letter, then letters, digits, `+`, `-` or `.`.
fn is_scheme(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

/// True for `http://…` and `https://…`.
fn is_absolute(url: &str) -> bool {
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_without_doubling_slashes() {
        let q = Query::new();
        assert_eq!(join_url("/api", "/accounts", &q), "/api/accounts");
        assert_eq!(
            join_url("http://h:1/api/", "accounts", &q),
            "http://h:1/api/accounts"
        );
        assert_eq!(
            join_url("/api", "https://idp.example/token", &q),
            "https://idp.example/token"
        );
        let q: Query = [("page", "2")].into_iter().collect();
        assert_eq!(join_url("/api", "/a?x=1", &q), "/api/a?x=1&page=2");
    }

    #[test]
    fn origins() {
        assert_eq!(
            origin_of("http://127.0.0.1:8081/api/accounts?x=1"),
            "http://127.0.0.1:8081"
        );
        assert_eq!(origin_of("https://bank.example"), "https://bank.example");
        assert_eq!(origin_of("/api/accounts"), "");
        assert_eq!(origin_of("/redirect?to=http://evil.example"), "");
    }

    #[test]
    fn a_protocol_relative_path_is_not_put_under_the_base_and_never_matches() {
        let q = Query::new();
        assert_eq!(join_url("/api", "//evil.example/x", &q), "//evil.example/x");
        assert_eq!(
            join_url("https://api.bank.example", "//api.bank.example/x", &q),
            "//api.bank.example/x"
        );
        assert!(!same_origin("//evil.example/x", "/api"));
        assert!(!same_origin(
            "//api.bank.example/x",
            "https://api.bank.example"
        ));
    }

    #[test]
    fn same_origin_against_an_absolute_base() {
        let base = "https://api.bank.example/api";
        for same in [
            "https://api.bank.example/api/accounts?x=1",
            "HTTPS://API.Bank.Example/x",
            "https://api.bank.example:443/x",
            "https://api.bank.example:0443/x",
            "https://api.bank.example:/x",
            "https://api.bank.example",
            "https://api.bank.example#@evil.example",
            "https://api.bank.example/redirect?to=https://evil.example/",
        ] {
            assert!(same_origin(same, base), "{same}");
        }
        for foreign in [
            "https://evil.example/api/accounts",
            "https://api.bank.example@evil.example/",
            "https://api.bank.example:443@evil.example/",
            "https://evil.example@api.bank.example/",
            "https://api.bank.example.evil.example/",
            "https://api.bank.example./",
            "http://api.bank.example/x",
            "https://api.bank.example:8443/x",
            "https://api.bank.example:+443/x",
            "https://api.bank.example:99999/x",
            "https://api.bank.example\\@evil.example/",
            "https://api.bank.\texample/",
            " https://api.bank.example/",
            "https:api.bank.example/x",
            "https:///x",
            "wss://api.bank.example/",
            "javascript:alert(1)",
            "/api/accounts",
        ] {
            assert!(!same_origin(foreign, base), "{foreign}");
        }
    }

    #[test]
    fn default_ports_equal_no_port() {
        assert!(same_origin("http://h:80/x", "http://h/api"));
        assert!(same_origin("http://h/x", "http://H:80"));
        assert!(same_origin("https://h/x", "https://h:443/api"));
        assert!(!same_origin("http://h:443/x", "http://h/api"));
        assert!(!same_origin("https://h:80/x", "https://h/api"));
        assert!(same_origin("http://[::1]:8080/x", "http://[::1]:8080/api"));
        assert!(!same_origin("http://[::1]/x", "http://[::1]:8080/api"));
        assert!(
            !same_origin("https://u@h/x", "https://u@h"),
            "userinfo never matches"
        );
    }

    #[test]
    fn a_relative_base_matches_only_relative_urls() {
        for same in ["/api/accounts", "/api/a:b?next=http://evil.example", ""] {
            assert!(same_origin(same, "/api"), "{same}");
        }
        for foreign in [
            "http://localhost/api/accounts",
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example/x",
            "\\\\evil.example/x",
            "/\t/evil.example/x",
            "/\n/evil.example/x",
            " //evil.example/x",
            "mailto:someone@evil.example",
        ] {
            assert!(!same_origin(foreign, "/api"), "{foreign:?}");
        }
    }
}
