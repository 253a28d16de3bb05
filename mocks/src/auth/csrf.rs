//! CSRF protection of cookie-authenticated requests (double submit): a request that authenticates with the
//! refresh-token cookie must repeat the `XSRF-TOKEN` cookie in the `X-XSRF-TOKEN` header. Requests that
//! authenticate otherwise (bearer token, refresh token in the body) need no CSRF token.

use axum::http::HeaderMap;

use crate::ApiError;
use crate::auth::cookies::{self, XSRF_COOKIE, XSRF_HEADER};

/// Ok when the `X-XSRF-TOKEN` header equals the `XSRF-TOKEN` cookie; 403 otherwise.
pub fn check_xsrf(headers: &HeaderMap) -> Result<(), ApiError> {
    let cookie = cookies::read(headers, XSRF_COOKIE);
    let header = headers.get(XSRF_HEADER).and_then(|v| v.to_str().ok());
    match (cookie, header) {
        (Some(cookie), Some(header)) if constant_time_eq(cookie.as_bytes(), header.as_bytes()) => {
            Ok(())
        }
        _ => Err(ApiError::Forbidden(
            "Missing or wrong X-XSRF-TOKEN header: repeat the XSRF-TOKEN cookie in it".into(),
        )),
    }
}

/// Equality whose time does not depend on where the inputs differ.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn headers(cookie: &str, header: Option<&'static str>) -> HeaderMap {
        let mut map = HeaderMap::new();
        map.insert("cookie", HeaderValue::from_str(cookie).unwrap());
        if let Some(value) = header {
            map.insert(XSRF_HEADER, HeaderValue::from_static(value));
        }
        map
    }

    #[test]
    fn needs_the_header_to_repeat_the_cookie() {
        assert!(check_xsrf(&headers("XSRF-TOKEN=abc", Some("abc"))).is_ok());
        assert!(check_xsrf(&headers("XSRF-TOKEN=abc", Some("abd"))).is_err());
        assert!(check_xsrf(&headers("XSRF-TOKEN=abc", None)).is_err());
        assert!(check_xsrf(&headers("other=abc", Some("abc"))).is_err());
    }
}
