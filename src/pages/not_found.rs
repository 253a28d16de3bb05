//! The 404 page.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::PageHeading;

/// Shown for any path the router does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="not-found">
            <PageHeading title="Page not found" />
            <p>"There is nothing at this address. It may have moved, or the link may be mistyped."</p>
            <p><A href="/" attr:class="button primary">"Go to your accounts"</A></p>
        </section>
    }
}
