//! Transfer history screen.

use leptos::prelude::*;

use crate::components::PageHeading;

/// Transfer history screen.
#[component]
pub fn TransferHistory() -> impl IntoView {
    view! {
        <section class="transfer_history">
            <PageHeading title="Transfer history" />
            <p class="muted">"Your past, pending and scheduled transfers."</p>
        </section>
    }
}
