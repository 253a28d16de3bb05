//! Joining the base URL with a request path, and telling origins apart.

use super::query::Query;

/// `base` + `path` + `?query`; a `path` that is already absolute (`http://`, `https://`) is used as is.
pub fn join_url(base: &str, path: &str, query: &Query) -> String {
    let mut url = if is_absolute(path) {
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
}
