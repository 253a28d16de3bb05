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
