//! `/transfers/history`: the customer's transfers, paginated and filterable by status, with cancel for pending
//! and scheduled ones.

use digibank_api_types::{Transfer, TransferHistoryQuery, TransferStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::app::context::use_app_services;
use crate::app::hooks::use_transfer_history;
use crate::components::{ErrorPanel, MoneyText, PageHeading};
use crate::services::http::ApiError;
use crate::services::keys::transfers_root;
use crate::services::query::use_query_client;

/// Statuses offered in the filter.
const STATUSES: [TransferStatus; 5] = [
    TransferStatus::Pending,
    TransferStatus::Scheduled,
    TransferStatus::Completed,
    TransferStatus::Failed,
    TransferStatus::Cancelled,
];

/// The transfer history page.
#[component]
pub fn TransferHistory() -> impl IntoView {
    let page = RwSignal::new(1u32);
    let status = RwSignal::new(None::<TransferStatus>);
    let query = Signal::derive(move || TransferHistoryQuery {
        page: Some(page.get()),
        status: status.get(),
        ..Default::default()
    });
    let history = use_transfer_history(query);
    let on_status = move |ev| {
        let value = event_target_value(&ev);
        status.set(STATUSES.into_iter().find(|s| s.as_str() == value));
        page.set(1);
    };
    let body = move || {
        match (history.data.get(), history.error.get()) {
        (Some(list), _) if list.items.is_empty() => view! { <p class="card">"No transfers match."</p> }.into_any(),
        (Some(list), _) => {
            let pages = list.page_count();
            view! {
                <div class="card table-wrap">
                    <table>
                        <thead><tr><th>"Date"</th><th>"To"</th><th>"Description"</th><th class="num">"Amount"</th><th>"Status"</th><th></th></tr></thead>
                        <tbody>{list.items.into_iter().map(|t| view! { <TransferRow transfer=t /> }).collect_view()}</tbody>
                    </table>
                </div>
                <nav class="row" aria-label="Pages">
                    <button type="button" class="button" disabled=move || page.get() <= 1 on:click=move |_| page.update(|p| *p -= 1)>"Previous"</button>
                    <span class="muted">{move || format!("Page {} of {pages}", page.get())}</span>
                    <button type="button" class="button" disabled=move || u64::from(page.get()) >= pages on:click=move |_| page.update(|p| *p += 1)>"Next"</button>
                </nav>
            }
            .into_any()
        }
        (None, Some(error)) => view! { <ErrorPanel error what="your transfers" retry=move || history.refetch.run(()) /> }.into_any(),
        (None, None) => view! { <p class="muted" role="status">"Loading transfers…"</p> }.into_any(),
    }
    };
    view! {
        <section class="transfer-history stack">
            <PageHeading title="Transfer history" />
            <div class="field">
                <label for="status-filter">"Status"</label>
                <select id="status-filter" on:change=on_status>
                    <option value="">"All"</option>
                    {STATUSES.map(|s| view! { <option value=s.as_str()>{s.as_str()}</option> }).collect_view()}
                </select>
            </div>
            {body}
        </section>
    }
}

/// One transfer, with a cancel button while it can still be cancelled.
#[component]
fn TransferRow(transfer: Transfer) -> impl IntoView {
    let cancellable = transfer.status.is_cancellable();
    let id = transfer.id.clone();
    let date = transfer
        .execute_at
        .clone()
        .unwrap_or_else(|| transfer.created_at.clone());
    view! {
        <tr data-transfer-id=transfer.id.clone()>
            <td>{date.get(..10).unwrap_or_default().to_owned()}</td>
            <td>{transfer.to_account_id}</td>
            <td>{transfer.description}</td>
            <td class="num"><MoneyText amount=transfer.amount.negated() currency=transfer.currency /></td>
            <td><span class=format!("badge {}", transfer.status.as_str())>{transfer.status.as_str()}</span></td>
            <td>{cancellable.then(|| view! { <CancelButton id=id.clone() /> })}</td>
        </tr>
    }
}

/// Cancels one transfer after confirmation, then refreshes transfers and accounts.
#[component]
fn CancelButton(id: String) -> impl IntoView {
    let services = use_app_services();
    let cache = send_wrapper::SendWrapper::new(use_query_client::<ApiError>());
    let busy = RwSignal::new(false);
    let cancel = move |_| {
        if !confirm("Cancel this transfer?") {
            return;
        }
        let (services, id, cache) = (services.clone(), id.clone(), cache.clone());
        busy.set(true);
        spawn_local(async move {
            match services
                .transfers
                .cancel_transfer(&id, "Cancelled by the customer")
                .await
            {
                Ok(_) => {
                    cache.invalidate_queries(&transfers_root());
                }
                Err(error) => services.report(&error),
            }
            busy.set(false);
        });
    };
    view! { <button type="button" class="button danger" disabled=move || busy.get() on:click=cancel>"Cancel"</button> }
}

/// Asks the customer to confirm (always yes outside a browser).
fn confirm(question: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    return web_sys::window()
        .and_then(|w| w.confirm_with_message(question).ok())
        .unwrap_or(false);
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = question;
        true
    }
}
