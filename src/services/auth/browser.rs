//! Browser shell: the auth service wired to this page (fetch, Web Storage, Web Locks, BroadcastChannel,
//! timers), and the few navigation calls the sign-in pages need.

use std::rc::Rc;
use std::sync::Arc;

use crate::config::AppConfig;
use crate::services::http::DocumentCookies;

use super::{
    AuthConfig, AuthDeps, AuthError, AuthService, BrowserStorage, BrowserTimer, CrossTabLock,
    FetchHttp, InTabOnly, KeyValueStorage, LogoutBroadcast, LogoutChannel, LogoutReason,
    MemoryStorage, NoBroadcast, SilentRenew, SystemClock, WebCryptoVerifier, WebLocks,
    browser_spawner,
};

/// The page's auth service with its background parts: silent renewal and the other-tab sign-out listener.
/// Keep it for the page's lifetime (dropping it stops renewal).
pub struct BrowserAuth {
    service: AuthService,
    _renewal: SilentRenew,
}

impl BrowserAuth {
    /// Builds the service for `config` on this page and starts renewal.
    pub fn start(config: &AppConfig) -> Result<Self, AuthError> {
        let origin =
            page_origin().ok_or_else(|| AuthError::Config("the page has no origin".into()))?;
        let channel = LogoutChannel::open().map(Rc::new);
        let broadcast: Rc<dyn LogoutBroadcast> = match &channel {
            Some(channel) => channel.clone(),
            None => Rc::new(NoBroadcast),
        };
        let lock: Rc<dyn CrossTabLock> = match WebLocks::available() {
            Some(locks) => Rc::new(locks),
            None => Rc::new(InTabOnly),
        };
        let deps = AuthDeps {
            http: Rc::new(FetchHttp),
            session_storage: storage(BrowserStorage::Session),
            local_storage: storage(BrowserStorage::Local),
            clock: Rc::new(SystemClock),
            lock,
            broadcast,
            cookies: Arc::new(DocumentCookies),
            signatures: Rc::new(WebCryptoVerifier),
        };
        let service = AuthService::new(AuthConfig::from_app_config(config, &origin), deps);
        if let Some(channel) = channel {
            let weak = service.downgrade();
            channel.listen(move || {
                if let Some(service) = weak.upgrade() {
                    service.logout_locally(LogoutReason::OtherTab);
                }
            });
        }
        let renewal = SilentRenew::start(
            service.token_manager(),
            Rc::new(BrowserTimer),
            browser_spawner(),
        );
        Ok(Self {
            service,
            _renewal: renewal,
        })
    }

    /// The service (cheap to clone into context).
    pub fn service(&self) -> &AuthService {
        &self.service
    }
}

/// The `/login` button: starts a sign-in and navigates to the provider.
pub async fn sign_in(service: &AuthService, return_to: &str) -> Result<(), AuthError> {
    navigate(&service.login(return_to).await?)
}

/// The `/callback` page: removes `code` and `state` from the address bar and history at once, finishes the
/// sign-in, and returns the path to route to.
pub async fn complete_sign_in(service: &AuthService) -> Result<String, AuthError> {
    let url = current_url().ok_or(AuthError::MissingCode)?;
    forget_callback_query();
    service.handle_callback(&url).await
}

/// Signs out and navigates to the provider's end-session page (or home).
pub async fn sign_out(service: &AuthService) -> Result<(), AuthError> {
    navigate(&service.logout().await.redirect_url)
}

/// Top-level navigation to `url` (the provider, or back to the app).
pub fn navigate(url: &str) -> Result<(), AuthError> {
    let location = web_sys::window()
        .ok_or_else(|| AuthError::Config("no window".into()))?
        .location();
    location
        .assign(url)
        .map_err(|_| AuthError::Config("navigation was blocked".into()))
}

/// Longest wait for an idle moment before background work runs anyway (ms).
pub const IDLE_DEADLINE_MS: u32 = 3_000;

/// Runs `task` when the browser is idle (`requestIdleCallback`, at most [`IDLE_DEADLINE_MS`] later), or after
/// a short timeout where that API is missing (Safari).
pub fn when_idle(task: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = wasm_bindgen::closure::Closure::once_into_js(task);
    let request = js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let scheduled = match request {
        Some(request) => {
            let options = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&options, &"timeout".into(), &IDLE_DEADLINE_MS.into());
            request.call2(&window, &callback, &options).is_ok()
        }
        None => false,
    };
    if !scheduled {
        let _ = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(callback.unchecked_ref(), 1_000);
    }
}

/// The page's origin, e.g. `https://bank.example`.
pub fn page_origin() -> Option<String> {
    web_sys::window()?.location().origin().ok()
}

fn current_url() -> Option<String> {
    web_sys::window()?.location().href().ok()
}

/// Replaces the current history entry with its path alone (drops `?code=…&state=…`).
fn forget_callback_query() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(path) = window.location().pathname() else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
}

/// The storage area, or memory when the browser refuses storage (then sign-in cannot survive the redirect
/// in session storage and fails with a clear error).
fn storage(area: BrowserStorage) -> Rc<dyn KeyValueStorage> {
    match area.available() {
        Some(area) => Rc::new(area),
        None => Rc::new(MemoryStorage::new()),
    }
}
