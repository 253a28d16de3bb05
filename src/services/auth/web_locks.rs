//! Browser shell: [`CrossTabLock`] over the Web Locks API (`navigator.locks.request`).

use futures::channel::oneshot;
use futures::future::LocalBoxFuture;
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;

use super::{CrossTabLock, LockGuard};

/// The lock name shared by every tab of the app.
pub const RENEWAL_LOCK_NAME: &str = "digibank-auth-renewal";

/// An exclusive Web Lock, held from grant until the guard drops (the lock callback's promise resolves then).
pub struct WebLocks {
    locks: JsValue,
    request: Function,
}

impl WebLocks {
    /// The Web Locks API, if this browser and origin offer it (it needs a secure context).
    pub fn available() -> Option<Self> {
        let navigator = web_sys::window()?.navigator();
        let locks = Reflect::get(&navigator, &JsValue::from_str("locks"))
            .ok()
            .filter(|l| l.is_object())?;
        let request = Reflect::get(&locks, &JsValue::from_str("request"))
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        Some(Self { locks, request })
    }
}

impl CrossTabLock for WebLocks {
    fn acquire(&self) -> LocalBoxFuture<'static, LockGuard> {
        let (granted, release) = oneshot::channel::<Function>();
        let on_grant = Closure::once_into_js(move |_lock: JsValue| -> Promise {
            let mut resolve_later = None;
            let held = Promise::new(&mut |resolve, _reject| resolve_later = Some(resolve));
            if let Some(resolve) = resolve_later {
                // Nobody waits any more (the renewal was dropped): release at once.
                if let Err(resolve) = granted.send(resolve) {
                    let _ = resolve.call0(&JsValue::UNDEFINED);
                }
            }
            held
        });
        let requested = self.request.call2(
            &self.locks,
            &JsValue::from_str(RENEWAL_LOCK_NAME),
            &on_grant,
        );
        Box::pin(async move {
            if requested.is_err() {
                return LockGuard::unlocked();
            }
            match release.await {
                Ok(resolve) => LockGuard::holding(Release(resolve)),
                Err(_) => LockGuard::unlocked(),
            }
        })
    }
}

/// Resolves the lock callback's promise, releasing the Web Lock.
struct Release(Function);

impl Drop for Release {
    fn drop(&mut self) {
        let _ = self.0.call0(&JsValue::UNDEFINED);
    }
}
