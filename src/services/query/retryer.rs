//! The retry loop shared by queries and mutations: attempts, waits and auth-refresh parking.

use std::time::Duration;

use futures::future::LocalBoxFuture;

use super::error::QueryError;
use super::retry::{RetryDecision, RetryPolicy, RetryProgress, decide_retry};

/// What the retry loop needs from its surroundings.
pub(super) trait RetryHost<E> {
    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()>;
    /// Completes when a token refresh finishes (or after a safety timeout).
    fn auth_refreshed(&self) -> LocalBoxFuture<'static, ()>;
    /// An attempt failed and another one follows.
    fn attempt_failed(&self, error: &E);
    /// The request parks until a token refresh finishes.
    fn paused(&self);
    /// The parked request resumes.
    fn resumed(&self);
}

/// Runs `attempt` until it succeeds or its error, the policy and the progress say stop.
pub(super) async fn retrying<T, E: QueryError>(
    attempt: impl Fn() -> LocalBoxFuture<'static, Result<T, E>>,
    policy: RetryPolicy,
    host: &impl RetryHost<E>,
) -> Result<T, E> {
    let mut progress = RetryProgress::default();
    loop {
        let error = match attempt().await {
            Ok(data) => return Ok(data),
            Err(error) => error,
        };
        match decide_retry(error.retry_hint(), progress, &policy) {
            RetryDecision::GiveUp => return Err(error),
            RetryDecision::RetryIn(delay) => {
                host.attempt_failed(&error);
                host.sleep(delay).await;
                progress.retries_done += 1;
            }
            RetryDecision::AwaitAuthRefresh => {
                host.attempt_failed(&error);
                host.paused();
                host.auth_refreshed().await;
                host.resumed();
                progress.auth_waits_done += 1;
            }
        }
    }
}
