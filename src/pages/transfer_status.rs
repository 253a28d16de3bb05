//! Transfer status screen (placeholder until issue 7 builds it).

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::PageHeading;

/// Status of one transfer, for `/transfers/:id`.
#[component]
pub fn TransferStatusPage() -> impl IntoView {
    let params = use_params_map();
    let transfer_id = move || params.read().get("id").unwrap_or_default();
    view! {
        <section class="transfer-status">
            <PageHeading title="Transfer" />
            <p class="muted">"Transfer " {transfer_id}</p>
            <p class="banner warning" role="note">"This screen is not built yet (issue 7). Use the dashboard and the transfer history meanwhile."</p>
        </section>
    }
}
