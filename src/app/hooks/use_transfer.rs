//! `use_transfer`: one transfer's details (amount, accounts, dates), seeded into the cache when the customer
//! creates it, otherwise looked up in the history.

use digibank_api_types::Transfer;
use leptos::prelude::*;

use super::cache_request;
use crate::app::context::use_app_services;
use crate::services::http::ApiError;
use crate::services::keys::TransferKey;
use crate::services::query::{UseQueryReturn, use_query};

/// The transfer under `["transfers", id, "details"]`; `Some(None)` when the history has no such transfer.
pub fn use_transfer(id: Signal<String>) -> UseQueryReturn<Option<Transfer>, ApiError> {
    let transfers = use_app_services().transfers;
    use_query(
        move || TransferKey(id.get()),
        move |TransferKey(id)| {
            let transfers = transfers.clone();
            async move { transfers.find_transfer(&id, cache_request()).await }
        },
    )
}
