//! `use_mutation`: run a write, with callbacks, invalidation and optimistic updates rolled back on error.

use std::cell::Cell;
use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use super::client::QueryClient;
use super::context::use_query_client;
use super::error::QueryError;
use super::key::QueryKey;
use super::options::MutationOptions;
use super::rollback::Rollback;

/// Where a mutation stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MutationStatus {
    /// Not run yet (or reset).
    Idle,
    /// Running (including retries).
    Pending,
    /// The last run succeeded.
    Success,
    /// The last run failed.
    Error,
}

type OnMutate<V, E> = Rc<dyn Fn(&QueryClient<E>, &V) -> Rollback>;
type OnSuccess<V, T> = Rc<dyn Fn(&T, &V)>;
type OnError<V, E> = Rc<dyn Fn(&E, &V)>;
type OnSettled<V, T, E> = Rc<dyn Fn(Result<&T, &E>, &V)>;

/// Options of [`use_mutation_with_options`].
pub struct UseMutationOptions<V, T, E: 'static> {
    /// Retry rules. Default: the client's (retry 1, and only when marked idempotent).
    pub mutation: Option<MutationOptions>,
    /// Key prefixes invalidated once the mutation settles (success or error). Default none.
    pub invalidates: Vec<QueryKey>,
    /// Runs before the request; its optimistic writes are rolled back if the request fails. Default none.
    pub on_mutate: Option<OnMutate<V, E>>,
    /// Runs after success. Default none.
    pub on_success: Option<OnSuccess<V, T>>,
    /// Runs after failure (after the rollback). Default none.
    pub on_error: Option<OnError<V, E>>,
    /// Runs after either. Default none.
    pub on_settled: Option<OnSettled<V, T, E>>,
}

impl<V, T, E> Default for UseMutationOptions<V, T, E> {
    fn default() -> Self {
        UseMutationOptions {
            mutation: None,
            invalidates: Vec::new(),
            on_mutate: None,
            on_success: None,
            on_error: None,
            on_settled: None,
        }
    }
}

impl<V, T, E: 'static> UseMutationOptions<V, T, E> {
    /// Sets the retry rules.
    pub fn mutation(self, mutation: MutationOptions) -> Self {
        UseMutationOptions {
            mutation: Some(mutation),
            ..self
        }
    }

    /// Adds a key prefix to invalidate when the mutation settles.
    pub fn invalidates(mut self, prefix: QueryKey) -> Self {
        self.invalidates.push(prefix);
        self
    }

    /// Sets the optimistic step.
    pub fn on_mutate(self, on_mutate: impl Fn(&QueryClient<E>, &V) -> Rollback + 'static) -> Self {
        UseMutationOptions {
            on_mutate: Some(Rc::new(on_mutate)),
            ..self
        }
    }

    /// Sets the success callback.
    pub fn on_success(self, on_success: impl Fn(&T, &V) + 'static) -> Self {
        UseMutationOptions {
            on_success: Some(Rc::new(on_success)),
            ..self
        }
    }

    /// Sets the error callback.
    pub fn on_error(self, on_error: impl Fn(&E, &V) + 'static) -> Self {
        UseMutationOptions {
            on_error: Some(Rc::new(on_error)),
            ..self
        }
    }

    /// Sets the settled callback.
    pub fn on_settled(self, on_settled: impl Fn(Result<&T, &E>, &V) + 'static) -> Self {
        UseMutationOptions {
            on_settled: Some(Rc::new(on_settled)),
            ..self
        }
    }
}

/// What [`use_mutation`] returns; every field is `Copy`.
pub struct UseMutationReturn<V: 'static, T: Send + Sync + 'static, E: Send + Sync + 'static> {
    /// Runs the mutation with these variables (the latest run drives the signals).
    pub mutate: UnsyncCallback<V>,
    /// The data of the last successful run.
    pub data: Signal<Option<T>>,
    /// The error of the last failed run.
    pub error: Signal<Option<E>>,
    /// Where the latest run stands.
    pub status: Signal<MutationStatus>,
    /// The latest run is in progress.
    pub is_pending: Signal<bool>,
    /// Back to `Idle`, forgetting data and error.
    pub reset: UnsyncCallback<()>,
}

