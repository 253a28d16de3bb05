//! `ApiJson<T>`: a JSON body extractor whose failures are clear 4xx errors naming the field.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use digibank_api_types::FieldError;
use serde::de::DeserializeOwned;

use crate::ApiError;

/// A JSON request body decoded into `T`.
#[derive(Debug, Clone)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        decode(&read_body(req, state).await?).map(ApiJson)
    }
}

/// A JSON body whose field-level problems (wrong type, bad amount) go to the handler instead of a 400;
/// a body that is not JSON at all is still refused.
#[derive(Debug, Clone)]
pub struct LenientJson<T>(pub Result<T, Vec<FieldError>>);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for LenientJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiError> {
        match decode(&read_body(req, state).await?) {
            Ok(value) => Ok(LenientJson(Ok(value))),
            Err(ApiError::Invalid { errors, .. }) => Ok(LenientJson(Err(errors))),
            Err(other) => Err(other),
        }
    }
}

/// The body of a JSON request (415 for another content type, 413 over the limit).
async fn read_body<S: Send + Sync>(req: Request, state: &S) -> Result<Bytes, ApiError> {
    if !is_json(req.headers().get(header::CONTENT_TYPE)) {
        return Err(ApiError::UnsupportedMediaType(
            "Send the body as JSON with Content-Type: application/json".into(),
        ));
    }
    Bytes::from_request(req, state)
        .await
        .map_err(|rejection| match rejection.status() {
            StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::PayloadTooLarge("Request body is too large".into())
            }
            _ => ApiError::BadRequest(format!("Could not read the request body: {rejection}")),
        })
}

/// `application/json` or any `+json` type, parameters allowed.
fn is_json(value: Option<&axum::http::HeaderValue>) -> bool {
    let Some(essence) = value
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
    else {
        return false;
    };
    let essence = essence.trim().to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Decodes JSON, reporting syntax errors as 400 and type errors per field.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut deserializer = serde_json::Deserializer::from_slice(bytes);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let field = error.path().to_string();
        let inner = error.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::BadRequest(format!(
                "Request body is not valid JSON: {}",
                without_position(&inner)
            ))
        } else {
            let field = if field == "." {
                "body".to_owned()
            } else {
                field
            };
            ApiError::field(&field, "invalid", without_position(&inner))
        }
    })?;
    deserializer.end().map_err(|e| {
        ApiError::BadRequest(format!(
            "Request body is not valid JSON: {}",
            without_position(&e)
        ))
    })?;
    Ok(value)
}

/// serde_json's message without its ` at line L column C` suffix.
fn without_position(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.rfind(" at line ") {
        Some(at) => text[..at].to_owned(),
        None => text,
    }
}
