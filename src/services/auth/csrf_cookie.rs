//! The double-submit CSRF token: the backend's `XSRF-TOKEN` cookie echoed in the `X-XSRF-TOKEN` header.

/// The readable (not HttpOnly) cookie the backend sets.
pub const CSRF_COOKIE: &str = "XSRF-TOKEN";
/// The header that must repeat it on unsafe cookie-authenticated requests.
pub const CSRF_HEADER: &str = "X-XSRF-TOKEN";

/// The value of cookie `name` in a `document.cookie` string (`a=1; XSRF-TOKEN=abc`).
pub fn cookie_value(cookies: &str, name: &str) -> Option<String> {
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
        .filter(|value| !value.is_empty())
}

/// The CSRF token from this page's cookies.
#[cfg(target_arch = "wasm32")]
pub fn read_csrf_cookie() -> Option<String> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?
        .document()?
        .dyn_into::<web_sys::HtmlDocument>()
        .ok()?;
    cookie_value(&document.cookie().ok()?, CSRF_COOKIE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_cookie_among_others() {
        assert_eq!(
            cookie_value("a=1; XSRF-TOKEN=abc123; b=2", CSRF_COOKIE),
            Some("abc123".into())
        );
        assert_eq!(
            cookie_value("XSRF-TOKEN=x=y", CSRF_COOKIE),
            Some("x=y".into())
        );
        assert_eq!(cookie_value("MY-XSRF-TOKEN=no", CSRF_COOKIE), None);
        assert_eq!(cookie_value("XSRF-TOKEN=", CSRF_COOKIE), None);
        assert_eq!(cookie_value("", CSRF_COOKIE), None);
    }
}
