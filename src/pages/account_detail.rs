//! Account detail screen (placeholder until issue 7 builds it).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::PageHeading;

/// Account detail screen for `/accounts/:id`.
#[component]
pub fn AccountDetail() -> impl IntoView {
    let params = use_params_map();
    let account_id = move || params.read().get("id").unwrap_or_default();
    view! {
        <section class="account-detail">
            <PageHeading title="Account" />
            <p class="muted">"Account " {account_id}</p>
            <p class="banner warning" role="note">"This screen is not built yet (issue 7). Use the dashboard and the transfer history meanwhile."</p>
        </section>
    }
}
