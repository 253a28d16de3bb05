//! The route-guard decision: protected pages send signed-out users to `/login` with a return path.

use openidconnect::url::Url;

use super::{return_path_or_home, safe_return_path};

/// The sign-in page.
pub const LOGIN_PATH: &str = "/login";

/// What a protected route should do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GuardDecision {
    /// Show the page.
    Allow,
    /// Navigate to this sign-in URL (it carries the way back).
    RedirectToLogin(String),
}

/// Decides for the page at `path_and_query` (e.g. `/accounts/1?tab=x`).
pub fn guard_route(path_and_query: &str, signed_in: bool) -> GuardDecision {
    if signed_in {
        GuardDecision::Allow
    } else {
        GuardDecision::RedirectToLogin(login_path(path_and_query))
    }
}

/// `/login?returnTo=<path>`, or plain `/login` when the path is not a safe return target.
pub fn login_path(return_to: &str) -> String {
    match safe_return_path(return_to) {
        Some(path) if path != "/" => format!("{LOGIN_PATH}?returnTo={}", encode_query_value(path)),
        _ => LOGIN_PATH.to_owned(),
    }
}

/// The safe return path carried by the sign-in page's query (`?returnTo=…`), or `/`.
pub fn return_to_from_login_query(query: &str) -> String {
    let parsed = Url::parse(&format!("http://x/?{}", query.trim_start_matches('?'))).ok();
    let raw = parsed.and_then(|url| {
        url.query_pairs()
            .find(|(key, _)| key == "returnTo")
            .map(|(_, v)| v.into_owned())
    });
    return_path_or_home(raw.as_deref())
}

/// Percent-encodes everything but unreserved characters and `/`, keeping paths readable.
fn encode_query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signed_out_users_go_to_login_with_the_way_back() {
        assert_eq!(
            guard_route("/accounts/1", false),
            GuardDecision::RedirectToLogin("/login?returnTo=/accounts/1".into())
        );
        assert_eq!(guard_route("/accounts/1", true), GuardDecision::Allow);
        let with_query = guard_route("/transfers/history?page=2&status=pending", false);
        let expected = "/login?returnTo=/transfers/history%3Fpage%3D2%26status%3Dpending";
        assert_eq!(with_query, GuardDecision::RedirectToLogin(expected.into()));
        assert_eq!(
            guard_route("/", false),
            GuardDecision::RedirectToLogin("/login".into())
        );
    }

    #[test]
    fn the_return_path_round_trips_and_unsafe_ones_become_home() {
        let login = login_path("/transfers/history?page=2&status=pending");
        let query = login.split_once('?').unwrap().1;
        assert_eq!(
            return_to_from_login_query(query),
            "/transfers/history?page=2&status=pending"
        );
        assert_eq!(
            return_to_from_login_query("?returnTo=https://evil.example"),
            "/"
        );
        assert_eq!(
            return_to_from_login_query("returnTo=%2F%2Fevil.example"),
            "/"
        );
        assert_eq!(return_to_from_login_query(""), "/");
        assert_eq!(login_path("//evil.example"), "/login");
    }
}
