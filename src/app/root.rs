//! The root component: loads config.json, then shows the app or a clear start-up error.

use leptos::prelude::*;

use crate::app::{AppRoutes, Layout};
use crate::config::{AppConfig, ConfigError};

/// The whole app: start-up screen, then the routed shell with the config in context.
#[component]
pub fn App() -> impl IntoView {
    let config = LocalResource::new(load_config);
    view! {
        <div id="app">
            {move || match config.get() {
                None => view! { <StartupLoading /> }.into_any(),
                Some(Ok(config)) => view! { <Shell config /> }.into_any(),
                Some(Err(error)) => view! { <StartupError error retry=move || config.refetch() /> }.into_any(),
            }}
        </div>
    }
}

/// Loads the runtime configuration (always an error outside a browser).
async fn load_config() -> Result<AppConfig, ConfigError> {
    #[cfg(target_arch = "wasm32")]
    return crate::config::load().await;
    #[cfg(not(target_arch = "wasm32"))]
    Err(ConfigError::Unreachable("not running in a browser".into()))
}

/// The routed app once the configuration is known: services, query cache and browser events in context.
#[component]
fn Shell(config: AppConfig) -> impl IntoView {
    provide_browser_services(&config);
    provide_context(config);
    view! {
        <leptos_router::components::Router>
            <Layout>
                <AppRoutes />
            </Layout>
        </leptos_router::components::Router>
    }
}

/// Shown while config.json loads.
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
fn StartupError(error: ConfigError, retry: impl Fn() + 'static) -> impl IntoView {
    view! {
        <main class="startup startup-error" role="alert">
            <h1>"digibank could not start"</h1>
            <p class="startup-error-detail">{error.to_string()}</p>
            <p>"The app's configuration file is missing or broken. Please try again; if it keeps happening, contact support."</p>
            <button type="button" class="button primary" on:click=move |_| retry()>"Try again"</button>
        </main>
    }
}

/// Builds the browser's API client, services and query cache from `config` and puts them in context.
#[cfg(target_arch = "wasm32")]
fn provide_browser_services(config: &AppConfig) {
    use std::sync::Arc;

    use crate::app::context::{AppServices, provide_app_services};
    use crate::services::http::{
        ApiClientBuilder, ApiError, BrowserClock, DocumentCookies, FetchTransport,
    };
    use crate::services::query::{QueryClient, connect_browser_events, provide_query_client};

    let clock = Arc::new(BrowserClock);
    let client = ApiClientBuilder::new(
        config.api_base_url.clone(),
        Arc::new(FetchTransport::new()),
        clock.clone(),
    )
    .csrf_cookies(Arc::new(DocumentCookies))
    .build();
    provide_app_services(AppServices::new(client, clock));
    let queries = QueryClient::<ApiError>::browser();
    let events = send_wrapper::SendWrapper::new(connect_browser_events(&queries));
    on_cleanup(move || drop(events));
    provide_query_client(queries);
}

/// Outside a browser there is nothing to talk to.
#[cfg(not(target_arch = "wasm32"))]
fn provide_browser_services(_config: &AppConfig) {}
