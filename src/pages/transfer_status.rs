//! `/transfers/:id`: one transfer's amount, accounts, status and times; the status is polled every second
//! until it is completed, failed or cancelled (then balances are refreshed); Cancel, with a confirmation and a
//! reason, while it is pending or scheduled, and a clear message if the bank refuses (e.g. it completed meanwhile).

use digibank_api_types::{Transfer, TransferStatus, TransferStatusInfo};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use send_wrapper::SendWrapper;

use crate::app::context::use_app_services;
use crate::app::hooks::{use_accounts, use_transfer, use_transfer_status};
use crate::components::{ConfirmDialog, ErrorPanel, MoneyText, PageHeading, error_text};
use crate::pages::transfer_text::{account_label, format_timestamp, status_label};
use crate::services::http::ApiError;
use crate::services::keys::{TransferKey, TransferStatusKey, accounts_root, transfers_root};
use crate::services::query::{QueryClient, ToQueryKey, use_query_client};

/// Status of one transfer, for `/transfers/:id`.
#[component]
pub fn TransferStatusPage() -> impl IntoView {
    let params = use_params_map();
    let id = Signal::derive(move || params.read().get("id").unwrap_or_default());
    let details = use_transfer(id);
    let status = use_transfer_status(id);
    refresh_balances_when_settled(status.data);
    let body = move || {
        match (details.data.get(), details.error.get()) {
        (Some(Some(transfer)), _) => view! { <TransferCard transfer status=status.data /> }.into_any(),
        (Some(None), _) => view! {
            <div class="card stack">
                <p>"We could not find this transfer among yours."</p>
                <p><A href="/transfers/history">"See your transfer history"</A></p>
            </div>
        }
        .into_any(),
        (None, Some(error)) => view! { <ErrorPanel error what="this transfer" retry=move || details.refetch.run(()) /> }.into_any(),
        (None, None) => view! { <p class="muted" role="status">"Loading the transfer…"</p> }.into_any(),
    }
    };
    view! {
        <section class="transfer-status stack">
            <PageHeading title="Transfer" />
            {body}
            <nav class="row" aria-label="Next steps">
                <A href="/transfers/new">"Make another transfer"</A>
                <A href="/transfers/history">"Transfer history"</A>
            </nav>
        </section>
    }
}

/// Amount, status (announced politely when it changes), accounts, times and the cancel action.
#[component]
fn TransferCard(transfer: Transfer, status: Signal<Option<TransferStatusInfo>>) -> impl IntoView {
    let accounts = use_accounts();
    let current = {
        let fallback = transfer.status;
        Signal::derive(move || status.with(|s| s.as_ref().map_or(fallback, |info| info.status)))
    };
    let updated = {
        let fallback = transfer.updated_at.clone();
        move || {
            status.with(|s| {
                s.as_ref()
                    .map_or_else(|| fallback.clone(), |i| i.updated_at.clone())
            })
        }
    };
    let reason = {
        let fallback = transfer.reason.clone();
        move || {
            status.with(|s| {
                s.as_ref()
                    .map_or_else(|| fallback.clone(), |i| i.reason.clone())
            })
        }
    };
    let names = move |id: String| {
        move || {
            accounts
                .data
                .with(|list| account_label(&id, list.as_deref().unwrap_or(&[])))
        }
    };
    let (from, to) = (
        names(transfer.from_account_id.clone()),
        names(transfer.to_account_id.clone()),
    );
    view! {
        <div class="card stack transfer-card" data-transfer-id=transfer.id.clone()>
            <p class="transfer-amount"><MoneyText amount=transfer.amount currency=transfer.currency /></p>
            <p role="status" aria-live="polite">
                "Status: "
                <span class=move || format!("badge {}", current.get().as_str())>{move || status_label(current.get())}</span>
                {move || (current.get() == TransferStatus::Pending).then(|| view! { <span class="muted">" — checking every second…"</span> })}
            </p>
            <dl class="summary">
                <dt>"From"</dt><dd>{from}</dd>
                <dt>"To"</dt><dd>{to}</dd>
                <dt>"Fee"</dt><dd><MoneyText amount=transfer.fee currency=transfer.currency /></dd>
                {(!transfer.description.is_empty()).then(|| view! { <dt>"Description"</dt><dd>{transfer.description.clone()}</dd> })}
                <dt>"Created"</dt><dd>{format_timestamp(&transfer.created_at)}</dd>
                {transfer.execute_at.clone().map(|at| view! { <dt>"Runs on"</dt><dd>{format_timestamp(&at)}</dd> })}
                <dt>"Last update"</dt><dd>{move || format_timestamp(&updated())}</dd>
                {move || reason().map(|r| view! { <dt>"Reason"</dt><dd class="transfer-reason">{r}</dd> })}
                <dt>"Reference"</dt><dd><code>{transfer.id.clone()}</code></dd>
            </dl>
            <CancelTransfer id=transfer.id.clone() status=current />
        </div>
    }
}

