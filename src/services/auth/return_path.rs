//! Where to go after sign-in: only same-origin relative paths, so a crafted link cannot send the user away.

/// Where to land when no safe return path is known.
pub const HOME_PATH: &str = "/";

/// `raw` if it is a safe same-origin path (`/accounts/1?tab=x`), else `None`.
///
/// Refused: absolute and scheme-relative URLs (`https://evil`, `//evil`), backslash tricks (`/\evil`),
/// control characters and whitespace, and the auth pages themselves (which would loop).
pub fn safe_return_path(raw: &str) -> Option<&str> {
    let is_path = raw.starts_with('/') && !raw.starts_with("//");
    let has_tricks = raw.contains('\\') || raw.chars().any(|c| c.is_control() || c.is_whitespace());
    let path = raw.split(['?', '#']).next().unwrap_or_default();
    let is_auth_page = matches!(path.trim_end_matches('/'), "/login" | "/callback");
    (is_path && !has_tricks && !is_auth_page).then_some(raw)
}

/// The safe return path for `raw`, or [`HOME_PATH`].
pub fn return_path_or_home(raw: Option<&str>) -> String {
    raw.and_then(safe_return_path)
        .unwrap_or(HOME_PATH)
        .to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_paths_are_kept() {
        for path in [
            "/",
            "/accounts/1",
            "/transfers/history?page=2&status=pending",
            "/accounts/1#recent",
        ] {
            assert_eq!(safe_return_path(path), Some(path));
        }
    }

    #[test]
    fn open_redirects_and_loops_are_refused() {
        for path in [
            "https://evil.example/",
            "//evil.example/x",
            "/\\evil.example",
            "\\\\evil.example",
            "javascript:alert(1)",
            "accounts/1",
            "/acc\tounts",
            "/a\nb",
            " /accounts",
            "/login?returnTo=/x",
            "/callback",
            "",
        ] {
            assert_eq!(safe_return_path(path), None, "{path:?} must be refused");
        }
        assert_eq!(return_path_or_home(Some("//evil.example")), "/");
        assert_eq!(return_path_or_home(None), "/");
    }
}
