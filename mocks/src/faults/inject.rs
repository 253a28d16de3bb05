//! The fault middleware of the public listener.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;

use crate::AppState;
use crate::faults::{Committed, response};
use crate::http::RequestId;

/// Middleware: applies the active fault profile to matching `/api` requests (never to preflights).
pub async fn inject_faults(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let profile = state.faults().profile();
    if profile.is_quiet()
        || req.method() == Method::OPTIONS
        || !req.uri().path().starts_with(&profile.path_prefix)
    {
        return next.run(req).await;
    }
    let id = req
        .extensions()
        .get::<RequestId>()
        .map_or_else(String::new, |id| id.0.clone());
    let path = req.uri().path().to_owned();
    let delay = profile.latency_ms + state.faults().jitter(profile.jitter_ms);
    if delay > 0 {
        tracing::warn!(request_id = %id, %path, fault = "latency", delay_ms = delay, "injected fault");
        tokio::time::sleep(Duration::from_millis(delay)).await;
    }
    if let Some(answer) = state.faults().roll_answer(&profile) {
        tracing::warn!(request_id = %id, %path, fault = ?answer, "injected fault");
        return response::answer(answer, &profile, state.clock().now());
    }
    let reply = next.run(req).await;
    if reply.extensions().get::<Committed>().is_some()
        && state.faults().roll(profile.drop_after_commit_rate)
    {
        tracing::warn!(request_id = %id, %path, fault = "drop-after-commit", "injected fault");
        return if profile.drop_after_headers {
            response::dropped_after_headers(reply).await
        } else {
            response::dropped(reply)
        };
    }
    if profile.slow_body_ms > 0 {
        tracing::warn!(request_id = %id, %path, fault = "slow-body", total_ms = profile.slow_body_ms, "injected fault");
        return response::slowed(reply, profile.slow_body_ms).await;
    }
    reply
}
