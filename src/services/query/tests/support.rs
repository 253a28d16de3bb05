//! Test doubles: an error with a chosen retry hint, scripted fetchers on fake time, state recorders.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::rc::Rc;
use std::time::Duration;

use crate::services::query::{
    FetchStatus, ManualTime, QueryClient, QueryError, QueryState, QueryStatus, RetryHint, Scheduler,
};

/// An error whose retry hint the test chooses.
#[derive(Clone, Debug, PartialEq)]
pub struct TestError(pub RetryHint);

impl QueryError for TestError {
    fn retry_hint(&self) -> RetryHint {
        self.0
    }
}

/// A retryable error.
pub fn retryable() -> TestError {
    TestError(RetryHint::Retry)
}

/// Whole seconds.
pub fn secs(n: u64) -> Duration {
    Duration::from_secs(n)
}

/// Milliseconds.
pub fn millis(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A client on fresh fake time.
pub fn client() -> (ManualTime, QueryClient<TestError>) {
    let time = ManualTime::new();
    (time.clone(), QueryClient::new(time))
}

/// A fetcher answering from a script (its last answer repeats) after `latency` of fake time.
#[derive(Clone)]
pub struct Script<T> {
    time: ManualTime,
    latency: Duration,
    answers: Rc<RefCell<VecDeque<Result<T, TestError>>>>,
    calls: Rc<Cell<usize>>,
    dropped: Rc<Cell<usize>>,
}

impl<T: Clone + 'static> Script<T> {
    /// A script of answers, each given after `latency`.
    pub fn new(time: &ManualTime, latency: Duration, answers: Vec<Result<T, TestError>>) -> Self {
        Script {
            time: time.clone(),
            latency,
            answers: Rc::new(RefCell::new(answers.into())),
            calls: Rc::default(),
            dropped: Rc::default(),
        }
    }

    /// Always `data`, after one second.
    pub fn ok(time: &ManualTime, data: T) -> Self {
        Self::new(time, secs(1), vec![Ok(data)])
    }

    /// Attempts started so far.
    pub fn calls(&self) -> usize {
        self.calls.get()
    }

    /// Attempts whose future was dropped before answering.
    pub fn dropped(&self) -> usize {
        self.dropped.get()
    }

    /// The fetcher closure to hand to the client.
    pub fn fetcher(
        &self,
    ) -> impl Fn() -> std::pin::Pin<Box<dyn Future<Output = Result<T, TestError>>>> + 'static {
        let script = self.clone();
        move || {
            script.calls.set(script.calls.get() + 1);
            let script = script.clone();
            Box::pin(async move {
                let guard = DropCounter(Rc::clone(&script.dropped));
                script.time.sleep(script.latency).await;
                std::mem::forget(guard);
                script.next_answer()
            })
        }
    }

    fn next_answer(&self) -> Result<T, TestError> {
        let mut answers = self.answers.borrow_mut();
        if answers.len() > 1 {
            answers.pop_front()
        } else {
            answers.front().cloned()
        }
        .unwrap_or(Err(TestError(RetryHint::Never)))
    }
}

/// Counts a drop that happens before it is forgotten.
struct DropCounter(Rc<Cell<usize>>);

impl Drop for DropCounter {
    fn drop(&mut self) {
        self.0.set(self.0.get() + 1);
    }
}

/// What one notification showed.
#[derive(Clone, Debug, PartialEq)]
pub struct Seen<T> {
    pub status: QueryStatus,
    pub fetch_status: FetchStatus,
    pub data: Option<T>,
    pub data_revision: u64,
}

/// Records every state a listener is shown.
#[derive(Clone)]
pub struct Recorder<T>(Rc<RefCell<Vec<Seen<T>>>>);

impl<T: Clone + 'static> Recorder<T> {
    /// An empty recorder.
    pub fn new() -> Self {
        Recorder(Rc::default())
    }

    /// The listener to register.
    pub fn listener(&self) -> impl Fn(&QueryState<T, TestError>) + 'static {
        let seen = Rc::clone(&self.0);
        move |state| {
            seen.borrow_mut().push(Seen {
                status: state.status,
                fetch_status: state.fetch_status,
                data: state.data.clone(),
                data_revision: state.data_revision,
            })
        }
    }

    /// Everything seen so far.
    pub fn seen(&self) -> Vec<Seen<T>> {
        self.0.borrow().clone()
    }

    /// The last state seen.
    pub fn last(&self) -> Option<Seen<T>> {
        self.0.borrow().last().cloned()
    }
}

/// Spawns `future` on fake time; its output lands in the returned cell.
pub fn spawn_result<T: 'static>(
    time: &ManualTime,
    future: impl Future<Output = T> + 'static,
) -> Rc<RefCell<Option<T>>> {
    let slot = Rc::new(RefCell::new(None));
    let out = Rc::clone(&slot);
    time.spawn(Box::pin(async move {
        let value = future.await;
        *out.borrow_mut() = Some(value);
    }));
    slot
}
