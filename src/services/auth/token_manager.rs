//! The session's tokens: the guide's TokenManager operations plus single-flight renewal (in the tab and,
//! through [`CrossTabLock`], across tabs) and a session-version guard against stale renewal replies.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use futures::FutureExt;
use futures::future::{LocalBoxFuture, Shared};

use super::{
    AuthError, AuthEvent, Clock, CrossTabLock, LogoutReason, Refresher, Secret, Subscribers,
    Subscription, TokenGrant, TokenSet, TokenStore,
};

/// Default clock skew for [`TokenManager::is_expired`] (capped per token; see [`TokenSet::is_expired`]).
pub const DEFAULT_CLOCK_SKEW: Duration = Duration::from_secs(30);

type SharedRefresh = Shared<LocalBoxFuture<'static, Result<(), AuthError>>>;

/// What a [`TokenManager`] is built from.
pub struct TokenManagerParts {
    /// Where tokens live (the storage mode).
    pub store: Rc<dyn TokenStore>,
    /// How the session is renewed.
    pub refresher: Rc<dyn Refresher>,
    /// Cross-tab renewal lock (Web Locks, or [`super::InTabOnly`]).
    pub lock: Rc<dyn CrossTabLock>,
    /// The time source.
    pub clock: Rc<dyn Clock>,
    /// How early a token counts as expired.
    pub clock_skew: Duration,
}

/// The current session's tokens; cheap to clone (all clones share one session).
#[derive(Clone)]
pub struct TokenManager {
    inner: Rc<Inner>,
}

struct Inner {
    parts: TokenManagerParts,
    session_version: Cell<u64>,
    in_flight: RefCell<Option<SharedRefresh>>,
    events: Subscribers<AuthEvent>,
}

impl TokenManager {
    /// A manager over `parts`, starting with whatever the store holds.
    pub fn new(parts: TokenManagerParts) -> Self {
        let inner = Inner {
            parts,
            session_version: Cell::new(0),
            in_flight: RefCell::new(None),
            events: Subscribers::new(),
        };
        Self {
            inner: Rc::new(inner),
        }
    }

    /// Starts a new session with `grant` (the guide's `setTokens`); replies to older renewals are ignored from now on.
    pub fn set_tokens(&self, grant: TokenGrant) -> Result<(), AuthError> {
        self.next_session();
        let tokens = TokenSet::from_grant(grant, self.now_ms());
        self.inner.parts.store.save(&tokens)?;
        self.emit(&AuthEvent::SignedIn);
        Ok(())
    }

    /// The access token, if a session exists (possibly expired: the API's 401 then triggers a refresh).
    pub fn access_token(&self) -> Option<String> {
        self.tokens()
            .map(|tokens| tokens.access_token.expose().to_owned())
    }

    /// The refresh token held by the page (never in cookie mode).
    pub fn refresh_token(&self) -> Option<Secret> {
        self.tokens().and_then(|tokens| tokens.refresh_token)
    }

    /// The ID token of the session, if the page holds one.
    pub fn id_token(&self) -> Option<Secret> {
        self.tokens().and_then(|tokens| tokens.id_token)
    }

    /// The whole token set.
    pub fn tokens(&self) -> Option<TokenSet> {
        self.inner.parts.store.load()
    }

    /// True when there is no token or it expires within the clock skew.
    pub fn is_expired(&self) -> bool {
        self.tokens()
            .is_none_or(|tokens| tokens.is_expired(self.now_ms(), self.inner.parts.clock_skew))
    }

    /// True when the session can be renewed without the user.
    pub fn can_renew(&self) -> bool {
        self.inner
            .parts
            .refresher
            .can_refresh(self.refresh_token().as_ref())
    }

    /// Increases with every sign-in and sign-out; renewal replies from an older value are ignored.
    pub fn session_version(&self) -> u64 {
        self.inner.session_version.get()
    }

    /// Renews the access token. Concurrent callers share one renewal; across tabs the lock serialises
    /// renewals and a tab adopts tokens another tab renewed meanwhile instead of spending the refresh token again.
    pub async fn refresh(&self) -> Result<(), AuthError> {
        self.in_flight_or_start().await
    }

    /// Forgets the session (the guide's `clearTokens`) and tells subscribers why.
    pub fn clear(&self, reason: LogoutReason) {
        self.next_session();
        self.inner.parts.store.clear();
        self.emit(&AuthEvent::SignedOut(reason));
    }

