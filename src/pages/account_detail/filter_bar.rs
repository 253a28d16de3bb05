//! Search (debounced: typing a word sends one request, 300 ms after the last key; Enter sends at once), date
//! range and kind of the transaction list. Every change goes to the URL; the list follows the URL.

use chrono::NaiveDate;
use digibank_api_types::TransactionType;
use leptos::prelude::*;

use super::transaction_filters::{MAX_SEARCH_LEN, TransactionFilters};
use super::use_apply_filters;
use crate::app::hooks::use_debounced;
use crate::pages::calendar_day::{format_day, parse_day};

/// Message for a date range that ends before it starts.
const INVERTED_RANGE: &str = "The start date must not be after the end date.";

/// The filter form.
#[component]
pub fn FilterBar(filters: Signal<TransactionFilters>) -> impl IntoView {
    let apply = use_apply_filters();
    let text = RwSignal::new(filters.read_untracked().q.clone().unwrap_or_default());
    let search = use_debounced(Signal::<String>::from(text));
    Effect::watch(
        move || search.value.get(),
        move |typed, _, _| {
            let current = filters.get_untracked();
            let next = current.searching(typed);
            if next.q != current.q {
                apply.run(next);
            }
        },
        false,
    );
    // The URL changed by other means (clear, back): show its search text unless the customer is typing.
    Effect::watch(
        move || filters.read().q.clone(),
        move |q, _, _| {
            let shown = TransactionFilters::default()
                .searching(&text.get_untracked())
                .q;
            if !search.is_pending.get_untracked() && shown != *q {
                text.set(q.clone().unwrap_or_default());
            }
        },
        false,
    );
    let range_error = RwSignal::new(None::<&'static str>);
    let set_range = move |from: Option<NaiveDate>, to: Option<NaiveDate>| {
        if matches!((from, to), (Some(from), Some(to)) if from > to) {
            range_error.set(Some(INVERTED_RANGE));
            return;
        }
        range_error.set(None);
        apply.run(TransactionFilters {
            from,
            to,
            page: 1,
            ..filters.get_untracked()
        });
    };
    let on_kind = move |ev| {
        let value = event_target_value(&ev);
        let kind = TransactionType::ALL
            .into_iter()
            .find(|k| k.as_str() == value);
        apply.run(TransactionFilters {
            kind,
            page: 1,
            ..filters.get_untracked()
        });
    };
    let clear = move |_| {
        search.cancel.run(());
        text.set(String::new());
        range_error.set(None);
        apply.run(TransactionFilters {
            page: 1,
            ..Default::default()
        });
    };
    let day_value = |day: Option<NaiveDate>| day.map(format_day).unwrap_or_default();
    view! {
        <form class="filter-bar card" role="search" aria-label="Filter transactions"
            on:submit=move |ev| { ev.prevent_default(); search.flush.run(()); }>
            <div class="field filter-search">
                <label for="tx-search">"Search"</label>
                <input id="tx-search" type="search" autocomplete="off" maxlength=MAX_SEARCH_LEN.to_string()
                    aria-describedby="tx-search-hint" prop:value=text
                    on:input=move |ev| text.set(event_target_value(&ev)) />
                <p id="tx-search-hint" class="field-hint">"Description or counterparty"</p>
            </div>
            <div class="field">
                <label for="tx-from">"From"</label>
                <input id="tx-from" type="date" prop:value=move || day_value(filters.read().from)
                    aria-invalid=move || range_error.get().is_some().to_string()
                    aria-describedby=move || range_error.get().map(|_| "tx-range-error")
                    on:change=move |ev| set_range(parse_day(&event_target_value(&ev)), filters.read_untracked().to) />
            </div>
            <div class="field">
                <label for="tx-to">"To"</label>
                <input id="tx-to" type="date" prop:value=move || day_value(filters.read().to)
                    aria-invalid=move || range_error.get().is_some().to_string()
                    aria-describedby=move || range_error.get().map(|_| "tx-range-error")
                    on:change=move |ev| set_range(filters.read_untracked().from, parse_day(&event_target_value(&ev))) />
            </div>
            <div class="field">
                <label for="tx-type">"Type"</label>
                <select id="tx-type" on:change=on_kind>
                    <option value="" prop:selected=move || filters.read().kind.is_none()>"All types"</option>
                    {TransactionType::ALL.map(|k| view! {
                        <option value=k.as_str() prop:selected=move || filters.read().kind == Some(k)>{type_label(k)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="filter-actions">
                <button type="button" class="button" on:click=clear
                    disabled=move || !filters.read().is_narrowed() && text.read().is_empty()>"Clear filters"</button>
            </div>
            {move || range_error.get().map(|message| view! { <p id="tx-range-error" class="field-error filter-error" role="alert">{message}</p> })}
        </form>
    }
}

/// How a kind reads in the type filter.
fn type_label(kind: TransactionType) -> &'static str {
    match kind {
        TransactionType::Card => "Card payments",
        TransactionType::Transfer => "Transfers",
        TransactionType::Deposit => "Deposits",
        TransactionType::Withdrawal => "Withdrawals",
        TransactionType::Fee => "Fees",
        TransactionType::Interest => "Interest",
    }
}
