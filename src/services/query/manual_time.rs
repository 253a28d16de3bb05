//! A clock and scheduler moved by hand: a single-threaded executor plus fake timers, for tests and benchmarks.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use futures::channel::oneshot;
use futures::executor::{LocalPool, LocalSpawner};
use futures::future::LocalBoxFuture;
use futures::task::LocalSpawnExt;

use super::clock::Clock;
use super::scheduler::Scheduler;

/// Fake time: tasks run only inside [`ManualTime::run`] / [`ManualTime::advance`], timers fire as time is advanced.
#[derive(Clone)]
pub struct ManualTime {
    inner: Rc<Inner>,
}

struct Inner {
    now: Cell<Duration>,
    pool: RefCell<LocalPool>,
    spawner: LocalSpawner,
    timers: RefCell<Vec<Timer>>,
}

struct Timer {
    deadline: Duration,
    wake: oneshot::Sender<()>,
}

impl Default for ManualTime {
    fn default() -> Self {
        let pool = LocalPool::new();
        let spawner = pool.spawner();
        ManualTime {
            inner: Rc::new(Inner {
                now: Cell::new(Duration::ZERO),
                pool: RefCell::new(pool),
                spawner,
                timers: RefCell::new(Vec::new()),
            }),
        }
    }
}

impl ManualTime {
    /// Fake time starting at zero with nothing scheduled.
    pub fn new() -> Self {
        Self::default()
    }

    /// Runs every task that can progress and fires due timers, without moving time.
    pub fn run(&self) {
        loop {
            self.inner.pool.borrow_mut().run_until_stalled();
            if !self.fire_due_timers() {
                return;
            }
        }
    }

    /// Moves time forward by `duration`, firing timers in deadline order and running tasks in between.
    pub fn advance(&self, duration: Duration) {
        let target = self.inner.now.get() + duration;
        self.run();
        while let Some(deadline) = self.next_deadline().filter(|deadline| *deadline <= target) {
            self.inner.now.set(deadline.max(self.inner.now.get()));
            self.run();
        }
        self.inner.now.set(target);
        self.run();
    }

    /// Timers not yet fired (including those of dropped sleep futures).
    pub fn pending_timers(&self) -> usize {
        self.inner.timers.borrow().len()
    }

    fn next_deadline(&self) -> Option<Duration> {
        self.inner
            .timers
            .borrow()
            .iter()
            .map(|timer| timer.deadline)
            .min()
    }

    fn fire_due_timers(&self) -> bool {
        let now = self.inner.now.get();
        let due: Vec<Timer> = {
            let mut timers = self.inner.timers.borrow_mut();
            let (due, later) = timers.drain(..).partition(|timer| timer.deadline <= now);
            *timers = later;
            due
        };
        let fired = !due.is_empty();
        for timer in due {
            // A dropped sleep future has no receiver left; nothing to wake then.
            let _ = timer.wake.send(());
        }
        fired
    }
}

impl Clock for ManualTime {
    fn now(&self) -> Duration {
        self.inner.now.get()
    }
}

impl Scheduler for ManualTime {
    fn spawn(&self, task: LocalBoxFuture<'static, ()>) {
        // Spawning fails only after the pool is gone, and then there is no one left to run the task.
        let _ = self.inner.spawner.spawn_local(task);
    }

    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        let (wake, woken) = oneshot::channel();
        let deadline = self.inner.now.get() + duration;
        self.inner
            .timers
            .borrow_mut()
            .push(Timer { deadline, wake });
        Box::pin(async move {
            let _ = woken.await;
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleeps_finish_only_when_time_reaches_their_deadline_in_order() {
        let time = ManualTime::new();
        let log = Rc::new(RefCell::new(Vec::new()));
        for secs in [3u64, 1, 2] {
            let (sleep, log, clock) = (
                time.sleep(Duration::from_secs(secs)),
                log.clone(),
                time.clone(),
            );
            time.spawn(Box::pin(async move {
                sleep.await;
                log.borrow_mut().push((secs, clock.now().as_secs()));
            }));
        }
        time.advance(Duration::from_millis(1500));
        assert_eq!(*log.borrow(), [(1, 1)]);
        time.advance(Duration::from_secs(10));
        assert_eq!(*log.borrow(), [(1, 1), (2, 2), (3, 3)]);
        assert_eq!(time.now(), Duration::from_millis(11_500));
        assert_eq!(time.pending_timers(), 0);
    }

    #[test]
    fn spawned_tasks_wait_for_run() {
        let time = ManualTime::new();
        let ran = Rc::new(Cell::new(false));
        let flag = ran.clone();
        time.spawn(Box::pin(async move { flag.set(true) }));
        assert!(!ran.get());
        time.run();
        assert!(ran.get());
    }
}
