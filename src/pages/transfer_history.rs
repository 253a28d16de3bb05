//! `/transfers/history`: the customer's transfers, paginated and filterable by status and creation date, with
//! cancel (confirmed in a dialog, with a reason) for pending and scheduled ones.

use digibank_api_types::{Account, Money, Transfer, TransferHistoryQuery, TransferStatus};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;

use crate::app::context::use_app_services;
use crate::app::hooks::{use_accounts, use_transfer_history};
use crate::components::{ConfirmDialog, ErrorPanel, LOCALE, MoneyText, PageHeading, error_text};
use crate::pages::transfer_text::{account_label, status_label};
use crate::services::http::ApiError;
use crate::services::keys::{accounts_root, transfers_root};
use crate::services::query::use_query_client;

/// Statuses offered in the filter.
const STATUSES: [TransferStatus; 5] = [
    TransferStatus::Pending,
    TransferStatus::Scheduled,
    TransferStatus::Completed,
    TransferStatus::Failed,
    TransferStatus::Cancelled,
];

/// The filter as the inputs hold it.
#[derive(Clone, Copy)]
struct Filter {
    /// Page number, from 1.
    page: RwSignal<u32>,
    /// Only this status.
    status: RwSignal<Option<TransferStatus>>,
    /// Created on or after (`YYYY-MM-DD`, empty for any).
    from: RwSignal<String>,
    /// Created on or before (`YYYY-MM-DD`, empty for any).
    to: RwSignal<String>,
}

impl Filter {
    /// The history request for the filter.
    fn query(&self) -> TransferHistoryQuery {
        let day = |text: String| (!text.trim().is_empty()).then(|| text.trim().to_owned());
        TransferHistoryQuery {
            page: Some(self.page.get()),
            status: self.status.get(),
            from: day(self.from.get()),
            to: day(self.to.get()),
            ..Default::default()
        }
    }
}

