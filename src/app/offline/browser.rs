//! The service-worker shell (wasm only): registers `/sw.js` in release builds, tells the worker who is
//! signed in and when the session ends, forwards the worker's messages to the offline state and the query
//! cache, follows the browser's online/offline events, and offers a waiting new version.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

use send_wrapper::SendWrapper;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{
    MessageEvent, ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration,
    ServiceWorkerState,
};

use super::offline_store::OfflineStore;
use super::sw_interceptor::ServiceWorkerInterceptor;
use super::worker_message::WorkerMessage;
use crate::services::auth::AuthService;
use crate::services::http::{ApiClient, ApiError};
use crate::services::query::{QueryClient, QueryKey};

/// Every per-user API cache the worker creates starts with this (public/sw-policy.js).
const API_CACHE_PREFIX: &str = "digibank-api-";

/// The page's link to its service worker; cheap to clone.
#[derive(Clone)]
pub struct ServiceWorkerLink {
    container: ServiceWorkerContainer,
    registration: Rc<RefCell<Option<ServiceWorkerRegistration>>>,
    announced: Rc<RefCell<Option<String>>>,
    reload_requested: Rc<Cell<bool>>,
}

impl ServiceWorkerLink {
    /// Registers the worker (release builds only) and wires its messages and the browser's online state;
    /// `None` where service workers are unavailable (insecure origin, old browser) or in debug builds.
    pub fn start(
        store: &OfflineStore,
        queries: &QueryClient<ApiError>,
    ) -> Option<ServiceWorkerLink> {
        if cfg!(debug_assertions) {
            return None;
        }
        let window = web_sys::window()?;
        let navigator = window.navigator();
        if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
            return None;
        }
        let link = ServiceWorkerLink {
            container: navigator.service_worker(),
            registration: Rc::default(),
            announced: Rc::default(),
            reload_requested: Rc::default(),
        };
        link.listen_to_worker(store, queries);
        link.follow_browser_online(store);
        Some(link)
    }

    /// Registers the worker when the browser is idle once a customer is signed in (now, or at the next sign-in).
    /// Its install precaches every file of the build, chunks included (about 700 KB brotli); on a slow network
    /// that download would otherwise compete with signing in and the first screen (docs/performance.md).
    /// Keep the subscription as long as the page.
    pub fn register_when_signed_in(
        &self,
        store: &OfflineStore,
        auth: &AuthService,
    ) -> Option<crate::services::auth::Subscription> {
        let pending = Rc::new(Cell::new(Some((self.clone(), store.clone()))));
        let register = move || {
            if let Some((link, store)) = pending.take() {
                crate::services::auth::browser::when_idle(move || link.register(&store));
            }
        };
        if auth.is_authenticated() {
            register();
            return None;
        }
        Some(auth.subscribe(move |event| {
            if *event == crate::services::auth::AuthEvent::SignedIn {
                register();
            }
        }))
    }

    /// Puts the [`ServiceWorkerInterceptor`] at the front of `client`'s chain, reading the subject of `auth`.
    pub fn install_interceptor(
        &self,
        client: &ApiClient,
        store: &OfflineStore,
        auth: &AuthService,
    ) {
        let link = SendWrapper::new(self.clone());
        let auth = SendWrapper::new(auth.clone());
        let subject = Arc::new(move || {
            link.container.controller()?;
            let subject = auth.get_user()?.sub;
            link.announce(&subject);
            Some(subject)
        });
        let page = Arc::new(|| {
            web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .unwrap_or_default()
        });
        let origin = web_sys::window()
            .and_then(|w| w.location().origin().ok())
            .unwrap_or_default();
        client
            .chain()
            .push_front(Arc::new(ServiceWorkerInterceptor::new(
                store.clone(),
                subject,
                page,
                origin,
            )));
    }

    /// Tells the controlling worker who is signed in, once per change of user.
    fn announce(&self, subject: &str) {
        if self.announced.borrow().as_deref() == Some(subject) {
            return;
        }
        if let Some(worker) = self.container.controller() {
            post(
                &worker,
                &serde_json::json!({ "type": "session", "subject": subject }),
            );
            *self.announced.borrow_mut() = Some(subject.to_owned());
        }
    }

    /// Sign-out: the worker forgets the user and deletes every API cache; the page deletes them too (in
    /// case no worker runs) and forgets what it showed from them.
    pub fn purge_on_logout(&self, store: &OfflineStore) {
        self.announced.borrow_mut().take();
        store.update(|state| state.forget_data());
        let message = serde_json::json!({ "type": "logout" });
        if let Some(worker) = self.container.controller() {
            post(&worker, &message);
        }
        if let Some(worker) = self.registration.borrow().as_ref().and_then(|r| r.active()) {
            post(&worker, &message);
        }
        spawn_local(async {
            if let Err(error) = delete_api_caches().await {
                web_sys::console::warn_2(&"digibank: could not delete API caches".into(), &error);
            }
        });
    }

    /// The user accepted the new version: the waiting worker takes over, then the page reloads.
    pub fn apply_update(&self) {
        let waiting = self
            .registration
            .borrow()
            .as_ref()
            .and_then(|r| r.waiting());
        if let Some(worker) = waiting {
            self.reload_requested.set(true);
            post(&worker, &serde_json::json!({ "type": "skip-waiting" }));
        }
    }

    fn listen_to_worker(&self, store: &OfflineStore, queries: &QueryClient<ApiError>) {
        let (store, queries) = (store.clone(), queries.clone());
        let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(text) = js_sys::JSON::stringify(&event.data())
                .ok()
                .and_then(|t| t.as_string())
            else {
                return;
            };
            let Some(message) = WorkerMessage::parse(&text) else {
                return;
            };
            if store.update(|state| message.apply(state)) {
                queries.invalidate_queries(&QueryKey::new(Vec::new()));
            }
        });
        self.container
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let reload = self.reload_requested.clone();
        let on_controller = Closure::<dyn Fn()>::new(move || {
            if reload.get()
                && let Some(window) = web_sys::window()
            {
                let _ = window.location().reload();
            }
        });
        self.container
            .set_oncontrollerchange(Some(on_controller.as_ref().unchecked_ref()));
        on_controller.forget();
    }

    fn follow_browser_online(&self, store: &OfflineStore) {
        let Some(window) = web_sys::window() else {
            return;
        };
        store.update(|state| state.set_browser_online(window.navigator().on_line()));
        for (event, online) in [("online", true), ("offline", false)] {
            let store = store.clone();
            let listener = Closure::<dyn Fn()>::new(move || {
                store.update(|state| state.set_browser_online(online));
            });
            let _ =
                window.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
            listener.forget();
        }
    }

    fn register(&self, store: &OfflineStore) {
        let (link, store) = (self.clone(), store.clone());
        spawn_local(async move {
            let registered = JsFuture::from(link.container.register("/sw.js")).await;
            match registered.and_then(|r| r.dyn_into::<ServiceWorkerRegistration>()) {
                Ok(registration) => link.watch_updates(registration, store),
                Err(error) => web_sys::console::warn_2(
                    &"digibank: service worker not registered".into(),
                    &error,
                ),
            }
        });
    }

    /// Offers the reload when a new worker is installed while an older one controls the page.
    fn watch_updates(&self, registration: ServiceWorkerRegistration, store: OfflineStore) {
        let container = self.container.clone();
        let offer = move |store: &OfflineStore| {
            if container.controller().is_some() {
                store.update(|state| state.set_update_waiting());
            }
        };
        if registration.waiting().is_some() {
            offer(&store);
        }
        let watched = registration.clone();
        let on_update = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = watched.installing() else {
                return;
            };
            let (store, offer, worker) = (store.clone(), offer.clone(), installing.clone());
            let on_state = Closure::<dyn Fn()>::new(move || {
                if worker.state() == ServiceWorkerState::Installed {
                    offer(&store);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        registration.set_onupdatefound(Some(on_update.as_ref().unchecked_ref()));
        on_update.forget();
        *self.registration.borrow_mut() = Some(registration);
    }
}

/// Sends `message` to `worker` as a structured-clone object.
fn post(worker: &ServiceWorker, message: &serde_json::Value) {
    if let Ok(value) = js_sys::JSON::parse(&message.to_string()) {
        let _ = worker.post_message(&value);
    }
}

/// Deletes every Cache Storage cache whose name starts with [`API_CACHE_PREFIX`].
async fn delete_api_caches() -> Result<(), JsValue> {
    let caches = web_sys::window().ok_or(JsValue::NULL)?.caches()?;
    let names: js_sys::Array = JsFuture::from(caches.keys()).await?.dyn_into()?;
    for name in names.iter().filter_map(|n| n.as_string()) {
        if name.starts_with(API_CACHE_PREFIX) {
            JsFuture::from(caches.delete(&name)).await?;
        }
    }
    Ok(())
}
