//! The transactions table, newest first, one server page at a time: the page shown stays while the next one
//! loads (dimmed, `aria-busy`), with empty, error and loading states.

use digibank_api_types::{Page, Transaction};
use leptos::prelude::*;

use super::account_lookup::blocked_message;
use super::pager::Pager;
use super::transaction_filters::TransactionFilters;
use super::transaction_row::TransactionRow;
use super::use_apply_filters;
use crate::components::ErrorPanel;
use crate::services::http::ApiError;
use crate::services::query::UseQueryReturn;

/// The table and its pager.
#[component]
pub fn TransactionsPanel(
    filters: Signal<TransactionFilters>,
    transactions: UseQueryReturn<Page<Transaction>, ApiError>,
) -> impl IntoView {
    let page_count = Memo::new(move |previous: Option<&u64>| {
        transactions
            .data
            .read()
            .as_ref()
            .map_or(previous.copied().unwrap_or(1), Page::page_count)
    });
    let busy = move || transactions.is_fetching.get();
    let body = move || {
        match (transactions.data.get(), transactions.error.get()) {
        (Some(page), _) if page.items.is_empty() => view! { <EmptyPage filters page /> }.into_any(),
        (Some(page), _) => view! { <TransactionTable items=page.items /> }.into_any(),
        (None, Some(error)) => match blocked_message(&error) {
            Some(message) => view! { <p class="banner error" role="alert">{message}</p> }.into_any(),
            None => view! { <ErrorPanel error what="the transactions" retry=move || transactions.refetch.run(()) /> }.into_any(),
        },
        (None, None) => view! { <TableSkeleton /> }.into_any(),
    }
    };
    view! {
        <div class="transactions-results" class:stale=busy aria-busy=move || busy().to_string()>
            {body}
        </div>
        <p class="muted tx-status" role="status">
            {move || (busy() && transactions.data.read().is_some()).then_some("Loading…")}
        </p>
        <Pager filters page_count=page_count.into() />
    }
}

/// The rows of one page.
#[component]
fn TransactionTable(items: Vec<Transaction>) -> impl IntoView {
    view! {
        <div class="card table-wrap">
            <table class="transactions-table">
                <caption class="visually-hidden">"Transactions, newest first"</caption>
                <thead><tr>
                    <th scope="col">"Date"</th>
                    <th scope="col">"Description"</th>
                    <th scope="col" class="hide-narrow">"Type"</th>
                    <th scope="col" class="num">"Amount"</th>
                    <th scope="col" class="num hide-narrow">"Balance"</th>
                </tr></thead>
                <tbody>{items.into_iter().map(|transaction| view! { <TransactionRow transaction /> }).collect_view()}</tbody>
            </table>
        </div>
    }
}

/// No rows: nothing matches the filters, the page is past the end, or the account has no history.
#[component]
fn EmptyPage(filters: Signal<TransactionFilters>, page: Page<Transaction>) -> impl IntoView {
    let apply = use_apply_filters();
    let current = filters.get_untracked();
    let last_page = u32::try_from(page.page_count()).unwrap_or(1);
    if page.total > 0 && current.page > last_page {
        let back = current.on_page(last_page);
        return view! {
            <div class="card empty-state">
                <p>{format!("There is no page {} — the list has {last_page}.", current.page)}</p>
                <button type="button" class="button" on:click=move |_| apply.run(back.clone())>"Go to the last page"</button>
            </div>
        }
        .into_any();
    }
    if current.is_narrowed() {
        let cleared = TransactionFilters {
            page: 1,
            ..Default::default()
        };
        return view! {
            <div class="card empty-state">
                <p>"No transactions match these filters."</p>
                <button type="button" class="button" on:click=move |_| apply.run(cleared.clone())>"Clear filters"</button>
            </div>
        }
        .into_any();
    }
    view! { <p class="card empty-state">"No transactions on this account yet."</p> }.into_any()
}

/// Placeholder rows while the first page loads.
#[component]
fn TableSkeleton() -> impl IntoView {
    view! {
        <div class="card" aria-hidden="true">
            {(0..6).map(|_| view! { <span class="skeleton tx-skeleton-row">"Nov 20, 2026 · Groceries · -$00.00"</span> }).collect_view()}
        </div>
        <p class="muted" role="status">"Loading transactions…"</p>
    }
}
