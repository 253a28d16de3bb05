//! Fake time: a clock and timers that move only when the test says so.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use crate::services::auth::{Clock, Timer, TimerHandle};

struct Pending {
    id: u64,
    due_ms: u64,
    callback: Box<dyn FnOnce()>,
}

/// A clock plus timers; clones share the same time.
#[derive(Clone)]
pub struct FakeTime {
    now: Rc<Cell<u64>>,
    next_id: Rc<Cell<u64>>,
    pending: Rc<RefCell<Vec<Pending>>>,
}

impl FakeTime {
    /// Time starting at `start_ms`.
    pub fn at(start_ms: u64) -> Self {
        Self {
            now: Rc::new(Cell::new(start_ms)),
            next_id: Rc::new(Cell::new(0)),
            pending: Rc::new(RefCell::new(Vec::new())),
        }
    }

    /// Moves time forward by `ms`, firing due timers in order (each at its own due time).
    pub fn advance(&self, ms: u64) {
        let target = self.now.get() + ms;
        while let Some(timer) = self.pop_due(target) {
            self.now.set(self.now.get().max(timer.due_ms));
            (timer.callback)();
        }
        self.now.set(target);
    }

    /// How many timers are waiting.
    pub fn pending_timers(&self) -> usize {
        self.pending.borrow().len()
    }

    fn pop_due(&self, target: u64) -> Option<Pending> {
        let mut pending = self.pending.borrow_mut();
        let index = pending
            .iter()
            .enumerate()
            .filter(|(_, t)| t.due_ms <= target)
            .min_by_key(|(_, t)| (t.due_ms, t.id))?
            .0;
        Some(pending.remove(index))
    }
}

impl Clock for FakeTime {
    fn now_ms(&self) -> u64 {
        self.now.get()
    }
}

impl Timer for FakeTime {
    fn after(&self, delay: Duration, callback: Box<dyn FnOnce()>) -> TimerHandle {
        let id = self.next_id.get() + 1;
        self.next_id.set(id);
        let due_ms = self.now.get() + u64::try_from(delay.as_millis()).unwrap_or(u64::MAX / 2);
        self.pending.borrow_mut().push(Pending {
            id,
            due_ms,
            callback,
        });
        let pending = Rc::downgrade(&self.pending);
        TimerHandle::new(move || {
            if let Some(pending) = pending.upgrade() {
                pending.borrow_mut().retain(|timer| timer.id != id);
            }
        })
    }
}