/// The transfer history page.
#[component]
pub fn TransferHistory() -> impl IntoView {
    let filter = Filter {
        page: RwSignal::new(1),
        status: RwSignal::new(None),
        from: RwSignal::new(String::new()),
        to: RwSignal::new(String::new()),
    };
    let history = use_transfer_history(Signal::derive(move || filter.query()));
    let accounts = use_accounts();
    let names = Signal::derive(move || accounts.data.get().unwrap_or_default());
    let cancelling = RwSignal::new(None::<Transfer>);
    let body = move || {
        match (history.data.get(), history.error.get()) {
        (Some(list), _) if list.items.is_empty() => view! { <p class="card">"No transfers match."</p> }.into_any(),
        (Some(list), _) => {
            let pages = list.page_count();
            let page = filter.page;
            view! {
                <div class="card table-wrap">
                    <table>
                        <caption class="visually-hidden">"Your transfers, newest first"</caption>
                        <thead><tr><th>"Date"</th><th>"To"</th><th>"Description"</th><th class="num">"Amount"</th><th>"Status"</th><th><span class="visually-hidden">"Actions"</span></th></tr></thead>
                        <tbody>{list.items.into_iter().map(|t| view! { <TransferRow transfer=t names cancelling /> }).collect_view()}</tbody>
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
            <Filters filter />
            {body}
            <CancelDialog cancelling names />
        </section>
    }
}

/// Status and date filters; any change goes back to page 1.
#[component]
fn Filters(filter: Filter) -> impl IntoView {
    let on_status = move |ev| {
        let value = event_target_value(&ev);
        filter
            .status
            .set(STATUSES.into_iter().find(|s| s.as_str() == value));
        filter.page.set(1);
    };
    let on_date = move |target: RwSignal<String>| {
        move |ev| {
            target.set(event_target_value(&ev));
            filter.page.set(1);
        }
    };
    view! {
        <div class="row history-filters" role="group" aria-label="Filter transfers">
            <div class="field">
                <label for="status-filter">"Status"</label>
                <select id="status-filter" on:change=on_status>
                    <option value="">"All"</option>
                    {STATUSES.map(|s| view! { <option value=s.as_str()>{status_label(s)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="from-filter">"From date"</label>
                <input id="from-filter" type="date" prop:value=move || filter.from.get() on:change=on_date(filter.from) />
            </div>
            <div class="field">
                <label for="to-filter">"To date"</label>
                <input id="to-filter" type="date" prop:value=move || filter.to.get() on:change=on_date(filter.to) />
            </div>
        </div>
    }
}

/// One transfer, with a cancel button while it can still be cancelled.
#[component]
fn TransferRow(
    transfer: Transfer,
    names: Signal<Vec<Account>>,
    cancelling: RwSignal<Option<Transfer>>,
) -> impl IntoView {
    let date = transfer
        .execute_at
        .clone()
        .unwrap_or_else(|| transfer.created_at.clone());
    let to = {
        let id = transfer.to_account_id.clone();
        move || names.with(|list| account_label(&id, list))
    };
    let href = format!("/transfers/{}", transfer.id);
    let cancel = transfer.status.is_cancellable().then(|| {
        let transfer = transfer.clone();
        view! { <button type="button" class="button danger" on:click=move |_| cancelling.set(Some(transfer.clone()))>"Cancel"</button> }
    });
    view! {
        <tr data-transfer-id=transfer.id.clone() data-status=transfer.status.as_str()>
            <td><a href=href>{date.get(..10).unwrap_or_default().to_owned()}</a></td>
            <td>{to}</td>
            <td>{transfer.description.clone()}</td>
            <td class="num"><MoneyText amount=transfer.amount.negated() currency=transfer.currency /></td>
            <td><span class=format!("badge {}", transfer.status.as_str())>{status_label(transfer.status)}</span></td>
            <td>{cancel}</td>
        </tr>
    }
}

/// The confirmation for the transfer in `cancelling`; on success the lists and balances are refreshed.
#[component]
fn CancelDialog(
    cancelling: RwSignal<Option<Transfer>>,
    names: Signal<Vec<Account>>,
) -> impl IntoView {
    let services = SendWrapper::new(use_app_services());
    let cache = SendWrapper::new(use_query_client::<ApiError>());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let on_confirm = Callback::new(move |reason: Option<String>| {
        let Some(transfer) = cancelling.get_untracked() else {
            return;
        };
        let (services, cache) = ((*services).clone(), (*cache).clone());
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let outcome = services
                .transfers
                .cancel_transfer(&transfer.id, &reason.unwrap_or_default())
                .await;
            busy.set(false);
            match outcome {
                Ok(_) => cancelling.set(None),
                Err(refused) => {
                    if !matches!(
                        refused,
                        ApiError::Conflict { .. } | ApiError::Validation { .. }
                    ) {
                        services.report(&refused);
                    }
                    error.set(Some(error_text(&refused)));
                }
            }
            cache.invalidate_queries(&transfers_root());
            cache.invalidate_queries(&accounts_root());
        });
    });
    let on_cancel = Callback::new(move |()| {
        error.set(None);
        cancelling.set(None);
    });
    let message = move || {
        cancelling.with(|t| {
            t.as_ref().map(|t| {
                let amount = Money::new(t.amount, t.currency).format(LOCALE);
                let to = names.with(|list| account_label(&t.to_account_id, list));
                format!("{amount} to {to} will not be sent. This cannot be undone.")
            })
        })
    };
    view! {
        <Show when=move || cancelling.with(Option::is_some)>
            <ConfirmDialog title="Cancel this transfer?" message=message().unwrap_or_default()
                confirm_label="Cancel transfer" dismiss_label="Keep transfer" reason_label="Reason for cancelling"
                danger=true busy=busy error=error on_confirm on_cancel />
        </Show>
    }
}
