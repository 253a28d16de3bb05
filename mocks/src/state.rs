//! Shared state of the mock bank: ledger, tokens, idempotency records, faults, clock and events.

use std::sync::{Arc, Mutex, MutexGuard, Weak};

use tokio::sync::{Notify, broadcast};
use tokio::task::JoinHandle;

use crate::auth::TokenStore;
use crate::bank::seed::{SeedData, SeedParams, seed_data};
use crate::bank::{Bank, LedgerEvent};
use crate::clock::{Clock, Millis};
use crate::config::Config;
use crate::faults::FaultState;
use crate::http::cors::origin_of;
use crate::idempotency::IdempotencyStore;
use crate::oidc::Provider;
use crate::realtime::Realtime;
use crate::reports::CspReports;

/// Shortest pause of the worker between rounds: under load it settles in batches instead of waking per
/// transfer (bookings still carry each transfer's own due time, and requests settle what is due first).
const WORKER_BATCH: Millis = 20;

/// Events buffered per subscriber before it lags.
const EVENT_BUFFER: usize = 1024;

/// Everything handlers share; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    clock: Clock,
    seed: Arc<SeedData>,
    settle_delay: Millis,
    bank: Mutex<Bank>,
    tokens: TokenStore,
    idempotency: IdempotencyStore,
    faults: FaultState,
    events: broadcast::Sender<LedgerEvent>,
    wake: Notify,
    public_origin: Option<String>,
    secure_cookies: bool,
    oidc: Provider,
    realtime: Realtime,
    csp_reports: CspReports,
}

/// A handle to the state that does not keep it alive (held by the realtime socket's handlers, which the
/// state itself owns).
#[derive(Clone)]
pub(crate) struct WeakAppState {
    inner: Weak<Inner>,
}

impl WeakAppState {
    /// The state, unless it is gone.
    pub(crate) fn upgrade(&self) -> Option<AppState> {
        self.inner.upgrade().map(|inner| AppState { inner })
    }
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new()
    }
}

impl AppState {
    /// Fresh state with the seed data and default settings.
    pub fn new() -> Self {
        AppState::from_config(&Config::default())
    }

    /// Fresh state for `config`, on the system clock.
    pub fn from_config(config: &Config) -> Self {
        AppState::with_clock(config, Clock::system())
    }

    /// Fresh state for `config` on a given clock (tests use a fixed start and tokio's paused time).
    pub fn with_clock(config: &Config, clock: Clock) -> Self {
        let params = SeedParams {
            seed: config.seed,
            last_day: config.seed_date,
            per_account: config.transactions_per_account,
        };
        let seed = seed_data(params);
        let settle_delay = config.settle_delay_ms as Millis;
        let public_origin = config.public_url.as_deref().and_then(origin_of);
        let secure_cookies = public_origin
            .as_deref()
            .is_some_and(|o| o.starts_with("https://"));
        let inner = |weak: &Weak<Inner>| Inner {
            realtime: Realtime::new(WeakAppState {
                inner: weak.clone(),
            }),
            clock,
            bank: Mutex::new(Bank::from_seed(&seed, settle_delay)),
            seed,
            settle_delay,
            tokens: TokenStore::new(config.access_token_ttl),
            idempotency: IdempotencyStore::default(),
            faults: FaultState::new(config.faults.profile(), config.seed),
            events: broadcast::channel(EVENT_BUFFER).0,
            wake: Notify::new(),
            oidc: Provider::new(config, public_origin.as_deref()),
            public_origin,
            secure_cookies,
            csp_reports: CspReports::default(),
        };
        AppState {
            inner: Arc::new_cyclic(inner),
        }
    }

    /// The clock.
    pub fn clock(&self) -> &Clock {
        &self.inner.clock
    }

    /// The token store (development token source).
    pub fn tokens(&self) -> &TokenStore {
        &self.inner.tokens
    }

    /// Idempotency records.
    pub fn idempotency(&self) -> &IdempotencyStore {
        &self.inner.idempotency
    }

    /// Fault settings.
    pub fn faults(&self) -> &FaultState {
        &self.inner.faults
    }

    /// Origin of `--public-url`, if given.
    pub fn public_origin(&self) -> Option<&str> {
        self.inner.public_origin.as_deref()
    }

    /// True when cookies must be `Secure` (the public URL is https).
    pub fn secure_cookies(&self) -> bool {
        self.inner.secure_cookies
    }

    /// The development OpenID provider.
    pub fn oidc(&self) -> &Provider {
        &self.inner.oidc
    }

    /// The realtime socket (`/socket.io/`).
    pub fn realtime(&self) -> &Realtime {
        &self.inner.realtime
    }

    /// The Content-Security-Policy violations browsers reported.
    pub fn csp_reports(&self) -> &CspReports {
        &self.inner.csp_reports
    }

    /// Ledger events from now on: the hook of the realtime socket.
    pub fn subscribe(&self) -> broadcast::Receiver<LedgerEvent> {
        self.inner.events.subscribe()
    }

    /// Runs `f` on the ledger under its lock, after settling whatever is due; then publishes the events
    /// it produced and wakes the worker if it scheduled earlier work.
    pub fn with_bank<R>(&self, f: impl FnOnce(&mut Bank, Millis) -> R) -> R {
        let now = self.inner.clock.now();
        let (result, events, wake) = {
            let mut bank = self.lock_bank();
            bank.record_events(self.inner.events.receiver_count() > 0);
            bank.process_due(now);
            let before = bank.next_due();
            let result = f(&mut bank, now);
            let after = bank.next_due();
            let wake = after.is_some_and(|a| before.is_none_or(|b| a < b));
            (result, bank.drain_events(), wake)
        };
        for event in events {
            let _ = self.inner.events.send(event);
        }
        if wake {
            self.inner.wake.notify_one();
        }
        result
    }

    /// Replaces all data with the seed and forgets idempotency keys (tokens stay valid).
    pub fn reset(&self) {
        *self.lock_bank() = Bank::from_seed(&self.inner.seed, self.inner.settle_delay);
        self.inner.idempotency.clear();
        let _ = self.inner.events.send(LedgerEvent::Reset);
        self.inner.wake.notify_one();
    }

    /// Starts the task that settles pending transfers and runs scheduled ones on time.
    pub fn spawn_worker(&self) -> JoinHandle<()> {
        let state = self.clone();
        tokio::spawn(async move {
            loop {
                let (next, now) = state.with_bank(|bank, now| (bank.next_due(), now));
                let woken = state.inner.wake.notified();
                match next {
                    Some(at) => {
                        tokio::select! {
                            _ = state.inner.clock.sleep_until(at.max(now + WORKER_BATCH)) => {}
                            _ = woken => {}
                        }
                    }
                    None => woken.await,
                }
            }
        })
    }

    fn lock_bank(&self) -> MutexGuard<'_, Bank> {
        self.inner
            .bank
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
