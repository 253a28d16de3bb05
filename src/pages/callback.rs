//! Signing you in screen.

use leptos::prelude::*;

use crate::components::PageHeading;

/// Signing you in screen.
#[component]
pub fn Callback() -> impl IntoView {
    view! {
        <section class="callback">
            <PageHeading title="Signing you in" />
            <p class="muted">"Completing sign-in…"</p>
        </section>
    }
}
