//! Turning a non-2xx [`Response`] into an [`ApiError`]: the guide's `{error, errors[]}` body, RFC 9457
//! problem+json, an HTML page from a proxy, or nothing at all — always a clean typed error, never a panic.

use std::time::Duration;

use digibank_api_types::{ErrorBody, ErrorItem, FieldError};
use serde_json::Value;

use super::error::ApiError;
use super::ids::RequestId;
use super::response::Response;
use super::retry_after::parse_retry_after;

/// Longest server message kept (a runaway body must not become a runaway toast).
const MAX_MESSAGE_CHARS: usize = 300;

/// What an error body said, whatever its shape.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorDetails {
    /// One-line message (`error`, else `detail`, else `title`).
    pub message: Option<String>,
    /// `errors[]` objects.
    pub field_errors: Vec<FieldError>,
    /// `errors[]` strings.
    pub messages: Vec<String>,
}

/// The typed error for a non-2xx response; `unix_now` dates an HTTP-date `Retry-After`.
pub fn error_from_response(response: &Response, unix_now: Duration) -> ApiError {
    let details = decode_error_body(&response.body);
    let request_id = response_request_id(response);
    let retry_after = response
        .header("retry-after")
        .and_then(|v| parse_retry_after(v, unix_now));
    let message = details.message;
    match response.status {
        400 | 422 => ApiError::Validation {
            request_id,
            status: response.status,
            message,
            field_errors: details.field_errors,
            messages: details.messages,
        },
        401 => ApiError::Unauthorized {
            request_id,
            message,
        },
        403 => ApiError::Forbidden {
            request_id,
            message,
        },
        404 => ApiError::NotFound {
            request_id,
            message,
        },
        409 => ApiError::Conflict {
            request_id,
            message,
        },
        429 => ApiError::RateLimited {
            request_id,
            retry_after,
            message,
        },
        500..=599 => ApiError::Server {
            request_id,
            status: response.status,
            retry_after,
            message,
        },
        status => ApiError::Unexpected {
            request_id,
            status,
            message,
        },
    }
}

/// The server's echo of our request id, else ours.
fn response_request_id(response: &Response) -> RequestId {
    match response.header("x-request-id") {
        Some(echo) if !echo.is_empty() => RequestId::from(echo),
        _ => response.request_id.clone(),
    }
}

/// Reads whatever an error body holds; an empty, HTML or otherwise unreadable body gives empty details.
pub fn decode_error_body(body: &[u8]) -> ErrorDetails {
    let Some(first) = body.iter().find(|b| !b.is_ascii_whitespace()) else {
        return ErrorDetails::default();
    };
    if *first != b'{' {
        return ErrorDetails::default();
    }
    match serde_json::from_slice::<ErrorBody>(body) {
        Ok(parsed) => from_error_body(parsed),
        Err(_) => serde_json::from_slice::<Value>(body)
            .map(|v| from_loose_json(&v))
            .unwrap_or_default(),
    }
}

/// The details of a well-formed body.
fn from_error_body(body: ErrorBody) -> ErrorDetails {
    let mut details = ErrorDetails {
        message: first_message([body.error, body.detail, body.title]),
        ..ErrorDetails::default()
    };
    for item in body.errors {
        match item {
            ErrorItem::Field(field) => details.field_errors.push(FieldError {
                message: truncate(&field.message),
                ..field
            }),
            ErrorItem::Message(text) => details.messages.push(truncate(&text)),
        }
    }
    details
}

/// Best effort for JSON of an unexpected shape: string fields only, everything else ignored.
fn from_loose_json(value: &Value) -> ErrorDetails {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut details = ErrorDetails {
        message: first_message([
            text("error"),
            text("detail"),
            text("title"),
            text("message"),
        ]),
        ..Default::default()
    };
    for item in value
        .get("errors")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        match item {
            Value::String(s) => details.messages.push(truncate(s)),
            Value::Object(_) => {
                let field = |key: &str| {
                    item.get(key)
                        .and_then(Value::as_str)
                        .unwrap_or_default()
                        .to_owned()
                };
                if let Some(message) = item.get("message").and_then(Value::as_str) {
                    details.field_errors.push(FieldError::new(
                        field("field"),
                        field("code"),
                        truncate(message),
                    ));
                }
            }
            _ => {}
        }
    }
    details
}

/// The first non-blank candidate, truncated.
fn first_message<const N: usize>(candidates: [Option<String>; N]) -> Option<String> {
    candidates
        .into_iter()
        .flatten()
        .find(|m| !m.trim().is_empty())
        .map(|m| truncate(&m))
}

