//! `use_transfer_status`: a transfer's status, polled until it reaches a terminal state.

use std::time::Duration;

use digibank_api_types::TransferStatusInfo;
use leptos::prelude::*;

use super::cache_request;
use crate::app::context::use_app_services;
use crate::services::http::ApiError;
use crate::services::keys::TransferStatusKey;
use crate::services::query::{UseQueryOptions, UseQueryReturn, use_query_with_options};

/// How often a non-terminal status is polled.
pub const STATUS_POLL: Duration = Duration::from_secs(1);

/// The status under `["transfers", id, "status"]`; polling stops once it is completed, failed or cancelled.
pub fn use_transfer_status(id: Signal<String>) -> UseQueryReturn<TransferStatusInfo, ApiError> {
    let transfers = use_app_services().transfers;
    let settled = RwSignal::new(false);
    let options = UseQueryOptions::default()
        .enabled(Signal::derive(move || !settled.get()))
        .stale_time(Duration::ZERO)
        .refetch_interval(STATUS_POLL);
    let status = use_query_with_options(
        move || TransferStatusKey(id.get()),
        move |TransferStatusKey(id)| {
            let transfers = transfers.clone();
            async move { transfers.get_transfer_status(&id, cache_request()).await }
        },
        options,
    );
    Effect::new(move |_| {
        let terminal = status
            .data
            .with(|d| d.as_ref().is_some_and(|info| info.status.is_terminal()));
        settled.set(terminal);
    });
    status
}
