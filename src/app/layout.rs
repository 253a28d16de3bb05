//! The page frame: skip link, header with the main navigation, the page, and the toast region.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::components::ToastRegion;

/// Header, main navigation, the routed page and the aria-live toast region.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Skip to content"</a>
        <header class="topbar">
            <A href="/" attr:class="brand">
                <span class="brand-mark" aria-hidden="true">"◆"</span>
                "digibank"
            </A>
            <nav aria-label="Main" class="mainnav">
                <A href="/" exact=true>"Dashboard"</A>
                <A href="/transfers/new">"New transfer"</A>
                <A href="/transfers/history">"History"</A>
                <A href="/monitoring">"Monitoring"</A>
            </nav>
        </header>
        <main id="main" class="page" tabindex="-1">
            {children()}
        </main>
        <ToastRegion />
    }
}
