//! `use_accounts`: every account with its balances, from one request (the guide's `useAccounts`).

use digibank_api_types::Account;

use super::{BALANCE_REFRESH, cache_request};
use crate::app::context::use_app_services;
use crate::services::http::ApiError;
use crate::services::keys::AccountsKey;
use crate::services::query::{UseQueryOptions, UseQueryReturn, use_query_with_options};

/// The account list under `["accounts"]`, with the client-wide defaults (stale 5 min, gc 10 min, retry 3);
/// while shown it is refetched every 30 s like a single balance, since it carries every balance.
pub fn use_accounts() -> UseQueryReturn<Vec<Account>, ApiError> {
    let accounts = use_app_services().accounts;
    use_query_with_options(
        || AccountsKey,
        move |_| {
            let accounts = accounts.clone();
            async move { accounts.get_accounts(cache_request()).await }
        },
        UseQueryOptions::default().refetch_interval(BALANCE_REFRESH),
    )
}
