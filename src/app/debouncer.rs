//! `Debouncer`: the pure state machine behind debounced inputs. It holds the latest value and says when it is
//! due; the caller owns the clock and the timer (the browser's in `use_debounced`, fake time in tests).

use std::time::Duration;

/// Debounces values: a value is released once `delay` has passed without a newer one (or once `max_wait`
/// has passed since the first value of a burst, when set). Times are instants on the caller's monotonic clock.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Debouncer<T> {
    delay: Duration,
    max_wait: Option<Duration>,
    pending: Option<Pending<T>>,
}

/// The value waiting to be released and the burst it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pending<T> {
    value: T,
    burst_started_at: Duration,
    last_input_at: Duration,
}

impl<T> Debouncer<T> {
    /// A debouncer releasing a value `delay` after the last input, with no upper bound on the wait.
    pub fn new(delay: Duration) -> Self {
        Debouncer {
            delay,
            max_wait: None,
            pending: None,
        }
    }

    /// The same debouncer, releasing at the latest `max_wait` after the first input of a burst.
    pub fn with_max_wait(self, max_wait: Option<Duration>) -> Self {
        Debouncer { max_wait, ..self }
    }

    /// Records `value` as the latest input at `now` (replacing any pending one); returns when it is due.
    pub fn input(&mut self, value: T, now: Duration) -> Duration {
        let burst_started_at = self.pending.as_ref().map_or(now, |p| p.burst_started_at);
        self.pending = Some(Pending {
            value,
            burst_started_at,
            last_input_at: now,
        });
        self.due_at().unwrap_or(now)
    }

    /// When the pending value is due, if a value is pending.
    pub fn due_at(&self) -> Option<Duration> {
        let pending = self.pending.as_ref()?;
        let quiet = pending.last_input_at.saturating_add(self.delay);
        let capped = self
            .max_wait
            .map(|max| pending.burst_started_at.saturating_add(max));
        Some(capped.map_or(quiet, |cap| quiet.min(cap)))
    }

    /// Releases the pending value if it is due at `now`; a timer that fired early gets `None` and re-arms.
    pub fn poll(&mut self, now: Duration) -> Option<T> {
        if self.due_at()? <= now {
            self.flush()
        } else {
            None
        }
    }

    /// Releases the pending value at once, due or not (e.g. the user pressed Enter).
    pub fn flush(&mut self) -> Option<T> {
        self.pending.take().map(|p| p.value)
    }

    /// Forgets the pending value.
    pub fn cancel(&mut self) {
        self.pending = None;
    }

    /// True while a value waits to be released.
    pub fn is_pending(&self) -> bool {
        self.pending.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    /// Feeds `keys` at the given times and polls every millisecond up to `until`; returns what was released, when.
    fn run(
        debouncer: &mut Debouncer<String>,
        keys: &[(u64, &str)],
        until: u64,
    ) -> Vec<(u64, String)> {
        let mut released = Vec::new();
        for now in 0..=until {
            for (_, value) in keys.iter().filter(|(at, _)| *at == now) {
                debouncer.input((*value).to_owned(), ms(now));
            }
            if let Some(value) = debouncer.poll(ms(now)) {
                released.push((now, value));
            }
        }
        released
    }

    #[test]
    fn fast_typing_releases_only_the_last_value_once_300_ms_after_the_last_key() {
        let mut debouncer = Debouncer::new(ms(300));
        let keys = [
            (0, "c"),
            (40, "co"),
            (90, "cof"),
            (150, "coff"),
            (200, "coffe"),
            (260, "coffee"),
        ];
        assert_eq!(
            run(&mut debouncer, &keys, 2_000),
            [(560, "coffee".to_owned())]
        );
        assert!(!debouncer.is_pending());
    }

    #[test]
    fn a_pause_as_long_as_the_delay_releases_each_burst() {
        let mut debouncer = Debouncer::new(ms(300));
        let keys = [(0, "a"), (100, "ab"), (450, "abc"), (700, "abcd")];
        assert_eq!(
            run(&mut debouncer, &keys, 2_000),
            [(400, "ab".to_owned()), (1_000, "abcd".to_owned())]
        );
    }

    #[test]
    fn nothing_is_released_before_it_is_due_and_early_timers_get_nothing() {
        let mut debouncer = Debouncer::new(ms(300));
        assert_eq!(debouncer.input("x", ms(1_000)), ms(1_300));
        assert_eq!(debouncer.poll(ms(1_299)), None);
        assert!(debouncer.is_pending());
        assert_eq!(debouncer.due_at(), Some(ms(1_300)));
        assert_eq!(debouncer.poll(ms(1_300)), Some("x"));
        assert_eq!(debouncer.poll(ms(5_000)), None, "released once");
        assert_eq!(debouncer.due_at(), None);
    }

    #[test]
    fn max_wait_caps_a_burst_that_never_pauses() {
        let mut debouncer = Debouncer::new(ms(300)).with_max_wait(Some(ms(1_000)));
        let keys: Vec<(u64, String)> = (0..=12).map(|i| (i * 100, format!("v{i}"))).collect();
        let keys: Vec<(u64, &str)> = keys.iter().map(|(t, v)| (*t, v.as_str())).collect();
        assert_eq!(
            run(&mut debouncer, &keys, 3_000),
            [(1_000, "v10".to_owned()), (1_500, "v12".to_owned())]
        );
    }

    #[test]
    fn flush_releases_at_once_and_cancel_forgets() {
        let mut debouncer = Debouncer::new(ms(300));
        debouncer.input(1, ms(0));
        assert_eq!(debouncer.flush(), Some(1));
        assert_eq!(debouncer.flush(), None);
        debouncer.input(2, ms(10));
        debouncer.cancel();
        assert_eq!(debouncer.poll(ms(10_000)), None);
        assert!(!debouncer.is_pending());
    }

    #[test]
    fn huge_times_saturate_instead_of_overflowing() {
        let mut debouncer = Debouncer::new(Duration::MAX).with_max_wait(Some(Duration::MAX));
        assert_eq!(debouncer.input('k', ms(5)), Duration::MAX);
        assert_eq!(debouncer.poll(Duration::MAX), Some('k'));
    }
}
