//! CSRF (cookie mode): copies the `XSRF-TOKEN` cookie into `X-XSRF-TOKEN` on unsafe methods, and only for
//! our own API origin — the token never leaks to another site.

use std::sync::Arc;

use async_trait::async_trait;

use crate::services::http::url::same_origin;
use crate::services::http::{ApiError, CookieReader, Interceptor, Next, Request, Response};

/// Cookie the server sets.
pub const CSRF_COOKIE: &str = "XSRF-TOKEN";
/// Header the server checks.
pub const CSRF_HEADER: &str = "x-xsrf-token";

/// The double-submit CSRF header.
pub struct CsrfInterceptor {
    cookies: Arc<dyn CookieReader>,
}

impl CsrfInterceptor {
    /// Reads the token cookie through `cookies`.
    pub fn new(cookies: Arc<dyn CookieReader>) -> Self {
        CsrfInterceptor { cookies }
    }
}

#[async_trait(?Send)]
impl Interceptor for CsrfInterceptor {
    fn name(&self) -> &str {
        "csrf"
    }

    async fn handle(&self, mut request: Request, next: Next<'_>) -> Result<Response, ApiError> {
        if !request.method.is_safe()
            && same_origin(&next.url_of(&request), next.base_url())
            && let Some(token) = self.cookies.cookie(CSRF_COOKIE)
        {
            request.headers.set(CSRF_HEADER, token);
        }
        next.run(request).await
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::services::http::test_support::{Jar, harness};
    use crate::services::http::{ApiError, Method, MockReply, Request};

    #[test]
    fn unsafe_methods_to_our_origin_carry_the_cookie_token() {
        let h = harness(|_, b| b.csrf_cookies(Arc::new(Jar("theme=dark; XSRF-TOKEN=tok-123"))));
        for method in [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ] {
            h.mock.on(method, "/api/thing", |_| MockReply::status(200));
        }
        for method in [
            Method::Get,
            Method::Post,
            Method::Put,
            Method::Patch,
            Method::Delete,
        ] {
            h.run(h.client.send(Request::new(method, "/thing")))
                .expect("ok");
        }
        let err = h
            .run(
                h.client
                    .send(Request::post("https://evil.example/elsewhere")),
            )
            .expect_err("another origin is refused before sending");
        assert!(matches!(err, ApiError::ForeignOrigin { .. }), "{err:?}");
        let calls = h.mock.calls();
        let tokens: Vec<Option<String>> = calls
            .iter()
            .map(|c| c.request.headers.get("X-XSRF-TOKEN").map(str::to_owned))
            .collect();
        let tok = Some("tok-123".to_owned());
        assert_eq!(
            tokens,
            vec![None, tok.clone(), tok.clone(), tok.clone(), tok]
        );
    }

    #[test]
    fn no_cookie_no_header() {
        let h = harness(|_, b| b.csrf_cookies(Arc::new(Jar(""))));
        h.mock.post("/api/thing", |_| MockReply::status(200));
        h.run(h.client.send(Request::post("/thing"))).expect("ok");
        assert_eq!(h.mock.calls()[0].request.headers.get("x-xsrf-token"), None);
    }
}
