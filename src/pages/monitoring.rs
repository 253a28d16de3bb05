//! Monitoring screen.

use leptos::prelude::*;

use crate::components::PageHeading;

/// Monitoring screen.
#[component]
pub fn Monitoring() -> impl IntoView {
    view! {
        <section class="monitoring">
            <PageHeading title="Monitoring" />
            <p class="muted">"Request counts, failures and latency of this browser's API calls."</p>
        </section>
    }
}
