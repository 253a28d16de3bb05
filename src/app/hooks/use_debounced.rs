//! `use_debounced`: a signal that follows another one once it has been quiet for a while (search boxes).
//! The timing rules live in the pure [`Debouncer`]; this hook only feeds it and arms one browser timer.

use std::time::Duration;

use leptos::prelude::*;

use crate::app::debouncer::Debouncer;

/// The delay of [`UseDebouncedOptions::default`]: 300 ms.
pub const DEFAULT_DEBOUNCE: Duration = Duration::from_millis(300);

/// Options of [`use_debounced_with_options`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UseDebouncedOptions {
    /// Quiet time after the last change before the value follows. Default 300 ms.
    pub delay: Duration,
    /// Longest a burst of changes may hold the value back. Default `None` (no limit).
    pub max_wait: Option<Duration>,
}

impl Default for UseDebouncedOptions {
    fn default() -> Self {
        UseDebouncedOptions {
            delay: DEFAULT_DEBOUNCE,
            max_wait: None,
        }
    }
}

impl UseDebouncedOptions {
    /// Sets the quiet time.
    pub fn delay(self, delay: Duration) -> Self {
        UseDebouncedOptions { delay, ..self }
    }

    /// Sets the longest wait of a burst.
    pub fn max_wait(self, max_wait: Duration) -> Self {
        UseDebouncedOptions {
            max_wait: Some(max_wait),
            ..self
        }
    }
}

/// What [`use_debounced`] returns; every field is `Copy`.
#[derive(Clone, Copy)]
pub struct UseDebouncedReturn<T: Send + Sync + 'static> {
    /// The debounced value: starts as the source's value, then follows it after each quiet period.
    pub value: Signal<T>,
    /// True while a newer source value waits to be released.
    pub is_pending: Signal<bool>,
    /// Releases the waiting value now (e.g. on Enter).
    pub flush: Callback<()>,
    /// Drops the waiting value; `value` keeps what it had.
    pub cancel: Callback<()>,
}

/// [`use_debounced_with_options`] with the defaults (300 ms, no maximum wait).
pub fn use_debounced<T>(source: Signal<T>) -> UseDebouncedReturn<T>
where
    T: Clone + Send + Sync + 'static,
{
    use_debounced_with_options(source, UseDebouncedOptions::default())
}

/// Follows `source` after `options.delay` of quiet; the timer is cleared when the owner is disposed.
pub fn use_debounced_with_options<T>(
    source: Signal<T>,
    options: UseDebouncedOptions,
) -> UseDebouncedReturn<T>
where
    T: Clone + Send + Sync + 'static,
{
    let runner = Runner {
        machine: StoredValue::new(Debouncer::new(options.delay).with_max_wait(options.max_wait)),
        timer: StoredValue::new(None),
        output: RwSignal::new(source.get_untracked()),
        pending: RwSignal::new(false),
    };
    Effect::watch(
        move || source.get(),
        move |value, _, _| runner.input(value.clone()),
        false,
    );
    on_cleanup(move || runner.disarm());
    UseDebouncedReturn {
        value: runner.output.into(),
        is_pending: runner.pending.into(),
        flush: Callback::new(move |()| runner.release(|m| m.flush())),
        cancel: Callback::new(move |()| {
            runner.release(|m| {
                m.cancel();
                None
            })
        }),
    }
}

/// The hook's state: the machine, the one armed timer, and the signals it drives.
struct Runner<T: Send + Sync + 'static> {
    machine: StoredValue<Debouncer<T>>,
    timer: StoredValue<Option<TimeoutHandle>>,
    output: RwSignal<T>,
    pending: RwSignal<bool>,
}

impl<T: Send + Sync + 'static> Clone for Runner<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static> Copy for Runner<T> {}

impl<T: Clone + Send + Sync + 'static> Runner<T> {
    /// A new source value: hand it to the machine and wake up when it is due.
    fn input(self, value: T) {
        if self
            .machine
            .try_update_value(|m| m.input(value, now()))
            .is_some()
        {
            self.pending.set(true);
            self.arm();
        }
    }

    /// The timer fired: release the value if due (timers may fire early), then re-arm for what is left.
    fn wake(self) {
        self.release(|m| m.poll(now()));
    }

    /// Applies `step` to the machine, publishes what it released, and re-arms the timer.
    fn release(self, step: impl FnOnce(&mut Debouncer<T>) -> Option<T>) {
        let Some(released) = self.machine.try_update_value(step) else {
            return;
        };
        if let Some(value) = released {
            self.output.set(value);
        }
        self.pending
            .set(self.machine.with_value(Debouncer::is_pending));
        self.arm();
    }

    /// Arms one timer for the pending value's due time (clearing any earlier one).
    fn arm(self) {
        self.disarm();
        let Some(due) = self.machine.try_with_value(Debouncer::due_at).flatten() else {
            return;
        };
        let wait = due.saturating_sub(now());
        let handle = set_timeout_with_handle(move || self.wake(), wait).ok();
        self.timer.try_set_value(handle);
    }

    /// Clears the armed timer, if any.
    fn disarm(self) {
        if let Some(handle) = self.timer.try_update_value(Option::take).flatten() {
            handle.clear();
        }
    }
}

/// Monotonic time for the machine: `performance.now()` in the browser.
#[cfg(target_arch = "wasm32")]
fn now() -> Duration {
    use crate::services::query::{BrowserTime, Clock};
    BrowserTime.now()
}

/// Monotonic time for the machine: elapsed since the first call (native builds, where no timer fires).
#[cfg(not(target_arch = "wasm32"))]
fn now() -> Duration {
    static ORIGIN: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
    ORIGIN.get_or_init(std::time::Instant::now).elapsed()
}
