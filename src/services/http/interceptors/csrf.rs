//! CSRF (cookie mode): copies the `XSRF-TOKEN` cookie into `X-XSRF-TOKEN` on unsafe methods, and only for
//! our own API origin — the token never leaks to another site.

use std::sync::Arc;

use async_trait::async_trait;

use crate::services::http::url::origin_of;
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
        let own_origin = origin_of(&next.url_of(&request)) == origin_of(next.base_url());
        if !request.method.is_safe()
            && own_origin
            && let Some(token) = self.cookies.cookie(CSRF_COOKIE)
        {
            request.headers.set(CSRF_HEADER, token);
        }
        next.run(request).await
    }
}
