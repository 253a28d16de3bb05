//! `Notifications`: the pure toast center. Push with a level, the same message shows once while visible,
//! dismiss by id, auto-dismiss at deadlines on the injected clock. The UI renders `snapshot()` and
//! re-renders when `version()` changes or a subscriber is called.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::services::http::cancel::lock;
use crate::services::http::{Clock, Listeners, Subscription};

/// Toasts shown at once (the oldest goes first).
const MAX_VISIBLE: usize = 5;

/// How serious a notification is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// Something failed.
    Error,
    /// Something needs the user's attention.
    Warning,
    /// For information.
    Info,
}

impl Level {
    /// How long a notification of this level stays.
    pub fn lifetime(self) -> Duration {
        match self {
            Level::Error => Duration::from_secs(8),
            Level::Warning => Duration::from_secs(6),
            Level::Info => Duration::from_secs(4),
        }
    }

    /// `error`, `warning`, `info` (for CSS classes).
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// One toast.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notification {
    /// Id for dismissing.
    pub id: u64,
    /// Level.
    pub level: Level,
    /// Text shown.
    pub message: String,
    /// How many times it was pushed while shown.
    pub repeats: u32,
    /// Monotonic time it disappears.
    pub expires_at: Duration,
}

/// The notification center; cloning shares it.
#[derive(Clone)]
pub struct Notifications {
    inner: Arc<Mutex<State>>,
    clock: Arc<dyn Clock>,
    changed: Listeners<()>,
}

#[derive(Default)]
struct State {
    shown: Vec<Notification>,
    next_id: u64,
    version: u64,
}

impl Notifications {
    /// An empty center timed by `clock`.
    pub fn new(clock: Arc<dyn Clock>) -> Self {
        Notifications {
            inner: Arc::default(),
            clock,
            changed: Listeners::new(),
        }
    }

    /// Shows `message`; if the same level and message is already shown, it stays once (its time restarts).
    pub fn push(&self, level: Level, message: impl Into<String>) -> u64 {
        let message = message.into();
        let expires_at = self.clock.now() + level.lifetime();
        let id = {
            let mut state = lock(&self.inner);
            state.version += 1;
            if let Some(same) = state
                .shown
                .iter_mut()
                .find(|n| n.level == level && n.message == message)
            {
                same.repeats += 1;
                same.expires_at = expires_at;
                same.id
            } else {
                state.next_id += 1;
                let id = state.next_id;
                if state.shown.len() == MAX_VISIBLE {
                    state.shown.remove(0);
                }
                state.shown.push(Notification {
                    id,
                    level,
                    message,
                    repeats: 1,
                    expires_at,
                });
                id
            }
        };
        self.changed.emit(&());
        id
    }

    /// Removes notification `id`; false when it is not shown.
    pub fn dismiss(&self, id: u64) -> bool {
        self.remove_where(|n| n.id == id)
    }

    /// Removes notifications whose time is up; true when any was removed.
    pub fn expire(&self) -> bool {
        let now = self.clock.now();
        self.remove_where(|n| n.expires_at <= now)
    }

    /// Time until the next notification expires (for the UI's timer).
    pub fn next_expiry_in(&self) -> Option<Duration> {
        let now = self.clock.now();
        lock(&self.inner)
            .shown
            .iter()
            .map(|n| n.expires_at.saturating_sub(now))
            .min()
    }

    /// The notifications shown now, oldest first.
    pub fn snapshot(&self) -> Vec<Notification> {
        lock(&self.inner).shown.clone()
    }

    /// Changes whenever the list changes.
    pub fn version(&self) -> u64 {
        lock(&self.inner).version
    }

    /// Calls `listener` after every change.
    #[must_use = "dropping the subscription unsubscribes at once"]
    pub fn subscribe(&self, listener: impl Fn() + Send + Sync + 'static) -> Subscription {
        self.changed.subscribe(move |_| listener())
    }

    fn remove_where(&self, gone: impl Fn(&Notification) -> bool) -> bool {
        let removed = {
            let mut state = lock(&self.inner);
            let before = state.shown.len();
            state.shown.retain(|n| !gone(n));
            let removed = state.shown.len() != before;
            state.version += u64::from(removed);
            removed
        };
        if removed {
            self.changed.emit(&());
        }
        removed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::http::FakeClock;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn center() -> (FakeClock, Notifications) {
        let clock = FakeClock::new();
        (clock.clone(), Notifications::new(Arc::new(clock)))
    }

    #[test]
    fn the_same_message_shows_once_while_visible() {
        let (clock, center) = center();
        let a = center.push(Level::Error, "Server error. Please try again later.");
        clock.advance(Duration::from_secs(5));
        let b = center.push(Level::Error, "Server error. Please try again later.");
        assert_eq!(a, b);
        let shown = center.snapshot();
        assert_eq!(shown.len(), 1);
        assert_eq!(shown[0].repeats, 2);
        assert_eq!(shown[0].expires_at, Duration::from_secs(13));
        let other_level = center.push(Level::Warning, "Server error. Please try again later.");
        assert_ne!(other_level, a);
    }

    #[test]
    fn dismiss_and_auto_dismiss_on_the_clock() {
        let (clock, center) = center();
        let error = center.push(Level::Error, "e");
        center.push(Level::Info, "i");
        assert_eq!(center.next_expiry_in(), Some(Duration::from_secs(4)));
        clock.advance(Duration::from_secs(4));
        assert!(center.expire());
        assert_eq!(
            center
                .snapshot()
                .iter()
                .map(|n| n.message.as_str())
                .collect::<Vec<_>>(),
            vec!["e"]
        );
        assert!(center.dismiss(error));
        assert!(!center.dismiss(error));
        assert!(center.snapshot().is_empty());
        clock.advance(Duration::from_secs(60));
        assert!(!center.expire());
    }

    #[test]
    fn bounded_versioned_and_subscribable() {
        let (_, center) = center();
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let _sub = center.subscribe(move || {
            c.fetch_add(1, Ordering::SeqCst);
        });
        for i in 0..7 {
            center.push(Level::Info, format!("m{i}"));
        }
        let shown = center.snapshot();
        assert_eq!(shown.len(), MAX_VISIBLE);
        assert_eq!(shown[0].message, "m2");
        assert_eq!(center.version(), 7);
        assert_eq!(calls.load(Ordering::SeqCst), 7);
    }
}
