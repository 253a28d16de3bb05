//! Bearer: adds `Authorization: Bearer …` from the token source, only for our own API origin. It sits inside
//! the 401 handler, so every replay reads the token anew.

use std::sync::Arc;

use async_trait::async_trait;

use crate::services::http::url::same_origin;
use crate::services::http::{
    ApiError, AuthMode, Interceptor, Next, Request, Response, TokenSource,
};

/// Adds the current access token.
pub struct BearerInterceptor {
    tokens: Arc<dyn TokenSource>,
}

impl BearerInterceptor {
    /// Reads tokens from `tokens`.
    pub fn new(tokens: Arc<dyn TokenSource>) -> Self {
        BearerInterceptor { tokens }
    }
}

#[async_trait(?Send)]
impl Interceptor for BearerInterceptor {
    fn name(&self) -> &str {
        "bearer"
    }

    async fn handle(&self, mut request: Request, next: Next<'_>) -> Result<Response, ApiError> {
        if request.meta.auth == AuthMode::Bearer
            && same_origin(&next.url_of(&request), next.base_url())
            && let Some(token) = self.tokens.access_token().await
        {
            request
                .headers
                .set("authorization", format!("Bearer {token}"));
        }
        next.run(request).await
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use crate::services::http::test_support::{FakeTokens, harness};
    use crate::services::http::{MockReply, Request};

    #[test]
    fn the_current_token_is_sent_and_never_logged() {
        let h = harness(|clock, b| b.token_source(FakeTokens::new(clock, Duration::ZERO)));
        h.mock.get("/api/ok", |_| MockReply::status(200));
        h.mock.get("/api/broken", |_| MockReply::status(500));
        h.run(h.client.send(Request::get("/ok"))).expect("ok");
        assert_eq!(
            h.mock.calls()[0].request.headers.get("authorization"),
            Some("Bearer token-0")
        );
        let _ = h.run(h.client.send(Request::get("/broken")));
        let logged = h.log.lines().join("\n");
        assert!(logged.contains("GET /broken status=500"), "{logged}");
        assert!(!logged.contains("token-0"), "{logged}");
        assert!(!format!("{:?}", h.mock.calls()[0].request).contains("token-0"));
    }
}
