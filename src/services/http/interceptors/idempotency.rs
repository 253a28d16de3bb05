//! Idempotency: copies the caller's key into `Idempotency-Key` and refuses money-moving requests that lack
//! one. It never invents a key: a key made per attempt would let a retried transfer pay twice.

use async_trait::async_trait;

use crate::services::http::{
    ApiError, IdempotencyKey, Interceptor, Method, Next, PathPattern, Request, Response,
};

/// Header carrying the idempotency key.
pub const IDEMPOTENCY_HEADER: &str = "idempotency-key";

/// Paths (under the base URL) whose POST moves money: transfers and scheduled transfers.
pub const MONEY_MOVING_PATHS: [&str; 2] = ["/transfers", "/transfers/schedule"];

/// Sets `Idempotency-Key` and guards money-moving POST/PATCH requests.
#[derive(Debug, Clone)]
pub struct IdempotencyInterceptor {
    money_moving: Vec<PathPattern>,
}

impl Default for IdempotencyInterceptor {
    fn default() -> Self {
        IdempotencyInterceptor::new(MONEY_MOVING_PATHS.iter().map(|p| PathPattern::new(*p)))
    }
}

impl IdempotencyInterceptor {
    /// Guards POST/PATCH to these path patterns (relative to the base URL).
    pub fn new(money_moving: impl IntoIterator<Item = PathPattern>) -> Self {
        IdempotencyInterceptor {
            money_moving: money_moving.into_iter().collect(),
        }
    }

    /// True when `request` moves money.
    pub fn moves_money(&self, request: &Request) -> bool {
        matches!(request.method, Method::Post | Method::Patch)
            && self.money_moving.iter().any(|p| p.matches(&request.path))
    }
}

#[async_trait(?Send)]
impl Interceptor for IdempotencyInterceptor {
    fn name(&self) -> &str {
        "idempotency"
    }

    async fn handle(&self, mut request: Request, next: Next<'_>) -> Result<Response, ApiError> {
        if request.meta.idempotency_key.is_none()
            && let Some(given) = request
                .headers
                .get(IDEMPOTENCY_HEADER)
                .filter(|k| !k.is_empty())
        {
            request.meta.idempotency_key = Some(IdempotencyKey::from(given));
        }
        match &request.meta.idempotency_key {
            Some(key) => {
                let key = key.as_str().to_owned();
                request.headers.set(IDEMPOTENCY_HEADER, key);
            }
            None if self.moves_money(&request) => {
                return Err(ApiError::MissingIdempotencyKey {
                    request_id: request.meta.request_id.clone(),
                    method: request.method,
                    path: request.path.clone(),
                });
            }
            None => {}
        }
        next.run(request).await
    }
}
