//! `use_schedule_transfer`: schedule a transfer under the intent's idempotency key (shared with
//! [`super::use_create_transfer`], so one intent is sent once, whichever way).

use digibank_api_types::{ScheduleTransferRequest, Transfer};
use leptos::prelude::*;

use crate::app::context::use_app_services;
use crate::services::http::{ApiError, IdempotencyKey};
use crate::services::keys::transfers_root;
use crate::services::query::{
    MutationOptions, UseMutationOptions, UseMutationReturn, use_mutation_with_options,
};

/// The schedule mutation under `intent_key`: retried once (safe with the key), then transfers are invalidated.
pub fn use_schedule_transfer(
    intent_key: Signal<IdempotencyKey>,
) -> UseMutationReturn<ScheduleTransferRequest, Transfer, ApiError> {
    let transfers = use_app_services().transfers;
    let options = UseMutationOptions::default()
        .mutation(MutationOptions::default().idempotent(true))
        .invalidates(transfers_root());
    use_mutation_with_options(
        move |request: ScheduleTransferRequest| {
            let transfers = transfers.clone();
            let intent = intent_key.get_untracked();
            async move { transfers.schedule_transfer(&request, intent).await }
        },
        options,
    )
}
