//! Providing the query client to components through Leptos context.

use leptos::logging::warn;
use leptos::prelude::{provide_context, use_context};
use send_wrapper::SendWrapper;

use super::client::QueryClient;
use super::error::QueryError;

/// Makes `client` available to [`use_query_client`] and the hooks below the current owner.
pub fn provide_query_client<E: QueryError>(client: QueryClient<E>) {
    // The client is single-threaded (`Rc`); context wants `Send + Sync`, which holds on the one browser thread.
    provide_context(SendWrapper::new(client));
}

/// The provided client; without one, a default client is created, provided and a warning logged.
pub fn use_query_client<E: QueryError>() -> QueryClient<E> {
    if let Some(client) = use_context::<SendWrapper<QueryClient<E>>>() {
        return (*client).clone();
    }
    warn!(
        "use_query_client: no QueryClient provided (call provide_query_client at the app root); using a fresh one"
    );
    let client = default_client::<E>();
    provide_query_client(client.clone());
    client
}

/// The browser client, or off the browser a client on fake time that never advances.
fn default_client<E: QueryError>() -> QueryClient<E> {
    #[cfg(target_arch = "wasm32")]
    return QueryClient::browser();
    #[cfg(not(target_arch = "wasm32"))]
    return QueryClient::new(super::manual_time::ManualTime::new());
}