/// At most [`MAX_MESSAGE_CHARS`] characters.
fn truncate(text: &str) -> String {
    match text.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Duration = Duration::from_secs(1_700_000_000);

    fn response(status: u16, body: &str) -> Response {
        let mut r = Response::new(status, RequestId::from("ours"));
        r.body = body.as_bytes().to_vec();
        r
    }

    #[test]
    fn the_guides_body_with_field_objects() {
        let body = r#"{"error":"Invalid transfer","errors":[{"field":"amount","code":"exceeds_limit","message":"Amount exceeds maximum limit"}]}"#;
        let err = error_from_response(&response(400, body), NOW);
        let ApiError::Validation {
            message,
            field_errors,
            messages,
            status,
            ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(message.as_deref(), Some("Invalid transfer"));
        assert_eq!(
            field_errors,
            &vec![FieldError::new(
                "amount",
                "exceeds_limit",
                "Amount exceeds maximum limit"
            )]
        );
        assert!(messages.is_empty());
        assert_eq!(*status, 400);
    }

    #[test]
    fn the_guides_body_with_string_errors_and_the_plain_error_only() {
        let err = error_from_response(
            &response(422, r#"{"errors":["Name is too long","Name has symbols"]}"#),
            NOW,
        );
        let ApiError::Validation { messages, .. } = &err else {
            panic!("{err:?}")
        };
        assert_eq!(
            messages,
            &vec!["Name is too long".to_owned(), "Name has symbols".to_owned()]
        );
        let err = error_from_response(
            &response(400, r#"{"error":"Amount exceeds maximum limit"}"#),
            NOW,
        );
        assert_eq!(err.server_message(), Some("Amount exceeds maximum limit"));
    }

    #[test]
    fn rfc9457_problem_details() {
        let body = r#"{"type":"https://digibank.example/problems/conflict","title":"Conflict","status":409,"detail":"Balance is not zero","requestId":"srv-1"}"#;
        let err = error_from_response(&response(409, body), NOW);
        assert_eq!(
            err,
            ApiError::Conflict {
                request_id: RequestId::from("ours"),
                message: Some("Balance is not zero".into())
            }
        );
        let title_only = error_from_response(&response(403, r#"{"title":"Forbidden"}"#), NOW);
        assert_eq!(title_only.server_message(), Some("Forbidden"));
    }

    #[test]
    fn html_from_a_proxy_and_empty_bodies_are_clean_errors() {
        let html = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
        let err = error_from_response(&response(502, html), NOW);
        assert_eq!(
            err,
            ApiError::Server {
                request_id: RequestId::from("ours"),
                status: 502,
                retry_after: None,
                message: None
            }
        );
        let err = error_from_response(&response(404, ""), NOW);
        assert_eq!(
            err,
            ApiError::NotFound {
                request_id: RequestId::from("ours"),
                message: None
            }
        );
        let err = error_from_response(&response(500, "   \n"), NOW);
        assert_eq!(err.status(), Some(500));
    }

    #[test]
    fn malformed_or_odd_json_never_panics() {
        for body in [
            r#"{"error": 5}"#,
            r#"{"errors": [1, null, {"field": 3}, {"message": "Only this"}], "message": "Loose"}"#,
            r#"{"error": "cut"#,
            r#"{"status": 1e999, "detail": "Huge status"}"#,
            "[1,2,3]",
            "\u{0}\u{ff}",
        ] {
            let err = error_from_response(&response(400, body), NOW);
            assert_eq!(err.status(), Some(400), "{body}");
        }
        let loose =
            decode_error_body(br#"{"errors": [1, {"message": "Only this"}], "message": "Loose"}"#);
        assert_eq!(loose.message.as_deref(), Some("Loose"));
        assert_eq!(
            loose.field_errors,
            vec![FieldError::new("", "", "Only this")]
        );
        let huge_status = decode_error_body(br#"{"status": 1e999, "detail": "Huge status"}"#);
        assert_eq!(huge_status.message.as_deref(), Some("Huge status"));
    }

    #[test]
    fn request_id_echo_retry_after_and_truncation() {
        let mut r = response(429, &format!(r#"{{"error":"{}"}}"#, "x".repeat(1000)));
        r.headers.set("X-Request-ID", "echoed");
        r.headers
            .set("Retry-After", "Tue, 14 Nov 2023 22:13:30 GMT");
        let err = error_from_response(&r, NOW);
        assert_eq!(err.request_id().as_str(), "echoed");
        assert_eq!(err.retry_after(), Some(Duration::from_secs(10)));
        assert_eq!(
            err.server_message().map(|m| m.chars().count()),
            Some(MAX_MESSAGE_CHARS + 1)
        );
        let unexpected = error_from_response(&response(405, ""), NOW);
        assert_eq!(unexpected.status(), Some(405));
    }
}