/// The Cancel button (while cancellable) and its confirmation dialog with a required reason.
#[component]
fn CancelTransfer(id: String, status: Signal<TransferStatus>) -> impl IntoView {
    let services = SendWrapper::new(use_app_services());
    let cache = SendWrapper::new(use_query_client::<ApiError>());
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let on_confirm = Callback::new(move |reason: Option<String>| {
        let (services, cache, id) = ((*services).clone(), (*cache).clone(), id.clone());
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match services
                .transfers
                .cancel_transfer(&id, &reason.unwrap_or_default())
                .await
            {
                Ok(cancelled) => {
                    remember_cancelled(&cache, cancelled);
                    open.set(false);
                }
                Err(refused) => {
                    if !matches!(
                        refused,
                        ApiError::Conflict { .. } | ApiError::Validation { .. }
                    ) {
                        services.report(&refused);
                    }
                    error.set(Some(error_text(&refused)));
                    cache.invalidate_queries(&TransferStatusKey(id).to_query_key());
                }
            }
            busy.set(false);
        });
    });
    let on_cancel = Callback::new(move |()| {
        error.set(None);
        open.set(false);
    });
    view! {
        {move || status.get().is_cancellable().then(|| view! {
            <div class="row form-actions">
                <button type="button" class="button danger" on:click=move |_| open.set(true)>"Cancel transfer"</button>
            </div>
        })}
        <Show when=move || open.get()>
            <ConfirmDialog title="Cancel this transfer?" message="The money stays in your account. This cannot be undone."
                confirm_label="Cancel transfer" dismiss_label="Keep transfer" reason_label="Reason for cancelling"
                danger=true busy=busy error=error on_confirm on_cancel />
        </Show>
    }
}

/// Puts the bank's answer to a cancel into the cache (details and status), then refreshes balances and lists.
fn remember_cancelled(cache: &QueryClient<ApiError>, cancelled: Transfer) {
    let info = TransferStatusInfo {
        transfer_id: cancelled.id.clone(),
        status: cancelled.status,
        updated_at: cancelled.updated_at.clone(),
        reason: cancelled.reason.clone(),
    };
    cache.set_query_data(
        &TransferStatusKey(cancelled.id.clone()).to_query_key(),
        info,
    );
    cache.set_query_data(
        &TransferKey(cancelled.id.clone()).to_query_key(),
        Some(cancelled),
    );
    cache.invalidate_queries(&accounts_root());
    cache.invalidate_queries(&transfers_root().child("history"));
}

/// When the polled status turns terminal, balances and the history are stale: refresh them.
fn refresh_balances_when_settled(status: Signal<Option<TransferStatusInfo>>) {
    let cache = use_query_client::<ApiError>();
    Effect::new(move |was_settled: Option<bool>| {
        let settled = status.with(|s| s.as_ref().is_some_and(|info| info.status.is_terminal()));
        if settled && was_settled == Some(false) {
            cache.invalidate_queries(&accounts_root());
            cache.invalidate_queries(&transfers_root().child("history"));
        }
        settled
    });
}
