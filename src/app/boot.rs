//! Start-up before the first screen: the runtime configuration, the sign-in service, and (memory mode)
//! the session restored through the provider.

use std::rc::Rc;

use crate::config::AppConfig;

/// What the shell needs once start-up succeeded.
#[derive(Clone)]
pub struct Boot {
    /// The validated configuration.
    pub config: AppConfig,
    /// The page's sign-in service and its background renewal (kept alive for the page's lifetime).
    #[cfg(target_arch = "wasm32")]
    pub auth: Rc<crate::services::auth::BrowserAuth>,
    #[cfg(not(target_arch = "wasm32"))]
    _page: Rc<()>,
}

/// Why the app could not start, as a sentence for the start-up error page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StartupError(pub String);

/// Loads config.json, starts the sign-in service and restores the session; `Ok(None)` means the page is
/// navigating away (a `prompt=none` round trip to the provider).
#[cfg(target_arch = "wasm32")]
pub async fn boot() -> Result<Option<Boot>, StartupError> {
    use crate::services::auth::{BrowserAuth, CALLBACK_PATH, SessionRestore, browser};

    let config = crate::config::load()
        .await
        .map_err(|e| StartupError(e.to_string()))?;
    let auth = BrowserAuth::start(&config)
        .map_err(|e| StartupError(format!("sign-in could not start: {e}")))?;
    let location = web_sys::window().map(|w| w.location());
    let path = location
        .as_ref()
        .and_then(|l| l.pathname().ok())
        .unwrap_or_default();
    let search = location
        .as_ref()
        .and_then(|l| l.search().ok())
        .unwrap_or_default();
    if path != CALLBACK_PATH {
        // A provider that cannot be reached leaves the customer signed out (the sign-in page says why), not stuck.
        if let Ok(SessionRestore::Redirect(url)) = auth
            .service()
            .restore_session(&format!("{path}{search}"))
            .await
            && browser::navigate(&url).is_ok()
        {
            return Ok(None);
        }
    }
    // Valid tokens start the dashboard without the provider; discover it (and load a profile the session
    // does not carry) once the browser is idle, so a later renewal or sign-out does not wait for it.
    let service = auth.service().clone();
    browser::when_idle(move || {
        wasm_bindgen_futures::spawn_local(async move {
            service.load_profile().await;
            service.prefetch_provider().await;
        })
    });
    Ok(Some(Boot {
        config,
        auth: Rc::new(auth),
    }))
}

/// Outside a browser there is no page to start.
#[cfg(not(target_arch = "wasm32"))]
pub async fn boot() -> Result<Option<Boot>, StartupError> {
    Err(StartupError("digibank runs in a browser".into()))
}
