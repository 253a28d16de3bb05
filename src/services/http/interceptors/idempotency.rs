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

#[cfg(test)]
mod tests {
    use crate::services::http::test_support::harness;
    use crate::services::http::{
        ApiError, IdempotencyKey, Method, MockReply, PathPattern, Request, RequestOptions,
    };

    #[test]
    fn a_money_moving_post_without_a_key_is_refused_before_sending() {
        let h = harness(|_, b| b);
        h.mock.post("/api/transfers", |_| MockReply::status(201));
        h.mock
            .post("/api/transfers/schedule", |_| MockReply::status(201));
        for path in ["/transfers", "/transfers/schedule"] {
            let err = h
                .run(h.client.send(Request::post(path)))
                .expect_err("refused");
            assert!(
                matches!(
                    err,
                    ApiError::MissingIdempotencyKey {
                        method: Method::Post,
                        ..
                    }
                ),
                "{err:?}"
            );
        }
        assert_eq!(h.mock.call_count(), 0, "nothing was sent");
        let keyed = RequestOptions::new().idempotency_key(IdempotencyKey::from("intent-1"));
        h.run(
            h.client
                .send(Request::post("/transfers").with_options(keyed)),
        )
        .expect("sent with its key");
        assert_eq!(
            h.mock.calls()[0].request.headers.get("idempotency-key"),
            Some("intent-1")
        );
    }

    #[test]
    fn other_posts_need_no_key_and_a_header_key_is_adopted() {
        let h = harness(|_, b| b.money_moving_paths([PathPattern::new("/payments/{id}")]));
        h.mock
            .post("/api/transfers/validate", |_| MockReply::status(200));
        h.mock.post("/api/payments/p1", |_| MockReply::status(200));
        h.run(h.client.send(Request::post("/transfers/validate")))
            .expect("validation moves no money");
        let err = h
            .run(h.client.send(Request::post("/payments/p1")))
            .expect_err("configured path");
        assert!(matches!(err, ApiError::MissingIdempotencyKey { .. }));
        let adopted = Request::post("/payments/p1").header("Idempotency-Key", "from-header");
        h.run(h.client.send(adopted)).expect("header key counts");
        assert_eq!(
            h.mock
                .calls()
                .last()
                .expect("sent")
                .request
                .meta
                .idempotency_key,
            Some(IdempotencyKey::from("from-header"))
        );
    }
}
