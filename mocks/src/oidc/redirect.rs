//! Redirects back to the client: parameters appended to a registered URI's query (RFC 6749 §3.1.2).

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::oidc::oauth_error::OAuthError;

/// A 303 to `uri` with `params` added to its query (a `None` value is left out).
pub fn redirect_with(uri: &str, params: &[(&str, Option<&str>)]) -> Response {
    let mut query = form_urlencoded::Serializer::new(String::new());
    for (name, value) in params {
        if let Some(value) = value {
            query.append_pair(name, value);
        }
    }
    let query = query.finish();
    let separator = match (uri.contains('?'), query.is_empty()) {
        (_, true) => "",
        (true, false) => "&",
        (false, false) => "?",
    };
    let location = format!("{uri}{separator}{query}");
    match HeaderValue::from_str(&location) {
        Ok(location) => (StatusCode::SEE_OTHER, [(header::LOCATION, location)]).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A 303 to a registered redirect URI carrying an authorization error, the `state` and the issuer.
pub fn error_redirect(
    uri: &str,
    state: Option<&str>,
    issuer: &str,
    error: &OAuthError,
) -> Response {
    let description = error.to_string();
    redirect_with(
        uri,
        &[
            ("error", Some(error.code())),
            ("error_description", Some(&description)),
            ("state", state),
            ("iss", Some(issuer)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn location(response: &Response) -> &str {
        response.headers()[header::LOCATION].to_str().unwrap()
    }

    #[test]
    fn appends_to_existing_queries_and_encodes() {
        let plain = redirect_with("http://a/cb", &[("code", Some("x y")), ("state", None)]);
        assert_eq!(plain.status(), StatusCode::SEE_OTHER);
        assert_eq!(location(&plain), "http://a/cb?code=x+y");
        let with_query = redirect_with("http://a/cb?v=1", &[("state", Some("s&t"))]);
        assert_eq!(location(&with_query), "http://a/cb?v=1&state=s%26t");
    }
}
