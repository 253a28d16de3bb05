//! Unauthorized (401): renews the token once for all concurrent callers (single-flight), then replays each
//! request once. If the renewal fails, every waiter gets its 401 (→ `ApiError::Unauthorized`) and one
//! "session expired" event is raised, so the app can sign the user out and send them to the login page.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use futures::channel::oneshot;

use crate::services::http::cancel::lock;
use crate::services::http::{
    ApiError, AuthMode, Interceptor, Listeners, Next, RefreshError, Request, Response,
    SessionExpired, TokenSource,
};

/// Renews on 401 (single-flight) and replays once.
pub struct UnauthorizedInterceptor {
    tokens: Arc<dyn TokenSource>,
    state: Arc<Mutex<RefreshState>>,
    expired: Listeners<SessionExpired>,
}

/// The renewal in progress, and how many renewals succeeded so far.
#[derive(Default)]
struct RefreshState {
    generation: u64,
    waiters: Option<Vec<oneshot::Sender<Result<(), RefreshError>>>>,
}

/// What a caller whose request got a 401 does.
enum Role {
    /// Another caller renewed since this request was sent: just replay.
    AlreadyRenewed,
    /// Renew, then tell the waiters.
    Leader,
    /// Wait for the leader's outcome.
    Follower(oneshot::Receiver<Result<(), RefreshError>>),
}

impl UnauthorizedInterceptor {
    /// Renews through `tokens`; each failed renewal is announced once to `expired`.
    pub fn new(tokens: Arc<dyn TokenSource>, expired: Listeners<SessionExpired>) -> Self {
        UnauthorizedInterceptor {
            tokens,
            state: Arc::default(),
            expired,
        }
    }

    /// Makes sure the token was renewed after generation `sent_with`, renewing at most once for everyone.
    async fn renew_after(&self, sent_with: u64) -> Result<(), RefreshError> {
        loop {
            match self.role(sent_with) {
                Role::AlreadyRenewed => return Ok(()),
                Role::Follower(outcome) => match outcome.await {
                    Ok(outcome) => return outcome,
                    Err(oneshot::Canceled) => continue,
                },
                Role::Leader => return self.lead_renewal().await,
            }
        }
    }

    fn role(&self, sent_with: u64) -> Role {
        let mut state = lock(&self.state);
        if state.generation != sent_with {
            return Role::AlreadyRenewed;
        }
        match &mut state.waiters {
            Some(waiters) => {
                let (tx, rx) = oneshot::channel();
                waiters.push(tx);
                Role::Follower(rx)
            }
            None => {
                state.waiters = Some(Vec::new());
                Role::Leader
            }
        }
    }

    async fn lead_renewal(&self) -> Result<(), RefreshError> {
        let guard = LeaderGuard { state: &self.state };
        let outcome = self.tokens.refresh().await;
        let waiters = guard.finish(outcome.is_ok());
        if let Err(reason) = &outcome {
            self.expired.emit(&SessionExpired {
                reason: reason.clone(),
            });
        }
        for waiter in waiters {
            let _ = waiter.send(outcome.clone());
        }
        outcome
    }

    fn generation(&self) -> u64 {
        lock(&self.state).generation
    }
}

/// Ends a renewal; if the leader is dropped mid-way (cancelled), waiters are released to try again.
struct LeaderGuard<'a> {
    state: &'a Mutex<RefreshState>,
}

impl LeaderGuard<'_> {
    fn finish(self, renewed: bool) -> Vec<oneshot::Sender<Result<(), RefreshError>>> {
        let mut state = lock(self.state);
        if renewed {
            state.generation += 1;
        }
        let waiters = state.waiters.take().unwrap_or_default();
        drop(state);
        std::mem::forget(self);
        waiters
    }
}

impl Drop for LeaderGuard<'_> {
    fn drop(&mut self) {
        lock(self.state).waiters = None;
    }
}

#[async_trait(?Send)]
impl Interceptor for UnauthorizedInterceptor {
    fn name(&self) -> &str {
        "unauthorized"
    }

