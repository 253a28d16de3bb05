//! New transfer screen (placeholder until issue 7 builds the form).

use leptos::prelude::*;

use crate::components::PageHeading;

/// New transfer screen.
#[component]
pub fn NewTransfer() -> impl IntoView {
    view! {
        <section class="new_transfer">
            <PageHeading title="New transfer" />
            <p class="banner warning" role="note">"This screen is not built yet (issue 7). Use the dashboard and the transfer history meanwhile."</p>
        </section>
    }
}
