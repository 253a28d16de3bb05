//! `use_account_transactions`: one page of an account's transactions under a filter; the previous page
//! stays on screen while the next one loads.

use digibank_api_types::{Page, Transaction, TransactionQuery};
use leptos::prelude::*;

use super::cache_request;
use crate::app::context::use_app_services;
use crate::services::http::ApiError;
use crate::services::keys::TransactionsKey;
use crate::services::query::{UseQueryOptions, UseQueryReturn, use_query_with_options};

/// The page under `["accounts", id, "transactions", page, …filter]`, keeping previous data between keys.
pub fn use_account_transactions(
    id: Signal<String>,
    query: Signal<TransactionQuery>,
) -> UseQueryReturn<Page<Transaction>, ApiError> {
    let accounts = use_app_services().accounts;
    use_query_with_options(
        move || TransactionsKey {
            account_id: id.get(),
            query: query.get(),
        },
        move |key: TransactionsKey| {
            let accounts = accounts.clone();
            async move {
                accounts
                    .get_account_transactions(&key.account_id, &key.query, cache_request())
                    .await
            }
        },
        UseQueryOptions::default().keep_previous_data(true),
    )
}
