//! The aria-live region where notifications appear as toasts.

use leptos::prelude::*;

/// The polite live region toasts are rendered into.
#[component]
pub fn ToastRegion() -> impl IntoView {
    view! { <section class="toasts" role="status" aria-live="polite" aria-label="Notifications"></section> }
}
