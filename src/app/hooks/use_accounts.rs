//! `use_accounts`: every account with its balances, from one request (the guide's `useAccounts`).

use digibank_api_types::Account;

use super::cache_request;
use crate::app::context::use_app_services;
use crate::services::http::ApiError;
use crate::services::keys::AccountsKey;
use crate::services::query::{UseQueryReturn, use_query};

/// The account list under `["accounts"]`, with the client-wide defaults (stale 5 min, gc 10 min, retry 3).
pub fn use_accounts() -> UseQueryReturn<Vec<Account>, ApiError> {
    let accounts = use_app_services().accounts;
    use_query(
        || AccountsKey,
        move |_| {
            let accounts = accounts.clone();
            async move { accounts.get_accounts(cache_request()).await }
        },
    )
}
