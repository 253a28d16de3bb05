//! The renewal driver: keeps the session alive before expiry and warns when it cannot.

use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::time::Duration;

use super::{
    AuthEvent, MIN_RENEW_INTERVAL, RenewAction, RenewState, RenewStep, Spawner, Subscription,
    Timer, TimerHandle, TokenManager, next_step, retry_delay,
};

/// Renews the session ahead of expiry (lead time min(60 s, lifetime / 3)), retries network failures with
/// backoff, and emits [`AuthEvent::ExpiresSoon`] / [`AuthEvent::Expired`] when renewal is impossible.
/// Runs until dropped.
pub struct SilentRenew {
    driver: Rc<Driver>,
}

struct Driver {
    manager: TokenManager,
    timer: Rc<dyn Timer>,
    spawn: Spawner,
    state: Cell<RenewState>,
    failures: Cell<u32>,
    pending: RefCell<Option<TimerHandle>>,
    subscription: RefCell<Option<Subscription>>,
}

impl SilentRenew {
    /// Starts driving `manager`'s session.
    pub fn start(manager: &TokenManager, timer: Rc<dyn Timer>, spawn: Spawner) -> Self {
        let driver = Rc::new(Driver {
            manager: manager.clone(),
            timer,
            spawn,
            state: Cell::new(RenewState::default()),
            failures: Cell::new(0),
            pending: RefCell::new(None),
            subscription: RefCell::new(None),
        });
        let weak = Rc::downgrade(&driver);
        let subscription = manager.subscribe(move |event| {
            if let Some(driver) = weak.upgrade() {
                driver.on_event(event);
            }
        });
        *driver.subscription.borrow_mut() = Some(subscription);
        driver.new_session();
        Self { driver }
    }

    /// The step the driver is waiting for, if any (for diagnostics and tests).
    pub fn next_step(&self) -> Option<RenewStep> {
        self.driver.step()
    }
}

impl Drop for SilentRenew {
    fn drop(&mut self) {
        self.driver.subscription.borrow_mut().take();
        self.driver.pending.borrow_mut().take();
    }
}

impl Driver {
    fn on_event(self: &Rc<Self>, event: &AuthEvent) {
        match event {
            AuthEvent::SignedIn | AuthEvent::Renewed => self.new_session(),
            AuthEvent::SignedOut(_) => {
                self.pending.borrow_mut().take();
            }
            AuthEvent::ExpiresSoon { .. }
            | AuthEvent::Expired
            | AuthEvent::RenewFailed { .. }
            | AuthEvent::UserLoaded => {}
        }
    }

    /// Fresh tokens: forget warnings and failures, keep the minimum interval between renewals.
    fn new_session(self: &Rc<Self>) {
        let not_before_ms = self.state.get().not_before_ms;
        self.state.set(RenewState {
            renewable: self.manager.can_renew(),
            not_before_ms,
            ..RenewState::default()
        });
        self.failures.set(0);
        self.schedule();
    }

    fn step(&self) -> Option<RenewStep> {
        next_step(&self.manager.tokens()?, &self.state.get())
    }

    fn schedule(self: &Rc<Self>) {
        let Some(step) = self.step() else {
            self.pending.borrow_mut().take();
            return;
        };
        let delay = Duration::from_millis(step.at_ms.saturating_sub(self.manager.now_ms()));
        let weak = Rc::downgrade(self);
        let handle = self.timer.after(delay, Box::new(move || Self::fire(&weak)));
        *self.pending.borrow_mut() = Some(handle);
    }

    fn fire(weak: &Weak<Self>) {
        let Some(driver) = weak.upgrade() else { return };
        driver.pending.borrow_mut().take();
        match driver.step() {
            // Not due yet: another tab renewed (local mode) or the tokens changed meanwhile.
            Some(step) if step.at_ms > driver.manager.now_ms() => driver.schedule(),
            Some(step) => driver.act(step.action),
            None => {}
        }
    }

    fn act(self: &Rc<Self>, action: RenewAction) {
        match action {
            RenewAction::Renew => self.renew(),
            RenewAction::WarnExpiring => {
                self.update(|state| state.warned = true);
                let left = self
                    .manager
                    .tokens()
                    .map(|t| t.expires_in(self.manager.now_ms()))
                    .unwrap_or_default();
                self.manager.emit(&AuthEvent::ExpiresSoon {
                    seconds_left: left.as_secs(),
                });
                self.schedule();
            }
            RenewAction::Expire => {
                self.update(|state| state.expired = true);
                self.manager.emit(&AuthEvent::Expired);
            }
        }
    }

