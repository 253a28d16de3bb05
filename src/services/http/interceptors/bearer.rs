//! Bearer: adds `Authorization: Bearer …` from the token source. It sits inside the 401 handler, so every
//! replay reads the token anew.

use std::sync::Arc;

use async_trait::async_trait;

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
            && let Some(token) = self.tokens.access_token().await
        {
            request
                .headers
                .set("authorization", format!("Bearer {token}"));
        }
        next.run(request).await
    }
}