    async fn handle(&self, request: Request, next: Next<'_>) -> Result<Response, ApiError> {
        if request.meta.auth == AuthMode::Anonymous {
            return next.run(request).await;
        }
        let sent_with = self.generation();
        let response = next.run(request.clone()).await?;
        if response.status != 401 {
            return Ok(response);
        }
        match self.renew_after(sent_with).await {
            Ok(()) => next.run(request).await,
            Err(_) => Ok(response),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use futures::future::join_all;

    use crate::services::http::test_support::{FakeTokens, Harness, harness};
    use crate::services::http::{
        ApiError, AuthMode, MockReply, RefreshError, Request, RequestOptions,
    };

    /// A harness whose `/api/accounts` accepts only `Bearer token-1`, with tokens that refresh in 100 ms.
    fn setup(refresh_fails: bool) -> (Harness, Arc<FakeTokens>) {
        let mut tokens = None;
        let h = harness(|clock, b| {
            let delay = Duration::from_millis(100);
            let t = match refresh_fails {
                false => FakeTokens::new(clock, delay),
                true => FakeTokens::failing(clock, delay, RefreshError::Rejected),
            };
            tokens = Some(t.clone());
            b.token_source(t)
        });
        h.mock.get("/api/accounts", |req| {
            match req.headers.get("authorization") {
                Some("Bearer token-1") => MockReply::json(200, &["acc"]),
                _ => MockReply::json(401, &serde_json::json!({"error": "token expired"})),
            }
        });
        (h, tokens.expect("configured"))
    }

    fn fifty_requests() -> Vec<Request> {
        (0..50).map(|_| Request::get("/accounts")).collect()
    }

    #[test]
    fn fifty_concurrent_401s_cause_one_refresh_and_one_replay_each() {
        let (h, tokens) = setup(false);
        let requests = fifty_requests();
        let ids: Vec<String> = requests
            .iter()
            .map(|r| r.meta.request_id.to_string())
            .collect();
        let outcomes = h.run(join_all(requests.into_iter().map(|r| h.client.send(r))));
        assert!(outcomes.iter().all(Result::is_ok), "{outcomes:?}");
        assert_eq!(tokens.refresh_count(), 1);
        let calls = h.mock.calls();
        assert_eq!(calls.len(), 100, "50 first attempts + 50 replays");
        let with = |token: &str| {
            calls
                .iter()
                .filter(|c| c.request.headers.get("authorization") == Some(token))
                .count()
        };
        assert_eq!((with("Bearer token-0"), with("Bearer token-1")), (50, 50));
        for id in ids {
            let sent = calls
                .iter()
                .filter(|c| c.request.headers.get("x-request-id") == Some(id.as_str()))
                .count();
            assert_eq!(
                sent, 2,
                "request {id} sent once and replayed once with the same id"
            );
        }
    }

    #[test]
    fn a_failed_refresh_fails_every_waiter_and_expires_the_session_once() {
        let (h, tokens) = setup(true);
        let events = Arc::new(AtomicUsize::new(0));
        let e = events.clone();
        let _subscription = h.client.on_session_expired(move |expired| {
            assert_eq!(expired.reason, RefreshError::Rejected);
            e.fetch_add(1, Ordering::SeqCst);
        });
        let outcomes = h.run(join_all(
            fifty_requests().into_iter().map(|r| h.client.send(r)),
        ));
        for outcome in &outcomes {
            let Err(ApiError::Unauthorized { message, .. }) = outcome else {
                panic!("{outcome:?}")
            };
            assert_eq!(message.as_deref(), Some("token expired"));
        }
        assert_eq!(tokens.refresh_count(), 1);
        assert_eq!(events.load(Ordering::SeqCst), 1);
        assert_eq!(
            h.mock.call_count(),
            50,
            "nothing is replayed after a failed refresh"
        );
    }

    #[test]
    fn a_late_401_after_someone_else_refreshed_replays_without_refreshing_again() {
        let (h, tokens) = setup(false);
        h.mock
            .get("/api/slow", |req| match req.headers.get("authorization") {
                Some("Bearer token-1") => MockReply::status(200),
                _ => MockReply::status(401).delay(Duration::from_secs(1)),
            });
        let (slow, fast) = h.run(futures::future::join(
            h.client.send(Request::get("/slow")),
            h.client.send(Request::get("/accounts")),
        ));
        slow.expect("replayed with the token renewed meanwhile");
        fast.expect("refreshed and replayed");
        assert_eq!(tokens.refresh_count(), 1);
        assert_eq!(h.mock.call_count(), 4);
    }

    #[test]
    fn when_the_renewing_request_is_cancelled_a_waiter_takes_over() {
        let (h, tokens) = setup(false);
        let token = crate::services::http::CancelToken::new();
        let leader =
            Request::get("/accounts").with_options(RequestOptions::new().cancel(token.clone()));
        let clock = h.clock.clone();
        let (leader, follower, ()) = h.run(futures::future::join3(
            h.client.send(leader),
            h.client.send(Request::get("/accounts")),
            async move {
                crate::services::http::Clock::sleep(&clock, Duration::from_millis(50)).await;
                token.cancel();
            },
        ));
        assert!(
            matches!(leader, Err(ApiError::Cancelled { .. })),
            "{leader:?}"
        );
        follower.expect("the waiter renewed itself and replayed");
        assert_eq!(
            tokens.refresh_count(),
            2,
            "the abandoned renewal, then the waiter's own"
        );
    }

    #[test]
    fn a_replay_that_is_still_401_is_unauthorized_without_a_loop() {
        let (h, tokens) = setup(false);
        h.mock.get("/api/admin", |_| MockReply::status(401));
        let err = h
            .run(h.client.send(Request::get("/admin")))
            .expect_err("still 401");
        assert!(matches!(err, ApiError::Unauthorized { .. }));
        assert_eq!((tokens.refresh_count(), h.mock.call_count()), (1, 2));
    }

    #[test]
    fn anonymous_requests_carry_no_token_and_never_refresh() {
        let (h, tokens) = setup(false);
        let anonymous = RequestOptions::new().auth(AuthMode::Anonymous);
        let err = h
            .run(
                h.client
                    .send(Request::get("/accounts").with_options(anonymous)),
            )
            .expect_err("401");
        assert!(matches!(err, ApiError::Unauthorized { .. }));
        assert_eq!(tokens.refresh_count(), 0);
        assert_eq!(h.mock.calls()[0].request.headers.get("authorization"), None);
    }
}
