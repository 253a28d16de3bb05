//! [`start_now`]: a future whose work up to its first wait happens at once, as a JavaScript promise's does.
//! Rust futures do nothing until polled, and a spawned one is polled only after the current task: a request
//! started during a render would leave once the render is over.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::task::noop_waker_ref;

/// A future that [`start_now`] has polled once; awaiting it continues from where that poll stopped.
pub struct Eager<F: Future> {
    state: State<F>,
}

enum State<F: Future> {
    Running(Pin<Box<F>>),
    Done(Option<F::Output>),
}

/// Polls `future` once now (without a waker: the next poll, by whoever awaits the result, registers one).
pub fn start_now<F: Future>(future: F) -> Eager<F> {
    let mut running = Box::pin(future);
    let state = match running
        .as_mut()
        .poll(&mut Context::from_waker(noop_waker_ref()))
    {
        Poll::Ready(output) => State::Done(Some(output)),
        Poll::Pending => State::Running(running),
    };
    Eager { state }
}

impl<F: Future> Future for Eager<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        // `Eager` is `Unpin`: the future it runs is boxed.
        match &mut self.get_mut().state {
            State::Running(running) => running.as_mut().poll(cx),
            State::Done(output) => output.take().map_or(Poll::Pending, Poll::Ready),
        }
    }
}

impl<F: Future> Unpin for Eager<F> {}

#[cfg(test)]
mod tests {
    use std::cell::Cell;
    use std::rc::Rc;

    use futures::channel::oneshot;
    use futures::executor::block_on;

    use super::*;

    #[test]
    fn the_work_before_the_first_wait_happens_before_start_now_returns() {
        let sent = Rc::new(Cell::new(false));
        let (reply, answer) = oneshot::channel::<u8>();
        let flag = Rc::clone(&sent);
        let started = start_now(async move {
            flag.set(true);
            answer.await.unwrap_or(0) + 1
        });
        assert!(sent.get(), "the request left before anyone awaited it");
        let _ = reply.send(41);
        assert_eq!(block_on(started), 42);
    }

    #[test]
    fn a_future_that_finished_at_once_gives_its_output_once() {
        let runs = Rc::new(Cell::new(0));
        let count = Rc::clone(&runs);
        let started = start_now(async move {
            count.set(count.get() + 1);
            7
        });
        assert_eq!(block_on(started), 7);
        assert_eq!(runs.get(), 1);
    }
}
