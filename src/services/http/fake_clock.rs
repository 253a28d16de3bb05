//! `FakeClock`: test time that only moves when every task is waiting on a timer (auto-advance), so timing
//! tests are exact and never sleep for real. [`FakeClock::block_on`] is the driver.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::{Pin, pin};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use super::cancel::lock;
use super::clock::{Clock, Sleep};

/// Unix time at which a fresh fake clock starts: 2023-11-14T22:13:20Z.
pub const FAKE_UNIX_START: Duration = Duration::from_secs(1_700_000_000);

/// Fake monotonic and wall-clock time with timers; cloning shares it.
#[derive(Clone, Default)]
pub struct FakeClock {
    inner: Arc<Mutex<FakeState>>,
}

#[derive(Default)]
struct FakeState {
    now: Duration,
    timers: BTreeMap<(Duration, u64), Waker>,
    next_timer: u64,
    elapsed_sleeps: Vec<Duration>,
}

/// Why [`FakeClock::block_on`] gave up.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the future is stuck: nothing woke it and no timer is pending")]
pub struct Stalled;

impl FakeClock {
    /// A clock at monotonic zero and Unix time [`FAKE_UNIX_START`].
    pub fn new() -> Self {
        FakeClock::default()
    }

    /// Moves time forward by `by`, firing the timers that fall due.
    pub fn advance(&self, by: Duration) {
        let wakers = {
            let mut state = lock(&self.inner);
            state.now += by;
            due_wakers(&mut state)
        };
        wakers.into_iter().for_each(Waker::wake);
    }

    /// Jumps to the earliest pending timer and fires it; false when no timer is pending.
    pub fn advance_to_next_timer(&self) -> bool {
        let next = lock(&self.inner)
            .timers
            .keys()
            .next()
            .map(|(deadline, _)| *deadline);
        match next {
            Some(deadline) => {
                let now = self.now();
                self.advance(deadline.saturating_sub(now));
                true
            }
            None => false,
        }
    }

    /// Every sleep that ran to completion, in order (timeouts that lost a race are not listed).
    pub fn elapsed_sleeps(&self) -> Vec<Duration> {
        lock(&self.inner).elapsed_sleeps.clone()
    }

    /// Number of timers currently waiting.
    pub fn pending_timers(&self) -> usize {
        lock(&self.inner).timers.len()
    }

    /// Runs `future` to completion on this thread, advancing fake time whenever it waits only on timers.
    pub fn block_on<F: Future>(&self, future: F) -> Result<F::Output, Stalled> {
        let flag = Arc::new(WakeFlag(AtomicBool::new(true)));
        let waker = Waker::from(flag.clone());
        let mut cx = Context::from_waker(&waker);
        let mut future = pin!(future);
        loop {
            flag.0.store(false, Ordering::SeqCst);
            if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
                return Ok(output);
            }
            if !flag.0.load(Ordering::SeqCst) && !self.advance_to_next_timer() {
                return Err(Stalled);
            }
        }
    }
}

impl Clock for FakeClock {
    fn now(&self) -> Duration {
        lock(&self.inner).now
    }

    fn unix_now(&self) -> Duration {
        FAKE_UNIX_START + self.now()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        let mut state = lock(&self.inner);
        let key = (state.now + duration, state.next_timer);
        state.next_timer += 1;
        Box::pin(FakeSleep {
            clock: self.clone(),
            key,
            duration,
        })
    }
}

/// Removes and returns the wakers of timers whose deadline has passed.
fn due_wakers(state: &mut FakeState) -> Vec<Waker> {
    let later = state
        .timers
        .split_off(&(state.now + Duration::from_nanos(1), 0));
    let due = std::mem::replace(&mut state.timers, later);
    due.into_values().collect()
}

/// One fake timer; unregisters itself when dropped.
struct FakeSleep {
    clock: FakeClock,
    key: (Duration, u64),
    duration: Duration,
}

impl Future for FakeSleep {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = lock(&self.clock.inner);
        if state.now >= self.key.0 {
            state.timers.remove(&self.key);
            state.elapsed_sleeps.push(self.duration);
            return Poll::Ready(());
        }
        state.timers.insert(self.key, cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for FakeSleep {
    fn drop(&mut self) {
        lock(&self.clock.inner).timers.remove(&self.key);
    }
}

/// A waker that only records that it was woken.
struct WakeFlag(AtomicBool);

impl Wake for WakeFlag {
    fn wake(self: Arc<Self>) {
        self.0.store(true, Ordering::SeqCst);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sleeps_complete_instantly_in_fake_time_and_are_recorded() {
        let clock = FakeClock::new();
        let c = clock.clone();
        clock
            .block_on(async move {
                c.sleep(Duration::from_secs(5)).await;
                c.sleep(Duration::from_millis(250)).await;
            })
            .expect("runs");
        assert_eq!(clock.now(), Duration::from_millis(5250));
        assert_eq!(
            clock.elapsed_sleeps(),
            vec![Duration::from_secs(5), Duration::from_millis(250)]
        );
        assert_eq!(
            clock.unix_now(),
            FAKE_UNIX_START + Duration::from_millis(5250)
        );
    }

    #[test]
    fn a_dropped_timer_is_unregistered_and_not_recorded() {
        let clock = FakeClock::new();
        let c = clock.clone();
        let winner = clock
            .block_on(async move {
                let short = c.sleep(Duration::from_secs(1));
                let long = c.sleep(Duration::from_secs(30));
                match futures::future::select(short, long).await {
                    futures::future::Either::Left(_) => "short",
                    futures::future::Either::Right(_) => "long",
                }
            })
            .expect("runs");
        assert_eq!(winner, "short");
        assert_eq!(clock.pending_timers(), 0);
        assert_eq!(clock.elapsed_sleeps(), vec![Duration::from_secs(1)]);
    }

    #[test]
    fn a_future_that_never_wakes_is_reported_stalled() {
        let clock = FakeClock::new();
        assert_eq!(
            clock.block_on(futures::future::pending::<()>()),
            Err(Stalled)
        );
    }
}
