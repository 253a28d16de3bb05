//! The page frame: skip link, header with the main navigation and the live-updates dot, system alert banners,
//! the page, and the toast region.

use leptos::prelude::*;
use leptos_router::components::A;

use crate::app::auth_context::AuthHandle;
use crate::app::offline::{OfflineBanner, UpdateBanner};
use crate::components::{ConnectionStatus, SystemAlerts, ToastRegion};
use crate::services::auth::AuthEvent;

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
            <ConnectionStatus />
            <UserMenu />
        </header>
        <SystemAlerts />
        <UpdateBanner />
        <main id="main" class="page" tabindex="-1">
            <OfflineBanner />
            {children()}
        </main>
        <ToastRegion />
    }
}

/// The signed-in customer's name and a sign-out button (nothing when signed out); re-read on every navigation
/// and when the profile arrives after start-up.
#[component]
fn UserMenu() -> impl IntoView {
    let handle = use_context::<AuthHandle>();
    let location = leptos_router::hooks::use_location();
    let profile = ArcTrigger::new();
    if let Some(handle) = &handle {
        let loaded = profile.clone();
        let subscription = handle.0.subscribe(move |event| {
            if *event == AuthEvent::UserLoaded {
                loaded.notify();
            }
        });
        let subscription = send_wrapper::SendWrapper::new(subscription);
        on_cleanup(move || drop(subscription));
    }
    // A memo, so the name and button are rendered again only when the name changes (not on every navigation:
    // a re-rendered button would lose keyboard focus and a click aimed at it).
    let auth = handle.clone();
    let name = Memo::new(move |_| {
        location.pathname.track();
        profile.track();
        let user = auth.as_ref()?.0.get_user()?;
        Some(user.display_name().to_string())
    });
    move || {
        let name = name.get()?;
        let auth = send_wrapper::SendWrapper::new((*handle.clone()?.0).clone());
        let sign_out = move |_| {
            let auth = (*auth).clone();
            leptos::task::spawn_local(async move { sign_out(&auth).await });
        };
        Some(view! {
            <div class="topbar-end">
                <span class="muted user-name">{name}</span>
                <button type="button" class="button" on:click=sign_out>"Sign out"</button>
            </div>
        })
    }
}

/// Signs out everywhere and leaves through the provider's end-session page (browser only).
async fn sign_out(auth: &crate::services::auth::AuthService) {
    #[cfg(target_arch = "wasm32")]
    if crate::services::auth::browser::sign_out(auth)
        .await
        .is_err()
    {
        let _ = crate::services::auth::browser::navigate("/login");
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = auth;
}