    /// Calls `callback` on every [`AuthEvent`] until the subscription is dropped.
    pub fn subscribe(&self, callback: impl Fn(&AuthEvent) + 'static) -> Subscription {
        self.inner.events.subscribe(callback)
    }

    /// Tells subscribers about `event`.
    pub fn emit(&self, event: &AuthEvent) {
        self.inner.events.emit(event);
    }

    /// The injected clock's time.
    pub fn now_ms(&self) -> u64 {
        self.inner.parts.clock.now_ms()
    }

    fn next_session(&self) {
        self.inner
            .session_version
            .set(self.inner.session_version.get() + 1);
    }

    fn in_flight_or_start(&self) -> SharedRefresh {
        if let Some(running) = self.inner.in_flight.borrow().as_ref() {
            return running.clone();
        }
        let inner = self.inner.clone();
        let renewal = async move {
            let result = inner.refresh_once().await;
            inner.in_flight.borrow_mut().take();
            result
        };
        let shared = renewal.boxed_local().shared();
        *self.inner.in_flight.borrow_mut() = Some(shared.clone());
        shared
    }
}

impl Inner {
    async fn refresh_once(&self) -> Result<(), AuthError> {
        let version = self.session_version.get();
        let before = self.parts.store.load();
        let _lock = self.parts.lock.acquire().await;
        if self.session_version.get() != version {
            return self.superseded();
        }
        let current = self.parts.store.load();
        if self.renewed_elsewhere(before.as_ref(), current.as_ref()) {
            self.events.emit(&AuthEvent::Renewed);
            return Ok(());
        }
        let refresh_token = current
            .as_ref()
            .and_then(|tokens| tokens.refresh_token.clone());
        if !self.parts.refresher.can_refresh(refresh_token.as_ref()) {
            return Err(AuthError::NoRefreshToken);
        }
        let grant = self.parts.refresher.refresh(refresh_token).await?;
        if self.session_version.get() != version {
            return self.superseded();
        }
        let now = self.parts.clock.now_ms();
        let renewed = match &current {
            Some(tokens) if tokens.changes_subject(&grant) => {
                return Err(AuthError::RefreshRejected(
                    "the renewed ID token names another user".into(),
                ));
            }
            Some(tokens) => tokens.renewed(grant, now),
            None => TokenSet::from_grant(grant, now),
        };
        self.parts.store.save(&renewed)?;
        self.events.emit(&AuthEvent::Renewed);
        Ok(())
    }

    /// True when, while this tab waited for the lock, another tab stored a fresh access token.
    fn renewed_elsewhere(&self, before: Option<&TokenSet>, current: Option<&TokenSet>) -> bool {
        let Some(current) = current else { return false };
        let changed = before.is_none_or(|before| before.access_token != current.access_token);
        changed && !current.is_expired(self.parts.clock.now_ms(), self.parts.clock_skew)
    }

