//! The root component: starts the app (config, sign-in), then shows the routed shell or a clear start-up error.

use leptos::prelude::*;

use crate::app::boot::{Boot, StartupError, boot};
use crate::app::{AppRoutes, Layout};

/// The whole app: start-up screen, then the routed shell with its services in context.
#[component]
pub fn App() -> impl IntoView {
    let started = LocalResource::new(boot);
    view! {
        <div id="app">
            {move || match started.get() {
                None | Some(Ok(None)) => view! { <StartupLoading /> }.into_any(),
                Some(Ok(Some(boot))) => view! { <Shell boot /> }.into_any(),
                Some(Err(error)) => view! { <StartupErrorPage error retry=move || started.refetch() /> }.into_any(),
            }}
        </div>
    }
}

/// The routed app once start-up succeeded.
#[component]
fn Shell(boot: Boot) -> impl IntoView {
    provide_browser_services(&boot);
    provide_context(boot.config.clone());
    view! {
        <leptos_router::components::Router>
            <Layout>
                <AppRoutes />
            </Layout>
        </leptos_router::components::Router>
    }
}

/// Shown while the app starts.
#[component]
fn StartupLoading() -> impl IntoView {
    view! {
        <div class="startup" role="status" aria-live="polite">
            <div class="spinner" aria-hidden="true"></div>
            <p>"Starting digibank…"</p>
        </div>
    }
}

/// A clear start-up error page with a retry, instead of a blank screen.
#[component]
fn StartupErrorPage(error: StartupError, retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <main class="startup startup-error" role="alert">
            <h1>"digibank could not start"</h1>
            <p class="startup-error-detail">{error.0}</p>
            <p>"The app's configuration is missing or broken, or a service it needs is unreachable. Please try again; if it keeps happening, contact support."</p>
            <button type="button" class="button primary" on:click=move |_| retry()>"Try again"</button>
        </main>
    }
}

/// Builds the API client (with the sign-in service as its token source), the services and the query cache,
/// puts them in context, and ties sign-out and session expiry to the cache and the sign-in page.
#[cfg(target_arch = "wasm32")]
fn provide_browser_services(boot: &Boot) {
    use std::sync::Arc;

    use send_wrapper::SendWrapper;

    use crate::app::auth_context::AuthHandle;
    use crate::app::context::{AppServices, provide_app_services};
    use crate::app::offline::{OfflineContext, ServiceWorkerLink};
    use crate::services::auth::{ApiTokenSource, AuthEvent, LogoutReason, browser, login_path};
    use crate::services::errors::Level;
    use crate::services::http::{
        ApiClientBuilder, ApiError, BrowserClock, DocumentCookies, FetchTransport,
    };
    use crate::services::query::{QueryClient, connect_browser_events, provide_query_client};

    let auth = boot.auth.service().clone();
    let clock = Arc::new(BrowserClock);
    let client = ApiClientBuilder::new(
        boot.config.api_base_url.clone(),
        Arc::new(FetchTransport::new()),
        clock.clone(),
    )
    .csrf_cookies(Arc::new(DocumentCookies))
    .token_source(Arc::new(ApiTokenSource::new(auth.token_manager().clone())))
    .build();
    let services = AppServices::new(client.clone(), clock);
    let queries = QueryClient::<ApiError>::browser();

    let expired_auth = SendWrapper::new(auth.clone());
    let expired = client.on_session_expired(move |_| {
        expired_auth.logout_locally(LogoutReason::SessionExpired);
        let here = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default();
        let _ = browser::navigate(&login_path(&here));
    });
    let offline = OfflineContext::new();
    let worker = ServiceWorkerLink::start(&offline.store, &queries);
    if worker.is_none() {
        browser::when_idle(|| {
            wasm_bindgen_futures::spawn_local(crate::app::routes::prefetch_screens())
        });
    }
    let registration = worker
        .as_ref()
        .and_then(|link| link.register_when_signed_in(&offline.store, &auth));
    let offline = match &worker {
        Some(link) => {
            link.install_interceptor(&client, &offline.store, &auth);
            let link = link.clone();
            offline.with_update(move || link.apply_update())
        }
        None => offline,
    };
    let cache = queries.clone();
    let offline_store = offline.store.clone();
    let on_logout = auth.on_logout(move |_| {
        cache.clear();
        if let Some(link) = &worker {
            link.purge_on_logout(&offline_store);
        }
    });
    let notices = services.notifications.clone();
    let on_event = auth.subscribe(move |event| {
        if let AuthEvent::ExpiresSoon { seconds_left } = event {
            notices.push(
                Level::Warning,
                format!(
                    "Your session ends in {} seconds. Save your work.",
                    seconds_left
                ),
            );
        }
    });
    let events = SendWrapper::new((
        connect_browser_events(&queries),
        on_logout,
        on_event,
        expired,
        registration,
        boot.auth.clone(),
    ));
    on_cleanup(move || drop(events));

    // A signed-in customer opening the dashboard: its request leaves now, not once the shell has rendered.
    let here = web_sys::window().and_then(|w| w.location().pathname().ok());
    if here.as_deref() == Some("/") && auth.is_authenticated() {
        crate::app::hooks::prefetch_accounts(&queries, &services.accounts);
    }
    crate::app::live_updates::provide_live_updates(
        &boot.config,
        &auth,
        &queries,
        &services.notifications,
    );
    provide_context(AuthHandle(SendWrapper::new(auth)));
    provide_context(offline);
    provide_app_services(services);
    provide_query_client(queries);
}

/// Outside a browser there is nothing to talk to.
#[cfg(not(target_arch = "wasm32"))]
fn provide_browser_services(_boot: &Boot) {}