impl<V: 'static, T: Send + Sync + 'static, E: Send + Sync + 'static> Clone
    for UseMutationReturn<V, T, E>
{
    fn clone(&self) -> Self {
        *self
    }
}
impl<V: 'static, T: Send + Sync + 'static, E: Send + Sync + 'static> Copy
    for UseMutationReturn<V, T, E>
{
}

/// [`use_mutation_with_options`] with default options.
pub fn use_mutation<V, T, E, F, Fut>(mutation: F) -> UseMutationReturn<V, T, E>
where
    V: Clone + 'static,
    T: Clone + Send + Sync + 'static,
    E: QueryError + Send + Sync,
    F: Fn(V) -> Fut + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    use_mutation_with_options(mutation, UseMutationOptions::default())
}

/// A mutation bound to the provided client. A run keeps going if the component unmounts, so its
/// callbacks and invalidations still happen (a sent write cannot be unsent).
pub fn use_mutation_with_options<V, T, E, F, Fut>(
    mutation: F,
    options: UseMutationOptions<V, T, E>,
) -> UseMutationReturn<V, T, E>
where
    V: Clone + 'static,
    T: Clone + Send + Sync + 'static,
    E: QueryError + Send + Sync,
    F: Fn(V) -> Fut + 'static,
    Fut: Future<Output = Result<T, E>> + 'static,
{
    let client = use_query_client::<E>();
    let retry = options.mutation.unwrap_or(client.mutation_defaults());
    let data = RwSignal::new(None::<T>);
    let error = RwSignal::new(None::<E>);
    let status = RwSignal::new(MutationStatus::Idle);
    let latest_run = Rc::new(Cell::new(0u64));
    let (mutation, options) = (Rc::new(mutation), Rc::new(options));

    let reset = {
        let latest_run = Rc::clone(&latest_run);
        UnsyncCallback::new(move |()| {
            latest_run.set(latest_run.get() + 1);
            data.try_set(None);
            error.try_set(None);
            status.try_set(MutationStatus::Idle);
        })
    };

    let mutate = UnsyncCallback::new(move |variables: V| {
        let run = latest_run.get() + 1;
        latest_run.set(run);
        error.try_set(None);
        status.try_set(MutationStatus::Pending);
        let rollback = options
            .on_mutate
            .as_ref()
            .map_or_else(Rollback::none, |on_mutate| on_mutate(&client, &variables));
        let request = {
            let (mutation, variables) = (Rc::clone(&mutation), variables.clone());
            client.run_mutation(move || mutation(variables.clone()), retry)
        };
        let (client, options, latest_run) =
            (client.clone(), Rc::clone(&options), Rc::clone(&latest_run));
        client.clone().shared.scheduler.spawn(Box::pin(async move {
            let result = request.await;
            if result.is_err() {
                rollback.rollback();
            }
            if latest_run.get() == run {
                match &result {
                    Ok(value) => drop(data.try_set(Some(value.clone()))),
                    Err(failure) => drop(error.try_set(Some(failure.clone()))),
                }
                status.try_set(if result.is_ok() {
                    MutationStatus::Success
                } else {
                    MutationStatus::Error
                });
            }
            settle(&client, &options, result.as_ref(), &variables);
        }));
    });

    UseMutationReturn {
        mutate,
        data: data.into(),
        error: error.into(),
        status: status.into(),
        is_pending: Signal::derive(move || status.get() == MutationStatus::Pending),
        reset,
    }
}

/// Runs the callbacks for a finished run, then the invalidations.
fn settle<V, T, E: QueryError>(
    client: &QueryClient<E>,
    options: &UseMutationOptions<V, T, E>,
    result: Result<&T, &E>,
    variables: &V,
) {
    match result {
        Ok(value) => options
            .on_success
            .iter()
            .for_each(|on_success| on_success(value, variables)),
        Err(failure) => options
            .on_error
            .iter()
            .for_each(|on_error| on_error(failure, variables)),
    }
    if let Some(on_settled) = &options.on_settled {
        on_settled(result, variables);
    }
    for prefix in &options.invalidates {
        client.invalidate_queries(prefix);
    }
}