    /// The session changed during the renewal: its reply was dropped; the current session decides the outcome.
    fn superseded(&self) -> Result<(), AuthError> {
        match self.parts.store.load() {
            Some(_) => Ok(()),
            None => Err(AuthError::NotSignedIn),
        }
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use std::time::Duration;

    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;

    use super::*;
    use crate::services::auth::test_support::{FakeRefresher, FakeTime, SharedLock};
    use crate::services::auth::{InTabOnly, MemoryStorage, MemoryTokenStore, WebTokenStore};

    const T0: u64 = 1_700_000_000_000;

    fn manager(
        store: Rc<dyn TokenStore>,
        refresher: &FakeRefresher,
        time: &FakeTime,
        lock: Rc<dyn CrossTabLock>,
    ) -> TokenManager {
        TokenManager::new(TokenManagerParts {
            store,
            refresher: Rc::new(refresher.clone()),
            lock,
            clock: Rc::new(time.clone()),
            clock_skew: DEFAULT_CLOCK_SKEW,
        })
    }

    fn in_memory(refresher: &FakeRefresher, time: &FakeTime) -> TokenManager {
        manager(
            Rc::new(MemoryTokenStore::new()),
            refresher,
            time,
            Rc::new(InTabOnly),
        )
    }

    fn grant(access: &str, refresh: Option<&str>, lifetime_secs: u64) -> TokenGrant {
        TokenGrant {
            access_token: Secret::new(access),
            refresh_token: refresh.map(Secret::new),
            id_token: None,
            expires_in: Some(Duration::from_secs(lifetime_secs)),
            user: None,
        }
    }

    /// Starts `manager.refresh()` on the pool; the result lands in the returned cell.
    fn spawn_refresh(
        pool: &LocalPool,
        manager: &TokenManager,
    ) -> Rc<RefCell<Option<Result<(), AuthError>>>> {
        let slot = Rc::new(RefCell::new(None));
        let (out, manager) = (slot.clone(), manager.clone());
        pool.spawner()
            .spawn_local(async move { *out.borrow_mut() = Some(manager.refresh().await) })
            .unwrap();
        slot
    }

    #[test]
    fn keeps_the_guides_operations_under_fake_time() {
        let time = FakeTime::at(T0);
        let tokens = in_memory(&FakeRefresher::new(300), &time);
        let events = Rc::new(RefCell::new(Vec::new()));
        let seen = events.clone();
        tokens
            .subscribe(move |event| seen.borrow_mut().push(event.clone()))
            .detach();
        assert!(tokens.is_expired(), "no token counts as expired");
        tokens
            .set_tokens(grant("access-0", Some("refresh-0"), 300))
            .unwrap();
        assert_eq!(tokens.access_token().as_deref(), Some("access-0"));
        assert_eq!(tokens.refresh_token(), Some(Secret::new("refresh-0")));
        time.advance(269_999);
        assert!(!tokens.is_expired());
        time.advance(1);
        assert!(tokens.is_expired(), "30 s of skew before the 300 s expiry");
        tokens.clear(LogoutReason::UserRequested);
        assert_eq!(tokens.access_token(), None);
        assert_eq!(
            *events.borrow(),
            [
                AuthEvent::SignedIn,
                AuthEvent::SignedOut(LogoutReason::UserRequested)
            ]
        );
    }

    #[test]
    fn concurrent_callers_share_one_refresh() {
        let time = FakeTime::at(T0);
        let refresher = FakeRefresher::held(300);
        let tokens = in_memory(&refresher, &time);
        tokens
            .set_tokens(grant("access-0", Some("refresh-0"), 300))
            .unwrap();
        let mut pool = LocalPool::new();
        let results: Vec<_> = (0..50).map(|_| spawn_refresh(&pool, &tokens)).collect();
        pool.run_until_stalled();
        assert_eq!(refresher.calls(), 1);
        assert!(
            results.iter().all(|r| r.borrow().is_none()),
            "everyone waits for the one renewal"
        );
        refresher.release();
        pool.run_until_stalled();
        assert!(results.iter().all(|r| *r.borrow() == Some(Ok(()))));
        assert_eq!(tokens.access_token().as_deref(), Some("access-1"));
        assert_eq!(
            tokens.refresh_token(),
            Some(Secret::new("refresh-1")),
            "the rotated refresh token replaces the old one"
        );
        let later = spawn_refresh(&pool, &tokens);
        pool.run_until_stalled();
        refresher.release();
        pool.run_until_stalled();
        assert_eq!(*later.borrow(), Some(Ok(())));
        assert_eq!(refresher.calls(), 2, "a finished renewal is not reused");
    }

    #[test]
    fn a_failure_reaches_every_waiter() {
        let time = FakeTime::at(T0);
        let refresher = FakeRefresher::held(300);
        refresher.fail_next(AuthError::RefreshRejected("invalid_grant".into()));
        let tokens = in_memory(&refresher, &time);
        tokens
            .set_tokens(grant("access-0", Some("refresh-0"), 300))
            .unwrap();
        let mut pool = LocalPool::new();
        let results: Vec<_> = (0..5).map(|_| spawn_refresh(&pool, &tokens)).collect();
        pool.run_until_stalled();
        refresher.release();
        pool.run_until_stalled();
        assert_eq!(refresher.calls(), 1);
        assert!(
            results
                .iter()
                .all(|r| matches!(*r.borrow(), Some(Err(AuthError::RefreshRejected(_)))))
        );
        assert_eq!(tokens.access_token().as_deref(), Some("access-0"));
    }

    #[test]
    fn a_reply_for_an_older_session_is_ignored() {
        let time = FakeTime::at(T0);
        let refresher = FakeRefresher::held(300);
        let tokens = in_memory(&refresher, &time);
        tokens
            .set_tokens(grant("access-old", Some("refresh-old"), 300))
            .unwrap();
        let version = tokens.session_version();
        let mut pool = LocalPool::new();
        let result = spawn_refresh(&pool, &tokens);
        pool.run_until_stalled();
        tokens.clear(LogoutReason::UserRequested);
        tokens
            .set_tokens(grant("access-new", Some("refresh-new"), 300))
            .unwrap();
        assert_eq!(tokens.session_version(), version + 2);
        refresher.release();
        pool.run_until_stalled();
        assert_eq!(*result.borrow(), Some(Ok(())));
        assert_eq!(
            tokens.access_token().as_deref(),
            Some("access-new"),
            "the old session's renewal must not overwrite the new one"
        );
        assert_eq!(tokens.refresh_token(), Some(Secret::new("refresh-new")));
    }

    #[test]
    fn a_reply_after_sign_out_does_not_bring_the_session_back() {
        let time = FakeTime::at(T0);
        let refresher = FakeRefresher::held(300);
        let tokens = in_memory(&refresher, &time);
        tokens
            .set_tokens(grant("access-0", Some("refresh-0"), 300))
            .unwrap();
        let mut pool = LocalPool::new();
        let result = spawn_refresh(&pool, &tokens);
        pool.run_until_stalled();
        tokens.clear(LogoutReason::UserRequested);
        refresher.release();
        pool.run_until_stalled();
        assert_eq!(*result.borrow(), Some(Err(AuthError::NotSignedIn)));
        assert_eq!(tokens.tokens(), None);
    }

    #[test]
    fn without_a_refresh_token_there_is_no_renewal() {
        let time = FakeTime::at(T0);
        let refresher = FakeRefresher::new(300);
        let tokens = in_memory(&refresher, &time);
        tokens.set_tokens(grant("access-0", None, 300)).unwrap();
        assert!(!tokens.can_renew());
        assert_eq!(
            futures::executor::block_on(tokens.refresh()),
            Err(AuthError::NoRefreshToken)
        );
        assert_eq!(refresher.calls(), 0);
    }

    struct TwoTabs {
        refresher: FakeRefresher,
        tab_a: TokenManager,
        tab_b: TokenManager,
        results: Vec<Option<Result<(), AuthError>>>,
    }

    /// Two tabs sharing localStorage and one refresh token renew concurrently.
    fn two_tabs(lock: impl Fn() -> Rc<dyn CrossTabLock>) -> TwoTabs {
        let time = FakeTime::at(T0);
        let local = MemoryStorage::new();
        let refresher = FakeRefresher::held(300);
        let tab_a = manager(
            Rc::new(WebTokenStore::new(Rc::new(local.clone()))),
            &refresher,
            &time,
            lock(),
        );
        let tab_b = manager(
            Rc::new(WebTokenStore::new(Rc::new(local))),
            &refresher,
            &time,
            lock(),
        );
        tab_a
            .set_tokens(grant("access-0", Some("refresh-0"), 300))
            .unwrap();
        let mut pool = LocalPool::new();
        let results = [spawn_refresh(&pool, &tab_a), spawn_refresh(&pool, &tab_b)];
        for _ in 0..3 {
            pool.run_until_stalled();
            refresher.release();
        }
        pool.run_until_stalled();
        let results = results.iter().map(|r| r.borrow().clone()).collect();
        TwoTabs {
            refresher,
            tab_a,
            tab_b,
            results,
        }
    }

    #[test]
    fn tabs_renew_once_between_them_through_the_lock() {
        let lock = SharedLock::default();
        let TwoTabs {
            refresher,
            tab_a,
            tab_b,
            results,
        } = two_tabs(|| Rc::new(lock.clone()));
        assert_eq!(results, [Some(Ok(())), Some(Ok(()))]);
        assert_eq!(
            refresher.calls(),
            1,
            "the second tab adopts the first tab's renewal"
        );
        assert_eq!(tab_a.access_token().as_deref(), Some("access-1"));
        assert_eq!(tab_b.access_token().as_deref(), Some("access-1"));
    }

    #[test]
    fn without_web_locks_both_tabs_spend_the_same_refresh_token() {
        let refresher = two_tabs(|| Rc::new(InTabOnly)).refresher;
        assert_eq!(refresher.calls(), 2);
        assert_eq!(
            refresher.seen_tokens(),
            [
                Some(Secret::new("refresh-0")),
                Some(Secret::new("refresh-0"))
            ]
        );
    }

    #[test]
    fn debug_output_redacts_tokens() {
        let time = FakeTime::at(T0);
        let tokens = in_memory(&FakeRefresher::new(300), &time);
        tokens
            .set_tokens(grant("access-secret", Some("refresh-secret"), 300))
            .unwrap();
        let printed = format!("{:?}", tokens.tokens());
        assert!(!printed.contains("secret"), "{printed}");
    }
}
