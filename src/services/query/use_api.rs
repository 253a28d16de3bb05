//! `use_api`: the guide's `useApi` — one async call with data, loading and error signals, no cache.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::Rc;

use futures::future::{AbortHandle, Abortable};
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Options of [`use_api_with_options`].
#[derive(Clone, Copy, Debug)]
pub struct UseApiOptions {
    /// Run the call once right away. Default `true`.
    pub immediate: bool,
}

impl Default for UseApiOptions {
    fn default() -> Self {
        UseApiOptions { immediate: true }
    }
}

impl UseApiOptions {
    /// Sets `immediate`.
    pub fn immediate(self, immediate: bool) -> Self {
        UseApiOptions { immediate }
    }
}

/// What [`use_api`] returns; every field is `Copy`.
pub struct UseApiReturn<T: Send + Sync + 'static, E: Send + Sync + 'static> {
    /// The data of the last successful call (kept after a later failure).
    pub data: Signal<Option<T>>,
    /// A call is running.
    pub loading: Signal<bool>,
    /// The error of the last call, cleared when a new call starts.
    pub error: Signal<Option<E>>,
    /// Starts the call (a running call is abandoned: the latest wins).
    pub execute: UnsyncCallback<()>,
    /// The same as `execute`.
    pub refetch: UnsyncCallback<()>,
}

impl<T: Send + Sync + 'static, E: Send + Sync + 'static> Clone for UseApiReturn<T, E> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync + 'static, E: Send + Sync + 'static> Copy for UseApiReturn<T, E> {}

/// [`use_api_with_options`] with default options (runs immediately).
pub fn use_api<T, E, F, Fut>(fetcher: F) -> UseApiReturn<T, E>
where
    T: Send + Sync + 'static,
    E: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    use_api_with_options(fetcher, UseApiOptions::default())
}

/// Runs `fetcher` on demand (and at once if `immediate`); the running call is dropped on unmount.
pub fn use_api_with_options<T, E, F, Fut>(fetcher: F, options: UseApiOptions) -> UseApiReturn<T, E>
where
    T: Send + Sync + 'static,
    E: Send + Sync + 'static,
    F: Fn() -> Fut + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    let data = RwSignal::new(None::<T>);
    let loading = RwSignal::new(options.immediate);
    let error = RwSignal::new(None::<E>);
    let running: Rc<RefCell<Option<AbortHandle>>> = Rc::default();
    let calls = Rc::new(Cell::new(0u64));

    let execute = {
        let running = Rc::clone(&running);
        UnsyncCallback::new(move |()| {
            let call = calls.get() + 1;
            calls.set(call);
            loading.try_set(true);
            error.try_set(None);
            let (abort, registration) = AbortHandle::new_pair();
            if let Some(previous) = running.replace(Some(abort)) {
                previous.abort();
            }
            let request = fetcher();
            let calls = Rc::clone(&calls);
            leptos::task::spawn_local(async move {
                let Ok(result) = Abortable::new(request, registration).await else {
                    return;
                };
                if calls.get() != call {
                    return;
                }
                match result {
                    Ok(value) => drop(data.try_set(Some(value))),
                    Err(failure) => drop(error.try_set(Some(failure))),
                }
                loading.try_set(false);
            });
        })
    };

    let on_unmount = SendWrapper::new(running);
    on_cleanup(move || {
        if let Some(running) = on_unmount.borrow_mut().take() {
            running.abort();
        }
    });

    if options.immediate {
        execute.run(());
    }
    UseApiReturn {
        data: data.into(),
        loading: loading.into(),
        error: error.into(),
        execute,
        refetch: execute,
    }
}
