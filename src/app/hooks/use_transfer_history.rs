//! `use_transfer_history`: one page of the transfer history under a filter.

use digibank_api_types::{Page, Transfer, TransferHistoryQuery};
use leptos::prelude::*;

use super::cache_request;
use crate::app::context::use_app_services;
use crate::services::http::ApiError;
use crate::services::keys::TransferHistoryKey;
use crate::services::query::{UseQueryOptions, UseQueryReturn, use_query_with_options};

/// The page under `["transfers", "history", …filter]`, keeping the previous page while the next loads.
pub fn use_transfer_history(
    query: Signal<TransferHistoryQuery>,
) -> UseQueryReturn<Page<Transfer>, ApiError> {
    let transfers = use_app_services().transfers;
    use_query_with_options(
        move || TransferHistoryKey(query.get()),
        move |TransferHistoryKey(query)| {
            let transfers = transfers.clone();
            async move {
                transfers
                    .get_transfer_history(&query, cache_request())
                    .await
            }
        },
        UseQueryOptions::default().keep_previous_data(true),
    )
}
