//! The responses faults produce: error answers, a body that breaks the connection, a body that trickles.

use std::io;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::body::{Body, Bytes, to_bytes};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use digibank_api_types::ErrorBody;
use futures_util::stream;

use crate::clock::Millis;
use crate::faults::state::Answer;
use crate::faults::{FaultProfile, RetryAfterFormat};
use crate::http::problem::error_response;

/// Chunks a slow body is cut into.
const SLOW_CHUNKS: u64 = 10;

/// The error response of an injected answer, with `Retry-After` for 429 and 503.
pub fn answer(answer: Answer, profile: &FaultProfile, now: Millis) -> Response {
    let (status, slug, message) = match answer {
        Answer::ServerError => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal-error",
            "Internal server error (injected fault)".to_owned(),
        ),
        Answer::Unavailable => (
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            "Service temporarily unavailable (injected fault)".to_owned(),
        ),
        Answer::RateLimited => (
            StatusCode::TOO_MANY_REQUESTS,
            "rate-limited",
            format!(
                "Too many requests. Try again in {} seconds.",
                profile.retry_after_secs
            ),
        ),
    };
    let title = status.canonical_reason().unwrap_or("Error");
    let mut response = error_response(
        status,
        ErrorBody::new(status.as_u16(), slug, title, message),
    );
    if answer != Answer::ServerError
        && let Ok(value) = HeaderValue::from_str(&retry_after(profile, now))
    {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

/// `Retry-After` in the profile's form.
fn retry_after(profile: &FaultProfile, now: Millis) -> String {
    match profile.retry_after_format {
        RetryAfterFormat::Seconds => profile.retry_after_secs.to_string(),
        RetryAfterFormat::HttpDate => {
            let at = UNIX_EPOCH
                + Duration::from_millis(now.max(0) as u64)
                + Duration::from_secs(profile.retry_after_secs);
            httpdate::fmt_http_date(at.max(SystemTime::UNIX_EPOCH))
        }
    }
}

/// The response with a body that fails at once: hyper aborts the connection, the client gets no usable reply.
pub fn dropped(response: Response) -> Response {
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let failing = stream::once(async {
        Err::<Bytes, io::Error>(io::Error::new(
            io::ErrorKind::ConnectionAborted,
            "connection dropped after commit (injected fault)",
        ))
    });
    Response::from_parts(parts, Body::from_stream(failing))
}

/// Pause between the start of the body and the break, so hyper flushes the status line and headers first.
const BREAK_AFTER: Duration = Duration::from_millis(50);

/// The response's status line, headers and first half of its body, then a broken connection: the client has
/// begun to receive the answer and cannot complete it.
pub async fn dropped_after_headers(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
    parts.headers.remove(header::CONTENT_LENGTH);
    let start = bytes.slice(..bytes.len() / 2);
    let parts_of_body = stream::unfold(Some(start), |state| async move {
        match state {
            Some(start) => Some((Ok(start), None)),
            None => {
                tokio::time::sleep(BREAK_AFTER).await;
                let broken = io::Error::new(
                    io::ErrorKind::ConnectionAborted,
                    "connection dropped after commit, mid-body (injected fault)",
                );
                Some((Err::<Bytes, io::Error>(broken), None))
            }
        }
    });
    Response::from_parts(parts, Body::from_stream(parts_of_body))
}

/// The response with its body sent in chunks spread over `total_ms`.
pub async fn slowed(response: Response, total_ms: u64) -> Response {
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, usize::MAX).await else {
        return Response::from_parts(parts, Body::empty());
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    let chunk_len = (bytes.len() as u64).div_ceil(SLOW_CHUNKS).max(1) as usize;
    let chunks: Vec<Bytes> = (0..bytes.len())
        .step_by(chunk_len)
        .map(|at| bytes.slice(at..(at + chunk_len).min(bytes.len())))
        .collect();
    let pause = Duration::from_millis(total_ms) / u32::try_from(chunks.len().max(1)).unwrap_or(1);
    let trickle = stream::unfold(chunks.into_iter(), move |mut rest| async move {
        let chunk = rest.next()?;
        tokio::time::sleep(pause).await;
        Some((Ok::<Bytes, io::Error>(chunk), rest))
    });
    Response::from_parts(parts, Body::from_stream(trickle))
}