    fn renew(self: &Rc<Self>) {
        let interval = u64::try_from(MIN_RENEW_INTERVAL.as_millis()).unwrap_or(u64::MAX);
        let now = self.manager.now_ms();
        self.update(|state| state.not_before_ms = now + interval);
        let driver = self.clone();
        (self.spawn)(Box::pin(async move {
            if let Err(error) = driver.manager.refresh().await {
                driver.renewal_failed(error.is_transient());
            }
        }));
    }

    fn renewal_failed(self: &Rc<Self>, transient: bool) {
        if transient {
            let failures = self.failures.get() + 1;
            self.failures.set(failures);
            let retry_at = self.manager.now_ms()
                + u64::try_from(retry_delay(failures).as_millis()).unwrap_or(u64::MAX);
            self.update(|state| state.not_before_ms = retry_at);
        } else {
            self.update(|state| state.renewable = false);
        }
        self.manager.emit(&AuthEvent::RenewFailed { transient });
        self.schedule();
    }

    fn update(&self, change: impl FnOnce(&mut RenewState)) {
        let mut state = self.state.get();
        change(&mut state);
        self.state.set(state);
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use futures::executor::LocalPool;
    use futures::task::LocalSpawnExt;

    use super::*;
    use crate::services::auth::test_support::{FakeRefresher, FakeTime};
    use crate::services::auth::{
        AuthError, Clock, DEFAULT_CLOCK_SKEW, InTabOnly, LogoutReason, MemoryTokenStore,
        RenewAction, Secret, TokenGrant, TokenManagerParts,
    };

    const T0: u64 = 1_700_000_000_000;

    struct Rig {
        time: FakeTime,
        refresher: FakeRefresher,
        tokens: TokenManager,
        pool: LocalPool,
        events: Rc<RefCell<Vec<AuthEvent>>>,
        renew: Option<SilentRenew>,
    }

    impl Rig {
        fn new(lifetime_secs: u64) -> Self {
            let time = FakeTime::at(T0);
            let refresher = FakeRefresher::new(lifetime_secs);
            let tokens = TokenManager::new(TokenManagerParts {
                store: Rc::new(MemoryTokenStore::new()),
                refresher: Rc::new(refresher.clone()),
                lock: Rc::new(InTabOnly),
                clock: Rc::new(time.clone()),
                clock_skew: DEFAULT_CLOCK_SKEW,
            });
            let events = Rc::new(RefCell::new(Vec::new()));
            let seen = events.clone();
            tokens
                .subscribe(move |event| seen.borrow_mut().push(event.clone()))
                .detach();
            let pool = LocalPool::new();
            let spawner = pool.spawner();
            let spawn: Spawner = Rc::new(move |task| spawner.spawn_local(task).expect("spawn"));
            let renew = Some(SilentRenew::start(&tokens, Rc::new(time.clone()), spawn));
            Self {
                time,
                refresher,
                tokens,
                pool,
                events,
                renew,
            }
        }

        fn sign_in(&self, refresh_token: Option<&str>, lifetime_secs: u64) {
            let grant = TokenGrant {
                access_token: Secret::new("access-0"),
                refresh_token: refresh_token.map(Secret::new),
                id_token: None,
                expires_in: Some(Duration::from_secs(lifetime_secs)),
                user: None,
            };
            self.tokens.set_tokens(grant).unwrap();
        }

        /// Lets `ms` of fake time pass in 100 ms steps, running spawned renewals after each step.
        fn run_for(&mut self, ms: u64) {
            for _ in 0..ms / 100 {
                self.time.advance(100);
                self.pool.run_until_stalled();
            }
        }

        fn events_except_renewals(&self) -> Vec<AuthEvent> {
            self.events
                .borrow()
                .iter()
                .filter(|e| !matches!(e, AuthEvent::Renewed | AuthEvent::SignedIn))
                .cloned()
                .collect()
        }
    }

    #[test]
    fn renews_one_minute_before_a_five_minute_token_expires() {
        let mut rig = Rig::new(300);
        rig.sign_in(Some("refresh-0"), 300);
        rig.run_for(239_900);
        assert_eq!(rig.refresher.calls(), 0);
        rig.run_for(100);
        assert_eq!(rig.refresher.calls(), 1);
        assert_eq!(rig.tokens.access_token().as_deref(), Some("access-1"));
        let next = rig.renew.as_ref().and_then(SilentRenew::next_step).unwrap();
        assert_eq!(
            next,
            RenewStep {
                at_ms: T0 + 240_000 + 240_000,
                action: RenewAction::Renew
            }
        );
    }

    #[test]
    fn a_five_second_session_stays_usable_for_a_minute() {
        let mut rig = Rig::new(5);
        rig.sign_in(Some("refresh-0"), 5);
        for _ in 0..600 {
            rig.run_for(100);
            assert!(
                !rig.tokens.is_expired(),
                "expired at {} ms",
                rig.time.now_ms() - T0
            );
        }
        // Renewal every 5 s − 5/3 s ≈ 3.33 s (100 ms steps round it up to 3.4 s): 17 or 18 in 60 s.
        assert!(
            (17..=18).contains(&rig.refresher.calls()),
            "{} renewals",
            rig.refresher.calls()
        );
        assert_eq!(rig.events_except_renewals(), []);
    }

    #[test]
    fn an_unrenewable_session_warns_a_minute_ahead_then_expires() {
        let mut rig = Rig::new(300);
        rig.sign_in(None, 300);
        rig.run_for(239_900);
        assert_eq!(rig.events_except_renewals(), []);
        rig.run_for(100);
        assert_eq!(
            rig.events_except_renewals(),
            [AuthEvent::ExpiresSoon { seconds_left: 60 }]
        );
        rig.run_for(60_000);
        assert_eq!(
            rig.events_except_renewals(),
            [
                AuthEvent::ExpiresSoon { seconds_left: 60 },
                AuthEvent::Expired
            ]
        );
        assert_eq!(rig.time.pending_timers(), 0);
        assert_eq!(rig.refresher.calls(), 0);
    }

    #[test]
    fn network_failures_are_retried_with_backoff() {
        let mut rig = Rig::new(300);
        rig.refresher
            .fail_next(AuthError::ProviderUnreachable("offline".into()));
        rig.refresher
            .fail_next(AuthError::ProviderUnreachable("offline".into()));
        rig.sign_in(Some("refresh-0"), 300);
        rig.run_for(240_000);
        assert_eq!(rig.refresher.calls(), 1);
        rig.run_for(5_000);
        assert_eq!(rig.refresher.calls(), 2, "first retry after 5 s");
        rig.run_for(9_900);
        assert_eq!(rig.refresher.calls(), 2);
        rig.run_for(100);
        assert_eq!(
            rig.refresher.calls(),
            3,
            "second retry after 10 more seconds"
        );
        assert_eq!(rig.tokens.access_token().as_deref(), Some("access-3"));
        let failures = [
            AuthEvent::RenewFailed { transient: true },
            AuthEvent::RenewFailed { transient: true },
        ];
        assert_eq!(rig.events_except_renewals(), failures);
    }

    #[test]
    fn a_refused_renewal_falls_back_to_warning_and_expiry() {
        let mut rig = Rig::new(300);
        rig.refresher
            .fail_next(AuthError::RefreshRejected("invalid_grant".into()));
        rig.sign_in(Some("refresh-0"), 300);
        rig.run_for(240_100);
        assert_eq!(rig.refresher.calls(), 1);
        rig.run_for(60_000);
        let events = rig.events_except_renewals();
        assert_eq!(events.len(), 3, "{events:?}");
        assert_eq!(events[0], AuthEvent::RenewFailed { transient: false });
        assert!(
            matches!(
                events[1],
                AuthEvent::ExpiresSoon {
                    seconds_left: 59 | 60
                }
            ),
            "{events:?}"
        );
        assert_eq!(events[2], AuthEvent::Expired);
        assert_eq!(
            rig.refresher.calls(),
            1,
            "a refused refresh token is not tried again"
        );
    }

    #[test]
    fn signing_out_stops_the_schedule_and_dropping_stops_the_driver() {
        let mut rig = Rig::new(300);
        rig.sign_in(Some("refresh-0"), 300);
        assert_eq!(rig.time.pending_timers(), 1);
        rig.tokens.clear(LogoutReason::UserRequested);
        assert_eq!(rig.time.pending_timers(), 0);
        rig.sign_in(Some("refresh-0"), 300);
        assert_eq!(rig.time.pending_timers(), 1);
        rig.renew.take();
        assert_eq!(
            rig.time.pending_timers(),
            0,
            "the dropped driver's timer is cancelled"
        );
        rig.run_for(300_000);
        assert_eq!(rig.refresher.calls(), 0);
    }
}
