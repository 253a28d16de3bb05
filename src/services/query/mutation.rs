//! Running mutations through the cache's retry rules (no caching: mutation state lives in its caller).

use std::future::Future;
use std::time::Duration;

use futures::FutureExt;
use futures::future::LocalBoxFuture;

use super::client::{QueryClient, WeakQueryClient};
use super::error::QueryError;
use super::options::MutationOptions;
use super::retryer::{RetryHost, retrying};

impl<E: QueryError> QueryClient<E> {
    /// Runs `mutation`, retrying only as `options` allow (never unless marked idempotent).
    pub fn run_mutation<T, F, Fut>(
        &self,
        mutation: F,
        options: MutationOptions,
    ) -> LocalBoxFuture<'static, Result<T, E>>
    where
        T: 'static,
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<T, E>> + 'static,
    {
        let host = MutationRetryHost {
            client: self.downgrade(),
        };
        Box::pin(async move {
            retrying(|| mutation().boxed_local(), options.retry_policy(), &host).await
        })
    }
}

/// Sleeps and auth waits through the client; mutations keep no retry state.
struct MutationRetryHost<E: 'static> {
    client: WeakQueryClient<E>,
}

impl<E: QueryError> RetryHost<E> for MutationRetryHost<E> {
    fn sleep(&self, duration: Duration) -> LocalBoxFuture<'static, ()> {
        match self.client.upgrade() {
            Some(client) => client.shared.scheduler.sleep(duration),
            None => Box::pin(futures::future::ready(())),
        }
    }

    fn auth_refreshed(&self) -> LocalBoxFuture<'static, ()> {
        match self.client.upgrade() {
            Some(client) => client.auth_refreshed(),
            None => Box::pin(futures::future::ready(())),
        }
    }

    fn attempt_failed(&self, _error: &E) {}

    fn paused(&self) {}

    fn resumed(&self) {}
}
