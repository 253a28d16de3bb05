//! `use_create_transfer`: submit a transfer under one idempotency key per user intent, so double clicks,
//! retries and replays execute it at most once.

use digibank_api_types::{Transfer, TransferRequest};
use leptos::prelude::*;

use crate::app::context::use_app_services;
use crate::services::http::{ApiError, IdempotencyKey};
use crate::services::keys::{accounts_root, transfers_root};
use crate::services::query::{
    MutationOptions, UseMutationOptions, UseMutationReturn, use_mutation_with_options,
};

/// The transfer mutation plus the intent it belongs to.
pub struct UseCreateTransferReturn {
    /// `mutate`, `data`, `error`, `status`, `is_pending`, `reset` of the transfer mutation.
    pub mutation: UseMutationReturn<TransferRequest, Transfer, ApiError>,
    /// The current intent's key; created with the hook, kept until [`Self::start_new_intent`].
    pub intent_key: Signal<IdempotencyKey>,
    /// Ends this intent (after a completed transfer or when the user starts over): the next submit is a new transfer.
    pub start_new_intent: Callback<()>,
}

/// The create-transfer mutation: retried once (safe: it carries the intent's key), then accounts and
/// transfers are invalidated.
pub fn use_create_transfer() -> UseCreateTransferReturn {
    let transfers = use_app_services().transfers;
    let key = RwSignal::new(IdempotencyKey::generate());
    let options = UseMutationOptions::default()
        .mutation(MutationOptions::default().idempotent(true))
        .invalidates(accounts_root())
        .invalidates(transfers_root());
    let mutation = use_mutation_with_options(
        move |request: TransferRequest| {
            let transfers = transfers.clone();
            let intent = key.get_untracked();
            async move { transfers.create_transfer(&request, intent).await }
        },
        options,
    );
    UseCreateTransferReturn {
        mutation,
        intent_key: key.into(),
        start_new_intent: Callback::new(move |_| key.set(IdempotencyKey::generate())),
    }
}
