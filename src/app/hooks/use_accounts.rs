//! `use_accounts`: every account with its balances, from one request (the guide's `useAccounts`).

use std::cell::RefCell;

use digibank_api_types::Account;

use super::{BALANCE_REFRESH, cache_request};
use crate::app::context::use_app_services;
use crate::app::eager::start_now;
use crate::services::accounts::AccountService;
use crate::services::http::ApiError;
use crate::services::keys::AccountsKey;
use crate::services::query::{
    QueryClient, ToQueryKey, UseQueryOptions, UseQueryReturn, use_query_with_options,
};

/// The account list under `["accounts"]`, with the client-wide defaults (stale 5 min, gc 10 min, retry 3);
/// while shown it is refetched every 30 s like a single balance, since it carries every balance.
pub fn use_accounts() -> UseQueryReturn<Vec<Account>, ApiError> {
    let accounts = use_app_services().accounts;
    use_query_with_options(
        || AccountsKey,
        move |_| load_accounts(accounts.clone()),
        UseQueryOptions::default().refetch_interval(BALANCE_REFRESH),
    )
}

/// Sends the request [`use_accounts`] would send, now (its `fetch` is called before this returns), as the
/// account list's fetch in the cache: the dashboard's `use_accounts` joins it instead of sending its own, so
/// the request is in flight while the shell renders.
pub fn prefetch_accounts(queries: &QueryClient<ApiError>, accounts: &AccountService) {
    let first = RefCell::new(Some(start_now(load_accounts(accounts.clone()))));
    let accounts = accounts.clone();
    queries.prefetch_query(
        &AccountsKey.to_query_key(),
        move || {
            let started = first.borrow_mut().take();
            let accounts = accounts.clone();
            async move {
                match started {
                    Some(started) => started.await,
                    None => load_accounts(accounts).await,
                }
            }
        },
        queries.query_defaults(),
    );
}

async fn load_accounts(accounts: AccountService) -> Result<Vec<Account>, ApiError> {
    accounts.get_accounts(cache_request()).await
}
