//! A refresher whose replies the test scripts, optionally held until the test releases them.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::time::Duration;

use futures::channel::oneshot;
use futures::future::LocalBoxFuture;

use crate::services::auth::{AuthError, Refresher, Secret, TokenGrant};

/// Counts calls; replies `access-N`/`refresh-N` tokens unless an error is queued.
#[derive(Clone, Default)]
pub struct FakeRefresher {
    calls: Rc<Cell<u32>>,
    lifetime_secs: Rc<Cell<u64>>,
    errors: Rc<RefCell<VecDeque<AuthError>>>,
    held: Rc<Cell<bool>>,
    waiting: Rc<RefCell<Vec<oneshot::Sender<()>>>>,
    seen_tokens: Rc<RefCell<Vec<Option<Secret>>>>,
}

impl FakeRefresher {
    /// Replies at once with tokens living `lifetime_secs`.
    pub fn new(lifetime_secs: u64) -> Self {
        let refresher = Self::default();
        refresher.lifetime_secs.set(lifetime_secs);
        refresher
    }

    /// Replies only when [`release`](Self::release) is called.
    pub fn held(lifetime_secs: u64) -> Self {
        let refresher = Self::new(lifetime_secs);
        refresher.held.set(true);
        refresher
    }

    /// Lets every waiting reply through.
    pub fn release(&self) {
        for sender in self.waiting.borrow_mut().drain(..) {
            let _ = sender.send(());
        }
    }

    /// The next reply fails with `error`.
    pub fn fail_next(&self, error: AuthError) {
        self.errors.borrow_mut().push_back(error);
    }

    /// How many refreshes were requested.
    pub fn calls(&self) -> u32 {
        self.calls.get()
    }

    /// The refresh tokens presented, in order.
    pub fn seen_tokens(&self) -> Vec<Option<Secret>> {
        self.seen_tokens.borrow().clone()
    }
}

impl Refresher for FakeRefresher {
    fn can_refresh(&self, refresh_token: Option<&Secret>) -> bool {
        refresh_token.is_some()
    }

    fn refresh(
        &self,
        refresh_token: Option<Secret>,
    ) -> LocalBoxFuture<'static, Result<TokenGrant, AuthError>> {
        let n = self.calls.get() + 1;
        self.calls.set(n);
        self.seen_tokens.borrow_mut().push(refresh_token);
        let reply = match self.errors.borrow_mut().pop_front() {
            Some(error) => Err(error),
            None => Ok(TokenGrant {
                access_token: Secret::new(format!("access-{n}")),
                refresh_token: Some(Secret::new(format!("refresh-{n}"))),
                id_token: None,
                expires_in: Some(Duration::from_secs(self.lifetime_secs.get())),
                user: None,
            }),
        };
        let gate = self.held.get().then(|| {
            let (sender, receiver) = oneshot::channel();
            self.waiting.borrow_mut().push(sender);
            receiver
        });
        Box::pin(async move {
            if let Some(gate) = gate {
                let _ = gate.await;
            }
            reply
        })
    }
}
