//! New transfer screen.

use leptos::prelude::*;

use crate::components::PageHeading;

/// New transfer screen.
#[component]
pub fn NewTransfer() -> impl IntoView {
    view! {
        <section class="new_transfer">
            <PageHeading title="New transfer" />
            <p class="muted">"Move money between your accounts or to another bank."</p>
        </section>
    }
}
