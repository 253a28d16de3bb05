//! The `Idempotency-Key` header as an extractor: required for `POST /transfers`, optional elsewhere.

use axum::extract::{FromRequestParts, OptionalFromRequestParts};
use axum::http::HeaderName;
use axum::http::request::Parts;

use crate::ApiError;
use crate::idempotency::MAX_KEY_LEN;

static IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");

/// A well-formed idempotency key (1–255 visible ASCII characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdempotencyKey(pub String);

impl<S: Send + Sync> FromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let key = <IdempotencyKey as OptionalFromRequestParts<S>>::from_request_parts(parts, state)
            .await?;
        key.ok_or_else(|| ApiError::BadRequest("The Idempotency-Key header is required: create one key per transfer and reuse it on every retry".into()))
    }
}

impl<S: Send + Sync> OptionalFromRequestParts<S> for IdempotencyKey {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, ApiError> {
        let Some(value) = parts.headers.get(&IDEMPOTENCY_KEY) else {
            return Ok(None);
        };
        let key = value.to_str().ok().map(str::trim).filter(|k| {
            !k.is_empty() && k.len() <= MAX_KEY_LEN && k.bytes().all(|b| b.is_ascii_graphic())
        });
        key.map(|k| Some(IdempotencyKey(k.to_owned())))
            .ok_or_else(|| {
                ApiError::BadRequest(format!(
                    "The Idempotency-Key header must be 1 to {MAX_KEY_LEN} visible ASCII characters"
                ))
            })
    }
}
