//! Cookies of cookie mode: the HttpOnly refresh-token cookie and the script-readable `XSRF-TOKEN`.

use axum::http::{HeaderMap, HeaderValue, header};

/// HttpOnly cookie holding the refresh token; sent only to `/api/auth/`.
pub const REFRESH_COOKIE: &str = "digibank_rt";
/// Script-readable cookie with the CSRF token.
pub const XSRF_COOKIE: &str = "XSRF-TOKEN";
/// Header that must repeat the `XSRF-TOKEN` cookie on cookie-authenticated unsafe requests.
pub const XSRF_HEADER: &str = "x-xsrf-token";
/// Path the refresh cookie is scoped to.
const REFRESH_PATH: &str = "/api/auth";
/// Lifetime of the refresh cookie (the refresh token's own lifetime).
const REFRESH_MAX_AGE: u64 = 8 * 3600;

/// The value of cookie `name` in the request's `Cookie` headers.
pub fn read(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.trim().to_owned())
        .filter(|value| !value.is_empty())
}

/// `Set-Cookie` for the refresh token: HttpOnly, SameSite=Strict, Secure when the public URL is https.
pub fn set_refresh(token: &str, secure: bool) -> HeaderValue {
    build(
        &format!(
            "{REFRESH_COOKIE}={token}; Path={REFRESH_PATH}; Max-Age={REFRESH_MAX_AGE}; HttpOnly; SameSite=Strict"
        ),
        secure,
    )
}

/// `Set-Cookie` for the CSRF token: readable by the app's script, SameSite=Strict.
pub fn set_xsrf(token: &str, secure: bool) -> HeaderValue {
    build(
        &format!("{XSRF_COOKIE}={token}; Path=/; SameSite=Strict"),
        secure,
    )
}

/// `Set-Cookie` headers that delete both cookies.
pub fn clear_all(secure: bool) -> [HeaderValue; 2] {
    [
        build(
            &format!(
                "{REFRESH_COOKIE}=; Path={REFRESH_PATH}; Max-Age=0; HttpOnly; SameSite=Strict"
            ),
            secure,
        ),
        build(
            &format!("{XSRF_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict"),
            secure,
        ),
    ]
}

/// A `Set-Cookie` value from its text, with `Secure` added when served over https.
pub fn build(text: &str, secure: bool) -> HeaderValue {
    let text = if secure {
        format!("{text}; Secure")
    } else {
        text.to_owned()
    };
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static("invalid=; Max-Age=0"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cookies_among_others() {
        let mut headers = HeaderMap::new();
        headers.append(
            header::COOKIE,
            HeaderValue::from_static("a=1; XSRF-TOKEN=abc"),
        );
        headers.append(header::COOKIE, HeaderValue::from_static("digibank_rt=rt_1"));
        assert_eq!(read(&headers, XSRF_COOKIE).as_deref(), Some("abc"));
        assert_eq!(read(&headers, REFRESH_COOKIE).as_deref(), Some("rt_1"));
        assert_eq!(read(&headers, "missing"), None);
    }

    #[test]
    fn secure_flag_follows_the_public_url() {
        assert!(
            set_refresh("t", true)
                .to_str()
                .unwrap()
                .ends_with("; Secure")
        );
        assert!(!set_refresh("t", false).to_str().unwrap().contains("Secure"));
        assert!(
            set_refresh("t", false)
                .to_str()
                .unwrap()
                .contains("HttpOnly; SameSite=Strict")
        );
    }
}
