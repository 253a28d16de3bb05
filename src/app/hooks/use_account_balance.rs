//! `use_account_balance`: one account's balance, refreshed every 30 s while the tab is visible.

use std::time::Duration;

use digibank_api_types::Balance;
use leptos::prelude::*;

use super::cache_request;
use crate::app::context::use_app_services;
use crate::services::http::ApiError;
use crate::services::keys::BalanceKey;
use crate::services::query::{UseQueryOptions, UseQueryReturn, use_query_with_options};

/// How often a shown balance is refetched (the guide's `refetchInterval: 30000`).
pub const BALANCE_REFRESH: Duration = Duration::from_secs(30);

/// The balance under `["accounts", id, "balance"]`; fetches only while `id` is `Some` (the guide's `enabled: !!accountId`).
pub fn use_account_balance(id: Signal<Option<String>>) -> UseQueryReturn<Balance, ApiError> {
    let accounts = use_app_services().accounts;
    let options = UseQueryOptions::default()
        .enabled(Signal::derive(move || id.read().is_some()))
        .refetch_interval(BALANCE_REFRESH);
    use_query_with_options(
        move || BalanceKey(id.get().unwrap_or_default()),
        move |BalanceKey(id)| {
            let accounts = accounts.clone();
            async move { accounts.get_account_balance(&id, cache_request()).await }
        },
        options,
    )
}
