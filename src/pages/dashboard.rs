//! Your accounts screen.

use leptos::prelude::*;

use crate::components::PageHeading;

/// Your accounts screen.
#[component]
pub fn Dashboard() -> impl IntoView {
    view! {
        <section class="dashboard">
            <PageHeading title="Your accounts" />
            <p class="muted">"Balances of all your accounts appear here once you are signed in."</p>
        </section>
    }
}
