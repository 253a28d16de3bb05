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
            AuthEvent::ExpiresSoon { .. } | AuthEvent::Expired | AuthEvent::RenewFailed { .. } => {}
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
