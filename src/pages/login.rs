//! Sign in screen.

use leptos::prelude::*;

use crate::components::PageHeading;

/// Sign in screen.
#[component]
pub fn Login() -> impl IntoView {
    view! {
        <section class="login">
            <PageHeading title="Sign in" />
            <p class="muted">"Sign in with your digibank identity."</p>
        </section>
    }
}
