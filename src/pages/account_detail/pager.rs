//! Previous / Next through the pages of transactions, with "Page X of Y". It stays mounted while pages load, so
//! keyboard focus stays on the button that was pressed.

use leptos::prelude::*;

use super::transaction_filters::TransactionFilters;
use super::use_apply_filters;

/// The pager; `page_count` is the last known number of pages (kept while the next page loads).
#[component]
pub fn Pager(filters: Signal<TransactionFilters>, page_count: Signal<u64>) -> impl IntoView {
    let apply = use_apply_filters();
    let page = move || filters.read().page;
    let go = move |page: u32| apply.run(filters.get_untracked().on_page(page));
    let at_first = move || page() <= 1;
    let at_last = move || u64::from(page()) >= page_count.get();
    view! {
        <nav class="row pager" aria-label="Transaction pages">
            <button type="button" class="button" disabled=at_first
                on:click=move |_| go(page().saturating_sub(1))>"Previous"</button>
            <span class="muted pager-position" aria-live="polite">
                {move || format!("Page {} of {}", page(), page_count.get())}
            </span>
            <button type="button" class="button" disabled=at_last
                on:click=move |_| go(page().saturating_add(1))>"Next"</button>
        </nav>
    }
}
